"""PARC ACH .achz export and import: structure, round trips, hostile and broken files."""

from __future__ import annotations

import codecs
import gzip
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimmap.formats import achz_format
from claimmap.formats.achz_read import parse_achz
from claimmap.formats.achz_write import dump_achz
from claimmap.formats.casefile_read import CaseFileError, parse_case_text
from claimmap.formats.xml_text import xml_safe
from tests.conftest import SMALL_CASE
from tests.helpers.case_strategies import documents, texts

# The documented mapping (docs/spreadsheets-and-parc.md), written out independently.
LEVEL = {"1": "High", "2": "High", "3": "Medium", "4": "Low", "5": "Low", "6": "Medium"}
LEVEL |= {"High": "High", "Medium": "Medium", "Low": "Low", None: "Medium"}
PARC = {"CC": "C C", "C": "C", "N": "N", "I": "I", "II": "I I", "NA": "NA"}


@pytest.fixture
def doc():
    return parse_case_text(SMALL_CASE)


def _xml(data: bytes) -> ET.Element:
    raw = gzip.decompress(data)
    assert raw.startswith(codecs.BOM_UTF16_BE)
    return ET.fromstring(raw.decode("utf-16"))


def _achz(xml: str, encoding: str = "utf-16") -> bytes:
    return gzip.compress(xml.encode(encoding))


def test_export_is_gzip_utf16_xml_in_parc_structure(doc):
    root = _xml(dump_achz(doc))
    assert root.findtext("PROJECT-TITLE") == doc.case.title
    names = [h.findtext("NAME") for h in root.findall("MATRIX/HYPOTHESIS")]
    assert names == [h.label for h in doc.hypotheses]
    items = root.findall("MATRIX/EVIDENCE")
    assert [e.findtext("NAME") for e in items] == [ev.summary for ev in doc.evidence]
    for element, ev in zip(items, doc.evidence, strict=True):
        expected = [
            PARC[ev.ratings[h.id].rating.value] if h.id in ev.ratings else ""
            for h in doc.hypotheses
        ]
        assert element.findtext("VALUES").split(",") == expected
        assert element.findtext("CREDIBILITY") == LEVEL[ev.credibility].upper()
        assert element.findtext("CODE") == ev.id


def test_export_is_deterministic(doc):
    assert dump_achz(doc) == dump_achz(doc)


def test_round_trip_keeps_matrix_and_maps_credibility(doc):
    back = parse_achz(dump_achz(doc), "vase.achz")
    assert back.case.title == doc.case.title
    assert [h.label for h in back.hypotheses] == [h.label for h in doc.hypotheses]
    for old, new in zip(doc.evidence, back.evidence, strict=True):
        assert (new.id, new.summary, new.kind) == (old.id, old.summary, old.kind)
        assert new.credibility == LEVEL[old.credibility]
        assert {h: c.rating for h, c in new.ratings.items()} == {
            h: c.rating for h, c in old.ratings.items()
        }


def _first_day(date: str | None) -> str | None:
    if date is None:
        return None
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


@settings(max_examples=60, deadline=None)
@given(documents(texts(XML_CHARS)))
def test_round_trip_survives_hard_text(doc):
    back = parse_achz(dump_achz(doc), "case.achz")
    assert back.case.title == xml_safe(doc.case.title)
    assert [h.label for h in back.hypotheses] == [xml_safe(h.label) for h in doc.hypotheses]
    for old, new in zip(doc.evidence, back.evidence, strict=True):
        assert new.summary == xml_safe(old.summary)
        assert new.date == _first_day(old.date)
        assert new.relevance == LEVEL[old.relevance.value if old.relevance else None]
        assert {h: c.rating.value for h, c in new.ratings.items()} == {
            h: c.rating.value for h, c in old.ratings.items()
        }


PARC_FILE = """<?xml version="1.0" encoding="UTF-16"?>
<ACH_PROJECT>
  <PROJECT-TITLE>Iraq WMD</PROJECT-TITLE>
  <CLASSIFICATION>U</CLASSIFICATION>
  <MATRIX>
    <HYPOTHESIS><NAME>Has weapons</NAME></HYPOTHESIS>
    <HYPOTHESIS><NAME>Has none</NAME></HYPOTHESIS>
    <HYPOTHESIS><NAME>Hiding them</NAME></HYPOTHESIS>
    <EVIDENCE>
      <NAME>Tubes bought abroad</NAME><NOTES>Seen in &lt;report&gt; 12</NOTES>
      <LINK>http://example.org/r12</LINK><TYPE>HUMINT</TYPE>
      <DATE>1582934400000</DATE><CODE>12</CODE><FLAG>1</FLAG>
      <CREDIBILITY>LOW</CREDIBILITY><VALUES>C C,I I,NA</VALUES>
    </EVIDENCE>
    <EVIDENCE>
      <NAME>No stockpiles found</NAME><TYPE>Assumption</TYPE><DATE>0</DATE>
      <CREDIBILITY>HIGH</CREDIBILITY><VALUES>I,C</VALUES>
    </EVIDENCE>
  </MATRIX>
</ACH_PROJECT>
"""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_reads_a_file_laid_out_as_open_source_ach_expects(encoding):
    back = parse_achz(_achz(PARC_FILE, encoding), "wmd.achz")
    assert back.case.title == "Iraq WMD"
    assert [h.label for h in back.hypotheses] == ["Has weapons", "Has none", "Hiding them"]
    first, second = back.evidence
    assert (first.id, first.notes, first.date) == ("12", "Seen in <report> 12", "2020-02-29")
    assert first.credibility == "Low" and first.tags == ["HUMINT", "flagged"]
    assert {h: c.rating.value for h, c in first.ratings.items()} == {
        "H1": "CC",
        "H2": "II",
        "H3": "NA",
    }
    assert back.sources[0].reference == "http://example.org/r12"
    assert first.source == back.sources[0].id
    assert second.kind.value == "assumption" and second.date is None
    assert {h: c.rating.value for h, c in second.ratings.items()} == {"H1": "I", "H2": "C"}


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]><ACH><PROJECT-TITLE>&lol9;</PROJECT-TITLE><MATRIX/></ACH>"
).replace("&lol0;", "&lol;")
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    "<ACH><PROJECT-TITLE>&e;</PROJECT-TITLE><MATRIX/></ACH>"
)
_GOOD = _achz(PARC_FILE)
BAD = {
    "XML bomb": (_achz(BOMB), "(top level): refused: the XML declares a DTD or entities"),
    "external entity": (_achz(EXTERNAL), "(top level): refused: the XML declares a DTD"),
    "not gzip": (b"PK\x03\x04 a zip file", "not a PARC ACH file: .achz files are gzip"),
    "truncated gzip": (_GOOD[: len(_GOOD) // 2], "(top level): damaged gzip data"),
    "bad UTF-16": (
        gzip.compress(codecs.BOM_UTF16_LE + "<ACH>".encode("utf-16-le") + b"\x00\xdc"),
        "not valid UTF-16 text at byte",
    ),
    "no byte-order mark": (gzip.compress(b"\x01\x02\x03"), "not UTF-16 text"),
    "malformed XML": (
        _achz("<ACH>\n<MATRIX>\n<HYPOTHESIS></MATRIX>\n</ACH>"),
        "(top level) (line 3): not well-formed XML: mismatched tag",
    ),
    "no MATRIX": (_achz("<ACH><PROJECT-TITLE>x</PROJECT-TITLE></ACH>"), "no MATRIX element"),
    "empty hypothesis name": (
        _achz(PARC_FILE.replace("<NAME>Has none</NAME>", "<NAME> </NAME>")),
        "MATRIX/HYPOTHESIS[2]/NAME: missing or empty hypothesis name",
    ),
    "missing evidence name": (
        _achz(PARC_FILE.replace("<NAME>No stockpiles found</NAME>", "")),
        "MATRIX/EVIDENCE[2]/NAME: missing or empty evidence text",
    ),
    "bad value": (
        _achz(PARC_FILE.replace("I,C</VALUES>", "I,X</VALUES>")),
        "MATRIX/EVIDENCE[2]/VALUES: value for H2: 'X' is not one of CC, C, N, I, II, NA",
    ),
    "too many values": (
        _achz(PARC_FILE.replace("I,C</VALUES>", "I,C,N,N</VALUES>")),
        "MATRIX/EVIDENCE[2]/VALUES: 4 values for 3 hypotheses",
    ),
    "bad date": (
        _achz(PARC_FILE.replace("<DATE>0</DATE>", "<DATE>soon</DATE>")),
        "MATRIX/EVIDENCE[2]/DATE: 'soon' is not a time in milliseconds since 1970",
    ),
    "bad credibility": (
        _achz(PARC_FILE.replace("<CREDIBILITY>HIGH", "<CREDIBILITY>HUGE")),
        "MATRIX/EVIDENCE[2]/CREDIBILITY: 'HUGE' is not one of 1, 2, 3, 4, 5, 6, High",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_names_file_place_and_problem(name):
    data, expected = BAD[name]
    with pytest.raises(CaseFileError) as err:
        parse_achz(data, "in.achz")
    text = err.value.render()
    assert text.startswith("in.achz: ")
    assert expected in text, text


def test_decompression_bomb_is_refused_while_inflating(monkeypatch):
    monkeypatch.setattr(achz_format, "MAX_INFLATED", 4 * 1024 * 1024)
    bomb = gzip.compress(b"\x00" * (16 * 1024 * 1024))
    assert len(bomb) < 100_000
    with pytest.raises(CaseFileError) as err:
        parse_achz(bomb, "bomb.achz")
    assert "inflates to more than 4 MiB; refused" in err.value.render()
