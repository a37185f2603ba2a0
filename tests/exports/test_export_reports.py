"""The Markdown and HTML reports: parsed by a strict HTML5 parser and by a CommonMark parser,
and compared with the case and with the scores computed here from the case."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import html5lib
import pytest
from export_tools import NASTY, nasty_case, norm, sample, texts
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.report_html import render_html
from claimmap.formats.report_markdown import render_markdown
from claimmap.model.document import CaseDocument, Judgement
from claimmap.scoring.draw_rule import MAX_DRAWS as DRAWS  # small cases get them all
from claimmap.scoring.report import score_report

HTML = "{http://www.w3.org/1999/xhtml}"
ARABIC = re.compile("[\u0600-\u06ff\u0590-\u05ff]")


def parse_html(text: str) -> ET.Element:
    """html5lib in strict mode raises on any parse error."""
    return html5lib.HTMLParser(strict=True).parse(text)


def text_of(element: ET.Element) -> str:
    return norm("".join(element.itertext()))


def tables(root: ET.Element) -> dict[str, list[list[str]]]:
    """Each table, keyed by its first header cell, as rows of cell texts."""
    out = {}
    for table in root.iter(f"{HTML}table"):
        head = [text_of(th) for th in table.iter(f"{HTML}th")]
        rows = [
            [text_of(td) for td in tr.iter(f"{HTML}td")]
            for tr in table.iter(f"{HTML}tr")
            if tr.find(f"{HTML}td") is not None
        ]
        out.setdefault(head[0], []).extend(rows)
    return out


def check_matrix(doc: CaseDocument, root: ET.Element) -> None:
    rows = tables(root)["Evidence"]
    assert [r[0] for r in rows] == [f"{ev.id} {norm(ev.summary)}" for ev in doc.evidence]
    for ev, row in zip(doc.evidence, rows, strict=True):
        for h, shown in zip(doc.hypotheses, row[4:-1], strict=True):
            mine = ev.ratings[h.id].rating.value if h.id in ev.ratings else None
            assert shown.split("/")[0] == (mine or ("·" if shown else ""))


def check_report(doc: CaseDocument, root: ET.Element) -> None:
    assert text_of(root.find(f".//{HTML}h1")) == norm(doc.case.title)
    assert norm(doc.case.question) in text_of(root)
    check_matrix(doc, root)
    found = tables(root)
    titles = {r[0]: r[1] for r in found["Id"]}
    for a in doc.assumptions:  # the Key Assumptions Check lists them weakest first
        assert titles[a.id] == norm(a.statement)
    for s in doc.sources:
        assert titles[s.id] == norm(s.title)
    for i in doc.indicators:
        assert titles[i.id] == norm(i.hypothesis)


def check_scores(doc: CaseDocument, root: ET.Element) -> None:
    """Every method's ranking, with P(lead) as computed here with the report's seed."""
    report = score_report(matrix_from_document(doc), draws=DRAWS, seed=0)
    headings = [text_of(h) for h in root.iter(f"{HTML}h3")]
    ranking_tables = [t for t in root.iter(f"{HTML}table") if text_of(t).startswith("Rank")]
    assert len(ranking_tables) == len(report["methods"])
    for (method, info), table in zip(report["methods"].items(), ranking_tables, strict=True):
        assert any(h.startswith(info["label"]) for h in headings)
        rows = [[text_of(td) for td in tr.iter(f"{HTML}td")] for tr in table.iter(f"{HTML}tr")][1:]
        order = [h for group in report["ranking"][method] for h in group]
        assert [r[1].split(" ")[0] for r in rows] == order
        for row in rows:
            hyp = row[1].split(" ")[0]
            p = report["uncertainty"]["p_lead"][method][hyp]
            cov = report["coverage"][hyp]
            assert row[3] == f"{cov['rated']}/{cov['cells']}"
            # A real chance is never rounded away to 0 % or up to 100 %.
            shown = "< 1 %" if 0 < p < 0.005 else "> 99 %" if 0.995 <= p < 1 else f"{100 * p:.0f} %"
            assert row[4] == shown
    for method in report["methods"]:  # linchpins named in the sensitivity section
        for pin in report["linchpins"][method]:
            assert pin["evidence"] in text_of(root)


def test_html_report_is_valid_self_contained_and_complete():
    doc = sample("hts-idlib-2018")
    text = render_html(doc)
    root = parse_html(text)
    assert root.find(f".//{HTML}meta").get("charset") == "utf-8"
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert root.find(f".//{HTML}{tag}") is None
    assert "url(" not in text and "@import" not in text and "href=" not in text
    for element in root.iter():
        own = (element.text or "") + "".join(c.tail or "" for c in element)
        if ARABIC.search(own) and element.tag.startswith(HTML) and element.tag != f"{HTML}title":
            assert element.get("dir") == "auto", element.tag
    check_report(doc, root)
    check_scores(doc, root)
    if shutil.which("dot"):
        assert root.find(".//{http://www.w3.org/2000/svg}svg") is not None
    assert render_html(doc) == text  # fixed seed: the same case gives the same report


def test_html_report_without_graphviz_says_so(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    root = parse_html(render_html(sample("kpg-extinction")))
    assert root.find(".//{http://www.w3.org/2000/svg}svg") is None
    assert "Graphviz is not installed" in text_of(root)


def test_html_report_escapes_nasty_text():
    doc = nasty_case([*NASTY, "<script>alert(1)</script>", "<b onmouseover=x>bold</b>"])
    root = parse_html(render_html(doc))
    assert root.find(f".//{HTML}script") is None and root.find(f".//{HTML}b") is None
    check_report(doc, root)


@settings(max_examples=10, deadline=None)
@given(words=st.lists(texts, min_size=27, max_size=27))
def test_html_report_survives_random_text(words):
    doc = nasty_case(words)
    check_report(doc, parse_html(render_html(doc)))


def markdown_as_html(text: str) -> ET.Element:
    """The Markdown rendered by a CommonMark parser with GitHub tables, then parsed."""
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    return parse_html(f"<!DOCTYPE html><title>t</title><body>{rendered}</body>")


def test_markdown_report_renders_the_case_and_its_scores():
    doc = sample("hts-idlib-2018")
    text = render_markdown(doc)
    root = markdown_as_html(text)
    check_report(doc, root)
    check_scores(doc, root)
    assert "```mermaid\n---\n" in text
    assert render_markdown(doc) == text


@pytest.mark.parametrize("words", [NASTY, [*NASTY[8:], "<i>x</i> [a](http://x) ![i](y.png)"]])
def test_markdown_report_escapes_nasty_text(words):
    doc = nasty_case(words)
    root = markdown_as_html(render_markdown(doc))
    for tag in ("a", "img", "i", "em", "del"):
        assert root.find(f".//{HTML}{tag}") is None, tag
    assert [c.get("class") for c in root.iter(f"{HTML}code")] == ["language-mermaid"]
    assert [text_of(b) for b in root.iter(f"{HTML}strong")] == ["Question:"]  # the report's own
    check_report(doc, root)


@settings(max_examples=10, deadline=None)
@given(words=st.lists(texts, min_size=27, max_size=27))
def test_markdown_report_survives_random_text(words):
    doc = nasty_case(words)
    check_report(doc, markdown_as_html(render_markdown(doc)))


REPORT_ORDER = [
    "Judgement",
    "Background",
    "Ranking by every method",
    "Hypotheses",
    "Matrix",
    "Argument map",
    "Sensitivity",
    "Devil's advocacy",
    "Quality of Information Check",
    "Key Assumptions Check",
    "Indicators",
    "Sources",
]


def judged(doc: CaseDocument, hypothesis: str) -> CaseDocument:
    judgement = Judgement(
        bottom_line="A *strategic* retreat <b>on purpose</b>.",
        hypothesis=hypothesis,
        likelihood="very likely",
        confidence="low",
        basis="Second-hand sources.",
        date="2026-11-30",
    )
    return doc.model_copy(update={"judgement": judgement})


@pytest.mark.parametrize("render", ["html", "markdown"])
def test_reports_open_with_the_judgement_and_say_when_the_scores_disagree(render):
    # In the sample every method ranks H1 (strategic retreat) first; see check_scores.
    doc = judged(sample("hts-idlib-2018"), "H2")
    report = score_report(matrix_from_document(doc), draws=DRAWS, seed=0)
    assert all(report["leader"][m] == ["H1"] for m in report["methods"])
    if render == "html":
        root = parse_html(render_html(doc))
    else:
        root = markdown_as_html(render_markdown(doc))
    headings = [text_of(h) for h in root.iter(f"{HTML}h2")]
    assert headings == REPORT_ORDER
    text = text_of(root)
    assert "A *strategic* retreat <b>on purpose</b>." in text  # the analyst's words, as written
    assert "very likely (80–95 %, ICD 203)" in text
    assert "You judged H2 most likely; every method ranks H1 first." in text
    assert text.index("You judged H2") < text.index("Ranking by every method")
    agreeing = judged(sample("hts-idlib-2018"), "H1")
    text = text_of(parse_html(render_html(agreeing)))
    assert "You judged H1 most likely; every method ranks it first too." in text


def test_a_report_without_a_judgement_says_none_was_written():
    text = text_of(parse_html(render_html(sample("kpg-extinction"))))
    assert "No judgement has been written for this case yet." in text


def test_a_new_empty_case_reports_without_pretending():
    doc = CaseDocument.model_validate({"format": "claimmap/1", "case": {"title": "Empty"}})
    root = parse_html(render_html(doc))
    text = text_of(root)
    assert "Question: (not written yet)" in text
    assert "No judgement has been written for this case yet." in text
    assert not [t for t in root.iter(f"{HTML}table") if text_of(t).startswith("Rank")]
    one = CaseDocument.model_validate(
        {
            "format": "claimmap/1",
            "case": {"title": "One"},
            "hypotheses": [{"id": "H1", "label": "Only"}],
        }
    )
    text = text_of(markdown_as_html(render_markdown(one)))
    assert "provisional: no evidence is in scoring yet" in text
