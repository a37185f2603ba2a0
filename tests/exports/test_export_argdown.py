"""Argdown export, read back by the real Argdown CLI (@argdown/cli 1.7.5): the statements,
arguments, relations and metadata it reports must be the case's, not just "exit 0"."""

from __future__ import annotations

from typing import Any

import pytest
from export_tools import NASTY, argdown_json, nasty_case, norm, rating_relations, sample, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmap.formats.export_argdown import render_argdown
from claimmap.model.document import CaseDocument


def expected_statements(doc: CaseDocument) -> dict[str, str]:
    out = {}
    for h in doc.hypotheses:  # documented: "label — statement", or the label alone
        out[h.id] = f"{norm(h.label)} — {norm(h.statement)}" if norm(h.statement) else norm(h.label)
    out |= {ev.id: norm(ev.summary) for ev in doc.evidence}
    out |= {a.id: norm(a.statement) for a in doc.assumptions}
    return out


def expected_relations(doc: CaseDocument) -> set[tuple[str, str, str]]:
    relations = set(rating_relations(doc))
    for link in doc.links:  # each link is an argument: its premise supports it
        relations.add((link.from_, link.id, "support"))
        relations.add((link.id, link.to, link.kind.value))
    return relations


def statement_text(entry: dict[str, Any]) -> str:
    texts = [m["text"] for m in entry["members"] if m.get("text") is not None]
    assert len(texts) == 1, entry["members"]
    return norm(texts[0])


def check_against_case(doc: CaseDocument, parsed: dict[str, Any]) -> None:
    statements = parsed["statements"]
    assert {t: statement_text(s) for t, s in statements.items()} == expected_statements(doc)
    assert set(parsed["arguments"]) == {link.id for link in doc.links}
    reported = {(r["from"], r["to"], r["relationType"]) for r in parsed["relations"]}
    assert reported == expected_relations(doc)
    assert len(parsed["relations"]) == len(reported)  # each relation once

    for ev in doc.evidence:
        data = statements[ev.id]["data"]
        assert data["id"] == ev.id and data["type"] == "evidence"
        assert data.get("credibility") == ev.credibility
        if ev.source:
            source = next(s for s in doc.sources if s.id == ev.source)
            assert data["source"]["id"] == source.id
            assert data["source"]["reliability"] == source.reliability.value
            assert data["source"]["title"] == norm(source.title)
        for hyp, cell in ev.ratings.items():
            shown = data["ratings"][hyp]
            rating = shown if isinstance(shown, str) else shown["rating"]
            assert rating == cell.rating.value
            if cell.rationale:
                assert shown["rationale"] == cell.rationale.replace("\r\n", "\n")
        if ev.notes:
            assert data["notes"] == ev.notes.replace("\r\n", "\n")
    for h in doc.hypotheses:
        assert statements[h.id]["data"]["label"] == norm(h.label)
        assert 0.0 <= statements[h.id]["data"]["strength"] <= 1.0
    for link in doc.links:
        data = parsed["arguments"][link.id]["data"]
        assert (data["kind"], data["from"], data["to"]) == (link.kind.value, link.from_, link.to)


@pytest.mark.parametrize("name", ["hts-idlib-2018", "broad-street-cholera-1854", "kpg-extinction"])
def test_samples_read_back_through_the_argdown_cli(name, tmp_path):
    doc = sample(name)
    parsed = argdown_json(render_argdown(doc), tmp_path)
    check_against_case(doc, parsed)
    assert parsed["relations"], "the sample cases have rated evidence"


def test_nasty_text_in_every_field_survives_the_argdown_cli(tmp_path):
    doc = nasty_case(NASTY)
    check_against_case(doc, argdown_json(render_argdown(doc), tmp_path))


def test_the_check_catches_a_broken_export(tmp_path):
    # The CLI accepts this with exit 0; the comparison is what refuses it.
    doc = nasty_case(NASTY)
    broken = render_argdown(doc).replace("\\[", "[", 1)
    with pytest.raises(AssertionError):
        check_against_case(doc, argdown_json(broken, tmp_path))


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(texts, min_size=27, max_size=27))
def test_random_text_survives_the_argdown_cli(words, tmp_path):
    doc = nasty_case(words)
    check_against_case(doc, argdown_json(render_argdown(doc), tmp_path))
