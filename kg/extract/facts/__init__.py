"""Fact extractors, one module per kind of fact, each named after the fact it produces."""

from kg.extract.facts import contributes, depends_on, leads, motions, questions, spending  # noqa: F401  (registers)
