"""Entity parameters: a name is resolved to the IRIs of the entities carrying it before the
query runs (index lookups for the usual spellings, a scan for any other), then bound as IRIs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.queries import (
    NamedQuery,
    bind,
    entity_lookup,
    entity_scan,
    resolve_entities,
    with_prologue,
)

EX = "http://example.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
QUERY = """# title: Providers
# param who (entity): a name
SELECT ?f WHERE {
  GRAPH ?g { ?f <http://example.org/provider> ?who }
  FILTER(!BOUND(?param_who) || ?who = ?param_who)
}
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """Two documents repeating the labels of the entities they mention, as kg writes them."""
    s = ox.Store()
    labels = {"fr": [("prefLabel", "France", "en"), ("prefLabel", "Frankrijk", "nl"), ("altLabel", "Franse", None),
                     ("notation", "FR", None)],
              "us": [("prefLabel", "United States of America", "en"), ("altLabel", "VS", None)]}
    for doc in ("a", "b"):
        graph = ox.NamedNode(f"{EX}{doc}")
        for key, names in labels.items():
            entity = ox.NamedNode(EX + key)
            s.add(ox.Quad(ox.NamedNode(f"{EX}{doc}-fact-{key}"), ox.NamedNode(EX + "provider"), entity, graph))
            for prop, text, lang in names:
                s.add(ox.Quad(entity, ox.NamedNode(SKOS + prop), ox.Literal(text, language=lang), graph))
    return s


@pytest.fixture
def named(tmp_path: Path) -> NamedQuery:
    from kg.queries import parse_query_file

    path = tmp_path / "providers.rq"
    path.write_text(QUERY, encoding="utf-8")
    return parse_query_file(path)


def run(store: ox.Store, text: str) -> list[str]:
    return sorted(r[0].value for r in store.query(text, use_default_graph_as_union=True))


def test_entity_parameter_is_declared(named: NamedQuery):
    assert named.entity_params == {"who"} and named.params == {"who": "a name"}


@pytest.mark.parametrize("name", ["FR", "fr", "France", "frankrijk", "FRANKRIJK", "Franse"])
def test_entity_lookup_finds_usual_spellings(store: ox.Store, name: str):
    assert run(store, entity_lookup(name)) == [EX + "fr"]


def test_entity_scan_finds_any_capitalisation(store: ox.Store):
    """No usual spelling of "united states of america" is "United States of America"."""
    assert run(store, entity_lookup("united states of america")) == []
    assert run(store, entity_scan("united states of america")) == [EX + "us"]


def test_entity_parameter_binds_the_resolved_iris(store: ox.Store, named: NamedQuery):
    resolved = resolve_entities(named, {"who": "vs"}, lambda q: store.query(q, use_default_graph_as_union=True))
    assert resolved == {"who": [EX + "us"]}
    assert run(store, with_prologue(bind(named, {"who": "vs"}, resolved))) == [f"{EX}a-fact-us", f"{EX}b-fact-us"]


def test_entity_parameter_naming_nothing_gives_no_rows(store: ox.Store, named: NamedQuery):
    resolved = resolve_entities(named, {"who": "Atlantis"}, lambda q: store.query(q, use_default_graph_as_union=True))
    assert resolved == {"who": []}
    assert run(store, with_prologue(bind(named, {"who": "Atlantis"}, resolved))) == []


def test_entity_parameter_with_several_iris(store: ox.Store, named: NamedQuery):
    text = with_prologue(bind(named, {"who": "x"}, {"who": [EX + "fr", EX + "us"]}))
    assert len(run(store, text)) == 4


def test_entity_parameter_given_as_iri_is_not_looked_up(named: NamedQuery):
    def refuse(_query: str):
        raise AssertionError("an IRI needs no lookup")

    assert resolve_entities(named, {"who": EX + "fr"}, refuse) == {}
