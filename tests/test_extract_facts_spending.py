"""`spending` on passages as yearly reports per ally write them, and figures that are no
country's defence spending."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.model import DocumentMeta
from tests.factories import extracted


def spending(text: str, meta: DocumentMeta | None = None) -> list[tuple]:
    doc = extracted(text, meta=meta)
    return sorted(((f.roles["country"].split("/")[1], f.values.get("year"), f.values.get("percent_gdp"),
                    f.values.get("amount"), f.values.get("currency")) for f in doc.facts if f.kind == "spending"), key=repr)


def test_spending_a_passage_carries_its_country_and_year_and_skips_compared_years():
    found = spending("In 2020 bedroeg het Belgisch defensiebudget ongeveer € 4,76 miljard. "
                     "Dat komt neer op circa 1,1% van het BBP. "
                     "Dat is ten opzichte van 2019 een ophoging van ongeveer € 0,5 miljard.")
    assert set(found) == {("BE", 2020, None, Decimal(4760000000), "EUR"), ("BE", 2020, None, Decimal(500000000), "EUR"),
                          ("BE", 2020, Decimal("1.1"), None, None)}


def test_spending_relative_years_count_from_the_year_of_writing():
    found = spending("Volgens de NAVO zal Frankrijk dit jaar 2,11% van zijn BBP besteden aan defensie, tegen 1,83% vorig jaar.",
                     DocumentMeta(date="2020-11-13"))
    assert found == [("FR", 2019, Decimal("1.83"), None, None), ("FR", 2020, Decimal("2.11"), None, None)]


def test_spending_the_country_of_a_section_heading():
    text = "Noorwegen\n\nIn 2024 zullen de defensie-uitgaven stijgen tot 8,3 miljard NOK (€ 0,8 miljard) boven het budget voor 2020."
    assert spending(text) == [("NO", 2024, None, Decimal("8300000000.0"), "NOK")]


def test_spending_conversions_and_amounts_named_again_are_no_new_figures():
    found = spending("In de SDSR15 staat dat het Verenigd Koninkrijk in de komende tien jaar £ 178 miljard "
                     "(ongeveer € 198 miljard) zal investeren in materieel. De £ 178 miljard komt bovenop het budget.")
    assert found == [("GB", None, None, Decimal(178000000000), "GBP")]


@pytest.mark.parametrize("text", [
    "Nederland streeft naar de 2%-norm van het BBP.",  # a norm
    "Het is een kwestie van tijd dat zelfs de 2% van het BBP wordt gehaald, aldus deze leden.",  # "de 2%": the norm
    "Het gemiddelde van de Europese bondgenoten komt dit jaar uit op 1,8% van het BBP.",  # an average, no country
    "De Duitse defensie-uitgaven komen neer op 1,57% van het BBP en daarvan wordt 16,83% besteed aan investeringen. "
    "Dit is een reële stijging van 4,1% ten opzichte van vorig jaar.",  # a share of spending, a growth rate
])
def test_spending_figures_that_are_no_share_of_gdp_or_no_country_figure(text: str):
    assert all(percent in (None, Decimal("1.57")) for _, _, percent, _, _ in spending(text))
    if "1,57" not in text:
        assert spending(text) == []
