"""Entities and facts → RDF quads with provenance, and the SHACL check of what was written.

`triples` turns one extracted `Doc` into the quads of its named graph (the vocabulary is
`ontology/kg.ttl`); `validate` checks a graph against `ontology/shapes.ttl`.
"""
