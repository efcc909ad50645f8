"""Written-consultation blocks: questions of the parties and the government's answers.

Forms recognised (all from the paragraph that opens the block):
- "Vraag 1" heading, then the question text;
- questions without a number, closed by "1. Antwoord van het kabinet" (the number then comes
  from the answer);
- answers "Antwoord", "Antwoord 4", "Antwoord vraag 10 en 11", "18. Antwoord van het kabinet";
  a bare "Antwoord" answers the question before it;
- "Zie het antwoord op vraag 14" in an answer → `refers_to`.
The party is the one named in the question ("De leden van de VVD-fractie", "de fractie van de
SP") or, for "Deze leden ...", the one set by the last party heading or question. Whether a
question was answered is decided later, from these segments.
"""

from __future__ import annotations

import re

from kg.model import Segment

QUESTION_MARK = re.compile(r"Vraag\s+(\d+)\s*:?")
ANSWER_MARK = re.compile(
    r"(?:(\d+)\.\s*)?Antwoord(?:\s+van\s+het\s+kabinet|\s+van\s+de\s+\w+)?"
    r"(?:\s+(?:op\s+)?(?:de\s+)?vra(?:ag|gen))?\s*((?:\d+)(?:\s*(?:,|en|t/m|-|–)\s*\d+)*)?\s*:?")
#: "[Dd](?<!\w[Dd])" is "\b[Dd]" written with the letter first, so that `re` skips straight to a
#: "d" rather than trying every position of the paragraph
PARTY = re.compile(r"[Dd](?<!\w[Dd])e\s+(?:leden\s+van\s+de\s+([\w-]+?)-fractie|fractie\s+van\s+(?:de\s+|het\s+)?"
                   r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*))")
ASKER = re.compile(r"(?:[Dd]e|[Dd]eze)\s+leden\b|[Dd]e\s+fractie\s+van\b")
REFERS_TO = re.compile(r"[Zz](?<!\w[Zz])ie\s+(?:het\s+)?antwoord\s+(?:op|bij)\s+vraag\s+(\d+)")


def numbers_of(spec: str) -> list[int]:
    """"10 en 11" → [10, 11]; "3 t/m 5" → [3, 4, 5]."""
    nums = [int(n) for n in re.findall(r"\d+", spec)]
    if len(nums) == 2 and re.search(r"t/m|-|–", spec) and nums[0] < nums[1] <= nums[0] + 50:
        return list(range(nums[0], nums[1] + 1))
    return nums


def party_in(text: str) -> str | None:
    m = PARTY.search(text)
    return (m.group(1) or m.group(2)) if m else None


def qa_segments(text: str, paras: list[tuple[int, int]], headings: set[int]) -> list[Segment]:
    """Question and answer segments over the body paragraphs (`headings`: their starts)."""
    out: list[Segment] = []
    party: str | None = None
    block: tuple[str, int, dict] | None = None  # (kind, start, attrs) of the open block
    pending_q: int | None = None  # start of an unnumbered question awaiting its answer
    last_end = paras[0][0] if paras else 0
    last_q: int | None = None

    def close(end: int) -> None:
        nonlocal block
        if block is not None:
            kind, start, attrs = block
            out.append(Segment(kind, start, end, attrs))
            block = None

    for k, (s, e) in enumerate(paras):
        para = text[s:e]
        q = QUESTION_MARK.fullmatch(para) if s in headings else None
        a = ANSWER_MARK.fullmatch(para) if para.startswith(tuple("0123456789A")) and len(para) < 60 else None
        if q:
            close(last_end)
            pending_q = None
            asked = text[e:paras[k + 1][1]] if k + 1 < len(paras) else ""
            party = party_in(asked) or party
            last_q = int(q.group(1))
            block = ("question", s, {"number": last_q, "party": party})
        elif a:
            close(last_end)
            nums = [int(a.group(1))] if a.group(1) else numbers_of(a.group(2) or "")
            if not nums and last_q is not None:
                nums = [last_q]
            if pending_q is not None and nums:
                out.append(Segment("question", pending_q, last_end,
                                   {"number": nums[0], "party": party_in(text[pending_q:last_end]) or party}))
                party = out[-1].attrs["party"]
                pending_q = None
            block = ("answer", s, {"numbers": nums, "refers_to": None})
        elif s in headings:
            close(last_end)
            pending_q = None
            party = party_in(para) or party
        elif ASKER.match(para) and (block is None or block[0] == "answer"):
            close(last_end)
            pending_q = s
        elif block is not None and block[0] == "answer" and block[2]["refers_to"] is None:
            m = REFERS_TO.search(para)
            if m:
                block[2]["refers_to"] = int(m.group(1))
        last_end = e
    close(last_end)
    return out
