"""XLSX export, read back with openpyxl: values, colours, comments, panes, the other sheets."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from openpyxl import load_workbook

from claimmap.formats.casefile_read import parse_case_text
from claimmap.formats.xlsx_matrix import dump_xlsx
from claimmap.formats.xml_text import xml_safe
from tests.conftest import SMALL_CASE
from tests.helpers.case_strategies import documents

FIELDS = ["id", "summary", "source", "reliability", "date", "kind", "credibility", "relevance"]


@pytest.fixture
def doc():
    return parse_case_text(SMALL_CASE)


def _book(doc):
    return load_workbook(io.BytesIO(dump_xlsx(doc)))


def _rgb(cell) -> tuple[int, int, int]:
    hex6 = cell.fill.fgColor.rgb[-6:]
    return int(hex6[0:2], 16), int(hex6[2:4], 16), int(hex6[4:6], 16)


def _expected_rows(doc) -> list[list[str | None]]:
    sources = {s.id: s for s in doc.sources}
    rows = []
    for ev in doc.evidence:
        src = sources.get(ev.source) if ev.source else None
        fields = [
            ev.id,
            xml_safe(ev.summary),
            xml_safe(f"{src.id}: {src.title}") if src else None,
            src.reliability.value if src else None,
            ev.date,
            ev.kind.value,
            ev.credibility,
            ev.relevance.value if ev.relevance else None,
        ]
        ratings = [
            ev.ratings[h.id].rating.value if h.id in ev.ratings else None for h in doc.hypotheses
        ]
        rows.append(fields + ratings)
    return rows


def test_sheets_panes_and_header(doc):
    wb = _book(doc)
    assert wb.sheetnames == ["matrix", "scores", "evidence", "sources"]
    ws = wb["matrix"]
    assert ws.freeze_panes == "C2"
    header = next(ws.iter_rows(max_row=1, values_only=True))
    assert list(header) == FIELDS + [f"{h.id}: {h.label}" for h in doc.hypotheses]
    assert ws["A1"].font.b
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width


def test_matrix_values_match_the_case(doc):
    ws = _book(doc)["matrix"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows == _expected_rows(doc)


def test_rating_cells_are_coloured_by_meaning(doc):
    ws = _book(doc)["matrix"]
    seen = set()
    for row in ws.iter_rows(min_row=2, min_col=len(FIELDS) + 1):
        for cell in row:
            if cell.value is None:
                assert cell.fill.fill_type is None
                continue
            r, g, b = _rgb(cell)
            seen.add(cell.value)
            if cell.value in ("CC", "C"):
                assert g > r and g > b, (cell.coordinate, cell.value)
            elif cell.value in ("I", "II"):
                assert r > g and r > b, (cell.coordinate, cell.value)
            elif cell.value == "N":
                assert r == g == b and r < 0xF0
            else:  # NA
                assert min(r, g, b) >= 0xF0
    assert {"C", "N", "I", "II"} <= seen


def test_rationales_become_comments(doc):
    ws = _book(doc)["matrix"]
    col = len(FIELDS) + [h.id for h in doc.hypotheses].index("H3") + 1
    commented = {
        (c.row, c.column): c.comment.text for row in ws.iter_rows() for c in row if c.comment
    }
    expected = {
        (i + 2, col): ev.ratings["H3"].rationale
        for i, ev in enumerate(doc.evidence)
        if "H3" in ev.ratings and ev.ratings["H3"].rationale
    }
    assert expected and commented == expected


def test_scores_sheet_has_every_method_with_probabilities(doc):
    ws = _book(doc)["scores"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[2] in ("H1", "H2", "H3")]
    methods = {r[0] for r in rows}
    assert len(methods) == 5
    for method in methods:
        mine = [r for r in rows if r[0] == method]
        assert sorted(r[2] for r in mine) == ["H1", "H2", "H3"]
        assert sum(r[6] for r in mine) == pytest.approx(1.0)
        assert all(r[7] <= r[8] for r in mine)
        assert [r[4] for r in mine] == sorted(r[4] for r in mine)  # best first
    # The Heuer count, computed here from the case: I counts 1, II counts 2.
    count = {h.id: 0 for h in doc.hypotheses}
    for ev in doc.evidence:
        for h, cell in ev.ratings.items():
            count[h] += {"I": 1, "II": 2}.get(cell.rating.value, 0)
    heuer = {r[2]: r[5] for r in rows if r[0].startswith("Inconsistency count")}
    assert heuer == count
    # Coverage, counted here: the cells of each column that carry a rating.
    rated = {h.id: sum(h.id in ev.ratings for ev in doc.evidence) for h in doc.hypotheses}
    assert {r[2]: (r[9], r[10]) for r in rows} == {
        h: (n, len(doc.evidence)) for h, n in rated.items()
    }


def test_sources_and_evidence_sheets(doc):
    wb = _book(doc)
    sources = [r for r in wb["sources"].iter_rows(min_row=2, values_only=True)]
    cited = {s.id: sum(ev.source == s.id for ev in doc.evidence) for s in doc.sources}
    assert [(r[0], r[1], r[6], r[8]) for r in sources] == [
        (s.id, s.title, s.reliability.value, cited[s.id]) for s in doc.sources
    ]
    evidence = [r for r in wb["evidence"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in evidence] == [(ev.id, ev.summary) for ev in doc.evidence]


def test_same_case_same_bytes_and_fixed_times(doc):
    assert dump_xlsx(doc) == dump_xlsx(doc)
    props = _book(doc).properties
    assert props.created == props.modified and props.created.year == 2000


def test_text_is_never_a_formula_and_control_characters_are_replaced(doc):
    data = doc.model_dump(by_alias=True)
    data["evidence"][0]["summary"] = '=HYPERLINK("http://x")'
    data["evidence"][1]["summary"] = "bell\x07 and form feed\x0c"
    ws = _book(type(doc).model_validate(data))["matrix"]
    assert ws["B2"].value == '=HYPERLINK("http://x")' and ws["B2"].data_type == "s"
    assert ws["B3"].value == "bell\ufffd and form feed\ufffd"


@settings(max_examples=15, deadline=None)
@given(documents())
def test_hard_text_survives_openpyxl(doc):
    ws = load_workbook(io.BytesIO(dump_xlsx(doc)))["matrix"]
    assert [list(r) for r in ws.iter_rows(min_row=2, values_only=True)] == _expected_rows(doc)
