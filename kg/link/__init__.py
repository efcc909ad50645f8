"""Links to the records other publishers keep: the Tweede Kamer's open data, Wikidata.

Importing this package registers its build components (run after the extractors, named in
`data/pipeline.json`): `tk_records` (entities and votes from Tweede Kamer OData records) and
`wikidata_links` (items accepted into `data/links/wikidata.csv`, applied offline). The online
lookup that fills that file is `kg.link.lookup`, run by `kg link --wikidata`.
"""

from kg.link import tk_records, wikidata_links  # noqa: F401  (registration)
