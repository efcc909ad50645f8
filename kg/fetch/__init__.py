"""Fetching from the official sources: the Tweede Kamer SyncFeed and KOOP publications.

`kg.fetch.documents.fetch` is what `kg fetch` runs; `kg.fetch.http` is the polite HTTP client it
shares with `kg link` (Wikidata).
"""
