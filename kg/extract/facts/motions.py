"""`motions`: every motion referred to, with submitters and Kamerstuk; a motion document is
itself a motion with its signatories.

GUIDE: "every motion referred to, with its Kamerstuk where the text gives one. A motion
document lists itself here too (`self: true`) with its signatories as submitters; it is not
an entity of itself."

Forms: "de motie Koopmans c.s.", "motie Stoffer/Verhoeven", "motie-Ploumen", "de motie van
het lid Van Dijk", "de motie De Roon/Wilders"; a Kamerstuk reference right after the motion
("(Kamerstuk 33694, nr. 43)") is its number. The submitters are surnames as written, with
their prefixes ("De Roon", "Van der Staaij").
"""

from __future__ import annotations

import re

from kg.extract.anchored import Anchored
from kg.extract.facts.passages import Passages
from kg.extract.persons import signatories
from kg.extract.registry import extractor
from kg.model import Doc, Entity, Fact, Mention
from kg.namespaces import slug

_PREFIX = r"(?:(?:[Vv]an(?: de[nr]?)?|[Dd]e|[Dd]en|[Tt]er|[Tt]en|[Ii]n ['’]t|'t)\s+)?"
_SURNAME = _PREFIX + r"[A-Z][\w'’]+(?:-[A-Z][\w'’]+)*"
#: tried only where "motie" stands (`Anchored`): most sentences name no motion
MOTION = Anchored(re.compile(
    r"\b[Mm]otie(?:s)?(?:-|\s+(?:van\s+(?:het\s+lid|de\s+leden)\s+)?)"
    rf"(?P<names>{_SURNAME}(?:\s*(?:/|,|\ben\b)\s*{_SURNAME})*)(?P<cs>\s+c\.s\.)?"
), shared=True)
SPLIT_NAMES = re.compile(r"\s*(?:/|,|\ben\b)\s*")  # "motie Stoffer/Verhoeven", "motie van Campen/ Boswijk"
#: a Kamerstuk reference counts as the motion's number when it follows within this many
#: characters in the same sentence, with no other motion in between
NEAR = 160


@extractor("motions", requires=("sentences", "mentions:Kamerstuk"), assigns=("facts:motions", "mentions:Motion"))
def extract_motions(doc: Doc) -> None:
    passages = Passages.of(doc)
    _self_motion(doc)
    for sentence in passages.sentences_with(MOTION):
        for match in MOTION.finditer_within(doc.text, sentence.start, sentence.end):
            names = [n for n in SPLIT_NAMES.split(match["names"]) if n]
            label = "motie " + "/".join(names) + (" c.s." if match["cs"] else "")
            start, end = sentence.start + match.start(), sentence.start + match.end()
            key = f"Motion/{slug(label)}"
            doc.add_entity(Entity(key, "Motion", label, {"nl": label}, alt_labels={doc.text[start:end]}))
            doc.mentions.append(Mention(start, end, doc.text[start:end], "Motion", key, "motions"))
            roles = {"motion": key}
            reach = min(end + NEAR, sentence.end)
            following = MOTION.search(doc.text, end, reach)
            cited = passages.mentions_between(end, following.start() if following else reach, ("Kamerstuk",))
            if cited:
                roles["kamerstuk"] = cited[0].key
            doc.facts.append(Fact("motions", roles, {"submitters": names, "self": False}, sentence.start, sentence.end))


def _self_motion(doc: Doc) -> None:
    """A motion document is a motion: the fact names no motion entity (the document itself is
    the motion, and not an entity of itself) and carries its signatories — the names under the
    motion, else those of the metadata."""
    meta = doc.document.meta
    if (meta.doc_type or "").lower() != "motie":
        return
    end = min(len(doc.text), 200)
    signed = [f"{f.first} {f.surname}".strip() if f.first else f.surname for f in signatories(doc)]
    doc.facts.append(Fact("motions", {}, {"submitters": signed or list(meta.submitters), "self": True}, 0, end))
