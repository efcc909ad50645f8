"""Every shipped query parses, is described, is listed, and keeps the query contract."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery

from kg import api
from kg.cli import main
from kg.queries import bind, list_queries, with_prologue

#: The query contract of the project: names and the columns each must return.
CONTRACT = {
    "entities": "entity type label altLabels document source",
    "missions-depending-on": "mission missionLabel provider providerLabel enabler via document source evidence",
    "contributions": "country countryLabel mission missionLabel amount unit year document source evidence",
    "leads": "leader leaderLabel led ledLabel role document source evidence",
    "citations": "document source cited",
    "motions": "motion label kamerstuk submitters document source",
    "questions": "document source number party partyLabel answered",
    "spending": "country countryLabel year percentGDP amount currency document source evidence",
    "documents": "document source identifier dossier number docType date title",
}
QUERIES = {q.name: q for q in list_queries()}


def test_queries_contract_queries_exist():
    assert set(CONTRACT) <= set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_parse_in_oxigraph_and_rdflib(name):
    named = QUERIES[name]
    assert named.title and named.title != name, "a query needs a '# title:' line"
    assert named.description, "a query needs a '# description:' line"
    text = with_prologue(named.text)
    ox.Store().query(text)
    prepareQuery(text)
    if named.params:  # bound, it must still parse
        bound = with_prologue(bind(named, {p: "x" for p in named.params}))
        ox.Store().query(bound)
        prepareQuery(bound)


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_queries_return_the_contract_columns(name, seed_store):
    result = api.query(name, {}, seed_store)
    assert set(CONTRACT[name].split()) <= set(result.columns)
    for row in result.rows:
        assert row["document"].startswith("https://"), row
        assert row["source"].endswith(".txt"), row


def test_queries_list_shows_every_query():
    out = CliRunner().invoke(main, ["query", "--list"]).output
    for name, named in QUERIES.items():
        assert name in out and named.title in out


def test_queries_documents_pages_by_file_name(seed_store):
    """`after` starts the listing after a file; a page shorter than the page size says no more
    pages follow (the CLI prints the next page's command only for a full page)."""
    everything = api.query("documents", {}, seed_store)
    sources = [r["source"] for r in everything.rows]
    assert sources == sorted(sources) and everything.next_page is None
    rest = api.query("documents", {"after": sources[0]}, seed_store)
    assert [r["source"] for r in rest.rows] == sources[1:]
    out = CliRunner().invoke(main, ["query", "documents", "--store", str(seed_store)])
    assert out.exit_code == 0 and "next page" not in out.output


def test_queries_full_page_prints_the_next_pages_command(seed_store, tmp_path):
    shipped = QUERIES["documents"]
    two = tmp_path / "two.rq"
    two.write_text(shipped.text.replace("# page: 100 ", "# page: 2 ").replace("LIMIT 100", "LIMIT 2"), encoding="utf-8")
    first = api.query(str(two), {}, seed_store)
    assert len(first.rows) == 2 and first.next_page == {"after": first.rows[-1]["source"]}
    second = api.query(str(two), first.next_page, seed_store)
    assert {r["source"] for r in second.rows}.isdisjoint(r["source"] for r in first.rows)
    out = CliRunner().invoke(main, ["query", str(two), "--store", str(seed_store), "--format", "csv"])
    assert out.exit_code == 0 and f"after={first.rows[-1]['source']}" in out.stderr
    assert "next page" not in out.stdout


def test_queries_an_entity_parameter_naming_nothing_is_pointed_out(seed_store):
    result = api.query("contributions", {"country": "Atlantis"}, seed_store)
    assert result.rows == [] and result.unknown == ["country=Atlantis"]
    out = CliRunner().invoke(main, ["query", "contributions", "country=Atlantis", "--store", str(seed_store)])
    assert out.exit_code == 0 and "country=Atlantis names no entity" in out.stderr
    assert api.query("contributions", {"country": "NL"}, seed_store).unknown == []
