"""Named queries: `queries/NAME.rq`, discovered, described by their header, bound and run.

A query file opens with comment lines that describe it::

    # title: Missions depending on a provider
    # description: ...
    # param provider: a name, adjective or ISO code (US, VS, Verenigde Staten)

A parameter `provider` is the variable `?param_provider` in the query. Its value is bound as
an RDF term — a literal, or an IRI when the value is one — through a `VALUES` block placed at
the top of the query's WHERE group; the term is serialised by pyoxigraph (N-Triples escaping),
so no value can change the query's structure. An unbound parameter leaves the variable
unbound, and queries are written so that this means "all rows".

A parameter declared `# param provider (entity): …` names an entity: a name, adjective or code
is resolved to the IRIs of the entities carrying it as a label or notation (case-insensitive)
before the query runs, and `?param_provider` is bound to those IRIs, so the query compares IRIs
(`?provider = ?param_provider`). Resolving first matters at scale: document graphs repeat the
labels of the entities the reference graph does not describe, so a label test inside the query
would be repeated for every row and every document. The usual spellings are looked up in the store's index
(`entity_lookup`); only a name none of them matches is looked for by a scan (`entity_scan`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import query_error
from kg.namespaces import sparql_prologue
from kg.resources import resource_dir

_HEADER = re.compile(r"#\s*(title|description|param|page)\s*(\w[\w-]*)?\s*(\(entity\))?\s*:\s*(.*)")
_IRI_VALUE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_PAGE = re.compile(r"(?P<size>[1-9]\d*)\s+(?P<param>\w+)=(?P<column>\w+)")
_PARAM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)
    entity_params: frozenset[str] = frozenset()
    page: Page | None = None


@dataclass(frozen=True)
class Page:
    """A query that lists a page at a time (`# page: 100 after=source`): `size` items (rows, or
    documents with their rows), and the next page is the query with parameter `param` set to
    the last row's `column`; fewer than `size` rows is the last page."""

    size: int
    param: str
    column: str

    def next(self, rows: list[dict[str, str]]) -> dict[str, str] | None:
        """The parameters that ask for the page after `rows`; None when `rows` was the last."""
        if len(rows) < self.size:
            return None
        if self.column not in rows[-1]:
            raise query_error(f"the page header names column {self.column!r}, which the query does not return",
                              hint=f"write `# page: {self.size} {self.param}=COLUMN` with one of: {', '.join(rows[-1])}")
        return {self.param: rows[-1][self.column]}


def parse_query_file(path: Path) -> NamedQuery:
    """Read a `.rq` file and its header comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise query_error(f"cannot read query file ({exc})", where=str(path)) from None
    title, description, params, entities, page = path.stem, "", {}, set(), None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, name, entity, value = match.groups()
        if key == "param" and name:
            params[name] = value.strip()
            if entity:
                entities.add(name)
        elif key == "title":
            title = value.strip()
        elif key == "description":
            description = value.strip()
        elif key == "page":
            if not (m := _PAGE.fullmatch(value.strip())) or m["param"] not in params:
                raise query_error(f"bad page header {line!r}", where=str(path),
                                  hint="write `# page: 100 after=COLUMN` after the `# param after: …` line")
            page = Page(int(m["size"]), m["param"], m["column"])
    return NamedQuery(path.stem, path, title, description, text, params, frozenset(entities), page)


def list_queries(directory: Path | None = None) -> list[NamedQuery]:
    """Every shipped query, sorted by name."""
    directory = directory or resource_dir("queries")
    return [parse_query_file(p) for p in sorted(directory.glob("*.rq"))]


def resolve(name_or_file: str, directory: Path | None = None) -> NamedQuery:
    """A shipped query by name, or any `.rq` file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return parse_query_file(path)
    directory = directory or resource_dir("queries")
    candidate = directory / f"{name_or_file}.rq"
    if candidate.is_file():
        return parse_query_file(candidate)
    known = ", ".join(q.name for q in list_queries(directory))
    raise query_error(f"no query named {name_or_file!r}", hint=f"known queries: {known}; or give a path to a .rq file")


def to_term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: an IRI if it is one, else a plain literal."""
    if _IRI_VALUE.match(value):
        return ox.NamedNode(value)
    return ox.Literal(value)


def check_params(query: NamedQuery, values: dict[str, str]) -> None:
    """Refuse parameters the query does not declare."""
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        accepted = ", ".join(query.params) or "none"
        raise query_error(
            f"unknown parameter(s) {', '.join(unknown)} for query {query.name!r}",
            hint=f"parameters it accepts: {accepted}",
        )


def resolve_entities(query: NamedQuery, values: dict[str, str], run: Callable[[str], Iterable]) -> dict[str, list[str]]:
    """The entity IRIs each entity parameter's value names, for `bind`; `run` queries the store.
    An IRI stands for itself."""
    check_params(query, values)
    resolved: dict[str, list[str]] = {}
    for name in sorted(set(values) & query.entity_params):
        term = to_term(values[name])
        if isinstance(term, ox.NamedNode):
            continue
        found = sorted(r["entity"].value for r in run(entity_lookup(values[name])))
        resolved[name] = found or sorted(r["entity"].value for r in run(entity_scan(values[name])))
    return resolved


def bind(query: NamedQuery, values: dict[str, str], resolved: dict[str, list[str]] | None = None) -> str:
    """The query text with the given parameters bound; unknown parameters are an error.

    `resolved` gives, for entity parameters, the IRIs their value names (see `entity_lookup`):
    the parameter is bound to each of them (no IRI: the query has no rows). Each parameter's
    VALUES block goes at the top of the WHERE groups that use it directly, so that a sub-select
    (which sees only its own variables) can filter by a parameter before its LIMIT."""
    check_params(query, values)
    if not values:
        return query.text
    names = sorted(values)
    for name in names:
        if not _PARAM_NAME.match(name):
            raise query_error(f"bad parameter name {name!r}", where=str(query.path))
    groups = _where_groups(query.text)
    if not groups:
        raise query_error("query has no WHERE { ... } group to bind parameters into", where=str(query.path),
                          hint="write the query with an explicit WHERE keyword")
    choices = {n: [ox.NamedNode(i) for i in resolved[n]] if resolved and n in resolved else [to_term(values[n])]
               for n in names}
    where: dict[int, list[str]] = {}
    for start, end in groups:
        own = _own_text(query.text, start, end, groups)
        where[start] = [n for n in names if re.search(rf"[?$]param_{n}\b", own)]
    placed = {n for used in where.values() for n in used}
    where[groups[0][0]] += [n for n in names if n not in placed]  # declared but unused: the outer group
    inserts: list[tuple[int, str]] = []
    for start, used in where.items():
        if used:
            head = " ".join(f"?param_{n}" for n in used)
            rows = " ".join("(" + " ".join(map(str, row)) + ")" for row in itertools.product(*(choices[n] for n in used)))
            inserts.append((start, f"\n  VALUES ({head}) {{ {rows} }}\n"))
    text = query.text
    for at, block in sorted(inserts, reverse=True):
        text = text[:at] + block + text[at:]
    return text


def _own_text(text: str, start: int, end: int, groups: list[tuple[int, int]]) -> str:
    """The text of the group `start`–`end` without the WHERE groups nested in it."""
    parts, at = [], start
    for inner_start, inner_end in groups:
        if start < inner_start and inner_end <= end and inner_start >= at:
            parts.append(text[at:inner_start])
            at = inner_end
    return "".join(parts) + text[at:end]


def _where_groups(text: str) -> list[tuple[int, int]]:
    """Each WHERE group as (index just after its `{`, index of its `}`), outermost first;
    comments, strings and IRIs are skipped."""
    groups: list[tuple[int, int]] = []
    open_groups: list[tuple[int, bool]] = []  # (index after `{`, opens a WHERE group)
    i, n, seen_where = 0, len(text), False
    iri = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
    while i < n:
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = n if nl < 0 else nl + 1
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif c == "<" and (m := iri.match(text, i)):
            i = m.end()
        elif c == "{":
            open_groups.append((i + 1, seen_where))
            seen_where = False
            i += 1
        elif c == "}":
            if open_groups:
                start, is_where = open_groups.pop()
                if is_where:
                    groups.append((start, i))
            i += 1
        elif text[i : i + 5].upper() == "WHERE" and (i == 0 or not text[i - 1].isalnum()) and not text[i + 5 : i + 6].isalnum():
            seen_where = True
            i += 5
        else:
            i += 1
    return sorted(groups)


def with_prologue(text: str) -> str:
    """Prefix the standard PREFIX lines so query files can use them without declaring them."""
    return sparql_prologue() + text


#: The languages of the labels kg writes (`kg.rdf.triples`: English and Dutch), for the lookup.
LABEL_LANGUAGES = ("en", "nl")
_NAMES = "skos:prefLabel|skos:altLabel|skos:notation"


def entity_lookup(value: str) -> str:
    """A query for the entities whose label or notation is `value` in one of its usual
    spellings (as given, lower, upper, capitalised, title case; plain or tagged en/nl): index
    lookups, fast however many documents repeat the label."""
    spellings = dict.fromkeys([value, value.lower(), value.upper(), value.capitalize(), value.title()])
    forms = [ox.Literal(s) for s in spellings] + [ox.Literal(s, language=lang) for s in spellings for lang in LABEL_LANGUAGES]
    return with_prologue(f"SELECT DISTINCT ?entity WHERE {{ VALUES ?form {{ {' '.join(map(str, forms))} }} "
                         f"?entity {_NAMES} ?form }}")


def entity_scan(value: str) -> str:
    """A query for the entities with a label or notation equal to `value` ignoring case: a scan
    of every label, for the spellings `entity_lookup` does not try."""
    return with_prologue(f"SELECT DISTINCT ?entity WHERE {{ ?entity {_NAMES} ?name . "
                         f"FILTER(LCASE(STR(?name)) = LCASE({ox.Literal(value)})) }}")
