"""Named missions, organisations, initiatives, capabilities and meetings, from `data/gazetteer/`.

GUIDE.md: a Mission is "a military mission, operation or deployed/readiness force that states
contribute units to"; an Organisation "an international organisation, alliance, coalition,
military command or unit, government body, agency, ..."; an Initiative "a named policy,
programme, project, pledge, plan, concept, strategy, report, treaty or agreement"; a
Capability "a named military capability, enabler or weapon system"; a Meeting "a named
meeting, summit or council session". Rules are data (STYLE.md §3): each JSONL line is one
entity with its patterns; this module is the generic matcher over them.

Line format: `{"id": "Mission/resolute-support-mission", "type": "Mission",
"label": "Resolute Support Mission", "labels": {"nl": "..."}, "patterns": ["RSM", ...],
"ids": {"wikidata": "Q..."}}` — `labels` and `ids` optional; the label and the language
labels are patterns too. Meetings (see `kg.extract.meetings`) add `"sessions": true` to a
series or a council that meets ("NAVO-top", "Raad Buitenlandse Zaken"), and `"series"` and
`"date"` to one session of it ("NATO Summit Brussels 2018"). The `id` is the entity key, so every surface form of one entity
resolves to one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.datafiles import DATA_DIR, QID, raise_if, read_jsonl
from kg.errors import data_error
from kg.extract.matcher import PhraseMatcher, fold, is_cased, unify
from kg.extract.mentions import Claims
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Mention
from kg.namespaces import slug

NAME = "gazetteer"
GAZETTEER_TYPES = ("Mission", "Organisation", "Initiative", "Capability", "Meeting")
_LOCAL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    type: str
    label: str
    labels: dict[str, str] = field(default_factory=dict, hash=False)
    ids: dict[str, str] = field(default_factory=dict, hash=False)
    patterns: tuple[str, ...] = ()
    sessions: bool = False  # names a series of sessions (a council, a ministerial); a date picks one
    series: str | None = None  # the series this entry is one session (or a kind) of
    date: str | None = None  # of a session: YYYY, YYYY-MM or YYYY-MM-DD

    def entity(self) -> Entity:
        return Entity(self.id, self.type, self.label, dict(self.labels), dict(self.ids))


def _check_entry(obj: dict[str, Any], number: int, problems: list[str]) -> GazetteerEntry | None:
    """Validate one line; append every problem found (not just the first)."""
    before = len(problems)

    def bad(field_name: str, message: str) -> None:
        problems.append(f"line {number}: {field_name}: {message}")

    unknown = set(obj) - {"id", "type", "label", "labels", "patterns", "ids", "sessions", "series", "date"}
    if unknown:
        bad(", ".join(sorted(unknown)), "unknown field(s)")
    type_ = obj.get("type")
    if type_ not in GAZETTEER_TYPES:
        bad("type", f"{type_!r} is not one of {', '.join(GAZETTEER_TYPES)}")
    id_ = obj.get("id")
    if not isinstance(id_, str) or "/" not in id_:
        bad("id", f"{id_!r} is not '<Type>/<local-name>'")
    else:
        prefix, local = id_.split("/", 1)
        if prefix != type_:
            bad("id", f"prefix {prefix!r} differs from type {type_!r}")
        if not _LOCAL.match(local):
            bad("id", f"local name {local!r} is not lower-case ASCII words joined by hyphens")
    label = obj.get("label")
    if not isinstance(label, str) or not label.strip():
        bad("label", "missing or empty")
    labels = obj.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in labels.items()):
        bad("labels", "must map language tags to non-empty strings")
        labels = {}
    patterns = obj.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p.strip() for p in patterns):
        bad("patterns", "must be a non-empty list of non-empty strings")
        patterns = []
    ids = obj.get("ids", {})
    if not isinstance(ids, dict) or not all(isinstance(v, str) for v in ids.values()):
        bad("ids", "must map identifier schemes to strings")
        ids = {}
    elif "wikidata" in ids and not QID.match(ids["wikidata"]):
        bad("ids", f"wikidata {ids['wikidata']!r} is not a Q-number")
    if not isinstance(obj.get("sessions", False), bool):
        bad("sessions", "must be true or false")
    series = obj.get("series")
    if series is not None and (not isinstance(series, str) or not series.startswith("Meeting/")):
        bad("series", f"{series!r} is not the id of a Meeting entry")
    date = obj.get("date")
    if date is not None and (not isinstance(date, str) or not _DATE.match(date)):
        bad("date", f"{date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if len(problems) > before:
        return None
    labels = {**labels, "en": labels.get("en", label)}
    all_patterns = tuple(dict.fromkeys([label, *labels.values(), *patterns]))
    return GazetteerEntry(id_, type_, label, labels, ids, all_patterns, obj.get("sessions", False), series, date)


def load_file(path: Path) -> list[GazetteerEntry]:
    """All entries of one JSONL file, or one error naming every bad line."""
    problems: list[str] = []
    entries = []
    for number, obj in read_jsonl(path, problems):
        entry = _check_entry(obj, number, problems)
        if entry is not None:
            entries.append(entry)
    raise_if(path, problems)
    return entries


def load(directory: Path) -> list[GazetteerEntry]:
    """Every `*.jsonl` in `directory`; an id defined twice or a pattern claimed by two
    entities (same case-folded form) is an error, since a match must resolve to one key."""
    entries: list[GazetteerEntry] = []
    where: dict[str, str] = {}
    owner: dict[tuple[str, bool], str] = {}
    problems: list[str] = []
    for path in sorted(directory.glob("*.jsonl")):
        for entry in load_file(path):
            if entry.id in where:
                problems.append(f"{path.name}: id: {entry.id} is also defined in {where[entry.id]}")
                continue
            where[entry.id] = path.name
            for pattern in entry.patterns:
                cased = is_cased(pattern)
                key = (unify(pattern) if cased else fold(unify(pattern)), cased)
                other = owner.setdefault(key, entry.id)
                if other != entry.id:
                    problems.append(f"{path.name}: patterns: {pattern!r} of {entry.id} already names {other}")
            entries.append(entry)
    problems += [f"{e.id}: series: {e.series} is not defined" for e in entries if e.series and e.series not in where]
    if problems:
        raise data_error(directory, problems)
    return entries


def matcher(directory: Path = DATA_DIR / "gazetteer") -> tuple[PhraseMatcher[str], dict[str, GazetteerEntry]]:
    """The automaton and the entries by id, built once per process (not per document)."""
    return _matcher(directory)  # one cache entry whether or not the directory is written out


@lru_cache(maxsize=4)
def _matcher(directory: Path) -> tuple[PhraseMatcher[str], dict[str, GazetteerEntry]]:
    entries = load(directory)
    by_id = {e.id: e for e in entries}
    return PhraseMatcher(((p, e.id) for e in entries for p in e.patterns), shared=True), by_id


def _compact(phrase: str, cased: bool) -> str:
    unified = unify(phrase).replace(" ", "")
    return unified if cased else fold(unified)


@lru_cache(maxsize=4)
def _compact_index(directory: Path = DATA_DIR / "gazetteer") -> dict[str, str]:
    _, by_id = matcher(directory)
    return {_compact(p, is_cased(p)): e.id for e in by_id.values() for p in e.patterns}


def lookup(name: str) -> GazetteerEntry | None:
    """The entry a whole name denotes: one of its patterns, written with or without the spaces
    and hyphens of a compound ("Samenwerkings Initiatief van Istanbul" is the
    "Samenwerkingsinitiatief van Istanbul"), or the entry whose id the name's slug gives."""
    automaton, by_id = matcher()
    whole = automaton.whole(name)
    if whole is not None:
        return by_id[whole]
    index = _compact_index()
    found = index.get(_compact(name, True)) or index.get(_compact(name, False))
    if found:
        return by_id[found]
    local = slug(name)
    return next((by_id[f"{t}/{local}"] for t in GAZETTEER_TYPES if f"{t}/{local}" in by_id), None)


@extractor(NAME, requires=("text",), assigns=tuple(f"mentions:{t}" for t in GAZETTEER_TYPES))
def extract(doc: Doc) -> None:
    """Mark every gazetteer phrase in the text; longest match wins, earlier mentions stay."""
    automaton, by_id = matcher()
    claims = Claims(doc)
    made: dict[str, Entity] = {}  # one entity per entry and document, however often it is named
    for cand in automaton.find(doc.text):
        entry = by_id[cand.payload]
        mention = Mention(cand.start, cand.end, doc.text[cand.start:cand.end], entry.type, entry.id, NAME)
        entity = made.get(entry.id) or made.setdefault(entry.id, entry.entity())
        claims.add(mention, entity)
