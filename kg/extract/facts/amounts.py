"""Reading numbers, amounts and years as Dutch texts write them.

"1,48%" is 1.48; "€ 4,76 miljard" is 4 760 000 000; "1.200" is 1200; "tachtig" is 80
(`data/numbers.csv`); "ongeveer", "circa", "maximaal" are kept as the qualifier of an amount.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kg.extract.anchored import opening
from kg.extract.cues import mapping

SCALE = {"miljard": Decimal(10) ** 9, "miljoen": Decimal(10) ** 6, "duizend": Decimal(1000),
         "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}
CURRENCY = {"€": "EUR", "euro": "EUR", "$": "USD", "dollar": "USD", "us-dollar": "USD", "nok": "NOK",
            "pond": "GBP", "£": "GBP"}
QUALIFIERS = {"ongeveer": "ongeveer", "circa": "ongeveer", "ca.": "ongeveer", "zo'n": "ongeveer",
              "ruim": "ruim", "bijna": "bijna", "maximaal": "maximaal", "hooguit": "maximaal",
              "tot": "maximaal", "minimaal": "minimaal", "minstens": "minimaal", "ten minste": "minimaal"}

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
#: a year 1950–2099 not inside a longer number, its first digit written first so that `re`
#: skips straight to a "1" or a "2" (`opening`)
_DIGIT = r"\d"
YEAR = re.compile(rf"({opening('1', _DIGIT)}9[5-9]\d|{opening('2', _DIGIT)}0\d\d)(?!\d)")
QUALIFIER = re.compile(r"(?:" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s*$",
                       re.IGNORECASE)


def parse_number(text: str) -> Decimal | None:
    """A Dutch-formatted number or number word as a Decimal."""
    text = text.strip().lower()
    if text in mapping("numbers", "word", "value"):
        return Decimal(mapping("numbers", "word", "value")[text])
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def number_words() -> str:
    """An alternation of the number words, longest first, for use inside a regex."""
    return "|".join(sorted(map(re.escape, mapping("numbers", "word", "value")), key=len, reverse=True))


def qualifier_before(text: str) -> str | None:
    """'ongeveer', 'maximaal', ... when the text right before a figure ends with one."""
    match = QUALIFIER.search(text)
    return QUALIFIERS[match.group(0).strip().lower()] if match else None


def nearest_year(text: str, at: int) -> int | None:
    """The year written closest to position `at` of `text`."""
    years = [(abs(m.start() - at), int(m.group(1))) for m in YEAR.finditer(text)]
    return min(years)[1] if years else None
