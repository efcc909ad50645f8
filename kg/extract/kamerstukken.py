"""References to Kamerstukken, and the `cites` facts they make.

GUIDE.md: a Kamerstuk is "a parliamentary document referred to by dossier and number, or by a
zaak/kenmerk number" — "Kamerstuk 28 676, nr. 347 → 28676-347; Kamerstukken 29 521 en 25 295,
nr. 407 → 29521-407 and 25295-407; Kamerstuk 2021Z04547"; and `cites` holds "every Kamerstuk
the document refers to, normalised to DOSSIER-NR (dossier without spaces; a dossier with a
suffix keeps it: 35570-X-53, 21501-02-1888) or to the zaak number".

PERFORMANCE.md: no regex runs over the whole text from every position. The cheap literal cue
"nr"/"nrs" is found first and the dossier list is parsed in the 120 characters before it;
zaak and document numbers ("2021Z04547", "Kenmerk 2020D11584") are found by their fixed shape,
tried only where a "19" or "20" stands (`Anchored`, as the cue).
Every dossier in a list pairs with every number ("Kamerstukken 29 521 en 25 295, nrs. 402 en
404" gives four references), as the guide prescribes. The document never cites itself.
"""

from __future__ import annotations

import re

from kg.extract.anchored import Anchored
from kg.extract.mentions import Claims, sentence_span
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Fact, Mention
from kg.namespaces import kamerstuk_key

NAME = "kamerstukken"

#: a dossier: five digits, maybe split "28 676", maybe with a suffix ("35 570 X", "21 501-02")
_DOSSIER = r"(?<![\w.])\d{2}\s?\d{3}(?:(?:\s|-)(?:[IVXL]{1,5}|[A-Z]|\d{2})(?![\w-]))?"
#: the dossier list right before the cue, optionally after "Kamerstuk(ken) [I|II] [2019/20,]"
_BEFORE_CUE = re.compile(
    rf"(?P<refs>{_DOSSIER}(?:\s*(?:,|en|&)\s*{_DOSSIER})*)\s*,?\s*$"
)
_CUE = Anchored(re.compile(r"\bnrs?\.\s*\d"), shared=True)
#: a number, unless it is the first half of a split dossier ("25" of "25 295")
_NUMBER = r"\d+[A-Z]?(?![\w-]|\s?\d{3}(?!\d))"
#: "nrs. 402 en 404", "nr. 284 en nr. 279", "nrs. 10, 11 en 12" — but not the year in "nr. 12, 2020"
_NUMBERS = re.compile(
    rf"nrs?\.\s*{_NUMBER}(?:(?:\s*,\s*(?!(?:19|20)\d\d\b)|\s+en\s+|\s*&\s*)(?:nrs?\.\s*)?{_NUMBER})*"
)
_ZAAK = Anchored(re.compile(r"(?<!\w)(?:19|20)\d\d[ZD]\d{5}(?!\w)"), shared=True)
_WINDOW = 120


def _normalise_dossier(text: str) -> str:
    """"35 570 X" → "35570-X", "21 501-02" → "21501-02"."""
    digits = re.match(r"\d{2}\s?\d{3}", text).group()
    suffix = text[len(digits):].strip(" -")
    base = digits.replace(" ", "")
    return f"{base}-{suffix}" if suffix else base


def references(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, refs) for every reference expression in `text`, in text order."""
    found: list[tuple[int, int, list[str]]] = []
    consumed = 0
    for cue in _CUE.finditer(text):
        if cue.start() < consumed:
            continue
        window_start = max(consumed, cue.start() - _WINDOW)
        before = _BEFORE_CUE.search(text, window_start, cue.start())
        if before is None:
            continue
        numbers = _NUMBERS.match(text, cue.start())
        dossiers = [_normalise_dossier(d.group()) for d in re.finditer(_DOSSIER, before.group("refs"))]
        nums = re.findall(r"\d+[A-Z]?", re.sub(r"nrs?\.", " ", numbers.group()))
        start = _reference_start(text, before.start())
        found.append((start, numbers.end(), [f"{d}-{n}" for d in dossiers for n in nums]))
        consumed = numbers.end()
    for zaak in _ZAAK.finditer(text):
        start = _reference_start(text, zaak.start())
        found.append((start, zaak.end(), [zaak.group()]))
    found.sort()
    return found


_LEAD = re.compile(r"(?:\b(?:Kamerstukk?e?n?|Kenmerk|kenmerk)(?:\s+I{1,2})?(?:\s+\d{4}[/–-]\d{2,4})?\s*,?\s*)$")


def _reference_start(text: str, start: int) -> int:
    """Widen a span to take in a leading "Kamerstuk(ken) [II 2019/20,]" or "Kenmerk"."""
    lead = _LEAD.search(text, max(0, start - 40), start)
    return lead.start() if lead else start


def _self_refs(doc: Doc) -> set[str]:
    """The document's own reference(s), which it must not cite."""
    meta = doc.document.meta
    own = set()
    if meta.identifier and meta.identifier.startswith("kst-"):
        own.add(meta.identifier[4:])
    if meta.dossier and meta.number:
        own.add(f"{meta.dossier.replace(' ', '')}-{meta.number}")
    return own


@extractor(NAME, requires=("text", "sentences", "meta"), assigns=("mentions:Kamerstuk", "facts:cites"))
def extract(doc: Doc) -> None:
    """One mention per reference (a joint reference puts several on one span) and one `cites`
    fact per distinct reference per sentence, whose passage is that sentence."""
    own = _self_refs(doc)
    claims = Claims(doc)
    cited: set[tuple[str, int]] = set()
    for start, end, refs in references(doc.text):
        surface = doc.text[start:end]
        for ref in refs:
            if ref in own:
                continue
            key = kamerstuk_key(ref)
            if not claims.add(Mention(start, end, surface, "Kamerstuk", key, NAME), Entity(key, "Kamerstuk", ref)):
                continue
            s_start, s_end = sentence_span(doc, start, end)
            if (key, s_start) not in cited:
                cited.add((key, s_start))
                doc.facts.append(Fact("cites", {"cited": key}, {}, s_start, s_end))
