"""`leads`: a country or organisation leads, commands or is framework/lead nation of a
mission, initiative or project.

GUIDE: "a country or organisation leads, commands or is framework/lead nation of a mission,
initiative or project."

Two rules. (1) A cue of `data/cues/leads.csv` ("dat framework nation is van", "onder leiding
van"): the leader is the country or organisation nearest the cue on its leader side, the led
entity the nearest mission or initiative on the other side. (2) A mission followed by its
owner — "Operation Inherent Resolve (OIR) van de anti-ISIS coalitie", "de missie van de
anti-ISIS coalitie (Operation Inherent Resolve)": the organisation conducts the mission.
"""

from __future__ import annotations

import re

from kg.extract.cues import cues
from kg.extract.facts.passages import Passages
from kg.extract.registry import extractor
from kg.model import Doc, Fact, Mention

LEADER_TYPES = ("Country", "Organisation")
LED_TYPES = ("Mission", "Initiative", "Organisation")
CONDUCTING = "conducting organisation"
#: between a mission (or its acronym in brackets) and its owner: an optional "(OIR)", then "van de"
MISSION_OF = re.compile(r"\)?\s*(?:\([^()]{1,40}\)\s*)?van (?:de |het )?$")
#: "de missie van de <org> (" — the mission's name follows in brackets
MISSION_OF_ORG = re.compile(r"(?:missie|operatie|inzet) van (?:de |het )?$", re.IGNORECASE)


@extractor("leads", requires=("sentences", "paragraphs", "mentions"), assigns=("facts:leads",))
def extract_leads(doc: Doc) -> None:
    passages = Passages.of(doc)
    for sentence in passages.sentences:
        found: dict[tuple[str, str], Fact] = {}

        def add(leader: Mention, led: Mention, role: str) -> None:
            if leader.key != led.key and (leader.key, led.key) not in found:
                found[leader.key, led.key] = Fact("leads", {"leader": leader.key, "led": led.key}, {"role": role},
                                                  sentence.start, sentence.end)

        text = passages.text(sentence)
        for cue in cues("leads", ("leader", "role")):
            for match in cue.pattern.finditer(text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                before = passages.mentions_between(sentence.start, start)
                after = passages.mentions_between(end, sentence.end)
                if cue.fields["leader"] == "before":
                    leader = _last(before, LEADER_TYPES)
                    led = _first(after, LED_TYPES)
                else:
                    leader = _first(after, LEADER_TYPES)
                    led = _last(before, LED_TYPES)
                if leader and led:
                    add(leader, led, cue.fields["role"])
        mentions = passages.mentions_between(sentence.start, sentence.end)
        for left, right in zip(mentions, mentions[1:]):
            between = doc.text[left.end : right.start]
            if left.type == "Mission" and right.type == "Organisation" and MISSION_OF.fullmatch(between):
                add(right, left, CONDUCTING)
            if left.type == "Organisation" and right.type == "Mission" and re.fullmatch(r"\s*\(\s*", between):
                if MISSION_OF_ORG.search(doc.text[sentence.start : left.start]):
                    add(left, right, CONDUCTING)
        doc.facts.extend(found.values())


def _first(mentions: list[Mention], types: tuple[str, ...]) -> Mention | None:
    return next((m for m in mentions if m.type in types), None)


def _last(mentions: list[Mention], types: tuple[str, ...]) -> Mention | None:
    return next((m for m in reversed(mentions) if m.type in types), None)
