"""The case report in Markdown (CommonMark with GitHub tables).

Every piece of the case's text is escaped, so that a bracket, an asterisk, a pipe or a `<`
in a summary stays text instead of becoming a link, emphasis, a table cell or HTML. The map
comes twice: as inline SVG drawn by Graphviz (shown by renderers that allow HTML, such as
pandoc or an editor's preview) and as a Mermaid block (drawn by the code hosts, which strip
inline SVG).
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimmap.formats import report_sections as sections
from claimmap.formats.argument_graph import clean, one_line
from claimmap.formats.export_mermaid import fitted_mermaid
from claimmap.formats.report_data import ReportData, gather, sensitivity
from claimmap.formats.report_sections import Block
from claimmap.model.document import CaseDocument

_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!{}])")
_LINE_START = re.compile(r"^(\d*)([-+=.)])")  # list items, setext underlines


@lru_cache(maxsize=1 << 15)  # a big report escapes the same ratings and ids again and again
def md(text: str | None) -> str:
    """Text that Markdown shows as it is, on one line (safe in a table cell)."""
    line = _INLINE.sub(r"\\\1", one_line(text))
    return _LINE_START.sub(r"\1\\\2", line)


def paragraphs(text: str | None) -> list[str]:
    return [md(p) for p in re.split(r"\n\s*\n", clean(text)) if p.strip()]


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*out, ""]


def render_markdown(doc: CaseDocument) -> str:
    return markdown_report(gather(doc))


def blocks(items: list[Block]) -> list[str]:
    """Markdown for report blocks (formats/report_sections.py)."""
    out: list[str] = []
    for kind, value in items:
        if kind == "h2":
            out += [f"## {md(value)}", ""]
        elif kind == "h3":
            out += [f"### {md(value)}", ""]
        elif kind == "lead":
            out += [f"**{p}**" for p in paragraphs(value)] + [""]
        elif kind == "alert":
            out += [f"> **{md(value)}**", ""]
        elif kind == "note":
            out += [f"*{md(value)}*", ""]
        elif kind == "ul":
            out += [f"- {md(item)}" for item in value] + [""]
        elif kind == "fields":
            out += [f"- **{md(label)}:** {md(text)}" for label, text in value] + [""]
        elif kind == "table":
            head, rows = value
            out += table([md(h) for h in head], [[md(c) for c in row] for row in rows])
        else:
            out += [md(value), ""]
    return out


def markdown_report(data: ReportData) -> str:
    """The judgement first, then the ranking with its uncertainty, the matrix and the map,
    sensitivity, devil's advocacy, the two checks, indicators and sources."""
    doc = data.doc
    question = doc.case.question or "(not written yet)"
    out = [f"# {md(doc.case.title)}", "", f"**Question:** {md(question)}", ""]
    if doc.case.tags:
        out += ["Tags: " + ", ".join(md(t) for t in doc.case.tags), ""]
    out += blocks(sections.judgement(data))
    if doc.case.description:
        out += ["## Background", ""]
        for p in paragraphs(doc.case.description):
            out += [p, ""]
    out += blocks(sections.ranking(data))
    out += _hypotheses(data)
    out += _matrix(data)
    out += ["## Argument map", ""]
    if data.map_note:
        out += [md(data.map_note), ""]
    if data.map_svg:
        out += ['<div class="argument-map">', data.map_svg, "</div>", ""]
    out += ["```mermaid", fitted_mermaid(data.graph).rstrip("\n"), "```", ""]
    out += _sensitivity(data)
    out += blocks(sections.advocacy(data))
    out += blocks(sections.quality(data))
    out += blocks(sections.assumptions(data))
    out += _lists(doc)
    return "\n".join(out)


def _hypotheses(data: ReportData) -> list[str]:
    strength = data.scores["scores"].get("dfquad", {})
    rows = [
        [
            md(h.id),
            md(h.label),
            md(h.statement),
            "" if h.prior is None else f"{h.prior:g}",
            f"{strength.get(h.id, 0):.2f}" if h.id in strength else "",
        ]
        for h in data.doc.hypotheses
    ]
    head = ["Id", "Hypothesis", "Statement", "Prior", "Strength (DF-QuAD)"]
    return ["## Hypotheses", "", *table(head, rows)]


def _matrix(data: ReportData) -> list[str]:
    doc, s = data.doc, data.scores
    diag = s["diagnosticity"]["values"]
    head = ["Evidence", "Source", "Cred.", "Rel.", *(md(h.id) for h in doc.hypotheses), "Diag."]
    rows = [
        [
            f"{md(ev.id)} {md(ev.summary)}",
            md(ev.source),
            md(ev.credibility),
            ev.relevance.value if ev.relevance else "",
            *(data.rating(ev, h.id) for h in doc.hypotheses),
            f"{diag.get(ev.id) or 0:.2f}",
        ]
        for ev in doc.evidence
    ]
    legend = "CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent"
    intro = f"Ratings: {legend}, NA not applicable; blank: unrated."
    return ["## Matrix", "", intro, "", *table(head, rows)]


def _sensitivity(data: ReportData) -> list[str]:
    out = ["## Sensitivity", ""]
    for method, info in data.scores["methods"].items():
        sens = sensitivity(data, method)
        out += [
            f"### {md(info['label'])}",
            "",
            f"- Margin of the leader: {sens['margin']}",
            f"- Smallest change of ratings that alters the leader: {md(sens['flip'])}",
            f"- Removing one item changes the leader: {md(sens['loo'])}",
            "",
        ]
        pins = sens["linchpins"]
        if pins:
            out += table(
                ["Linchpin", "Margin drop", "Why"],
                [
                    [md(p["evidence"]), f"{p['margin_drop'] or 0:.3g}", md("; ".join(p["reasons"]))]
                    for p in pins
                ],
            )
    return out


def _lists(doc: CaseDocument) -> list[str]:
    out: list[str] = []
    if doc.indicators:
        out += ["## Indicators", ""]
        out += table(
            ["Id", "Hypothesis", "Indicator", "Effect", "Status"],
            [
                [md(i.id), md(i.hypothesis), md(i.description), i.effect.value, i.status.value]
                for i in doc.indicators
            ],
        )
    if doc.sources:
        out += ["## Sources", ""]
        out += table(
            ["Id", "Title", "Author", "Kind", "Date", "Reliability", "Reference"],
            [
                [
                    md(src.id),
                    md(src.title),
                    md(src.author),
                    src.kind.value,
                    md(src.date),
                    src.reliability.value,
                    md(src.reference),
                ]
                for src in doc.sources
            ],
        )
    return out
