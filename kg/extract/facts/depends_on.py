"""`depends_on`: a mission (or a country's part in it) relies on a provider.

GUIDE: "a mission (or a country's part in it) relies on a provider — a country, organisation,
coalition or mission — for enablers or support. [...] Dependence of one mission on another
mission's enablers counts too."

Rule: a sentence holding a dependence cue (`data/cues/depends_on.csv`). The provider is the
country, organisation or mission named on the cue's provider side, up to a relative clause
(", dat ...", ", die ..."); the mission is a mission named on the other side, or — when that
side names none but points back ("deze missies") — the missions of the sentence before, or —
when that side names no mission at all — the one mission its passage is about
(`context.context_mission`: "Zo is Nederland afhankelijk van Amerikaanse enablers" in an
answer on the deployment in Afghanistan that names Resolute Support). That last reading needs
the sentence to say who depends (a country, "we", "onze eenheden") and on what military
support (`data/cues/support.csv`: enablers, force protection, transport, ...), so "Nederland
is afhankelijk van Russisch gas" in the same passage states nothing about the mission.
A sentence without both is skipped: a fact a careful reader would not state is worse than a
missing one.
"""

from __future__ import annotations

import re

from kg.extract.cues import cue_set
from kg.extract.facts.context import context_mission
from kg.extract.facts.passages import ANAPHOR, Passages, is_hedged, unique_by_key
from kg.extract.registry import extractor
from kg.model import Doc, Fact

PROVIDER_TYPES = ("Country", "Organisation", "Mission")
#: where the provider's phrase ends: a relative clause or another clause begins
CLAUSE_END = re.compile(r",\s*(?:dat|die|wat|waar\w*|omdat|terwijl|maar)\b|[;:]\s|\.\s")
#: who depends when the mission is only implied, besides a country: "we", the Dutch forces
DEPENDENT = re.compile(r"\b(?:we|wij|ons|onze|militairen|eenheden|troepen|krijgsmacht)\b", re.IGNORECASE)


@extractor(
    "depends_on",
    requires=("sentences", "paragraphs", "mentions"),
    assigns=("facts:depends_on",),
)
def extract_depends_on(doc: Doc) -> None:
    passages = Passages.of(doc)
    for sentence in passages.sentences_with(cue_set("depends_on", ("provider",)).anchored):
        if not passages.mentions_between(sentence.start, sentence.end, PROVIDER_TYPES):
            continue  # no provider: no cue needs reading
        text = passages.text(sentence)
        found: dict[tuple[str, str], Fact] = {}
        for match, fields in cue_set("depends_on", ("provider",)).finditer_within(doc.text, sentence.start, sentence.end):
            if is_hedged(text):
                break
            cue_start, cue_end = sentence.start + match.start(), sentence.start + match.end()
            if fields["provider"] == "after":
                tail = text[match.end():]
                stop = CLAUSE_END.search(tail)
                span = (cue_end, cue_end + (stop.start() if stop else len(tail)))
            else:
                span = (sentence.start, cue_start)
            providers = unique_by_key(passages.mentions_between(*span, PROVIDER_TYPES))
            side = (sentence.start, span[0]) if fields["provider"] == "after" else (cue_end, sentence.end)
            missions = unique_by_key(passages.mentions_between(*side, ("Mission",)))
            if not missions and ANAPHOR.search(doc.text[side[0]:side[1]]):
                missions = passages.antecedent_missions(sentence)
            elif not missions and providers and _implied(passages, side, (sentence.start, sentence.end)):
                missions = [m for m in [context_mission(passages, sentence)] if m]
            enablers = sorted({m.text for m in passages.mentions_between(sentence.start, sentence.end, ("Capability",))})
            for mission in missions:
                for provider in providers:
                    if provider.key != mission.key and (mission.key, provider.key) not in found:
                        values = {"enabler": ", ".join(enablers)} if enablers else {}
                        found[mission.key, provider.key] = Fact(
                            "depends_on", {"mission": mission.key, "provider": provider.key},
                            values, sentence.start, sentence.end)
        doc.facts.extend(found.values())


def _implied(passages: Passages, dependent: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """Whether a dependence that names no mission is one on military support: someone who
    depends on the dependent side (a country, "we", the forces), enablers or support in the
    sentence ("afhankelijk van Amerikaanse enablers", "voor medische afvoer afhankelijk van")."""
    text = passages.doc.text
    who = passages.mentions_between(*dependent, ("Country",)) or DEPENDENT.search(text, *dependent)
    what = (passages.mentions_between(*sentence, ("Capability",))
            or cue_set("support").pattern.search(text, *sentence))
    return bool(who and what)
