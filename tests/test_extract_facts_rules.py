"""leads, contributes, spending, motions and questions on hand-built passages."""

from __future__ import annotations

from decimal import Decimal

from kg.extract.facts.contributes import extract_contributes
from kg.extract.facts.leads import extract_leads
from kg.extract.facts.motions import MOTION, extract_motions
from kg.extract.facts.passages import Passages
from kg.extract.facts.questions import extract_questions
from kg.extract.facts.spending import extract_spending
from kg.model import DocumentMeta, Segment
from tests.factories import make_doc

NL = ("Nederland", "Country", "Country/NL")
DUTCH = ("Nederlandse", "Country", "Country/NL")
DE = ("Duitsland", "Country", "Country/DE")
BELGIAN = ("Belgisch", "Country", "Country/BE")
TAACN = ("TAAC-N", "Mission", "Mission/taac-n")
OIR = ("Operation Inherent Resolve", "Mission", "Mission/oir")
COALITION = ("anti-ISIS coalitie", "Organisation", "Organisation/coalition")
EFP = ("enhanced Forward Presence", "Mission", "Mission/efp")


def test_leads_framework_nation():
    doc = make_doc("Nederland werkt samen met Duitsland, dat framework nation is van TAAC-N.", [NL, DE, TAACN])
    extract_leads(doc)
    assert [(f.roles, f.values) for f in doc.facts] == [
        ({"leader": "Country/DE", "led": "Mission/taac-n"}, {"role": "framework nation"})]


def test_leads_not_read_from_an_official_name_followed_by_van_de():
    """"<official name> (ACR) van de <organisation>" names the mission; a careful reader notes no
    leadership there (the gold does not), unlike the writer's own "de missie van de coalitie"."""
    doc = make_doc("Nederland draagt bij aan Operation Inherent Resolve (OIR) van de anti-ISIS coalitie.",
                   [NL, OIR, COALITION])
    extract_leads(doc)
    assert [f.roles for f in doc.facts] == []


def test_leads_organisation_named_before_its_mission():
    doc = make_doc("Het betreft de missie van de anti-ISIS coalitie (Operation Inherent Resolve).", [OIR, COALITION])
    extract_leads(doc)
    assert [f.roles for f in doc.facts] == [{"leader": "Organisation/coalition", "led": "Mission/oir"}]


def test_contributes_amount_unit_year_and_qualifier():
    doc = make_doc("In 2020 levert Nederland ongeveer 270 militairen aan enhanced Forward Presence.", [NL, EFP])
    extract_contributes(doc)
    (fact,) = doc.facts
    assert fact.roles == {"country": "Country/NL", "mission": "Mission/efp"}
    assert fact.values == {"amount": Decimal(270), "unit": "military personnel", "qualifier": "ongeveer", "year": 2020}


def test_contributes_number_words_and_ranges():
    doc = make_doc("Nederland stuurt tachtig à honderd militairen naar enhanced Forward Presence.", [NL, EFP])
    extract_contributes(doc)
    assert doc.facts[0].values["amount"] == 80 and doc.facts[0].values["amount_max"] == 100


def test_contributes_needs_a_country_and_a_mission():
    doc = make_doc("Nederland levert 270 militairen.", [NL])
    extract_contributes(doc)
    assert doc.facts == []


def test_contributes_contributor_is_closest_to_the_cue_and_not_a_place():
    text = "Wegens het vertrek van Duitsland uit TAAC-N stuurt Nederland een extra peloton naar TAAC-N in Afghanistan."
    doc = make_doc(text, [DE, NL, TAACN, ("Afghanistan", "Country", "Country/AF")])
    extract_contributes(doc)
    assert [(f.roles["country"], f.values["amount"], f.values["unit"]) for f in doc.facts] == [("Country/NL", 1, "platoon")]


def test_spending_percentage_and_carried_country():
    text = ("In 2020 bedroeg het Belgisch defensiebudget ongeveer € 4,76 miljard. "
            "Dat komt neer op circa 1,1% van het BBP.")
    doc = make_doc(text, [BELGIAN])
    extract_spending(doc)
    values = sorted((f.roles["country"], tuple(sorted(f.values))) for f in doc.facts)
    # the second sentence goes on in the first one's passage: its country and its year
    assert values == [("Country/BE", ("amount", "currency", "year")), ("Country/BE", ("percent_gdp", "year"))]
    amount = next(f for f in doc.facts if "amount" in f.values)
    assert amount.values["amount"] == Decimal("4760000000") and amount.values["currency"] == "EUR"


def test_spending_skips_norms_and_averages():
    text = ("Nederland streeft naar de 2%-norm van het BBP. "
            "Het gemiddelde van de Europese bondgenoten is 1,8% van het BBP.")
    doc = make_doc(text, [NL])
    extract_spending(doc)
    assert doc.facts == []


def test_spending_this_year_takes_the_document_year():
    doc = make_doc("Nederland haalt dit jaar een bbp-percentage van 1,48%.", [NL], DocumentMeta(date="2020-10-20"))
    extract_spending(doc)
    assert [(f.values["percent_gdp"], f.values["year"]) for f in doc.facts] == [(Decimal("1.48"), 2020)]


def test_motions_forms_and_kamerstuk():
    text = ("Zie de motie Koopmans c.s. over wapens (Kamerstuk 33694, nr. 43). "
            "De motie De Roon/Wilders is uitgevoerd.")
    doc = make_doc(text, [("Kamerstuk 33694, nr. 43", "Kamerstuk", "Kamerstuk/33694-43")])
    extract_motions(doc)
    got = sorted((f.roles.get("kamerstuk", ""), tuple(f.values["submitters"])) for f in doc.facts)
    assert got == [("", ("De Roon", "Wilders")), ("Kamerstuk/33694-43", ("Koopmans",))]
    assert {e.label for e in doc.entities.values() if e.type == "Motion"} == {"motie Koopmans c.s.", "motie De Roon/Wilders"}


def test_motions_a_motion_document_lists_itself():
    meta = DocumentMeta(identifier="kst-28676-468", doc_type="motie", submitters=["Boswijk", "Tuinman"])
    doc = make_doc("De Kamer, gehoord de beraadslaging, verzoekt de regering ...", [], meta)
    extract_motions(doc)
    (fact,) = doc.facts
    assert fact.values == {"submitters": ["Boswijk", "Tuinman"], "self": True}
    assert fact.roles == {} and doc.entities == {}


def test_questions_answered_jointly_and_unanswered():
    text = "Vraag 1 GL vraagt iets. Antwoord ja. Vraag 2 GL vraagt meer. Vraag 3 GL vraagt nog meer."
    doc = make_doc(text, [("GL", "Party", "Party/groenlinks")])
    spans = [(text.index("Vraag 1"), text.index("Antwoord")), (text.index("Vraag 2"), text.index("Vraag 3")),
             (text.index("Vraag 3"), len(text))]
    doc.segments += [Segment("question", s, e, {"number": n}) for n, (s, e) in enumerate(spans, 1)]
    doc.segments.append(Segment("answer", text.index("Antwoord"), text.index("Vraag 2"), {"numbers": [1, 2]}))
    extract_questions(doc)
    got = [(f.values["number"], f.values["answered"], f.values["answered_with"], f.roles.get("party")) for f in doc.facts]
    assert got == [(1, True, [2], "Party/groenlinks"), (2, True, [1], "Party/groenlinks"), (3, False, [], "Party/groenlinks")]


def test_passages_sentences_with_a_pattern_are_those_it_may_match_in():
    """Found from where the pattern's prefixes stand in the document, not by asking every
    sentence: the same sentences, every one holding a match among them."""
    text = ("De motie Koopmans c.s. is aangenomen. Daarna volgde niets. Ook de motie-Ploumen telt. "
            "Geen motie hier.\n\nEen alinea zonder. De motie van het lid Van Dijk.\n\n") * 40
    doc = make_doc(text)
    passages = Passages.of(doc)
    found = passages.sentences_with(MOTION)
    assert found == [s for s in passages.sentences if MOTION.may_match_in(text, s.start, s.end)]
    matched = [s for s in passages.sentences if MOTION.pattern.search(text[s.start:s.end])]
    assert len(matched) == 3 * 40 and set(matched) < set(found)  # "Geen motie hier." may, but does not


def test_passages_sentences_naming_types_are_those_holding_such_a_mention():
    doc = make_doc("Frankrijk leidt EUTM. Daarna niets. De NAVO is er. Frankrijk en de NAVO ook.",
                   [("Frankrijk", "Country", "Country/FR"), ("NAVO", "Organisation", "Organisation/nato"),
                    ("EUTM", "Mission", "Mission/eutm")])
    passages = Passages.of(doc)
    for types in (("Country",), ("Country", "Organisation"), ("Mission",), ("Person",)):
        expected = [s for s in passages.sentences if passages.mentions_between(s.start, s.end, types)]
        assert passages.sentences_naming(types) == expected
    assert len(passages.sentences_naming(("Country", "Organisation"))) == 3
