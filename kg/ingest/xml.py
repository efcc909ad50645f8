"""KOOP XML (officielebekendmakingen.nl `kst-*.xml`) → laid-out text and the metadata it carries.

Two variants are served: one embeds `<metadata>` (DC.identifier, DC.type, OVERHEIDop.dossiernummer,
documenttitel, indiener, DCTERMS.issued ...), the other only points to an external record
(`OVERHEIDop.externMetadataRecord` → `…/kst-24515-782/metadata.xml`). That URL is never fetched
here: the identifier is read from it, and everything else from the body (`<dossiernummer>` with
its `<raadnr>`/`<begrotingshoofdstuk>`, `<ondernummer>`, `<datum isodatum>`, the stuk's `<titel>`).

The text is laid out so that the normaliser has nothing to guess:
- a heading block as the printed page shows it: "Tweede Kamer der Staten-Generaal" /
  "Vergaderjaar 2024-2025", then "21 501-02 Raad Algemene Zaken …" (dossier and title), then
  "Nr. 3121 MOTIE VAN HET LID CEDER" and "Voorgesteld 10 april 2025";
- every paragraph (`<al>`, a heading, a list item, a table row) on one line, paragraphs separated
  by one blank line; a list item starts with its number or dash ("– te komen tot …");
- a signature (`<ondertekening>`) is one paragraph, function and name on their own lines, as
  `infer_meta` and the persons extractor read signatures in text;
- a footnote's mark is glued to the word before it ("watervoorzieningen1") and the notes follow
  the body, one "<n> <text>" paragraph each — the form the normaliser moves out of the body and
  links to its mark; inline markup (`<nadruk>`, `<inf>`, `<extref>`) is plain text.

Security: lxml parses with DTD loading, entity resolution and network access switched off, and a
document that declares entities is refused, so nothing in a file can make kg read another file
or fetch a URL.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import input_error
from kg.ingest.kamerstuk import identifier_for, iso_date, official_doc_type, split_identifier
from kg.ingest.text import Decoded, read_bytes
from kg.model import DocumentMeta

if TYPE_CHECKING:
    from lxml import etree

ROOT = "officiele-publicatie"
#: Elements with no text of their own for the body (the metadata, page furniture of the head).
SKIP = frozenset({"metadata", "kamerstukkop", "li.nr", "lidnr", "noot.nr"})
#: The head lines of `<kamerstukkop>` printed on the first page; "Kamerstukken" and the chamber
#: number are furniture.
HEAD_LINES = ("kameraanduiding", "vergaderjaar")
EXTERN_RECORD = re.compile(r"/(?P<id>[a-z]+-[^/]+)/metadata\.xml$")
MARK = "\x01"  # glues a footnote mark to the word before it, then disappears
_SPACE = re.compile(r"\s+")


def parse_xml(data: bytes, where: Path | str) -> "etree._Element":
    """The root element of `data`, parsed with no DTD, no entities and no network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise input_error(where, f"is not well-formed XML ({exc})",
                          hint="give the XML as officielebekendmakingen.nl serves it") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise input_error(where, "declares XML entities, which kg never expands (they can make a "
                                 "reader open files or URLs)",
                          hint="KOOP publications declare no entities; give the file as published")
    return root


def local(el: "etree._Element") -> str:
    """The element's name without namespace; "" for comments and processing instructions."""
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _clean(text: str) -> str:
    return re.sub(rf"\s*{MARK}", "", _SPACE.sub(" ", text)).strip()


class _Notes:
    """Footnotes met in the body, in order: their numbers and texts."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self.by_id: dict[str, str] = {}

    def add(self, noot: "etree._Element") -> str:
        number_el = next((c for c in noot if local(c) == "noot.nr"), None)
        number = _clean("".join(number_el.itertext())) if number_el is not None else str(len(self.items) + 1)
        text = " ".join(_clean(_inline(c, self)) for c in noot if local(c) not in ("noot.nr", ""))
        self.items.append((number, text))
        if noot.get("id"):
            self.by_id[noot.get("id")] = number
        return MARK + number

    def ref(self, nootref: "etree._Element") -> str:
        number = self.by_id.get(nootref.get("refid") or "")
        return MARK + number if number else ""


def _inline(el: "etree._Element", notes: _Notes) -> str:
    """The element's text with its inline children; footnotes become glued marks."""
    parts = [el.text or ""]
    for child in el:
        name = local(child)
        if name == "noot":
            parts.append(notes.add(child))
        elif name == "nootref":
            parts.append(notes.ref(child))
        elif name and name not in SKIP:
            parts.append(_inline(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _mixed(el: "etree._Element") -> bool:
    """True when the element holds running text itself (a paragraph), not only child blocks."""
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _blocks(el: "etree._Element", notes: _Notes) -> list[str]:
    """The paragraphs of a block element, in document order."""
    name = local(el)
    if not name or name in SKIP:
        return []
    if name == "noot":  # a note outside running text (tables): listed with the others
        notes.add(el)
        return []
    if name in ("li", "lid"):
        label = next((c for c in el if local(c) in ("li.nr", "lidnr")), None)
        inner = [b for c in el for b in _blocks(c, notes)]
        if label is not None and inner:
            inner[0] = f"{_clean(''.join(label.itertext()))} {inner[0]}"
        return inner
    if name == "ondertekening":
        lines = [_clean(_inline(c, notes)) for c in el if local(c)]
        return ["\n".join(line for line in lines if line)] if any(lines) else []
    if name == "row":
        cells = [" ".join(_blocks(c, notes)) or _clean(_inline(c, notes)) for c in el if local(c) == "entry"]
        return [" | ".join(cells)] if any(cells) else []
    if name == "kop":
        text = " ".join(_clean(_inline(c, notes)) for c in el if local(c))
        return [text] if text else []
    if _mixed(el):
        text = _clean(_inline(el, notes))
        return [text] if text else []
    return [b for c in el for b in _blocks(c, notes)]


def _text(el: "etree._Element | None", notes: _Notes) -> str:
    return _clean(_inline(el, notes)) if el is not None else ""


#: Children of `<kamerstuk>` and its `<stuk>` that the heading block lays out itself.
HEAD_PARTS = frozenset({"kamerstukkop", "dossier", "stuknr", "titel", "datumtekst"})


def _kamerstuk_head(ks: "etree._Element", notes: _Notes) -> list[str]:
    """The printed heading block: chamber and year, dossier and title, number and stuk title, date."""
    paras: list[str] = []
    head = ks.find("kamerstukkop")
    if head is not None:
        lines = {t.get("inhoud"): _text(t, notes) for t in head}
        paras.append("\n".join(lines[k] for k in HEAD_LINES if lines.get(k)))
    dossier = ks.find("dossier")
    if dossier is not None:
        paras.append(" ".join(filter(None, (_text(dossier.find("dossiernummer"), notes),
                                            _text(dossier.find("titel"), notes)))))
    stuk = ks.find("stuk")
    if stuk is not None:
        paras.append(" ".join(filter(None, (_text(stuk.find("stuknr"), notes), _text(stuk.find("titel"), notes)))))
        paras.append(_text(stuk.find("datumtekst"), notes))
    return paras


def layout(root: "etree._Element") -> str:
    """The publication as text: heading block, paragraphs, then the footnotes (module docstring)."""
    notes = _Notes()
    paras: list[str] = []
    for part in root:
        if local(part) == "kamerstuk":
            paras.extend(_kamerstuk_head(part, notes))
            for child in part:
                inner = child if local(child) == "stuk" else [child]
                paras.extend(b for c in inner if local(c) not in HEAD_PARTS for b in _blocks(c, notes))
        else:
            paras.extend(_blocks(part, notes))
    text = "\n\n".join(p for p in paras if p)
    if notes.items:
        text += "\n\n" + "\n\n".join(f"{n} {t}" for n, t in notes.items)
    return text + "\n"


# --- metadata ------------------------------------------------------------------------------


def _meta_values(root: "etree._Element") -> list[tuple[str, str, str]]:
    """(name, scheme, content) of every `<meta>` of the embedded `<metadata>` block."""
    block = root.find("metadata")
    if block is None:
        return []
    return [(m.get("name") or "", m.get("scheme") or "", (m.get("content") or "").strip())
            for m in block if local(m) == "meta"]


def _dossier_of(ks: "etree._Element") -> str | None:
    """`<dossiernr>21 501</dossiernr>-<raadnr>02</raadnr>` → "21501-02"; a begrotingshoofdstuk
    is a suffix too ("36725-XXIII"); a rijkswet number ("(R2188)") is not part of the id."""
    number = ks.find("dossier/dossiernummer")
    if number is None or number.find("dossiernr") is None:
        return None
    main = re.sub(r"\D", "", "".join(number.find("dossiernr").itertext()))
    suffix = next((_clean("".join(number.find(s).itertext())) for s in ("raadnr", "begrotingshoofdstuk")
                   if number.find(s) is not None), "")
    return f"{main}-{suffix}" if main and suffix else main or None


def _ordered(names: list[str], heading: str) -> list[str]:
    """Submitters in the order the heading names them ("… VAN DE LEDEN KATHMANN EN WHITE")."""
    upper = heading.upper()

    def position(name: str) -> int:
        surname = re.sub(r"^(?:[A-Z][a-z]{0,2}\.\s?)+", "", name).strip().upper()
        found = upper.find(surname) if surname else -1
        return found if found >= 0 else len(upper) + 1

    return sorted(names, key=position)


def koop_meta(root: "etree._Element") -> tuple[DocumentMeta, list[str]]:
    """The metadata of a KOOP publication: the embedded record where there is one, the body
    for the rest; warnings name disagreements between the two."""
    values = _meta_values(root)

    def first(name: str, scheme: str | None = None) -> str | None:
        return next((c for n, s, c in values if n == name and c and (scheme is None or s == scheme)), None)

    warnings: list[str] = []
    ks = root.find("kamerstuk")
    dossier = _dossier_of(ks) if ks is not None else None
    number = _clean("".join(ks.find("stuk/stuknr/ondernummer").itertext())) \
        if ks is not None and ks.find("stuk/stuknr/ondernummer") is not None else None
    extern = EXTERN_RECORD.search(first("OVERHEIDop.externMetadataRecord") or "")
    identifier = first("DC.identifier", "OVERHEIDop.ParlID") or first("DC.identifier") \
        or (extern.group("id") if extern else None) \
        or (identifier_for(dossier, number) if dossier and number else None)
    parts = split_identifier(identifier) if identifier else None
    if parts:
        if (dossier, number) != parts and dossier and number:
            warnings.append(f"the body says dossier {dossier}, nr. {number}; the identifier {identifier} "
                            f"says {parts[0]}, nr. {parts[1]}: the identifier's values are used")
        dossier, number = parts
    heading = _text(ks.find("stuk/titel"), _Notes()) if ks is not None else ""
    datum = ks.find("stuk/datumtekst/datum") if ks is not None else None
    dossier_title = _text(ks.find("dossier/titel"), _Notes()) if ks is not None else ""
    meta = DocumentMeta(
        identifier=identifier,
        dossier=dossier,
        number=number,
        doc_type=official_doc_type(first("DC.type", "OVERHEIDop.KamerstukTypen")),
        date=iso_date(datum.get("isodatum") if datum is not None else None) or iso_date(first("DCTERMS.issued")),
        title=first("OVERHEIDop.documenttitel") or dossier_title or None,
        submitters=_ordered([c for n, _s, c in values if n == "OVERHEIDop.indiener" and c], heading),
    )
    return meta, warnings


def read_xml(path: Path) -> Decoded:
    """Reader for KOOP XML publications."""
    data = read_bytes(path)
    if not data.strip():
        raise input_error(path, "file is empty", hint="remove it or give the publication's XML")
    root = parse_xml(data, path)
    if local(root) != ROOT:
        raise input_error(path, f"is XML, but not a KOOP officiële publicatie (root element <{local(root)}>)",
                          hint="kg reads Kamerstukken as officielebekendmakingen.nl serves them (kst-….xml)")
    meta, warnings = koop_meta(root)
    encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
    return Decoded(layout(root), encoding=encoding, format="koop-xml", warnings=tuple(warnings), meta=meta)
