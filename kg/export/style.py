"""One colour per node type, the same in every file, the view and the picture, so that an
analyst who learnt "orange is a country" in Gephi reads the HTML view the same way.

The colours are Tableau 10 (matplotlib's `tab10`), chosen to stay distinguishable for most
colour-blind readers; documents get a dark slate so that they recede behind the entities.
"""

from __future__ import annotations

TYPE_COLOURS: dict[str, str] = {
    "Mission": "#d62728",
    "Country": "#ff7f0e",
    "Organisation": "#1f77b4",
    "Initiative": "#2ca02c",
    "Capability": "#9467bd",
    "Motion": "#8c564b",
    "Kamerstuk": "#7f7f7f",
    "Party": "#e377c2",
    "Person": "#bcbd22",
    "Meeting": "#17becf",
    "Document": "#2f3e4e",
}
OTHER_COLOUR = "#aaaaaa"


def colour(node_type: str) -> str:
    return TYPE_COLOURS.get(node_type, OTHER_COLOUR)
