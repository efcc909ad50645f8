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
