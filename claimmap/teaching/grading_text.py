"""A grade report as terminal text, as Markdown, and as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from claimmap.teaching.grading import CellResult, GradeReport


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x * 100:.1f}%"


def _tau(x: float | None) -> str:
    return "-" if x is None else f"{x:+.2f}"


def _cell(c: CellResult) -> str:
    return f"{c.evidence}/{c.hypothesis} key {c.key}, student {c.student or 'unrated'}"


def _summary(g: GradeReport) -> list[tuple[str, str]]:
    return [
        ("Cells graded", str(g.graded)),
        ("Exact agreement", f"{g.exact} of {g.graded} ({_pct(g.share(g.exact))})"),
        (
            "Same direction",
            f"{g.same_direction} of {g.graded} ({_pct(g.share(g.same_direction))})",
        ),
        ("Left unrated by the student", str(g.unanswered)),
        ("Exact, weighted by diagnosticity", _pct(g.weighted_exact)),
        ("Direction, weighted by diagnosticity", _pct(g.weighted_direction)),
    ]


def _differences(g: GradeReport) -> list[tuple[str, str]]:
    rows = [
        ("Evidence missing from the student's matrix", g.missing_evidence),
        ("Evidence only in the student's matrix", g.extra_evidence),
        ("Hypotheses missing from the student's matrix", g.missing_hypotheses),
        ("Hypotheses only in the student's matrix", g.extra_hypotheses),
    ]
    out = [(label, ", ".join(ids)) for label, ids in rows if ids]
    if g.renamed:
        pairs = ", ".join(f"key {k} = student {s}" for k, s in g.renamed)
        out.append(("Same text under another id (not matched; rename and grade again)", pairs))
    return out


def _linchpin_line(pin: Any) -> str:
    if pin.missing:
        return f"{pin.evidence}: missed (not in the student's matrix)"
    if pin.missed:
        verdict = "missed"
    else:
        verdict = "same direction, not identical" if pin.differing else "rated as in the key"
    detail = "; ".join(_cell(c) for c in pin.differing)
    return f"{pin.evidence}: {verdict}" + (f" ({detail})" if detail else "")


def format_grade(g: GradeReport, student: str = "student", key: str = "key") -> str:
    """Plain text for the terminal."""
    lines = [f"Grading {student} against {key}", ""]
    width = max(len(label) for label, _ in _summary(g))
    lines += [f"  {label:<{width}}  {value}" for label, value in _summary(g)]
    missed = sum(p.missed for p in g.linchpins)
    lines += ["", f"Linchpins of the key ({g.method}): {missed} of {len(g.linchpins)} missed"]
    lines += [f"  {_linchpin_line(p)}" for p in g.linchpins] or ["  none"]
    lines += ["", "Rankings (key leader / student leader, Kendall tau-b):"]
    for r in g.rankings:
        same = "same leader" if r.same_leader else "different leader"
        lines.append(
            f"  {r.method:<14} {','.join(r.key_leader) or '-'} / "
            f"{','.join(r.student_leader) or '-'}  {same}, tau {_tau(r.tau)}"
        )
    diffs = _differences(g)
    if diffs:
        lines.append("")
        lines += [f"{label}: {ids}" for label, ids in diffs]
    wrong = [c for c in g.cells if not c.same_direction]
    if wrong:
        lines += ["", "Cells rated in another direction than the key:"]
        lines += [f"  {_cell(c)}" for c in wrong]
    return "\n".join(lines) + "\n"


def markdown_grade(g: GradeReport, student: str = "student", key: str = "key") -> str:
    """The same report as Markdown, for a file to hand back to the student."""
    out = [f"# Grading `{student}` against `{key}`", "", "| measure | result |", "|---|---|"]
    out += [f"| {label} | {value} |" for label, value in _summary(g)]
    missed = sum(p.missed for p in g.linchpins)
    out += ["", f"## Linchpins of the key ({g.method}): {missed} of {len(g.linchpins)} missed", ""]
    out += [f"- {_linchpin_line(p)}" for p in g.linchpins] or ["- none"]
    out += [
        "",
        "## Rankings",
        "",
        "| method | key leader | student leader | same leader | Kendall tau-b |",
        "|---|---|---|---|---|",
    ]
    for r in g.rankings:
        out.append(
            f"| {r.method} | {', '.join(r.key_leader) or '-'} | "
            f"{', '.join(r.student_leader) or '-'} | {'yes' if r.same_leader else 'no'} | "
            f"{_tau(r.tau)} |"
        )
    diffs = _differences(g)
    if diffs:
        out += ["", "## Items and hypotheses that do not match", ""]
        out += [f"- {label}: {ids}" for label, ids in diffs]
    out += ["", "## Cells", "", "| evidence | hypothesis | key | student | exact | direction |"]
    out.append("|---|---|---|---|---|---|")
    for c in g.cells:
        out.append(
            f"| {c.evidence} | {c.hypothesis} | {c.key} | {c.student or 'unrated'} | "
            f"{'yes' if c.exact else 'no'} | {'yes' if c.same_direction else 'no'} |"
        )
    return "\n".join(out) + "\n"


def grade_data(g: GradeReport) -> dict[str, Any]:
    """JSON-ready: every field of the report plus the counts as shares."""
    data = asdict(g)
    data["graded"] = g.graded
    data["exact_share"] = g.share(g.exact)
    data["direction_share"] = g.share(g.same_direction)
    return data
