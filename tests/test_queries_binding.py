"""Parameters are bound as RDF terms: no value can change a query's structure."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.queries import NamedQuery, bind, parse_query_file, to_term, with_prologue

QUERY = """# title: Labels
# param name: a label
PREFIX ex: <http://example.org/WHERE/>
SELECT ?s ("WHERE { '" AS ?decoy) WHERE {
  # a comment with WHERE { in it
  ?s <http://example.org/label> ?label .
  FILTER(!BOUND(?param_name) || ?label = ?param_name)
}
"""


@pytest.fixture
def named(tmp_path: Path):
    path = tmp_path / "labels.rq"
    path.write_text(QUERY, encoding="utf-8")
    return parse_query_file(path)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    for i, label in enumerate(["US", 'say "hi"', "a}b", "x # y"]):
        s.add(ox.Quad(ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://example.org/label"), ox.Literal(label)))
    return s


def run(store: ox.Store, text: str) -> list[str]:
    return sorted(r["s"].value for r in store.query(text))


def test_queries_header_is_parsed(named):
    assert named.title == "Labels"
    assert named.params == {"name": "a label"}


def test_queries_unbound_parameter_returns_every_row(named, store):
    assert len(run(store, bind(named, {}))) == 4


def test_queries_bound_parameter_filters(named, store):
    assert run(store, bind(named, {"name": "US"})) == ["http://example.org/0"]


def test_queries_values_block_lands_in_the_where_group_not_in_comments_or_iris(named):
    text = bind(named, {"name": "US"})
    assert text.index("AS ?decoy) WHERE {") < text.index("VALUES") < text.index("# a comment")


def test_queries_unknown_parameter_is_refused(named):
    with pytest.raises(KgError) as err:
        bind(named, {"nme": "US"})
    assert "nme" in str(err.value) and "name" in str(err.value)


def test_queries_iri_values_become_named_nodes():
    assert isinstance(to_term("https://w3id.org/kg-nato/id/country/US"), ox.NamedNode)
    assert isinstance(to_term("US"), ox.Literal)
    assert isinstance(to_term("http://x y"), ox.Literal)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_queries_no_value_changes_the_query(value):
    """Quotes, braces, '#', newlines, triple quotes or keywords in a value only ever match a
    label equal to the value."""
    s = ox.Store()
    label = ox.NamedNode("http://example.org/label")
    s.add(ox.Quad(ox.NamedNode("http://example.org/hit"), label, ox.Literal(value)))
    s.add(ox.Quad(ox.NamedNode("http://example.org/miss"), label, ox.Literal(value + "x")))
    query = NamedQuery("probe", Path("probe.rq"), "probe", "", QUERY, {"name": "a label"})
    rows = [r["s"].value for r in s.query(with_prologue(bind(query, {"name": value})))]
    is_iri = isinstance(to_term(value), ox.NamedNode)
    assert rows == ([] if is_iri else ["http://example.org/hit"])
