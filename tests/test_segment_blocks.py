"""segment(): headings, sections, questions/answers, paragraphs, sentences."""

from kg.normalise import normalise
from kg.segment import segment
from kg.segment.sentences import split_sentences


def segs(raw):
    n = normalise(raw)
    return n.text, segment(n.text, n.footnotes)


def kinds(segments, kind):
    return [s for s in segments if s.kind == kind]


QA = """Vraag 1
De leden van de GroenLinks-fractie vragen of de Minister dit deelt.

Antwoord
Ja.

Vraag 2
Deze leden vragen ook iets anders.

Vraag 3
De leden van de SP-fractie vragen nog meer.

Antwoord vraag 2 en 3
Beide vragen worden hier beantwoord.

Vraag 4
De leden van de D66-fractie vragen iets.

Antwoord 4
Zie het antwoord op vraag 1.
"""


def test_segment_numbered_questions_and_joint_answers():
    text, out = segs(QA)
    qs = kinds(out, "question")
    assert [(q.attrs["number"], q.attrs["party"]) for q in qs] == [
        (1, "GroenLinks"), (2, "GroenLinks"), (3, "SP"), (4, "D66")]
    ans = kinds(out, "answer")
    assert [a.attrs["numbers"] for a in ans] == [[1], [2, 3], [4]]
    assert ans[-1].attrs["refers_to"] == 1 and ans[0].attrs["refers_to"] is None
    assert text[qs[1].start:qs[1].end] == "Vraag 2\n\nDeze leden vragen ook iets anders."


UNNUMBERED = """Vragen en opmerkingen van de leden van de VVD-fractie

De leden van de VVD-fractie hebben kennisgenomen van de agenda.

China
De leden van de VVD-fractie vragen hoe de minister dit ziet?

1. Antwoord van het kabinet
Het kabinet ziet dit zo.

Deze leden vragen verder of dit klopt?

2. Antwoord van het kabinet
Dat klopt.
"""


def test_segment_unnumbered_questions_take_answer_number():
    text, out = segs(UNNUMBERED)
    qs = kinds(out, "question")
    assert [(q.attrs["number"], q.attrs["party"]) for q in qs] == [(1, "VVD"), (2, "VVD")]
    assert text[qs[0].start:qs[0].end] == "De leden van de VVD-fractie vragen hoe de minister dit ziet?"
    assert [a.attrs["numbers"] for a in kinds(out, "answer")] == [[1], [2]]
    titles = [(s.attrs["title"], s.attrs["level"]) for s in kinds(out, "section")]
    assert titles == [("Vragen en opmerkingen van de leden van de VVD-fractie", 1), ("China", 2)]


def test_segment_fractie_van_de_party():
    _, out = segs("Vraag 7\nDe fractie van de SP vraagt iets.\n\nAntwoord\nDit.\n")
    assert kinds(out, "question")[0].attrs["party"] == "SP"


def test_segment_sorted_and_footnotes_included():
    raw = ("Kop\nDe eerste zin met een merkteken1. Tweede zin \n\n1 Bron: een rapport.\n"
           " loopt door.\n")
    n = normalise(raw)
    out = segment(n.text, n.footnotes)
    assert out == sorted(out, key=lambda s: (s.start, -s.end))
    assert kinds(out, "footnote") == n.footnotes
    note = n.footnotes[0]
    assert any(s.kind == "sentence" and s.start == note.start for s in out)
    assert any(s.kind == "heading" and n.text[s.start:s.end] == "Kop" for s in out)


def test_segment_sentences_do_not_cross_paragraphs():
    text, out = segs("Eerste alinea zonder punt aan het eind\n\n\nTweede alinea. Met twee zinnen.\n")
    paras = kinds(out, "paragraph")
    for s in kinds(out, "sentence"):
        assert any(p.start <= s.start and s.end <= p.end for p in paras)


def test_segment_sentence_abbreviations_and_initials():
    text = ("Het schip Zr.Ms. Evertsen vaart o.a. naar Azië, zie Kamerstuk 28 676, nr. 71 (d.d. 3 mei). "
            "Dit meldde A.Th.B. Bijleveld-Schouten in 2020. Het kabinet i.v.m. de NAVO. Klaar!")
    spans = split_sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == [
        "Het schip Zr.Ms. Evertsen vaart o.a. naar Azië, zie Kamerstuk 28 676, nr. 71 (d.d. 3 mei).",
        "Dit meldde A.Th.B. Bijleveld-Schouten in 2020.",
        "Het kabinet i.v.m. de NAVO.",
        "Klaar!"]


def test_segment_list_number_opening_paragraph_is_not_a_sentence():
    text = "1. Antwoord van het kabinet"
    assert split_sentences(text, 0, len(text)) == [(0, len(text))]
