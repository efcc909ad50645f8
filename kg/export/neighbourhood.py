"""The part of a graph around one entity: what `kg view --focus LABEL --depth N` shows.

The neighbourhood follows facts (contributions, dependences, leadership, citations, motion
references) in either direction, not mentions: every entity a document names is one mention
away from it, so through mentions depth 2 would be everything the focus's documents say.
"""

from __future__ import annotations

import networkx as nx

from kg.errors import KgError
from kg.export.graph import MENTION


def _names(iri: str, data: dict) -> set[str]:
    names = {iri, data.get("label", ""), *data.get("labels", {}).values(), *data.get("alt_labels", []),
             *data.get("ids", {}).values()}
    return {n.casefold() for n in names if n}


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node called `name` (a label, surface form, identifier or IRI, any case); else the one
    node whose label contains it; else a usage error listing the candidates."""
    wanted = name.casefold()
    exact = [n for n, d in graph.nodes(data=True) if wanted in _names(n, d)]
    if len(exact) == 1:
        return exact[0]
    candidates = exact or [n for n, d in graph.nodes(data=True) if any(wanted in x for x in _names(n, d))]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise KgError("usage", f"no entity called {name!r} in the graph",
                      hint="give a label, an alternative label (RSM) or an identifier (Q30, US); "
                           "`kg query entities` lists them")
    listing = "; ".join(sorted(f"{graph.nodes[n]['label']} ({graph.nodes[n]['type']})" for n in candidates)[:10])
    raise KgError("usage", f"{len(candidates)} entities match {name!r}: {listing}",
                  hint="give the full label or the IRI of the one you mean")


def neighbourhood(graph: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    """The nodes within `depth` facts of the node called `focus`, with the facts between them;
    `graph.graph["focus"]` names the centre."""
    if depth < 0:
        raise KgError("usage", f"--depth must be 0 or more, not {depth}")
    centre = find_node(graph, focus)
    facts = nx.Graph()
    facts.add_nodes_from(graph)
    facts.add_edges_from((u, v) for u, v, kind in graph.edges(data="kind") if kind != MENTION)
    reach = nx.single_source_shortest_path_length(facts, centre, cutoff=depth)
    sub = graph.subgraph(reach).copy()
    sub.remove_edges_from([(u, v, k) for u, v, k, kind in sub.edges(keys=True, data="kind") if kind == MENTION])
    sub.graph["focus"] = centre
    return sub
