"""Read a PARC ACH 2 `.achz` file into a case (structure in achz_format).

Refused, with the file, the place and the problem, and nothing written: data that is not
gzip (nor plain XML), a file that inflates past MAX_INFLATED (read in chunks, so a
decompression bomb never fills memory), text that is not UTF-16, malformed XML, any DTD
(defusedxml: entity expansion bombs and external entities need one), and missing or bad
elements. Places are element paths counted from 1: `MATRIX/EVIDENCE[3]/VALUES`.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import xml.etree.ElementTree as ET
import zlib
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET

from claimmap.formats import achz_format, table_guard
from claimmap.formats.achz_format import EVIDENCE_TYPES, millis_to_date
from claimmap.formats.casefile_read import CaseFileError
from claimmap.formats.imported import (
    FreshIds,
    case_info,
    empty_document,
    finish,
    level_word,
    rating_code,
)
from claimmap.model.document import CaseDocument
from claimmap.model.problems import Loc, Problem

_ID = re.compile(r"[\w][\w.\-]{0,63}\Z")
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
_FIELD_TAGS = {
    "summary": "NAME",
    "notes": "NOTES",
    "date": "DATE",
    "kind": "TYPE",
    "credibility": "CREDIBILITY",
    "relevance": "RELEVANCE",
    "id": "CODE",
    "ratings": "VALUES",
    "tags": "TYPE",
    "source": "LINK",
}


def _fail(filename: str, message: str, line: int | None = None) -> CaseFileError:
    return CaseFileError(filename, [Problem((), message, line)])


def _inflate(data: bytes, filename: str) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        if data.lstrip(b"\xef\xbb\xbf\xfe\xff").startswith((b"<", b"\x00<", b"<\x00")):
            return data  # already inflated: accepted as is
        raise _fail(filename, "not a PARC ACH file: .achz files are gzip-compressed XML")
    limit = achz_format.MAX_INFLATED
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise _fail(
                        filename,
                        f"inflates to more than {limit // (1024 * 1024)} MiB; refused "
                        "(a PARC ACH file is far smaller: is it a decompression bomb?)",
                    )
    except (OSError, EOFError, zlib.error) as exc:
        raise _fail(filename, f"damaged gzip data: {exc}") from None
    return bytes(out)


def _decode(raw: bytes, filename: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif raw.startswith(b"<\x00"):
        encoding = "utf-16-le"
    elif raw.startswith(b"\x00<"):
        encoding = "utf-16-be"
    elif raw.startswith((codecs.BOM_UTF8, b"<")):
        encoding = "utf-8-sig"  # a file someone inflated and re-saved
    else:
        raise _fail(filename, "not UTF-16 text: no byte-order mark and no '<' at the start")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if "16" in encoding else "UTF-8"
        raise _fail(filename, f"not valid {name} text at byte {exc.start}: {exc.reason}") from None


def _parse(text: str, filename: str) -> ET.Element:
    try:
        root: ET.Element = SafeET.fromstring(text, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise _fail(
            filename,
            "refused: the XML declares a DTD or entities (<!DOCTYPE …>, <!ENTITY …>); PARC ACH "
            "files have none, and they can hide an entity-expansion bomb or read local files",
        ) from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise _fail(filename, f"not well-formed XML: {exc.msg}", line) from None
    return root


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return "" if found is None or found.text is None else found.text


class _Reader:
    def __init__(self, doc: dict[str, Any], problems: list[Problem]):
        self.doc, self.problems = doc, problems
        self.ids = FreshIds()
        self.links: dict[str, str] = {}  # LINK text -> source id

    def problem(self, place: str, message: str) -> None:
        self.problems.append(Problem((place,), message))

    def hypotheses(self, matrix: ET.Element) -> None:
        for n, element in enumerate(matrix.findall("HYPOTHESIS"), start=1):
            label = _text(element, "NAME")
            if not label.strip():
                self.problem(f"MATRIX/HYPOTHESIS[{n}]/NAME", "missing or empty hypothesis name")
            hyp_id = f"H{n}"
            self.ids.used.add(hyp_id)
            self.doc["hypotheses"].append({"id": hyp_id, "label": label or hyp_id})

    def evidence(self, n: int, element: ET.Element) -> None:
        place = f"MATRIX/EVIDENCE[{n}]"
        item: dict[str, Any] = {"summary": _text(element, "NAME")}
        if not item["summary"].strip():
            self.problem(f"{place}/NAME", "missing or empty evidence text")
        code = _text(element, "CODE").strip()
        if _ID.match(code) and code not in self.ids.used:
            self.ids.used.add(code)
            item["id"] = code
        else:
            item["id"] = self.ids.take("E", n)
        if notes := _text(element, "NOTES"):
            item["notes"] = notes
        kind = _text(element, "TYPE").strip()
        item["kind"] = EVIDENCE_TYPES.get(kind.lower(), "fact")
        if kind and kind.lower() not in EVIDENCE_TYPES:
            item["tags"] = [kind[:200]]  # HUMINT, OSINT, …: kept as a tag
        if _text(element, "FLAG").strip() == "1":
            item.setdefault("tags", []).append("flagged")
        self.date(place, element, item)
        for name, tag in (("credibility", "CREDIBILITY"), ("relevance", "RELEVANCE")):
            if value := _text(element, tag).strip():
                item[name] = level_word(value)
        if link := _text(element, "LINK").strip():
            item["source"] = self.source(link)
        item["ratings"] = self.ratings(place, _text(element, "VALUES"))
        self.doc["evidence"].append(item)

    def date(self, place: str, element: ET.Element, item: dict[str, Any]) -> None:
        text = _text(element, "DATE").strip()
        if _ISO_DATE.match(text):
            item["date"] = text
            return
        try:
            date = millis_to_date(text)
        except (ValueError, OverflowError):
            self.problem(f"{place}/DATE", f"{text!r} is not a time in milliseconds since 1970")
            return
        if date is not None:
            item["date"] = date

    def source(self, link: str) -> str:
        if link not in self.links:
            source_id = self.ids.take("S")
            self.links[link] = source_id
            self.doc["sources"].append({"id": source_id, "title": link, "reference": link})
        return self.links[link]

    def ratings(self, place: str, text: str) -> dict[str, str]:
        hyps = [h["id"] for h in self.doc["hypotheses"]]
        values = text.split(",") if text.strip() or hyps else []
        if len(values) > len(hyps):
            self.problem(
                f"{place}/VALUES", f"{len(values)} values for {len(hyps)} hypotheses: {text!r}"
            )
            return {}
        ratings = {}
        for hyp_id, value in zip(hyps, values, strict=False):
            try:
                code = rating_code(value)
            except ValueError as exc:
                self.problem(f"{place}/VALUES", f"value for {hyp_id}: {exc}")
                continue
            if code is not None:
                ratings[hyp_id] = code
        return ratings


def _place(loc: Loc) -> str | None:
    if len(loc) >= 3 and loc[0] == "evidence" and isinstance(loc[1], int):
        return f"MATRIX/EVIDENCE[{loc[1] + 1}]/{_FIELD_TAGS.get(str(loc[2]), str(loc[2]))}"
    if len(loc) >= 2 and loc[0] == "hypotheses" and isinstance(loc[1], int):
        return f"MATRIX/HYPOTHESIS[{loc[1] + 1}]/NAME"
    if loc[:2] == ("case", "title"):
        return "PROJECT-TITLE"
    return None


def parse_achz(data: bytes, filename: str) -> CaseDocument:
    root = _parse(_decode(_inflate(data, filename), filename), filename)
    matrix = root.find("MATRIX")
    if matrix is None:
        raise _fail(filename, f"no MATRIX element under <{root.tag}>: not a PARC ACH file")
    hypotheses, evidence = matrix.findall("HYPOTHESIS"), matrix.findall("EVIDENCE")
    for found, limit, what in (
        (hypotheses, table_guard.MAX_COLUMNS, "hypotheses"),
        (evidence, table_guard.MAX_ROWS, "evidence items"),
    ):
        if len(found) > limit:
            raise _fail(filename, f"{len(found):,} {what}; claimmap reads up to {limit:,}")
    title = _text(root, "PROJECT-TITLE")
    doc = empty_document(case_info(filename, title))
    problems: list[Problem] = []
    reader = _Reader(doc, problems)
    reader.hypotheses(matrix)
    for n, element in enumerate(evidence, start=1):
        reader.evidence(n, element)
    return finish(doc, filename, problems, _place)
