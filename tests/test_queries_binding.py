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


SUBSELECT = """# title: First labels
# param after: start after this label
# page: 2 after=label
SELECT ?s ?label WHERE {
  { SELECT ?s ?label WHERE {
      ?s <http://example.org/label> ?label
      FILTER(!BOUND(?param_after) || ?label > ?param_after)
    } ORDER BY ?label LIMIT 2 }
}
ORDER BY ?label
"""


def test_queries_a_parameter_used_in_a_sub_select_is_bound_there(tmp_path, store):
    """The sub-select sees only its own variables: bound in the outer group, `after` would not
    reach the FILTER before the LIMIT, and every call would give the same two rows."""
    path = tmp_path / "first.rq"
    path.write_text(SUBSELECT, encoding="utf-8")
    named = parse_query_file(path)
    text = bind(named, {"after": "US"})
    assert text.count("VALUES") == 1 and text.index("VALUES") > text.index("{ SELECT")
    labels = [r["label"].value for r in store.query(text)]
    assert labels == ['a}b', 'say "hi"']  # the two labels after "US" in code-point order


def test_queries_page_header_gives_the_next_page(tmp_path):
    path = tmp_path / "first.rq"
    path.write_text(SUBSELECT, encoding="utf-8")
    page = parse_query_file(path).page
    assert (page.size, page.param, page.column) == (2, "after", "label")
    assert page.next([{"label": "a"}, {"label": "b"}]) == {"after": "b"}
    assert page.next([{"label": "a"}]) is None  # fewer rows than a page: the last page
    with pytest.raises(KgError, match="column 'label'"):
        page.next([{"s": "a"}, {"s": "b"}])  # a header naming a column the query does not return


def test_queries_bad_page_header_is_refused(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text(SUBSELECT.replace("# page: 2 after=label", "# page: two after=label"), encoding="utf-8")
    with pytest.raises(KgError) as err:
        parse_query_file(path)
    assert "page" in str(err.value)
