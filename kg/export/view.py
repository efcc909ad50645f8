"""One self-contained HTML page that shows a graph: `kg view`.

The page inlines everything it needs — the graph as JSON, the page's own script and style
(`assets/view.js`, `assets/view.css`) and Cytoscape.js with the fCoSE layout
(`assets/vendor/`, copied from their npm packages) — so it opens offline, from a mail
attachment or a USB stick, with no CDN. The JSON is compact (documents by index) because a
5,000-node graph should stay a few megabytes.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.graph import DOCUMENT, NODE_TYPES
from kg.export.style import TYPE_COLOURS, colour

ASSETS = Path(__file__).resolve().parent / "assets"
#: inlined in this order: the library first, then the layout's dependencies, then the layout.
VENDOR_FILES: tuple[str, ...] = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js")
#: above this many nodes and edges the page uses fCoSE's fast spectral layout, plainer edges,
#: and names only the nodes in view
DETAILED_LAYOUT_LIMIT = 3000
_DOCUMENT_META = ("title", "identifier", "date", "doc_type", "source")


def view_data(graph: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """What the page's script reads: nodes and edges by index, documents by index."""
    documents = graph.graph.get("documents", {})
    doc_index = {iri: i for i, iri in enumerate(documents)}
    node_index = {n: i for i, n in enumerate(graph.nodes)}
    nodes = []
    for iri, d in graph.nodes(data=True):
        node = {"id": iri, "label": d.get("label", iri), "type": d.get("type", ""), "labels": d.get("labels", {}),
                "alt": d.get("alt_labels", []), "ids": d.get("ids", {}),
                "docs": [doc_index[x] for x in d.get("documents", []) if x in doc_index]}
        if d.get("type") == DOCUMENT:
            node["meta"] = {k: d[k] for k in _DOCUMENT_META if d.get(k)}
            node["doc"] = doc_index.get(iri)
        nodes.append(node)
    edges = [{"s": node_index[u], "t": node_index[v], "kind": d.get("kind", ""), "label": d.get("label", ""),
              "q": d.get("qualifiers", {}), "docs": [doc_index[x] for x in d.get("documents", []) if x in doc_index],
              "ev": d.get("evidence", [])}
             for u, v, d in graph.edges(data=True)]
    types = [{"name": t, "colour": colour(t)} for t in NODE_TYPES]
    types += [{"name": t, "colour": colour(t)} for t in sorted({n["type"] for n in nodes} - set(TYPE_COLOURS))]
    return {"title": title, "focus": node_index.get(graph.graph.get("focus")), "types": types,
            "documents": [{"id": iri, **meta} for iri, meta in documents.items()],
            "nodes": nodes, "edges": edges, "detailed_layout_limit": DETAILED_LAYOUT_LIMIT}


def _script_safe(text: str) -> str:
    """Text that cannot end the <script> element it is placed in."""
    return text.replace("</", "<\\/")


def render_html(graph: nx.MultiDiGraph, title: str) -> str:
    """The page, with the graph, the libraries and the script inlined."""
    libraries = "\n".join(f"<script>/* {name} */\n{_script_safe((ASSETS / 'vendor' / name).read_text(encoding='utf-8'))}\n</script>"
                          for name in VENDOR_FILES)
    data = _script_safe(json.dumps(view_data(graph, title), ensure_ascii=False, separators=(",", ":")))
    page = (ASSETS / "view.html").read_text(encoding="utf-8")
    parts = {"{{TITLE}}": html.escape(title), "{{STYLE}}": (ASSETS / "view.css").read_text(encoding="utf-8"),
             "{{DATA}}": data, "{{LIBRARIES}}": libraries,
             "{{APP}}": _script_safe((ASSETS / "view.js").read_text(encoding="utf-8"))}
    return re.sub(r"\{\{[A-Z]+\}\}", lambda m: parts[m.group(0)], page)  # one pass: no value is rescanned


def write_view(graph: nx.MultiDiGraph, path: Path, title: str) -> None:
    path.write_text(render_html(graph, title), encoding="utf-8")
