"""The graph as the files visualisation tools open: GraphML (yEd, Cytoscape, Gephi), GEXF 1.3
(Gephi), node-link JSON (D3), Cytoscape.js JSON, Graphviz DOT and two CSV tables.

Tools read scalars only, so lists become one `|`-separated string and a dict becomes one
attribute per key (`labels` → `labels_en`; `ids` → `ids_wikidata`; `qualifiers` →
`qualifiers_year`); numbers and booleans keep their type, which GraphML and GEXF declare. Each node also gets
its `iri` and a `color` by type. GraphML wants XML names as ids (an IRI is not one), so its
nodes are `n0`, `n1`, … with the IRI as an attribute; the other formats keep the IRI as id.
The two JSON formats keep lists as arrays: JavaScript reads them as they are.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, BinaryIO, Callable

import networkx as nx

from kg.export.style import colour

#: format name → whether it is written as two files (`PREFIX.nodes.csv`, `PREFIX.edges.csv`).
NETWORK_FORMATS: dict[str, bool] = {"graphml": False, "gexf": False, "json": False, "cytoscape": False,
                                    "dot": False, "csv": True}
SEPARATOR = "|"


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def flat_attributes(data: dict[str, Any], *, lists: bool = False) -> dict[str, Any]:
    """Scalars only: dicts spread into one attribute per key, lists joined (kept when
    `lists`, for JSON), `None` dropped."""
    def scalar(value: Any) -> Any:
        if isinstance(value, (list, tuple, set)) and not lists:
            return SEPARATOR.join(map(_text, value))
        return value

    flat: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, dict):
            flat.update({f"{name}_{k}": scalar(v) for k, v in sorted(value.items()) if v is not None})
        elif value is not None:
            flat[name] = scalar(value)
    return flat


def flat_graph(graph: nx.MultiDiGraph, *, short_ids: bool = False, lists: bool = False) -> nx.MultiDiGraph:
    """A copy with flat attributes, an `iri` and a `color` per node, node ids `n0`… when
    `short_ids`, and edge keys `e0`…"""
    ids = {n: (f"n{i}" if short_ids else n) for i, n in enumerate(graph.nodes)}
    flat = nx.MultiDiGraph(name=graph.graph.get("name", "kg"))
    for node, data in graph.nodes(data=True):
        flat.add_node(ids[node], iri=node, **flat_attributes(data, lists=lists), color=colour(data.get("type", "")))
    for i, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        flat.add_edge(ids[u], ids[v], f"e{i}", **flat_attributes(data, lists=lists))
    return flat


def _graphml(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    nx.write_graphml(flat_graph(graph, short_ids=True), out, encoding="utf-8", prettyprint=True)


def _gexf(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    flat = flat_graph(graph)
    for *_, data in flat.edges(data=True):  # Gephi draws an edge as thick as its weight
        data["weight"] = float(data.get("document_count", 1))
    for _, data in flat.nodes(data=True):  # Gephi colours nodes by viz:color as it opens the file
        rgb = data["color"].lstrip("#")
        data["viz"] = {"color": {"r": int(rgb[0:2], 16), "g": int(rgb[2:4], 16), "b": int(rgb[4:6], 16), "a": 1.0}}
    text = "\n".join(nx.generate_gexf(flat, encoding="utf-8", prettyprint=True, version="1.3"))
    # networkx 3.6 names the XML Schema instance namespace without its `www.` for GEXF 1.3
    text = text.replace('"http://w3.org/2001/XMLSchema-instance"', '"http://www.w3.org/2001/XMLSchema-instance"', 1)
    out.write(text.encode("utf-8"))


def _node_link(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    data = nx.node_link_data(flat_graph(graph, lists=True), edges="links")
    out.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def _cytoscape(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Cytoscape.js elements (`{"elements": {"nodes": [{"data": …}], "edges": …}}`), which
    Cytoscape desktop imports as `.cyjs`; `name` is the label both show."""
    g = flat_graph(graph, lists=True)
    nodes = [{"data": {"id": n, "name": d.get("label", n), **d}} for n, d in g.nodes(data=True)]
    edges = [{"data": {"id": k, "source": u, "target": v, "name": d.get("label", ""), **d}}
             for u, v, k, d in g.edges(keys=True, data=True)]
    document = {"data": {"name": g.graph["name"]}, "directed": True, "multigraph": True,
                "elements": {"nodes": nodes, "edges": edges}}
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


def _dot_quote(value: Any) -> str:
    return '"' + _text(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    """Graphviz DOT: every attribute a quoted string; `label`, `fillcolor` drive the drawing."""
    flat = flat_graph(graph)

    def attrs(data: dict[str, Any]) -> str:
        return ", ".join(f"{_dot_quote(k)}={_dot_quote(v)}" for k, v in data.items())

    lines = [f"digraph {_dot_quote(flat.graph['name'])} {{",
             '  graph [overlap="false", splines="true", fontname="Helvetica"];',
             '  node [shape="ellipse", style="filled", fontname="Helvetica", fontcolor="white"];',
             '  edge [fontname="Helvetica", fontsize="9"];']
    for node, data in flat.nodes(data=True):
        lines.append(f"  {_dot_quote(node)} [{attrs({**data, 'fillcolor': data['color']})}];")
    for u, v, data in flat.edges(data=True):
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [{attrs(data)}];")
    lines.append("}")
    out.write(("\n".join(lines) + "\n").encode("utf-8"))


def _csv_table(rows: list[dict[str, Any]], first: list[str]) -> str:
    columns = first + sorted({k for row in rows for k in row} - set(first))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _text(v) for k, v in row.items()} for row in rows)
    return text.getvalue()


def csv_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """Node and edge tables with the column names Gephi's spreadsheet import expects
    (`Id`, `Label`; `Source`, `Target`, `Type`, `Id`, `Label`)."""
    flat = flat_graph(graph)
    nodes = [{"Id": n, "Label": d.get("label", ""), **{k: v for k, v in d.items() if k != "label"}}
             for n, d in flat.nodes(data=True)]
    edges = [{"Source": u, "Target": v, "Type": "Directed", "Id": k, "Label": d.get("label", ""),
              **{x: y for x, y in d.items() if x != "label"}} for u, v, k, d in flat.edges(keys=True, data=True)]
    return (_csv_table(nodes, ["Id", "Label", "type"]),
            _csv_table(edges, ["Source", "Target", "Type", "Id", "Label", "kind"]))


WRITERS: dict[str, Callable[[nx.MultiDiGraph, BinaryIO], None]] = {
    "graphml": _graphml, "gexf": _gexf, "json": _node_link, "cytoscape": _cytoscape, "dot": _dot}


def write_network(graph: nx.MultiDiGraph, fmt: str, output: BinaryIO | Path) -> list[Path]:
    """Write `graph` in `fmt` to a stream or a path; CSV writes `<stem>.nodes.csv` and
    `<stem>.edges.csv` beside `output` and returns both paths."""
    if NETWORK_FORMATS[fmt]:
        base = Path(output)
        stem = base.name[: -len(".csv")] if base.name.endswith(".csv") else base.name
        paths = [base.with_name(f"{stem}.nodes.csv"), base.with_name(f"{stem}.edges.csv")]
        for path, table in zip(paths, csv_tables(graph)):
            path.write_text(table, encoding="utf-8")
        return paths
    if isinstance(output, Path):
        with output.open("wb") as out:
            WRITERS[fmt](graph, out)
        return [output]
    WRITERS[fmt](graph, output)
    return []
