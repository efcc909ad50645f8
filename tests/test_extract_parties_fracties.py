"""Party groups in fractie mentions, linked through the parties files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract import parties
from tests.factories import make_doc


def found(text: str) -> list[tuple[str, str]]:
    doc = make_doc(text)
    parties.extract(doc)
    return [(m.text, m.key) for m in doc.mentions]


@pytest.mark.parametrize(
    "text, key",
    [
        ("De leden van de GroenLinks-fractie vragen", "Party/groenlinks"),
        ("de VVD-fractie", "Party/vvd"),
        ("de fractie van de SP", "Party/sp"),
        ("het lid Wilders (PVV)", "Party/pvv"),
        ("de GL-fractie", "Party/groenlinks"),
        ("de ChristenUnie", "Party/christenunie"),
        ("de GL-PvdA-fractie", "Party/groenlinks-pvda"),
        ("de fractie van Volt", "Party/volt"),
    ],
)
def test_fractie_mentions(text: str, key: str) -> None:
    assert [k for _, k in found(text)] == [key]


@pytest.mark.parametrize("text", ["een spanning van 230 Volt", "de NSC van de VS", "GL is een afkorting"])
def test_ambiguous_names_need_a_fractie_context(text: str) -> None:
    assert found(text) == []


def test_wikidata_comes_from_the_parties_file_only() -> None:
    doc = make_doc("De GroenLinks-fractie en de JA21-fractie")
    parties.extract(doc)
    assert doc.entities["Party/groenlinks"].ids == {"wikidata": "Q667680"}
    assert doc.entities["Party/ja21"].ids == {}


def test_alias_file_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "parties_aliases.csv"
    path.write_text("# test\nalias,party,parties_row,anywhere\nVVD,VVD,VVD,yes\nX,X,NOPE,yes\n,Y,,no\nZ,Z,,maybe\n", encoding="utf-8")
    with pytest.raises(KgError) as err:
        parties.load_aliases(path, {"VVD": ("Volkspartij voor Vrijheid en Democratie", "Q239333")})
    message = str(err.value)
    assert "parties_aliases.csv" in message
    for expected in ("line 4: parties_row", "line 5: alias", "line 6: anywhere"):
        assert expected in message
