"""The store as a networkx graph (kg/export/graph.py) and the neighbourhood of one entity
(kg/export/neighbourhood.py): checked against SPARQL over the same store, and on a store
written by hand."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg.errors import KgError
from kg.export.graph import DOCUMENT, MENTION, NODE_TYPES
from kg.export.neighbourhood import find_node, neighbourhood
from kg.namespaces import sparql_prologue
from kg.rdf.triples import FACTS
from kg.store import Store

KG = "https://w3id.org/kg-nato/def#"
#: the same dependence stated in two documents, one of them also dated and naming a contribution
TWO_DOCUMENTS = """
@prefix kg: <https://w3id.org/kg-nato/def#> . @prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix id: <urn:test:> .
id:d1g { id:d1 a kg:Document ; kg:sourceFile "one.txt" ; dcterms:date "2020-05-01"^^xsd:date ;
           kg:mentions id:rsm, id:us, id:nl .
  id:rsm a kg:Mission ; skos:prefLabel "Resolute Support Mission"@en ; skos:altLabel "RSM" .
  id:us a kg:Country ; skos:prefLabel "United States"@en ; skos:notation "US" ;
        skos:exactMatch <http://www.wikidata.org/entity/Q30> .
  id:nl a kg:Country ; skos:prefLabel "Netherlands"@en .
  id:f1 a kg:Dependence ; kg:mission id:rsm ; kg:provider id:us ; prov:wasDerivedFrom id:d1 ;
        kg:evidence "RSM leunt op de VS." ; kg:start 0 ; kg:end 19 .
  id:f3 a kg:Contribution ; kg:country id:nl ; kg:mission id:rsm ; kg:year "2020"^^xsd:gYear ;
        kg:amount 160.0 ; prov:wasDerivedFrom id:d1 ; kg:evidence "Nederland levert 160 militairen." .
  id:d1 kg:mentionOffsets "{\\"urn:test:rsm\\":[[0,3],[40,43],[90,93]]}"^^rdf:JSON . }
id:d2g { id:d2 a kg:Document ; kg:sourceFile "two.txt" ; dcterms:date "2021"^^xsd:gYear ; kg:mentions id:rsm, id:us .
  id:rsm a kg:Mission ; skos:prefLabel "Resolute Support Mission"@en .
  id:us a kg:Country ; skos:prefLabel "United States"@en .
  id:f2 a kg:Dependence ; kg:mission id:rsm ; kg:provider id:us ; prov:wasDerivedFrom id:d2 ;
        kg:evidence "Zonder de VS geen RSM." ; kg:start 5 ; kg:end 27 . }
"""


@pytest.fixture(scope="module")
def hand_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hand") / "store"
    store = Store(path)
    quads = list(ox.parse(TWO_DOCUMENTS.encode(), format=ox.RdfFormat.TRIG))
    for graph in sorted({q.graph_name.value for q in quads}):
        store.replace_graphs([], graph, [q for q in quads if q.graph_name.value == graph])
    store.close()
    return path


def test_export_graph_one_statement_in_two_documents_is_one_edge(hand_store: Path):
    graph = api.to_networkx(hand_store)
    (key, data), = graph.get_edge_data("urn:test:rsm", "urn:test:us").items()
    assert data["kind"] == "Dependence" and data["relation"] == "dependsOn" and data["label"] == "depends on"
    assert data["document_count"] == 2 and sorted(data["sources"]) == ["one.txt", "two.txt"]
    assert sorted(data["evidence"]) == ["RSM leunt op de VS.", "Zonder de VS geen RSM."]
    contribution = next(iter(graph.get_edge_data("urn:test:nl", "urn:test:rsm").values()))
    assert contribution["qualifiers"] == {"year": 2020, "amount": 160.0}
    assert type(contribution["qualifiers"]["year"]) is int and type(contribution["qualifiers"]["amount"]) is float


def test_export_graph_nodes_carry_type_labels_identifiers_and_documents(hand_store: Path):
    graph = api.to_networkx(hand_store)
    us = graph.nodes["urn:test:us"]
    assert us["type"] == "Country" and us["label"] == "United States"
    assert us["ids"] == {"notation": "US", "wikidata": "Q30"}
    rsm = graph.nodes["urn:test:rsm"]
    assert rsm["alt_labels"] == ["RSM"] and rsm["documents"] == ["urn:test:d1", "urn:test:d2"]
    assert rsm["document_count"] == 2 and rsm["mentions"] == 3
    assert graph.nodes["urn:test:d1"]["type"] == DOCUMENT and graph.nodes["urn:test:d1"]["date"] == "2020-05-01"
    assert graph.has_edge("urn:test:d1", "urn:test:rsm", MENTION)


def test_export_graph_subsets_by_document_date_and_type(hand_store: Path):
    only_two = api.to_networkx(hand_store, documents=["two.txt"])
    assert set(only_two) == {"urn:test:d2", "urn:test:rsm", "urn:test:us"}
    (data,) = only_two.get_edge_data("urn:test:rsm", "urn:test:us").values()
    assert data["documents"] == ["urn:test:d2"] and data["evidence"] == ["Zonder de VS geen RSM."]
    assert set(api.to_networkx(hand_store, since="2021")) == set(only_two)  # 2021 ≥ 2021; 2020-05-01 is not
    assert set(api.to_networkx(hand_store, until="2020-12")) == {"urn:test:d1", "urn:test:rsm", "urn:test:us", "urn:test:nl"}
    countries = api.to_networkx(hand_store, types=["country"])
    assert {t for _, t in countries.nodes(data="type")} == {"Country"} and countries.number_of_edges() == 0
    with pytest.raises(KgError, match="unknown node type"):
        api.to_networkx(hand_store, types=["Missile"])
    with pytest.raises(KgError, match="not a date"):
        api.to_networkx(hand_store, since="last year")


def test_export_graph_from_a_construct_keeps_what_it_returns(hand_store: Path):
    graph = api.to_networkx(hand_store, construct="CONSTRUCT { ?f ?p ?o } WHERE { ?f a kg:Contribution ; ?p ?o }")
    assert set(graph) == {"urn:test:nl", "urn:test:rsm", "urn:test:d1"}
    assert [k for *_, k in graph.edges(data="kind")] == ["Contribution"]
    assert graph.nodes["urn:test:rsm"]["label"] == "Resolute Support Mission"  # described from the store
    with pytest.raises(KgError, match="CONSTRUCT"):
        api.to_networkx(hand_store, construct="SELECT * WHERE { ?s ?p ?o }")


def direct_pairs(store: Store, predicate: str) -> set[tuple[str, str]]:
    """Pairs joined by `predicate` directly (kg:kamerstuk is also a role of a statement node and of
    its fact in the summary graph: not those)."""
    rows = store.query(sparql_prologue() + f"SELECT DISTINCT ?a ?b WHERE {{ ?a {predicate} ?b "
                       "FILTER NOT EXISTS { ?a prov:wasDerivedFrom ?document } FILTER NOT EXISTS { ?a kg:example ?statement } }")
    return {(r["a"].value, r["b"].value) for r in rows}


def test_export_graph_of_the_seed_store_has_every_fact_the_store_states(seed_store: Path):
    store = Store(seed_store, read_only=True)
    graph = api.to_networkx(seed_store)
    pairs = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        pairs[data["relation"]].add((u, v))
        assert data["document_count"] == len(data["documents"]) >= 1
        assert data["kind"] == MENTION or data["evidence"], (u, v, data)
    for spec in FACTS.values():
        for subject, predicate, obj in spec.direct:
            if obj.startswith("role:"):  # a direct triple between two nodes is an edge
                assert pairs[predicate.split(":")[1]] == direct_pairs(store, predicate), predicate
    assert pairs["mentions"] == direct_pairs(store, "kg:mentions")
    assert all(t in NODE_TYPES and graph.nodes[n]["label"] for n, t in graph.nodes(data="type"))


def test_export_graph_citation_network_is_the_cites_triples(seed_store: Path):
    citations = api.citation_network(seed_store)
    assert {k for *_, k in citations.edges(data="kind")} == {"Citation"}
    assert set(citations.edges()) == direct_pairs(Store(seed_store, read_only=True), "cito:cites")
    assert all(t in (DOCUMENT, "Kamerstuk") for _, t in citations.nodes(data="type"))


def test_export_neighbourhood_follows_facts_not_mentions(hand_store: Path):
    graph = api.to_networkx(hand_store)
    assert find_node(graph, "rsm") == find_node(graph, "Resolute Support Mission") == "urn:test:rsm"
    assert find_node(graph, "Q30") == "urn:test:us"
    near = neighbourhood(graph, "RSM", 1)
    assert set(near) == {"urn:test:rsm", "urn:test:us", "urn:test:nl"} and near.graph["focus"] == "urn:test:rsm"
    assert MENTION not in {k for *_, k in near.edges(data="kind")}
    assert set(neighbourhood(graph, "RSM", 0)) == {"urn:test:rsm"}
    with pytest.raises(KgError, match="no entity called"):
        neighbourhood(graph, "Atlantis", 2)
    twin = graph.copy()
    twin.add_node("urn:test:uk", type="Country", label="United Kingdom")
    with pytest.raises(KgError, match="2 entities match 'Unit'"):
        find_node(twin, "Unit")
