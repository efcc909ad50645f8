"""Extractors: importing this package registers every mention extractor by name.

Recommended order in the pipeline (earlier extractors win overlapping spans, see
`kg.extract.mentions`): kamerstukken, gazetteer, meetings, discovery, parties, persons, countries.
"""

from kg.extract import countries, discovery, gazetteer, kamerstukken, meetings, parties, persons  # noqa: F401  (registration)
from kg.extract import facts  # noqa: F401,E402  (registration of the fact extractors)
