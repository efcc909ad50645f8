"""kg: a knowledge graph of NATO policy built from Dutch parliamentary documents."""

__version__ = "0.1.0"
