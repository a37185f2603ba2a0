"""The report's sections as plain blocks (headings, paragraphs, lists, tables of text), so the
Markdown and the HTML report say exactly the same things and differ only in markup.

Blocks are tuples: ("h2", text), ("h3", text), ("p", text), ("lead", text) for the bottom
line, ("alert", text) for a judgement the scores contradict, ("note", text), ("ul", [text]),
("fields", [[label, value]]) and ("table", (head, rows)).
"""

from __future__ import annotations

from typing import Any

from claimmap.formats.report_data import ReportData, ranked_rows
from claimmap.model.enums import LIKELIHOOD_BANDS
from claimmap.scoring.wording import how_sure, leader_phrase, provisional_note
from claimmap.teaching.assumptions import key_assumptions
from claimmap.teaching.devils_advocate import devils_advocacy
from claimmap.teaching.judgement_check import compare_judgement
from claimmap.teaching.quality import quality_check

Block = tuple[str, Any]


def _hyp(data: ReportData, hyp: str | None) -> str:
    if hyp is None:
        return "none named"
    return f"{hyp} {data.labels.get(hyp, '')}".strip()


def judgement(data: ReportData) -> list[Block]:
    """The analyst's conclusion, then how it compares with the computed ranking."""
    j = data.doc.judgement
    check = compare_judgement(j, data.scores)
    out: list[Block] = [("h2", "Judgement")]
    if j is None:
        out += [("p", "No judgement has been written for this case yet.")]
        return [*out, ("p", check.summary)]
    low, high = LIKELIHOOD_BANDS[j.likelihood]
    rows = [
        ["Most likely", _hyp(data, j.hypothesis)],
        ["Likelihood", f"{j.likelihood.value} ({low}–{high} %, ICD 203)"],
        ["Confidence", j.confidence.value],
    ]
    if j.basis:
        rows.append(["Basis", j.basis])
    rows.append(["Date", j.date.isoformat()])
    out += [("lead", j.bottom_line), ("fields", rows)]
    out.append(("alert" if check.differs else "p", check.summary))
    out += [("note", note) for note in check.notes]
    return out


def ranking(data: ReportData) -> list[Block]:
    """Every method's leader with how sure it is, then each method's full ranking."""
    s = data.scores
    out: list[Block] = [("h2", "Ranking by every method")]
    mc = s["uncertainty"]
    if mc:
        m = mc["model"]
        out.append(
            (
                "p",
                f"Uncertainty: Monte Carlo with {m['draws']} draws (seed {m['seed']}): each "
                f"rating one step off with probability {m['p_step']}, each weight "
                f"±{100 * m['weight_sigma']:.0f} %. P(lead) is the share of draws a hypothesis "
                "leads in; the interval holds 90 % of its simulated scores. Rated: the cells "
                "of the hypothesis's column that carry a rating (NA included).",
            )
        )
    rows = []
    for method, info in s["methods"].items():
        leader = s["leader"][method]
        rows.append(
            [
                info["label"],
                leader_phrase(leader),
                how_sure(s, method) if mc else "not estimated",
                provisional_note(s, method) or "complete",
            ]
        )
    out.append(("table", (["Method", "Leader", "How sure", "Ranking"], rows)))
    if not s["hypotheses"]:
        return out
    for method, info in s["methods"].items():
        out.append(("h3", f"{info['label']} ({info['better']} is better)"))
        table_rows = [
            [str(rank), _hyp(data, h), score, rated, p, interval]
            for rank, h, score, rated, p, interval in ranked_rows(data, method)
        ]
        head = ["Rank", "Hypothesis", "Score", "Rated", "P(lead)", "90 % interval"]
        out.append(("table", (head, table_rows)))
    return out


def advocacy(data: ReportData) -> list[Block]:
    """The strongest case against each leader of weighted inconsistency."""
    out: list[Block] = [("h2", "Devil's advocacy")]
    briefs = devils_advocacy(data.doc, data.scores, matrix=data.matrix)
    if not briefs:
        return [*out, ("p", "There is no hypothesis to argue against.")]
    for brief in briefs:
        out.append(("h3", f"The case against {brief.hypothesis} {brief.label}"))
        runner = ", ".join(brief.runner_up) or "none"
        out.append(("p", f"Leads under {brief.method}; runner-up: {runner}."))
        if brief.against:
            rows = [
                [f"{n.evidence} {n.summary}", n.rating, f"{n.weight:.2f}", f"{n.contribution:.2f}"]
                for n in brief.against
            ]
            head = ["Evidence against it", "Rating", "Weight", "Adds to its inconsistency"]
            out.append(("table", (head, rows)))
        else:
            out.append(("p", "No rated evidence speaks against it."))
        if brief.assumptions:
            out.append(
                (
                    "ul",
                    [
                        f"Rests on {a.id} ({a.grade.value if a.grade else 'ungraded'}): "
                        f"{a.statement}"
                        for a in brief.assumptions
                    ],
                )
            )
        if brief.flip:
            changes = ", ".join(
                f"{c['evidence']}×{c['hypothesis']} {c['from']}→{c['to']}" for c in brief.flip
            )
            out.append(("p", f"The smallest change of ratings that unseats it: {changes}."))
        out.append(("ul", list(brief.questions)))
    return out


def quality(data: ReportData) -> list[Block]:
    """Quality of Information Check: how far each item can be trusted and what it weighs."""
    rows = [
        [
            f"{r.evidence} {r.summary}",
            f"{r.source} ({r.reliability}: {r.reliability_meaning})" if r.source else "none",
            f"{r.credibility} ({r.credibility_meaning})" if r.credibility else "not graded",
            r.relevance or "",
            ", ".join(r.flags),
            f"{r.weight:.2f}",
            _backers(r.corroborated_by, r.backers),
        ]
        for r in quality_check(data.doc, most_backers=BACKERS_SHOWN, matrix=data.matrix)
    ]
    if not rows:
        return []
    head = ["Item", "Source", "Credibility", "Relevance", "Flags", "Weight", "Corroborated by"]
    return [("h2", "Quality of Information Check"), ("table", (head, rows))]


BACKERS_SHOWN = 5  # corroborating items named per row; the rest are counted


def _backers(shown: tuple[str, ...], total: int) -> str:
    if not total:
        return "none"
    more = f" … ({total} items)" if total > len(shown) else ""
    return ", ".join(shown) + more


def assumptions(data: ReportData) -> list[Block]:
    """Key Assumptions Check, weakest first."""
    rows = [
        [
            a.id,
            a.statement,
            a.grade.value if a.grade else "ungraded",
            ", ".join(a.hypotheses) or "none",
            a.notes or "",
        ]
        for a in key_assumptions(data.doc)
    ]
    if not rows:
        return []
    head = ["Id", "Assumption", "Grade", "Hypotheses resting on it", "Notes"]
    return [
        ("h2", "Key Assumptions Check"),
        ("p", "Weakest first. Evidence items of kind assumption are listed too, ungraded."),
        ("table", (head, rows)),
    ]
