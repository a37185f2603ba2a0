"""Export → import → export is byte-identical, and any text survives exactly."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmap.formats.casefile_read import parse_case_text
from claimmap.formats.casefile_write import dump
from claimmap.model.document import CaseDocument
from claimmap.store.case_store import Store
from tests.conftest import SMALL_CASE

# Every character a person could type or paste: any script, RTL marks, emoji, quotes,
# newlines, tabs, control characters. Lone surrogates are not text and cannot be UTF-8.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)
TRICKY = st.sampled_from(
    [
        "هيئة تحرير الشام",
        "\u202bRTL embedding\u202c and \u200f marks",
        "emoji 🧭🔥👩🏽‍💻 and flags 🇸🇾",
        "quotes ' \" ` « » „ “ ”",
        "line one\nline two\n\nline four",
        " leading and trailing spaces ",
        "trailing newline\n",
        "tabs\tand\r\nwindows endings",
        "yaml: looks like {a: mapping} - [and, a, list] # not a comment",
        "&anchor *alias !tag %directive @at",
        "NA",
        "yes",
        "null",
        "~",
        "2020-02-05",
        "0x1F",
        "1e3",
        "---",
        "...",
        "\ufeffBOM inside",
        "\u2028line separator\u2029paragraph separator",
        "\x85next line",
        "\x00\x07\x1b control characters",
    ]
)
TEXT = st.one_of(TRICKY, ANY_TEXT)
FLAGS = ["retracted", "second_hand", "partisan"]
IDS = st.text(string.ascii_letters + string.digits, min_size=1, max_size=6)


@st.composite
def documents(draw: st.DrawFn) -> CaseDocument:
    n_h = draw(st.integers(1, 4))
    n_e = draw(st.integers(0, 4))
    hyps = [{"id": f"H{i}", "label": draw(TEXT), "statement": draw(TEXT)} for i in range(n_h)]
    sources = [{"id": "S0", "title": draw(TEXT), "author": draw(TEXT), "notes": draw(TEXT)}]
    ratings = st.sampled_from(["CC", "C", "N", "I", "II", "NA"])
    evidence = []
    for i in range(n_e):
        cells = {}
        for h in hyps:
            if draw(st.booleans()):
                rationale = draw(st.one_of(st.none(), TEXT))
                cells[h["id"]] = {"rating": draw(ratings), "rationale": rationale}
        evidence.append(
            {
                "id": f"E{i}",
                "summary": draw(TEXT),
                "source": "S0",
                "notes": draw(st.one_of(st.none(), TEXT)),
                "tags": draw(st.lists(TEXT, max_size=2)),
                "credibility": draw(st.sampled_from([None, "1", "6", "High", "Low"])),
                "flags": draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=3)),
                "ratings": cells,
                "ratings_by": {draw(TEXT).strip() or "x": {"H0": "C"}}
                if draw(st.booleans())
                else {},
            }
        )
    data = {
        "format": "claimmap/1",
        "case": {"title": draw(TEXT), "question": draw(TEXT), "description": draw(TEXT)},
        "analyst": "default",
        "hypotheses": hyps,
        "sources": sources,
        "evidence": evidence,
        "assumptions": [{"id": "A" + draw(IDS), "statement": draw(TEXT), "hypotheses": ["H0"]}],
        "teaching": draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries(
                    {
                        "learning_goals": st.lists(TEXT, max_size=2),
                        "discussion_questions": st.lists(TEXT, max_size=2),
                        "notes": st.one_of(st.none(), TEXT),
                    }
                ),
            )
        ),
        "reviewed": draw(
            st.lists(
                st.sampled_from(
                    ["across_rows", "report"] + [f"linchpin:{e['id']}" for e in evidence]
                ),
                unique=True,
                max_size=3,
            )
        ),
    }
    try:
        return CaseDocument.model_validate(data)
    except Exception:  # e.g. an analyst name of only spaces; not what this test is about
        from hypothesis import reject

        reject()


def _norm(doc: CaseDocument) -> dict:
    """What must survive: the document minus values the writer deliberately leaves out."""
    from claimmap.formats.casefile_write import document_to_data

    return document_to_data(doc)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@settings(max_examples=150, deadline=None)
@given(doc=documents())
def test_text_round_trips_exactly_through_files(fmt, doc):
    first = dump(doc, fmt)
    again = parse_case_text(first, as_json=fmt == "json")
    assert _norm(again) == _norm(doc)
    assert dump(again, fmt) == first


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents())
def test_export_import_export_through_the_database_is_byte_identical(doc, tmp_path_factory):
    store = Store.open(str(tmp_path_factory.mktemp("db") / "rt.db"))
    try:
        case = store.import_document(doc)
        first = dump(store.export_document(case.id), "yaml")
        second_case = store.import_document(parse_case_text(first), replace=True)
        second = dump(store.export_document(second_case.id), "yaml")
        assert second == first
        exported = store.export_document(second_case.id)
        assert exported.case.title == doc.case.title
        assert [e.summary for e in exported.evidence] == [e.summary for e in doc.evidence]
    finally:
        store.close()


def test_sample_shaped_case_round_trips_through_cli(cli, small_file, tmp_path):
    assert cli("import", str(small_file)).exit_code == 0
    out1 = tmp_path / "one.yaml"
    assert cli("export", "1", "-o", str(out1)).exit_code == 0
    assert cli("import", str(out1), "--replace").exit_code == 0
    out2 = tmp_path / "two.yaml"
    assert cli("export", "1", "-o", str(out2)).exit_code == 0
    assert out1.read_bytes() == out2.read_bytes()
    text = out1.read_text(encoding="utf-8")
    assert "من كسر المزهرية؟" in text
    assert parse_case_text(text).evidence[0].ratings["H3"].rationale == "The ball was outside"
    assert "slug:" in text and SMALL_CASE.count("\n") > 10
