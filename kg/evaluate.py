"""Extraction against gold: precision, recall and F1 per entity type and per fact kind.

The gold files (`<document>.gold.json`, format in `../shared/gold/GUIDE.md`) say what a careful
reader finds in a document. This module compares them with what kg *stored*: the rows of the
named queries over a store built from the same documents (`kg.api.evaluate` builds it), so an
evaluation measures the whole path a user's question takes, not an extractor in isolation.

Matching, as the guide and the issue prescribe:

* names (labels and aliases) compare case-, accent-, hyphen- and apostrophe-insensitively;
  countries also by ISO code, Kamerstukken by their normalised number (`28676-347`);
* an entity matches when the types agree (or the predicted one is in the gold `also_ok`) and
  a name is shared; a fact when its roles name the same entities and the qualifiers both
  sides give agree (amount, year, percentage, currency, question number, ...);
* matching is one-to-one (a maximum bipartite matching), so a duplicate node or a fact
  stated twice is a false hit, and one gold item is found at most once;
* `uncertain` gold items are not required and not counted wrong: a prediction that matches
  one is left out of both counts;
* gold spending entries with neither a percentage of GDP nor an amount (a growth rate, a
  share of the budget) are outside the fact schema of the guide; they are listed as not
  scored rather than silently dropped.

Predicted facts are the distinct statements of a document: the same fact drawn from two
sentences is one statement (for `contributes`, one without an amount is subsumed by one with
an amount for the same country, mission and year, or by any with an amount when it has no year).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import networkx as nx
import pycountry

from kg.errors import KgError, data_error
from kg.extract.countries import gazetteer
from kg.extract.kamerstukken import references
from kg.model import ENTITY_TYPES

#: The fact kinds of the guide, in its order.
FACT_KINDS: tuple[str, ...] = ("depends_on", "contributes", "leads", "cites", "motions", "questions", "spending")

#: The named queries an evaluation reads, one per thing it scores.
QUERIES: tuple[str, ...] = ("entities", "missions-depending-on", "contributions", "leads", "citations",
                            "motions", "questions", "spending")

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")


def norm(name: object) -> str:
    """A name as compared: accents stripped, case folded, hyphens and dashes as spaces,
    curly apostrophes straight ("Resolute Support-missie" = "resolute support missie")."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return _SEPARATORS.sub(" ", text).strip()


def norm_kamerstuk(ref: object) -> str:
    """"Kamerstuk 35 570 X, nr. 53" and "35570-X-53" → "35570x53": read as a reference where it
    is written as one, then digits and letters only."""
    parsed = [r for _, _, refs in references(str(ref)) for r in refs]
    return re.sub(r"[^0-9a-z]", "", (parsed[0] if len(parsed) == 1 else str(ref)).lower())


def _number(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


# --- gold ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    type: str
    label: str
    names: frozenset[str]
    also_ok: tuple[str, ...] = ()
    uncertain: bool = False


@dataclass
class GoldDoc:
    """One gold file: its entities, and its facts by kind (as written in the file)."""

    name: str  # the document's file stem, e.g. 000_20b737318ba9053a
    entities: list[GoldEntity]
    facts: dict[str, list[dict[str, Any]]]

    def names_of(self, label: object) -> frozenset[str]:
        """Every name of the gold entity a fact names by `label` (its label or an alias);
        a label no entity carries stands for itself."""
        if label is None:
            return frozenset()
        key = norm(label)
        for entity in self.entities:
            if key in entity.names:
                return entity.names
        return frozenset({key})


def _iso_codes(entity: dict[str, Any]) -> set[str]:
    """A gold country's ISO 3166 code: from its Wikidata item through the reference table
    (`data/countries-wikidata.csv`), else from its English label through pycountry."""
    qid = (entity.get("ids") or {}).get("wikidata")
    by_qid = {c.wikidata: iso for iso, c in gazetteer().countries.items() if c.wikidata}
    if qid in by_qid:
        return {norm(by_qid[qid])}
    try:
        return {norm(pycountry.countries.lookup(entity["label"]).alpha_2)}
    except LookupError:
        return set()


def _check_gold(path: Path, data: Any, problems: list[str]) -> GoldDoc | None:
    before = len(problems)
    if not isinstance(data, dict):
        problems.append(f"{path.name}: expected a JSON object with 'entities' and 'facts'")
        return None
    entities = []
    for i, e in enumerate(data.get("entities") or []):
        where = f"{path.name}: entities[{i}]"
        if not isinstance(e, dict) or not isinstance(e.get("label"), str) or not e["label"].strip():
            problems.append(f"{where}: needs a non-empty 'label'")
            continue
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{where}: type {e.get('type')!r} is not one of {', '.join(ENTITY_TYPES)}")
            continue
        aliases = e.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}: 'aliases' must be a list of strings")
            continue
        also_ok = e.get("also_ok") or []
        if not isinstance(also_ok, list) or any(t not in ENTITY_TYPES for t in also_ok):
            problems.append(f"{where}: 'also_ok' must list entity types")
            continue
        names = {norm(n) for n in [e["label"], *aliases]}
        if e["type"] == "Country":
            names |= _iso_codes(e)
        if e["type"] == "Kamerstuk":
            names |= {norm_kamerstuk(n) for n in [e["label"], *aliases]}
        entities.append(GoldEntity(e["type"], e["label"], frozenset(names), tuple(also_ok), bool(e.get("uncertain"))))
    facts = data.get("facts") or {}
    if not isinstance(facts, dict):
        problems.append(f"{path.name}: 'facts' must be an object of fact kinds")
        facts = {}
    for kind, items in facts.items():
        if kind not in FACT_KINDS:
            problems.append(f"{path.name}: facts: unknown kind {kind!r} (known: {', '.join(FACT_KINDS)})")
        elif not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
            problems.append(f"{path.name}: facts.{kind}: must be a list of objects")
    if len(problems) > before:
        return None
    name = path.name.removesuffix(".gold.json")
    return GoldDoc(name, entities, {k: list(facts.get(k) or []) for k in FACT_KINDS})


def load_gold(directory: Path) -> dict[str, GoldDoc]:
    """Every `*.gold.json` under `directory` by document stem; all problems in one error."""
    if not directory.is_dir():
        raise KgError("usage", "no such gold folder", where=str(directory),
                      hint="give the folder that holds the <document>.gold.json files")
    problems: list[str] = []
    gold: dict[str, GoldDoc] = {}
    for path in sorted(directory.glob("*.gold.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: cannot read as JSON ({exc})")
            continue
        doc = _check_gold(path, data, problems)
        if doc is not None:
            gold[doc.name] = doc
    if problems:
        raise data_error(directory, problems)
    if not gold:
        raise KgError("usage", "no *.gold.json files here", where=str(directory),
                      hint="gold files are named <document file stem>.gold.json")
    return gold


# --- predictions ---------------------------------------------------------------------------


@dataclass
class Predicted:
    """What the store holds for one document: entity names by IRI, entity rows, fact rows."""

    entities: list[dict[str, str]] = field(default_factory=list)
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    facts: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {k: [] for k in FACT_KINDS})

    def names_of(self, iri: str, label: str = "") -> frozenset[str]:
        return self.names.get(iri, frozenset()) | ({norm(label)} if label else frozenset())


def _entity_names(row: dict[str, str]) -> frozenset[str]:
    names = {norm(n) for n in [row["label"], *row["altLabels"].split("|"), *row.get("labels", "").split("|")] if n}
    if row["type"] == "Country":
        names.add(norm(row["entity"].rsplit("/", 1)[-1]))  # the IRI ends in the ISO code
    if row["type"] == "Kamerstuk":
        names |= {norm_kamerstuk(n) for n in names}
    return frozenset(names)


#: fact kind → the query that lists it, and a filter on its rows (stated, not derived, facts)
_FACT_ROWS: dict[str, tuple[str, Callable[[dict[str, str]], bool]]] = {
    "depends_on": ("missions-depending-on", lambda r: not r.get("via")),
    "contributes": ("contributions", lambda r: True),
    "leads": ("leads", lambda r: True),
    "cites": ("citations", lambda r: True),
    "motions": ("motions", lambda r: True),
    "questions": ("questions", lambda r: True),
    "spending": ("spending", lambda r: True),
}


def predictions(rows: dict[str, list[dict[str, str]]]) -> dict[str, Predicted]:
    """Query rows (by query name) → what each document (by file stem) holds."""
    out: dict[str, Predicted] = {}

    def of(row: dict[str, str]) -> Predicted:
        return out.setdefault(Path(row["source"]).stem, Predicted())

    for row in rows["entities"]:
        pred = of(row)
        pred.entities.append(row)
        pred.names[row["entity"]] = pred.names.get(row["entity"], frozenset()) | _entity_names(row)
    for kind, (query, keep) in _FACT_ROWS.items():
        for row in rows[query]:
            if keep(row):
                of(row).facts[kind].append(row)
    return out


# --- matching ------------------------------------------------------------------------------


def _match(gold: list[Any], predicted: list[Any], agree: Callable[[Any, Any], bool]) -> dict[int, int]:
    """A maximum one-to-one matching, gold index → predicted index (Hopcroft–Karp)."""
    graph = nx.Graph()
    left = [("g", i) for i in range(len(gold))]
    graph.add_nodes_from(left, bipartite=0)
    graph.add_nodes_from((("p", j) for j in range(len(predicted))), bipartite=1)
    graph.add_edges_from((("g", i), ("p", j)) for i, g in enumerate(gold) for j, p in enumerate(predicted) if agree(g, p))
    matching = nx.bipartite.maximum_matching(graph, top_nodes=left)
    return {i: matching[("g", i)][1] for _, i in left if ("g", i) in matching}


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct


@dataclass(frozen=True)
class Finding:
    """A miss (in gold, not found) or a false hit (found, not in gold), to show a developer."""

    document: str
    what: str  # entity type or fact kind
    kind: str  # "miss" or "false"
    text: str


@dataclass
class EvalReport:
    entities: dict[str, Score]
    facts: dict[str, Score]
    findings: list[Finding]
    documents: list[str]
    not_scored: list[str]

    @staticmethod
    def total(scores: dict[str, Score]) -> Score:
        total = Score()
        for score in scores.values():
            total.add(score)
        return total


def _score(gold: list[Any], uncertain: list[bool], predicted: list[Any], agree: Callable[[Any, Any], bool],
           ) -> tuple[list[int], list[int], int]:
    """(indices of gold missed, indices of predicted false, number correct).

    Certain gold items are matched first, so a prediction goes to an uncertain item only when
    no certain one wants it; predictions matched to uncertain items count neither way."""
    certain = [i for i, u in enumerate(uncertain) if not u]
    first = _match([gold[i] for i in certain], predicted, agree)
    taken = set(first.values())
    rest = [j for j in range(len(predicted)) if j not in taken]
    loose = [i for i, u in enumerate(uncertain) if u]
    second = _match([gold[i] for i in loose], [predicted[j] for j in rest], agree)
    ignored = {rest[j] for j in second.values()}
    missed = [certain[i] for i in range(len(certain)) if i not in first]
    false = [j for j in range(len(predicted)) if j not in taken and j not in ignored]
    return missed, false, len(first)


# --- entities ------------------------------------------------------------------------------


def _score_entities(name: str, gold: GoldDoc, pred: Predicted, scores: dict[str, Score], findings: list[Finding]) -> None:
    rows = pred.entities
    names = [pred.names[r["entity"]] for r in rows]

    def agree(g: GoldEntity, j: int) -> bool:
        return (rows[j]["type"] == g.type or rows[j]["type"] in g.also_ok) and bool(g.names & names[j])

    missed, false, _ = _score(gold.entities, [e.uncertain for e in gold.entities], list(range(len(rows))), agree)
    matched_certain = [e for i, e in enumerate(gold.entities) if not e.uncertain and i not in missed]
    for entity in gold.entities:
        if not entity.uncertain:
            scores[entity.type].gold += 1
    for entity in matched_certain:
        scores[entity.type].correct += 1
        scores[entity.type].predicted += 1
    for j in false:
        scores[rows[j]["type"]].predicted += 1
        alts = ", ".join(a for a in rows[j]["altLabels"].split("|") if a and a != rows[j]["label"])
        findings.append(Finding(name, rows[j]["type"], "false", rows[j]["label"] + (f" ({alts})" if alts else "")))
    for i in missed:
        entity = gold.entities[i]
        findings.append(Finding(name, entity.type, "miss", entity.label))


# --- facts ---------------------------------------------------------------------------------


def _same(a: object, b: object) -> bool:
    return _number(a) is not None and _number(a) == _number(b)


def _agrees_if_both(gold_value: object, predicted: object) -> bool:
    """A qualifier counts against a match only when both sides state it."""
    return gold_value is None or predicted in (None, "") or _same(gold_value, predicted)


@dataclass(frozen=True)
class FactRule:
    """How one fact kind is compared: the gold fields it reads, the agreement test, the key
    that makes two predicted rows one statement, and how a fact is shown."""

    agree: Callable[[GoldDoc, Predicted, dict[str, Any], dict[str, str]], bool]
    key: Callable[[dict[str, str]], tuple]
    show_gold: Callable[[dict[str, Any]], str]
    show_predicted: Callable[[dict[str, str]], str]
    in_schema: Callable[[dict[str, Any]], bool] = lambda g: True


def _role(gold: GoldDoc, pred: Predicted, gold_label: object, iri: str, label: str = "") -> bool:
    if gold_label is None:
        return not iri
    return bool(iri) and bool(gold.names_of(gold_label) & pred.names_of(iri, label))


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _contribution_agrees(g: GoldDoc, p: Predicted, gf: dict[str, Any], row: dict[str, str]) -> bool:
    if not (_role(g, p, gf.get("country"), row["country"], row["countryLabel"])
            and _role(g, p, gf.get("mission"), row["mission"], row["missionLabel"])):
        return False
    if gf.get("amount") is not None and row["amount"]:
        amounts = [gf.get(k) for k in ("amount", "amount_min", "amount_max")]
        if not any(_same(a, row["amount"]) or _same(a, row["amountMax"]) for a in amounts if a is not None):
            return False
    return _agrees_if_both(gf.get("year"), row["year"])


def _spending_agrees(g: GoldDoc, p: Predicted, gf: dict[str, Any], row: dict[str, str]) -> bool:
    if not _role(g, p, gf.get("country"), row["country"], row["countryLabel"]):
        return False
    if gf.get("year") is not None and not _same(gf["year"], row["year"]):
        return False
    if gf.get("percent_gdp") is not None:
        return _same(gf["percent_gdp"], row["percentGDP"])
    return _same(gf.get("amount"), row["amount"]) and (gf.get("currency") or "").upper() == row["currency"].upper()


def _motion_agrees(g: GoldDoc, p: Predicted, gf: dict[str, Any], row: dict[str, str]) -> bool:
    if bool(gf.get("self")) != (row["self"] == "true"):
        return False
    if gf.get("self"):
        return True
    if gf.get("kamerstuk") and row["kamerstuk"]:
        return norm_kamerstuk(gf["kamerstuk"]) == norm_kamerstuk(row["kamerstuk"])
    submitters = {norm(s) for s in gf.get("submitters") or []}
    return norm(gf.get("label", "")) == norm(row["label"]) or bool(submitters & {norm(s) for s in row["submitters"].split("|") if s})


def _question_agrees(g: GoldDoc, p: Predicted, gf: dict[str, Any], row: dict[str, str]) -> bool:
    if not _same(gf.get("number"), row["number"]) or bool(gf.get("answered")) != (row["answered"] == "true"):
        return False
    parties = [x for x in [gf.get("party"), *(gf.get("parties") or [])] if x]
    return not parties or any(_role(g, p, party, row["party"], row["partyLabel"]) for party in parties)


def _amount(row: dict[str, str]) -> str:
    parts = [row.get("qualifier", ""), row["amount"] + (f"–{row['amountMax']}" if row.get("amountMax") else ""),
             row.get("unit", ""), row.get("year", "")]
    return " ".join(x for x in parts if x)


RULES: dict[str, FactRule] = {
    "depends_on": FactRule(
        agree=lambda g, p, gf, r: _role(g, p, gf.get("mission"), r["mission"], r["missionLabel"])
        and _role(g, p, gf.get("provider"), r["provider"], r["providerLabel"]),
        key=lambda r: (r["mission"], r["provider"]),
        show_gold=lambda gf: f"{gf.get('mission')} → {gf.get('provider')}",
        show_predicted=lambda r: f"{r['missionLabel'] or _short(r['mission'])} → {r['providerLabel'] or _short(r['provider'])}",
    ),
    "contributes": FactRule(
        agree=_contribution_agrees,
        key=lambda r: (r["country"], r["mission"], r["amount"], r["amountMax"], r["unit"], r["year"]),
        show_gold=lambda gf: f"{gf.get('country')} → {gf.get('mission')} "
                             f"({gf.get('amount') if gf.get('amount') is not None else '-'} {gf.get('unit', '')}, {gf.get('year')})",
        show_predicted=lambda r: f"{r['countryLabel'] or _short(r['country'])} → {r['missionLabel'] or _short(r['mission'])} ({_amount(r)})",
    ),
    "leads": FactRule(
        agree=lambda g, p, gf, r: _role(g, p, gf.get("leader"), r["leader"], r["leaderLabel"])
        and _role(g, p, gf.get("led"), r["led"], r["ledLabel"]),
        key=lambda r: (r["leader"], r["led"]),
        show_gold=lambda gf: f"{gf.get('leader')} leads {gf.get('led')} ({gf.get('role')})",
        show_predicted=lambda r: f"{r['leaderLabel'] or _short(r['leader'])} leads {r['ledLabel'] or _short(r['led'])} ({r['role']})",
    ),
    "cites": FactRule(
        agree=lambda g, p, gf, r: norm_kamerstuk(gf.get("kamerstuk", "")) == norm_kamerstuk(r["cited"]),
        key=lambda r: (norm_kamerstuk(r["cited"]),),
        show_gold=lambda gf: str(gf.get("kamerstuk")),
        show_predicted=lambda r: r["cited"],
    ),
    "motions": FactRule(
        agree=_motion_agrees,
        key=lambda r: (r["motion"], r["kamerstuk"], r["self"]),
        show_gold=lambda gf: ("(self) " if gf.get("self") else "") + f"{gf.get('label')} [{gf.get('kamerstuk') or '-'}] "
                             f"by {', '.join(gf.get('submitters') or [])}",
        show_predicted=lambda r: ("(self) " if r["self"] == "true" else "") + f"{r['label']} [{r['kamerstuk'] or '-'}] "
                                 f"by {', '.join(r['submitters'].split('|'))}",
    ),
    "questions": FactRule(
        agree=_question_agrees,
        key=lambda r: (r["number"], r["party"], r["answered"]),
        show_gold=lambda gf: f"question {gf.get('number')} by {gf.get('party') or '/'.join(gf.get('parties') or [])}"
                             f"{'' if gf.get('answered') else ' (unanswered)'}",
        show_predicted=lambda r: f"question {r['number']} by {r['partyLabel'] or '-'}{'' if r['answered'] == 'true' else ' (unanswered)'}",
    ),
    "spending": FactRule(
        agree=_spending_agrees,
        key=lambda r: (r["country"], r["year"], r["percentGDP"], r["amount"], r["currency"]),
        show_gold=lambda gf: f"{gf.get('country')} {gf.get('year')}: "
                             + (f"{gf['percent_gdp']}% GDP" if gf.get("percent_gdp") is not None else f"{gf.get('amount')} {gf.get('currency')}"),
        show_predicted=lambda r: f"{r['countryLabel'] or _short(r['country'])} {r['year']}: "
                                 + (f"{r['percentGDP']}% GDP" if r["percentGDP"] else f"{r['amount']} {r['currency']}"),
        in_schema=lambda gf: gf.get("percent_gdp") is not None or gf.get("amount") is not None,
    ),
}


def _statements(kind: str, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Distinct statements: rows that differ only in their evidence are one; a contribution
    without an amount is subsumed by one with an amount for the same country and mission."""
    rule = RULES[kind]
    distinct = list({rule.key(r): r for r in rows}.values())
    if kind == "contributes":
        with_amount = {(r["country"], r["mission"], r["year"]) for r in distinct if r["amount"]}
        pairs = {(country, mission) for country, mission, _ in with_amount}
        distinct = [r for r in distinct if r["amount"] or (r["country"], r["mission"], r["year"]) not in with_amount
                    and (r["year"] or (r["country"], r["mission"]) not in pairs)]
    return distinct


def _score_facts(name: str, kind: str, gold: GoldDoc, pred: Predicted, score: Score, findings: list[Finding],
                 not_scored: list[str]) -> None:
    rule = RULES[kind]
    items = []
    for item in gold.facts[kind]:
        if rule.in_schema(item):
            items.append(item)
        elif not item.get("uncertain"):
            not_scored.append(f"{name}: {kind}: {json.dumps(item, ensure_ascii=False)}")
    rows = _statements(kind, pred.facts[kind])
    missed, false, correct = _score(items, [bool(i.get("uncertain")) for i in items], rows,
                                    lambda gf, row: rule.agree(gold, pred, gf, row))
    score.gold += sum(1 for i in items if not i.get("uncertain"))
    score.correct += correct
    score.predicted += correct + len(false)
    for i in missed:
        evidence = items[i].get("evidence")
        findings.append(Finding(name, kind, "miss", rule.show_gold(items[i]) + (f"  «{evidence}»" if evidence else "")))
    for j in false:
        evidence = rows[j].get("evidence")
        findings.append(Finding(name, kind, "false", rule.show_predicted(rows[j]) + (f"  «{evidence}»" if evidence else "")))


def score(gold: dict[str, GoldDoc], rows: dict[str, list[dict[str, str]]], documents: Iterable[str]) -> EvalReport:
    """Score the stored rows of the documents (file stems) that have a gold file."""
    predicted = predictions(rows)
    documents = sorted(set(documents))
    entity_scores = {t: Score() for t in ENTITY_TYPES}
    fact_scores = {k: Score() for k in FACT_KINDS}
    findings: list[Finding] = []
    not_scored = [f"{name}: no document of this name was built" for name in sorted(set(gold) - set(documents))]
    scored = [d for d in documents if d in gold]
    for name in scored:
        pred = predicted.get(name, Predicted())
        _score_entities(name, gold[name], pred, entity_scores, findings)
        for kind in FACT_KINDS:
            _score_facts(name, kind, gold[name], pred, fact_scores[kind], findings, not_scored)
    return EvalReport(entity_scores, fact_scores, findings, scored, not_scored)


# --- the report as text --------------------------------------------------------------------


def _table(title: str, scores: dict[str, Score], total_label: str) -> list[str]:
    lines = [f"{title:16} {'gold':>5} {'found':>6} {'correct':>8} {'precision':>10} {'recall':>7} {'F1':>6}"]
    total = EvalReport.total(scores)
    for name, s in [*scores.items(), (total_label, total)]:
        if s.gold or s.predicted or name == total_label:
            lines.append(f"{name:16} {s.gold:5} {s.predicted:6} {s.correct:8} {s.precision:10.3f} {s.recall:7.3f} {s.f1:6.3f}")
    return lines


def render(report: EvalReport, *, details: bool = True) -> str:
    """The tables, then (with `details`) the misses and false hits per document, then totals."""
    lines = [f"{len(report.documents)} document(s) scored against gold", ""]
    lines += _table("entity type", report.entities, "all entities") + [""]
    lines += _table("fact kind", report.facts, "all facts")
    if details:
        for document in report.documents:
            found = [f for f in report.findings if f.document == document]
            if found:
                lines += ["", f"{document}: {sum(f.kind == 'miss' for f in found)} missed, "
                              f"{sum(f.kind == 'false' for f in found)} false"]
                order = {t: i for i, t in enumerate((*ENTITY_TYPES, *FACT_KINDS))}
                for f in sorted(found, key=lambda f: (order[f.what], f.kind, f.text)):
                    lines.append(f"  {f.kind:5}  {f.what:12}  {f.text}")
    if report.not_scored:
        lines += ["", "not scored:"] + [f"  {n}" for n in report.not_scored]
    e, f = EvalReport.total(report.entities), EvalReport.total(report.facts)
    lines += ["", f"entities: P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}   "
                  f"facts: P {f.precision:.3f}  R {f.recall:.3f}  F1 {f.f1:.3f}"]
    return "\n".join(lines)
