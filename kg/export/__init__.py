"""The graph handed to other tools: RDF dumps, a networkx graph, files for Gephi, yEd,
Cytoscape, D3, Graphviz and spreadsheets, an interactive HTML view and a static picture.

Everything here reads the store through SPARQL (`kg.store.Store.query`) and never writes it.
"""
