"""The one mission a passage is about, for a sentence that states a fact about "the" mission
without naming it.

Kamerstukken often name a mission once and then go on about it: an answer that opens with
"de Nederlandse inzet in Afghanistan" and later says "Zo is Nederland afhankelijk van
Amerikaanse enablers", or an annual report's paragraph on Resolute Support. A careful reader
takes the mission from the passage. kg does so only when the passage leaves no doubt: the
smallest enclosing paragraph, answer or section that names a mission outside the sentence
names exactly one (two missions there, and the sentence could mean either: no fact).
"""

from __future__ import annotations

from kg.extract.facts.passages import Passages, unique_by_key
from kg.model import Mention, Segment

#: the passages a sentence is read in, smallest first
CONTEXTS = ("paragraph", "answer", "section")


def context_mission(passages: Passages, sentence: Segment) -> Mention | None:
    """The single mission the passage around `sentence` names, or None when it names none or
    several. Missions inside the sentence itself play another role there and do not count."""
    for kind in CONTEXTS:
        passage = passages.enclosing(kind, sentence.start, sentence.end)
        if passage is None:
            continue
        named = [m for m in passages.mentions_between(passage.start, passage.end, ("Mission",))
                 if not (sentence.start <= m.start and m.end <= sentence.end)]
        missions = unique_by_key(named)
        if missions:
            return missions[0] if len(missions) == 1 else None
    return None
