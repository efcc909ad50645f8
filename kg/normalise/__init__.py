"""Document.raw → normalised text, an offset map back into raw, and the footnotes."""

from kg.normalise.core import Normalised, normalise

__all__ = ["normalise", "Normalised"]
