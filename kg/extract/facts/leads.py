"""`leads`: a country or organisation leads, commands or is framework/lead nation of a
mission, initiative or project.

GUIDE: "a country or organisation leads, commands or is framework/lead nation of a mission,
initiative or project."

Two rules. (1) A cue of `data/cues/leads.csv` ("dat framework nation is van", "onder leiding
van"): the leader is the country or organisation nearest the cue on its leader side, the led
entity the nearest mission or initiative on the other side. (2) The writer calls a mission the
organisation's own, in its own words — "de missie van de anti-ISIS coalitie (Operation Inherent
Resolve)", "operatie Atalanta van de Europese Unie": the organisation conducts the mission. A
bare genitive after a mission's official name ("Operation Inherent Resolve (OIR) van de
anti-ISIS coalitie in Irak") is not read as leadership: it names whose campaign the mission is
part of as often as who leads it, and careful readers do not count it.
"""

from __future__ import annotations

import re

from kg.extract.cues import cue_set
from kg.extract.facts.passages import ANAPHOR, Passages, is_hedged
from kg.extract.registry import extractor
from kg.model import Doc, Fact, Mention

LEADER_TYPES = ("Country", "Organisation")
LED_TYPES = ("Mission", "Initiative", "Organisation")
CONDUCTING = "conducting organisation"
#: between leaders that lead together
COORDINATED = re.compile(r"\s*(?:-|,|en|&)\s*")
#: between a name and the name it classifies: "PESCO-project Militaire Mobiliteit"
KIND_OF_NEXT = re.compile(r"-?(?:project|projecten|programma|initiatief|missie|operatie)\s+(?:\w+\s+)?", re.IGNORECASE)
#: between a mission and its owner: "van de"
MISSION_OF = re.compile(r"\s*van (?:de |het )?")
#: the writer's own word for the mission, right before or opening its name: "de missie EUTM", "Operatie Atalanta"
OWN_WORD = re.compile(r"\b(?:operatie|missie)\s+$", re.IGNORECASE)
#: "de missie van de <org> (" — the mission's name follows in brackets
MISSION_OF_ORG = re.compile(r"(?:missie|operatie|inzet) van (?:de |het )?$", re.IGNORECASE)


@extractor("leads", requires=("sentences", "paragraphs", "mentions"), assigns=("facts:leads",))
def extract_leads(doc: Doc) -> None:
    passages = Passages.of(doc)
    for sentence in passages.sentences_naming(LEADER_TYPES):
        found: dict[tuple[str, str], Fact] = {}

        def add(leader: Mention, led: Mention, role: str) -> None:
            if leader.key != led.key and (leader.key, led.key) not in found:
                found[leader.key, led.key] = Fact("leads", {"leader": leader.key, "led": led.key}, {"role": role},
                                                  sentence.start, sentence.end)

        mentions = passages.mentions_between(sentence.start, sentence.end)
        if not any(m.type in LEADER_TYPES for m in mentions) or len(mentions) < 2 and not passages.has_anaphor(sentence):
            continue  # nobody to lead, or nothing to be led: no cue needs reading
        text = passages.text(sentence)
        matches = list(cue_set("leads", ("leader", "role")).finditer_within(doc.text, sentence.start, sentence.end))
        if matches and is_hedged(text):
            continue
        for match, fields in matches:
            start, end = sentence.start + match.start(), sentence.start + match.end()
            before = passages.mentions_between(sentence.start, start)
            after = _skip_kinds(doc, passages.mentions_between(end, sentence.end))
            if fields["leader"] == "before":
                leader = _last(before, LEADER_TYPES)
                led = [m for m in [_first(after, LED_TYPES)] if m]
                near = fields.get("near")
                if leader and near and start - leader.end > int(near):
                    leader = None
            else:
                leader = _first(after, LEADER_TYPES)
                led = [m for m in [_last(before, LED_TYPES)] if m]
            leaders = _coordinated(doc, after if fields["leader"] == "after" else before, leader)
            if leader and not led and ANAPHOR.search(text):
                led = passages.antecedent_missions(sentence)  # "de leidende rol van de VS ... deze missies"
            for target in led if leader else []:
                for one in leaders:
                    add(one, target, fields["role"])
        for left, right in zip(mentions, mentions[1:]):
            between = doc.text[left.end : right.start]
            if (left.type == "Mission" and right.type == "Organisation" and MISSION_OF.fullmatch(between)
                    and (OWN_WORD.search(doc.text, max(0, left.start - 12), left.start)
                         or OWN_WORD.match(left.text.split(maxsplit=1)[0] + " "))):
                add(right, left, CONDUCTING)
            if left.type == "Organisation" and right.type == "Mission" and re.fullmatch(r"\s*\(\s*", between):
                if MISSION_OF_ORG.search(doc.text[sentence.start : left.start]):
                    add(left, right, CONDUCTING)
        doc.facts.extend(found.values())


def _coordinated(doc: Doc, mentions: list[Mention], leader: Mention | None) -> list[Mention]:
    """The leader and the leaders joined to it: "onder leiding van Frankrijk en Duitsland",
    "een Duits-Frans programma"."""
    if leader is None:
        return []
    out = [leader]
    for m in mentions[mentions.index(leader) + 1:]:
        if m.type not in LEADER_TYPES or not COORDINATED.fullmatch(doc.text[out[-1].end:m.start]):
            break
        out.append(m)
    return out


def _skip_kinds(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Drop a name used as the kind of the next one: in "het PESCO-project Militaire
    Mobiliteit" the project is led, not PESCO."""
    return [m for i, m in enumerate(mentions)
            if not (i + 1 < len(mentions) and KIND_OF_NEXT.fullmatch(doc.text[m.end:mentions[i + 1].start]))]


def _first(mentions: list[Mention], types: tuple[str, ...]) -> Mention | None:
    return next((m for m in mentions if m.type in types), None)


def _last(mentions: list[Mention], types: tuple[str, ...]) -> Mention | None:
    return next((m for m in reversed(mentions) if m.type in types), None)
