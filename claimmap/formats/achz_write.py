"""Write a case as a PARC ACH 2 `.achz` file (structure in achz_format).

What PARC ACH cannot hold is left out: hypothesis statements and priors, rating rationales,
other analysts' ratings, sources other than their link, assumptions, indicators and links.
Admiralty credibility becomes High/Medium/Low (achz_format.ADMIRALTY_TO_LEVEL).
"""

from __future__ import annotations

import codecs
import gzip
import xml.etree.ElementTree as ET

from claimmap.formats.achz_format import PARC_RATING, ROOT, date_to_millis, parc_level
from claimmap.formats.xml_text import xml_safe
from claimmap.model.document import CaseDocument


def _child(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = xml_safe(text)


def achz_xml(doc: CaseDocument) -> str:
    root = ET.Element(ROOT)
    _child(root, "PROJECT-TITLE", doc.case.title)
    matrix = ET.SubElement(root, "MATRIX")
    for hyp in doc.hypotheses:
        _child(ET.SubElement(matrix, "HYPOTHESIS"), "NAME", hyp.label)
    links = {s.id: s.reference or "" for s in doc.sources}
    hyp_ids = [h.id for h in doc.hypotheses]
    for ev in doc.evidence:
        item = ET.SubElement(matrix, "EVIDENCE")
        _child(item, "NAME", ev.summary)
        _child(item, "NOTES", ev.notes or "")
        _child(item, "LINK", links.get(ev.source, "") if ev.source else "")
        _child(item, "TYPE", ev.kind.value.capitalize())
        _child(item, "DATE", str(date_to_millis(ev.date)))
        _child(item, "CODE", ev.id)
        _child(item, "FLAG", "0")
        _child(item, "CREDIBILITY", parc_level(ev.credibility))
        _child(item, "RELEVANCE", parc_level(ev.relevance.value if ev.relevance else None))
        cells = [
            PARC_RATING[ev.ratings[h].rating.value] if h in ev.ratings else "" for h in hyp_ids
        ]
        _child(item, "VALUES", ",".join(cells))
    ET.indent(root)
    # A carriage return in text would come back as a line feed (XML normalises line ends), so
    # it travels as a character reference; the indentation above holds none.
    body = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-16"?>\n' + body + "\n"


def dump_achz(doc: CaseDocument) -> bytes:
    """UTF-16 big-endian with its byte-order mark, as Java (PARC ACH) writes "UTF-16";
    gzip with a zero timestamp so the same case gives the same bytes."""
    text = codecs.BOM_UTF16_BE + achz_xml(doc).encode("utf-16-be")
    return gzip.compress(text, mtime=0)
