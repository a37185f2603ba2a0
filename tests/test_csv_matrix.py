"""CSV matrix export and import: layout, round trips, hand-made matrices, located errors."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings

from claimmap.formats.casefile_read import CaseFileError, parse_case_text
from claimmap.formats.csv_matrix import dump_csv
from claimmap.formats.csv_read import parse_csv
from tests.conftest import SMALL_CASE
from tests.helpers.case_strategies import documents, matrix_of


@pytest.fixture
def doc():
    return parse_case_text(SMALL_CASE)


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_export_has_a_bom_a_header_and_one_row_per_item(doc):
    text = dump_csv(doc)
    assert text.startswith("\ufeff")
    assert "\r\n" in text
    table = _table(text)
    hyp_cols = [f"{h.id}: {h.label}" for h in doc.hypotheses]
    assert table[0][:8] == [
        "id",
        "summary",
        "source",
        "reliability",
        "date",
        "kind",
        "credibility",
        "relevance",
    ]
    assert table[0][8:] == hyp_cols
    assert [row[0] for row in table[1:]] == [ev.id for ev in doc.evidence]
    sources = {s.id: s for s in doc.sources}
    for row, ev in zip(table[1:], doc.evidence, strict=True):
        assert row[1] == ev.summary
        src = sources.get(ev.source) if ev.source else None
        assert row[2] == (f"{src.id}: {src.title}" if src else "")
        assert row[3] == (src.reliability.value if src else "")
        assert row[6] == (ev.credibility or "")
        for h, cell in zip(doc.hypotheses, row[8:], strict=True):
            assert cell == (ev.ratings[h.id].rating.value if h.id in ev.ratings else "")


def test_round_trip_keeps_the_matrix(doc):
    back = parse_csv(dump_csv(doc).encode("utf-8"), "vase.csv")
    assert matrix_of(back) == matrix_of(doc)
    assert back.case.title == "vase" and back.case.slug == "vase"


@settings(max_examples=60, deadline=None)
@given(documents())
def test_round_trip_survives_hard_text(doc):
    back = parse_csv(dump_csv(doc).encode("utf-8"), "case.csv")
    assert matrix_of(back) == matrix_of(doc)


def test_own_export_with_semicolons_in_every_label_reads_back(doc):
    # Split at semicolons, these rows would also have equal lengths; the header's column
    # names are what tell the two apart.
    for h in doc.hypotheses:
        h.label = f"{h.label}; a; b"
    for ev in doc.evidence:
        ev.summary = ev.summary + "; x; y" * len(doc.hypotheses)
    back = parse_csv(dump_csv(doc).encode("utf-8"), "case.csv")
    assert matrix_of(back) == matrix_of(doc)
    assert [h.label for h in back.hypotheses] == [h.label for h in doc.hypotheses]


def test_hand_made_matrix_is_tolerant():
    text = "Evidence,Cat,Wind,H7: Child\nhair,c, cc ,\nwindow shut,n/a,I I,na\n\n"
    back = parse_csv(text.encode(), "hand.csv")
    assert [(h.id, h.label) for h in back.hypotheses] == [
        ("H1", "Cat"),
        ("H2", "Wind"),
        ("H7", "Child"),
    ]
    assert [ev.summary for ev in back.evidence] == ["hair", "window shut"]
    ratings = [{h: c.rating.value for h, c in ev.ratings.items()} for ev in back.evidence]
    assert ratings == [{"H1": "C", "H2": "CC"}, {"H1": "NA", "H2": "II", "H7": "NA"}]


def test_semicolon_separated_matrix_from_a_european_spreadsheet():
    back = parse_csv("Evidence;H1: Cat\r\nhair, found;C\r\n".encode("utf-8-sig"), "eu.csv")
    assert back.evidence[0].summary == "hair, found"
    assert back.evidence[0].ratings["H1"].rating.value == "C"


BAD = {
    "bad rating": (
        "Evidence,H1,H2\na,C,N\nb,N,C\nc,I,X\n",
        "m.csv: row 4, column \"H2\": 'X' is not one of CC, C, N, I, II, NA",
    ),
    "empty evidence text": (
        "Evidence,H1\n  ,C\n",
        'm.csv: row 2, column "Evidence": evidence text is empty',
    ),
    "bad credibility": (
        "summary,credibility,H1: a\nx,9,C\n",
        "m.csv: row 2, column \"credibility\": '9' is not one of 1, 2, 3, 4, 5, 6, High",
    ),
    "bad date": ("summary,date,H1\nx,3/2/2020,C\n", "m.csv: row 2, column \"date\": '3/2/2020'"),
    "duplicate evidence id": (
        "id,summary,H1\nE1,x,C\nE1,y,C\n",
        "m.csv: row 3, column \"id\": duplicate id 'E1'",
    ),
    "conflicting reliability": (
        "summary,source,reliability,H1\nx,S1: BBC,A,C\ny,S1: BBC,E,C\n",
        "m.csv: row 3, column \"reliability\": 'E' conflicts with 'A'",
    ),
    "not UTF-8": ("Evidence,H1\ncaf\xe9,C\n", "m.csv: (top level): not UTF-8 text (byte 0xe9"),
    "empty file": ("", "m.csv: (top level): the file is empty"),
    "extra cells": ("Evidence,H1\nx,C,N\n", "m.csv: row 2: more cells than header columns"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_matrix_names_file_row_and_column(name):
    text, expected = BAD[name]
    data = text.encode("latin-1") if name == "not UTF-8" else text.encode("utf-8")
    with pytest.raises(CaseFileError) as err:
        parse_csv(data, "m.csv")
    assert expected in err.value.render()


def test_every_bad_cell_is_reported_at_once():
    with pytest.raises(CaseFileError) as err:
        parse_csv(b"Evidence,H1,H2\na,Q,C\nb,C,Z\n", "m.csv")
    lines = err.value.render().splitlines()
    assert lines == [
        "m.csv: row 2, column \"H1\": 'Q' is not one of CC, C, N, I, II, NA",
        "m.csv: row 3, column \"H2\": 'Z' is not one of CC, C, N, I, II, NA",
    ]
