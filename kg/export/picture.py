"""A static picture of a (focused) graph for a report: `kg view --png|--svg`.

Drawn with matplotlib over a networkx spring layout, not Graphviz: both are fine at drawing,
but matplotlib installs from PyPI with kg, while Graphviz is a system program a Windows
analyst may not have. Legibility decides the limits: every node is named (long names wrapped),
facts are named on their arrows while there are few enough to read, and a legend gives the
colour of each type; past `MAX_NODES` nodes no label can be read, so we ask for a focus.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.export.graph import NODE_TYPES
from kg.export.style import colour

MAX_NODES = 150
MAX_EDGE_LABELS = 40


def draw(graph: nx.MultiDiGraph, path: Path, title: str, fmt: str = "png") -> None:
    """Write the picture to `path` as `fmt` (`png` or `svg`)."""
    if graph.number_of_nodes() > MAX_NODES:
        raise KgError("usage", f"{graph.number_of_nodes()} nodes are too many for a legible picture (at most {MAX_NODES})",
                      hint="pick a part: --focus LABEL --depth 1 or 2, or --type, or --document")
    import matplotlib

    matplotlib.use("Agg")  # files only, no window
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    n = max(graph.number_of_nodes(), 1)
    side = min(18.0, 6.0 + 1.1 * math.sqrt(n))
    fig, ax = plt.subplots(figsize=(side * 1.25, side))
    focus = graph.graph.get("focus")
    pos = (nx.shell_layout(graph, nlist=_rings(graph, focus)) if focus in graph
           else nx.spring_layout(graph, seed=7, k=2.2 / math.sqrt(n), iterations=200))
    types = dict(graph.nodes(data="type"))
    simple = nx.DiGraph(graph)  # one arrow per pair of nodes, however many facts join them
    nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#9aa0a8", width=1.2, arrowsize=12,
                           node_size=[_size(graph, x, focus) for x in simple.nodes], connectionstyle="arc3,rad=0.06")
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=[colour(types[x]) for x in graph.nodes],
                           node_size=[_size(graph, x, focus) for x in graph.nodes],
                           edgecolors=["#111" if x == focus else "#fff" for x in graph.nodes],
                           linewidths=[2.5 if x == focus else 0.8 for x in graph.nodes])
    shifted = {x: (p[0], p[1] - 0.045) for x, p in pos.items()}
    for x, d in graph.nodes(data=True):
        nx.draw_networkx_labels(graph, shifted, {x: textwrap.fill(d.get("label", x), 22)}, ax=ax,
                                font_size=11 if x == focus else 9, font_weight="bold" if x == focus else "normal",
                                verticalalignment="top",
                                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    if 0 < simple.number_of_edges() <= MAX_EDGE_LABELS:
        edge_labels = {(u, v): " / ".join(sorted({d.get("label", "") for d in graph[u][v].values()}))
                       for u, v in simple.edges}
        nx.draw_networkx_edge_labels(simple, pos, edge_labels, ax=ax, font_size=7, font_color="#444",
                                     bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 0.5})
    counts = Counter(types.values())
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=colour(t), markeredgecolor="#fff",
                      label=f"{t} ({counts[t]})") for t in NODE_TYPES if counts[t]]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=10, title="Type")
    ax.set_title(title, fontsize=13, loc="left")
    ax.margins(0.08)
    ax.axis("off")
    fig.tight_layout()
    # no creation date in the file, so that the same graph gives the same bytes
    fig.savefig(path, format=fmt, dpi=150, bbox_inches="tight",
                metadata={"Date": None} if fmt == "svg" else {"Software": "kg view"})
    plt.close(fig)


def _size(graph: nx.MultiDiGraph, node: str, focus: str | None) -> float:
    return (900 if node == focus else 260) + 60 * graph.degree(node)


def _rings(graph: nx.MultiDiGraph, focus: str) -> list[list[str]]:
    """The focus alone, then the nodes one fact away, two facts away…: concentric rings, each
    in the order breadth-first search reaches it, so that siblings sit side by side."""
    distance, rings = {focus: 0}, [[focus]]
    for parent, child in nx.bfs_edges(nx.Graph(graph), focus):
        distance[child] = distance[parent] + 1
        if len(rings) <= distance[child]:
            rings.append([])
        rings[distance[child]].append(child)
    rest = sorted(set(graph) - set(distance))  # not reachable: none in a neighbourhood, kept all the same
    return rings + ([rest] if rest else [])
