"""What the Markdown and HTML reports show, computed once: every scoring method with its
uncertainty and sensitivity, the matrix, and the argument map drawn by Graphviz if present.

The Monte Carlo uses a fixed seed, so the same case always gives the same report. Big cases
get fewer draws so that a report stays within seconds; the report states the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from claimmap.formats.argument_graph import build_argument_graph
from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.formats.errors import ExportError
from claimmap.formats.export_dot import dot_program, drawing_graph, graph_to_dot, run_dot
from claimmap.model.document import CaseDocument, Evidence
from claimmap.scoring.matrix import Matrix
from claimmap.scoring.ranking import ranks
from claimmap.scoring.report import score_report
from claimmap.scoring.wording import coverage_text, flip_phrase, percent

MAP_ITEMS = 40  # evidence items drawn in a report's map

RATING_CLASS = {"CC": "cc", "C": "c", "N": "n", "I": "i", "II": "ii", "NA": "na"}


@dataclass(frozen=True)
class ReportData:
    doc: CaseDocument
    matrix: Matrix  # the document's (casefile_matrix.matrix_from_document)
    graph: nx.DiGraph  # argument_graph.build_argument_graph's result
    scores: dict[str, Any]  # claimmap.scoring.report.score_report's result
    map_svg: str | None  # inline SVG, or None without Graphviz
    map_note: str  # what the map leaves out, or why there is none

    @property
    def labels(self) -> dict[str, str]:
        return {h.id: h.label for h in self.doc.hypotheses}

    def rating(self, ev: Evidence, hyp: str) -> str:
        """The cell as shown: the file analyst's rating, with the others' after a slash."""
        values = [ev.ratings[hyp].rating.value] if hyp in ev.ratings else ["·"]
        values += [cells[hyp].rating.value for cells in ev.ratings_by.values() if hyp in cells]
        return "/".join(values) if len(values) > 1 or values[0] != "·" else ""


def _map(graph: nx.DiGraph, full: bool = False) -> tuple[str | None, str]:
    if dot_program() is None:
        return None, (
            "Graphviz is not installed, so the report has no drawing of the argument map; "
            "install it (`apt-get install graphviz`) and export again, or use the Argdown, "
            "GraphML or Mermaid export."
        )
    shown, note = drawing_graph(graph, full, MAP_ITEMS)
    try:
        svg = run_dot(graph_to_dot(shown, note), "svg").decode("utf-8")
    except ExportError as exc:
        return None, f"The argument map could not be drawn: {exc}"
    svg = svg[svg.index("<svg") :]  # drop the XML declaration, doctype and comments
    return "\n".join(line for line in svg.splitlines() if line.strip()), note


def gather(doc: CaseDocument, full: bool = False) -> ReportData:
    """Everything a report shows; `full` draws the whole argument map, not the
    distinguishing view."""
    matrix = matrix_from_document(doc)
    # the standard draws and seed, as everywhere; no per-cell parts, which no report shows
    scores = score_report(matrix, per_cell=False)
    graph = build_argument_graph(doc, matrix)
    svg, note = _map(graph, full)
    return ReportData(doc, matrix, graph, scores, svg, note)


def fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}g}"


def pct(value: float | None) -> str:
    return "—" if value is None else percent(value)


def ranked_rows(data: ReportData, method: str) -> list[tuple[int, str, str, str, str, str]]:
    """(rank, hypothesis, score, rated cells, probability of leading, 90 % interval) in
    ranking order; tied hypotheses share a rank."""
    scores = data.scores
    uncertainty = scores["uncertainty"]
    rows = []
    rank_of = ranks(scores["ranking"][method])
    for hyp in (h for group in scores["ranking"][method] for h in group):
        p_lead = uncertainty["p_lead"][method][hyp] if uncertainty else None
        low, high = uncertainty["interval90"][method][hyp] if uncertainty else (None, None)
        interval = f"{fmt(low)} – {fmt(high)}" if uncertainty else "—"
        score = fmt(scores["scores"][method][hyp])
        rows.append((rank_of[hyp], hyp, score, coverage_text(scores, hyp), pct(p_lead), interval))
    return rows


def sensitivity(data: ReportData, method: str) -> dict[str, Any]:
    """Margin, smallest flip and linchpins of one method, as plain text pieces."""
    s = data.scores
    flip = s["flip"][method]
    if flip["size"] is None:
        flip_text = flip["note"] or "no change of ratings alters the leader"
    else:
        changes = ", ".join(
            f"{c['evidence']}×{c['hypothesis']} {c['from']}→{c['to']}" for c in flip["changes"]
        )
        exact = "" if flip["exact"] else f" (approximate; at least {flip['lower_bound']})"
        flip_text = f"{flip['size']} step(s){exact} {flip_phrase(flip)}: {changes}"
    loo = [
        f"{c['evidence']} (then {', '.join(c['new_leader'])})"
        for c in s["leave_one_out"][method]["changes_leader"]
    ]
    return {
        "margin": fmt(s["margin"][method]),
        "flip": flip_text,
        "loo": ", ".join(loo) or "no single item",
        "linchpins": s["linchpins"][method],
    }
