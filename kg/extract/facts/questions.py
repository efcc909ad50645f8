"""`questions`: in a written consultation, each numbered question with the party that asked
it and whether an answer follows.

GUIDE: "in a written consultation (schriftelijk overleg), each numbered question with the
party that asked it and whether an answer follows." The segmenter finds the question and
answer blocks; this module only decides. A question is answered when an answer block names
its number — alone, jointly ("Antwoord vraag 10 en 11") — or when its answer refers to
another answer ("Zie het antwoord op vraag 14"). The asking party is the first party named in
the question, else the one named in the heading of its section, else — when the question
goes on from the one before ("Deze leden vragen ...") — the party of that question.
"""

from __future__ import annotations

import re

from kg.extract.facts.passages import Passages
from kg.extract.registry import extractor
from kg.model import Doc, Fact, Segment

#: a question that names no party but goes on from the one before ("Deze leden vragen ...")
CONTINUING = re.compile(r"\b(?:[Dd]eze leden|[Zz]ij vragen|[Dd]e leden vragen|vragen de leden(?! van))\b")


@extractor("questions", requires=("questions", "answers", "mentions:Party"), assigns=("facts:questions",))
def extract_questions(doc: Doc) -> None:
    passages = Passages.of(doc)
    answers = doc.segments_of("answer")
    answered_by: dict[int, list[Segment]] = {}
    for answer in answers:
        for number in answer.attrs.get("numbers") or []:
            answered_by.setdefault(int(number), []).append(answer)
    seen: set[int] = set()
    previous_party: str | None = None
    for question in doc.segments_of("question"):
        number = question.attrs.get("number")
        if number is None or int(number) in seen:
            continue
        number = int(number)
        seen.add(number)
        blocks = answered_by.get(number, [])
        joint = sorted({int(n) for a in blocks for n in a.attrs.get("numbers") or []} - {number})
        refers = next((a.attrs["refers_to"] for a in blocks if a.attrs.get("refers_to") is not None), None)
        roles = {}
        party = _party(doc, passages, question)
        if party is None and CONTINUING.search(doc.text[question.start:question.end]):
            party = previous_party  # "Deze leden vragen ..." goes on for the party of the question before
        if party:
            roles["party"] = party
        previous_party = party
        values = {"number": number, "answered": bool(blocks), "answered_with": joint, "refers_to": refers}
        sentence = next((s for s in passages.sentences if question.start <= s.start < question.end), question)
        doc.facts.append(Fact("questions", roles, values, sentence.start, sentence.end))


def _party(doc: Doc, passages: Passages, question: Segment) -> str | None:
    """The first party named in the question, else in the heading of its section."""
    named = passages.mentions_between(question.start, question.end, ("Party",))
    if named:
        return named[0].key
    section = doc.enclosing("section", question.start, question.end)
    if section is not None:
        heading = next((s for s in doc.segments_of("heading") if s.start == section.start), None)
        if heading is not None:
            named = passages.mentions_between(heading.start, heading.end, ("Party",))
            if named:
                return named[0].key
    return None
