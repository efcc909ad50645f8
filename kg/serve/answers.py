"""A query's answer over the store, bounded in rows, written in the negotiated format.

At most `limit` rows (or triples) are written, and `KG-Result-Truncated: true` says more
existed. This runs inside a query worker process (`kg.serve.workers`), which keeps the time limit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KgError
from kg.serve.negotiation import GRAPHS, RESULTS, choose
from kg.store import Store


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def text_answer(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


def evaluate(store: Store, sparql: str, accept: str | None, limit: int) -> Answer:
    """Run `sparql` on `store` and write at most `limit` rows (or triples) in the negotiated format."""
    try:
        result = store.query(sparql)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            return _results(result, accept, limit)
        return _graph(result, accept, limit)
    except SyntaxError as exc:
        return text_answer(400, f"The query does not parse: {exc}")
    except KgError as exc:
        return text_answer(502, str(exc))
    except OSError as exc:
        return text_answer(500, f"The store failed while answering: {exc}")


def _results(result: ox.QuerySolutions | ox.QueryBoolean, accept: str | None, limit: int) -> Answer:
    chosen = choose(accept, RESULTS)
    if chosen is None:
        return _not_acceptable(RESULTS)
    _, fmt = chosen
    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryBoolean):
        document = {"head": {}, "boolean": bool(result)}
    else:
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == limit:
                headers = _truncated(limit)
                break
            rows.append({v: _json_term(solution[v]) for v in variables if solution[v] is not None})
        document = {"head": {"vars": variables}, "results": {"bindings": rows}}
    body = json.dumps(document, ensure_ascii=False).encode()
    if fmt != ox.QueryResultsFormat.JSON:  # pyoxigraph writes the other formats from the bounded JSON
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return Answer(200, fmt.media_type, body, headers)


def _graph(triples, accept: str | None, limit: int) -> Answer:
    chosen = choose(accept, GRAPHS)
    if chosen is None:
        return _not_acceptable(GRAPHS)
    _, fmt = chosen
    kept: list[ox.Triple] = []
    headers: dict[str, str] = {}
    for triple in triples:
        if len(kept) == limit:
            headers = _truncated(limit)
            break
        kept.append(triple)
    return Answer(200, fmt.media_type, ox.serialize(kept, format=fmt), headers)


def _json_term(term) -> dict[str, str]:
    """One RDF term as SPARQL 1.1 Query Results JSON §3.2.2 writes it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # an RDF-star triple: kg writes none


def _truncated(limit: int) -> dict[str, str]:
    return {"KG-Result-Truncated": "true", "KG-Result-Limit": str(limit)}


def _not_acceptable(offered: dict) -> Answer:
    return text_answer(406, "None of the formats in the Accept header can be written. Available: " + ", ".join(offered))
