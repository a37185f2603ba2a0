"""The case report as one self-contained HTML file: styles inline, the map as inline SVG,
nothing loaded from elsewhere, so it can be mailed or opened offline.

All of the case's text is HTML-escaped; every element holding it has `dir="auto"`, so Arabic
or Hebrew text is laid out right to left within a left-to-right page.
"""

from __future__ import annotations

from html import escape

from claimmap.formats import report_sections as sections
from claimmap.formats.argument_graph import clean, one_line
from claimmap.formats.report_data import RATING_CLASS, ReportData, gather, sensitivity
from claimmap.formats.report_sections import Block
from claimmap.model.document import CaseDocument

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; vertical-align: top; text-align: start; }
th { background: #f3f3f3; }
td.r { text-align: center; font-weight: 600; }
.cc { background: #1a9641; color: #fff; } .c { background: #a6d96a; }
.n { background: #f7f7f7; } .i { background: #fdae61; } .ii { background: #d7191c; color: #fff; }
.na { background: #e0e0e0; color: #666; }
.question { font-size: 1.2rem; }
.note { color: #555; font-style: italic; }
.map { overflow: auto; border: 1px solid #ddd; max-height: 90vh; }
.map svg { max-width: none; height: auto; }
.judgement { border-inline-start: 4px solid #345; padding: 0.25rem 1rem; margin: 1rem 0;
             background: #f6f8fa; }
.bottom-line { font-size: 1.15rem; font-weight: 600; }
.check.differs { color: #8a1c1c; }
"""

# Paper: A4 margins, no screen-only limits, colours kept (the rating cells carry meaning),
# headings kept with what follows, rows and small tables never split across pages, the map
# scaled to the page instead of scrolled.
PRINT_STYLE = """
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; color: #000; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, li, .judgement { break-inside: avoid; page-break-inside: avoid; }
  .map { overflow: visible; max-height: none; border: none; break-inside: avoid; }
  .map svg { max-width: 100%; max-height: 250mm; width: auto; height: auto; }
}
"""


def t(text: str | None) -> str:
    """Case text as escaped HTML on one line."""
    return escape(one_line(text))


def cell(text: str | None, tag: str = "td") -> str:
    return f'<{tag} dir="auto">{t(text)}</{tag}>'


def table(head: list[str], rows: list[list[str]]) -> list[str]:
    """`rows` hold finished cells (<td>...</td>); `head` plain text."""
    out = ["<table>", "<thead><tr>" + "".join(cell(h, "th") for h in head) + "</tr></thead>"]
    out.append("<tbody>")
    out += ["<tr>" + "".join(row) + "</tr>" for row in rows]
    return [*out, "</tbody>", "</table>"]


def render_html(doc: CaseDocument, full: bool = False) -> str:
    return html_report(gather(doc, full))


def blocks(items: list[Block]) -> list[str]:
    """HTML for report blocks (formats/report_sections.py)."""
    out: list[str] = []
    for kind, value in items:
        if kind in ("h2", "h3"):
            out.append(f'<{kind} dir="auto">{t(value)}</{kind}>')
        elif kind == "lead":
            out += [f'<p class="bottom-line" dir="auto">{t(p)}</p>' for p in _paras(value)]
        elif kind == "alert":
            out.append(f'<p class="check differs" dir="auto"><strong>{t(value)}</strong></p>')
        elif kind == "note":
            out.append(f'<p class="note" dir="auto">{t(value)}</p>')
        elif kind == "ul":
            out += ["<ul>", *(f'<li dir="auto">{t(item)}</li>' for item in value), "</ul>"]
        elif kind == "fields":
            rows = [f"<tr>{cell(label, 'th')}{cell(text)}</tr>" for label, text in value]
            out += ['<table class="fields">', "<tbody>", *rows, "</tbody>", "</table>"]
        elif kind == "table":
            head, rows = value
            out += table(head, [[cell(c) for c in row] for row in rows])
        else:
            out.append(f'<p dir="auto">{t(value)}</p>')
    return out


def _paras(text: str | None) -> list[str]:
    return [p for p in clean(text).split("\n\n") if p.strip()]


def html_report(data: ReportData) -> str:
    """The judgement first, then the ranking with its uncertainty, the matrix and the map,
    sensitivity, devil's advocacy, the two checks, indicators and sources."""
    doc = data.doc
    question = doc.case.question or "(not written yet)"
    body = [f'<h1 dir="auto">{t(doc.case.title)}</h1>']
    body.append(f'<p class="question" dir="auto"><strong>Question:</strong> {t(question)}</p>')
    if doc.case.tags:
        body.append('<p dir="auto">Tags: ' + ", ".join(t(tag) for tag in doc.case.tags) + "</p>")
    body += ['<section class="judgement">', *blocks(sections.judgement(data)), "</section>"]
    if doc.case.description:
        body.append("<h2>Background</h2>")
        body += [f'<p dir="auto">{t(para)}</p>' for para in _paras(doc.case.description)]
    body += blocks(sections.ranking(data)) + _hypotheses(data) + _matrix(data)
    body += ["<h2>Argument map</h2>"]
    if data.map_note:
        body.append(f'<p class="note" dir="auto">{t(data.map_note)}</p>')
    if data.map_svg:
        body += ['<div class="map">', data.map_svg, "</div>"]
    body += _sensitivity(data)
    body += blocks(sections.advocacy(data))
    body += blocks(sections.quality(data))
    body += blocks(sections.assumptions(data))
    body += _lists(doc)
    title = t(doc.case.title)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="claimmap">',
            f"<title>{title}</title>",
            f"<style>{STYLE}{PRINT_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _hypotheses(data: ReportData) -> list[str]:
    strength = data.scores["scores"].get("dfquad", {})
    rows = [
        [
            cell(h.id),
            cell(h.label),
            cell(h.statement),
            cell("" if h.prior is None else f"{h.prior:g}"),
            cell(f"{strength[h.id]:.2f}" if h.id in strength else ""),
        ]
        for h in data.doc.hypotheses
    ]
    head = ["Id", "Hypothesis", "Statement", "Prior", "Strength (DF-QuAD)"]
    return ["<h2>Hypotheses</h2>", *table(head, rows)]


def _matrix(data: ReportData) -> list[str]:
    doc = data.doc
    diag = data.scores["diagnosticity"]["values"]
    rows = []
    for ev in doc.evidence:
        row = [cell(f"{ev.id} {one_line(ev.summary)}"), cell(ev.source), cell(ev.credibility)]
        row.append(cell(ev.relevance.value if ev.relevance else ""))
        for h in doc.hypotheses:
            shown = data.rating(ev, h.id)
            css = RATING_CLASS.get(shown, "")
            row.append(f'<td class="r {css}">{escape(shown)}</td>')
        row.append(cell(f"{diag.get(ev.id) or 0:.2f}"))
        rows.append(row)
    head = ["Evidence", "Source", "Cred.", "Rel.", *(h.id for h in doc.hypotheses), "Diag."]
    legend = (
        "<p>CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, "
        "NA not applicable; blank: unrated. Several analysts: the file's analyst first.</p>"
    )
    return ["<h2>Matrix</h2>", legend, *table(head, rows)]


def _sensitivity(data: ReportData) -> list[str]:
    out = ["<h2>Sensitivity</h2>"]
    for method, info in data.scores["methods"].items():
        sens = sensitivity(data, method)
        out += [
            f"<h3>{t(info['label'])}</h3>",
            "<ul>",
            f"<li>Margin of the leader: {t(sens['margin'])}</li>",
            f'<li dir="auto">Smallest change of ratings that alters the leader: {t(sens["flip"])}</li>',
            f'<li dir="auto">Removing one item changes the leader: {t(sens["loo"])}</li>',
            "</ul>",
        ]
        rows = [
            [
                cell(p["evidence"]),
                cell(f"{p['margin_drop'] or 0:.3g}"),
                cell("; ".join(p["reasons"])),
            ]
            for p in sens["linchpins"]
        ]
        if rows:
            out += table(["Linchpin", "Margin drop", "Why"], rows)
    return out


def _lists(doc: CaseDocument) -> list[str]:
    out: list[str] = []
    if doc.indicators:
        rows = [
            [
                cell(i.id),
                cell(i.hypothesis),
                cell(i.description),
                cell(i.effect.value),
                cell(i.status.value),
            ]
            for i in doc.indicators
        ]
        out += [
            "<h2>Indicators</h2>",
            *table(["Id", "Hypothesis", "Indicator", "Effect", "Status"], rows),
        ]
    if doc.sources:
        rows = [
            [
                cell(s.id),
                cell(s.title),
                cell(s.author),
                cell(s.kind.value),
                cell(s.date),
                cell(s.reliability.value),
                cell(s.reference),
            ]
            for s in doc.sources
        ]
        head = ["Id", "Title", "Author", "Kind", "Date", "Reliability", "Reference"]
        out += ["<h2>Sources</h2>", *table(head, rows)]
    return out
