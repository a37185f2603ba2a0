"""Mermaid flowcharts, read back by Mermaid's own parser (the `mermaid` package under Node,
with jsdom for the DOM it wants): every node's text, every edge's kind, colour and rating."""

from __future__ import annotations

import html
import re
import sys
from typing import Any

from export_tools import (
    NASTY,
    REPO,
    mermaid_parse,
    nasty_case,
    norm,
    rating_relations,
    sample,
    texts,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimmap.formats.export_dot import COLORS
from claimmap.formats.export_mermaid import MAX_EDGES, render_mermaid
from claimmap.model.document import CaseDocument

SAMPLES = ["hts-idlib-2018", "broad-street-cholera-1854", "kpg-extinction"]
ARROW = {"support": "arrow_point", "attack": "arrow_cross", "undercut": "arrow_cross"}


def shown(text: str) -> str:
    """The text Mermaid draws: its entity placeholders decoded, line breaks as spaces."""
    text = text.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
    return norm(html.unescape(re.sub(r"<br\s*/?>", " ", text)))


def cut(text: str, limit: int = 120) -> str:
    """Documented: labels longer than 120 characters end in an ellipsis."""
    text = norm(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def labels(doc: CaseDocument) -> dict[str, str]:
    out = {h.id: f"{h.id}: {cut(h.label)}" for h in doc.hypotheses}
    out |= {ev.id: f"{ev.id}: {cut(ev.summary)}" for ev in doc.evidence}
    out |= {a.id: f"{a.id}: {cut(a.statement)}" for a in doc.assumptions}
    out |= {s.id: f"{s.id}: {cut(s.title)}" for s in doc.sources}
    return out | {link.id: link.id for link in doc.links}


def check(doc: CaseDocument, parsed: dict[str, Any]) -> None:
    assert parsed["ok"], parsed.get("error")
    assert parsed["type"].startswith("flowchart")
    expected = labels(doc)
    by_text = {}
    for v in parsed["vertices"]:
        text = shown(v["text"]).removesuffix(
            re.search(r"( strength [\d.]+)?$", shown(v["text"]))[0]
        )
        case_id = text.split(":", 1)[0]
        by_text[v["id"]] = case_id
        # long words are wrapped without a space, so compare without spaces
        assert text.replace(" ", "") == expected[case_id].replace(" ", "")
    assert sorted(by_text.values()) == sorted(expected)
    ratings = set()
    for e in parsed["edges"]:
        start, end = by_text[e["start"]], by_text[e["end"]]
        stroke = next(s for s in e["style"] if s.startswith("stroke:"))
        if e["text"]:
            kind = "support" if e["type"] == ARROW["support"] else "attack"
            assert stroke == f"stroke:{COLORS[kind]}"
            ratings.add((start, end, kind))
    assert ratings == rating_relations(doc)
    for link in doc.links:
        into = [e for e in parsed["edges"] if by_text[e["start"]] == link.id]
        assert [(by_text[e["end"]], e["type"]) for e in into] == [(link.to, ARROW[link.kind.value])]


def test_samples_and_nasty_text_parse_in_mermaid(tmp_path):
    docs = [sample(name) for name in SAMPLES] + [nasty_case(NASTY)]
    results = mermaid_parse([render_mermaid(doc) for doc in docs], tmp_path)
    for doc, parsed in zip(docs, results, strict=True):
        check(doc, parsed)


def test_the_check_sees_a_broken_diagram(tmp_path):
    text = render_mermaid(nasty_case(NASTY)).replace("#quot;", '"', 1)
    (parsed,) = mermaid_parse([text], tmp_path)
    assert not parsed["ok"]


@settings(
    max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(st.lists(texts, min_size=27, max_size=27), min_size=6, max_size=6))
def test_random_text_parses_in_mermaid(batch, tmp_path):
    docs = [nasty_case(words) for words in batch]  # one Node start for several cases
    for doc, parsed in zip(
        docs, mermaid_parse([render_mermaid(d) for d in docs], tmp_path), strict=True
    ):
        check(doc, parsed)


def test_a_big_case_is_cut_to_what_code_hosts_draw(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import synthetic_case_dict

    doc = CaseDocument.model_validate(synthetic_case_dict(seed=2, hypotheses=5, evidence=1000))
    text = render_mermaid(doc)
    (parsed,) = mermaid_parse([text], tmp_path)
    assert parsed["ok"]
    assert len(parsed["edges"]) <= MAX_EDGES and len(text) <= 50_000
    shown_items = sum(1 for v in parsed["vertices"] if shown(v["text"]).startswith("E"))
    assert f"showing {shown_items} of 1000 evidence items" in text
