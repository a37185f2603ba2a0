"""Plain-text rendering of a score report (no colour codes; the CLI prints it as is)."""

from __future__ import annotations

from typing import Any

from .ranking import ranks
from .wording import coverage_text, flip_phrase, how_sure, leader_phrase, provisional_note


def _fmt(x: float | None, digits: int = 3) -> str:
    if x is None:
        return "-"
    return f"{x:.{digits}f}"


def _method_block(report: dict[str, Any], name: str) -> list[str]:
    meta = report["methods"][name]
    unc = report.get("uncertainty")
    scores = report["scores"][name]
    rank_of = ranks(report["ranking"][name])
    lines = [f"{meta['label']}  [{name}; {meta['better']} is better]"]
    header = f"  {'rank':>4}  {'hypothesis':<30} {'score':>10} {'rated':>7}"
    if unc:
        header += f" {'P(lead)':>8}  {'90% interval':<21}"
    lines.append(header)
    order = [h for group in report["ranking"][name] for h in group]
    labels = report.get("labels") or {}
    for h in order:
        # The id first, so it never gets cut; the label fills what is left of the column.
        shown = f"{h} {labels.get(h, '')}".strip()[:30]
        row = f"  {rank_of[h]:>4}  {shown:<30} {_fmt(scores[h]):>10} {coverage_text(report, h):>7}"
        if unc:
            lo, hi = unc["interval90"][name][h]
            row += f" {_fmt(unc['p_lead'][name][h], 2):>8}  [{_fmt(lo)}, {_fmt(hi)}]"
        lines.append(row)
    leader = report["leader"][name]
    if not leader:
        lines.append("  Leader: none (no hypotheses)")
        return lines
    if len(leader) == 1:
        lines.append(f"  Leader: {leader[0]}")
    else:
        lines.append(f"  Leader: none; {leader_phrase(leader)}")
    note = provisional_note(report, name)
    if note:
        lines.append(f"  This ranking is {note}.")
    if unc:
        lines.append(f"  How sure: {how_sure(report, name)}")
    flip = report["flip"][name]
    if flip["size"] is not None:
        exact = "" if flip["exact"] else " (approximate: greedy search)"
        changes = "; ".join(
            f"{c['evidence']}/{c['hypothesis']} {c['from']}→{c['to']}" for c in flip["changes"][:6]
        )
        if len(flip["changes"]) > 6:
            changes += f"; … ({len(flip['changes'])} cells)"
        lines.append(
            f"  Smallest flip: {flip['size']} rating step(s) {flip_phrase(flip)}{exact}: {changes}"
        )
    elif flip["note"]:
        lines.append(f"  Smallest flip: none ({flip['note']})")
    pins = report["linchpins"][name]
    if pins:
        lines.append("  Linchpins:")
        for pin in pins:
            lines.append(f"    {pin['evidence']}: {'; '.join(pin['reasons'])}")
    return lines


def format_report(report: dict[str, Any]) -> str:
    who = report.get("analyst") or "group"
    items, hyps = report["evidence_count"], len(report["hypotheses"])
    lines = [
        f"Scores for {who} ({hyps} hypothes{'i' if hyps == 1 else 'e'}s, "
        f"{items} evidence item{'' if items == 1 else 's'})"
    ]
    unc = report.get("uncertainty")
    if unc:
        model = unc["model"]
        lines.append(
            f"Uncertainty: {model['draws']} simulated variations (seed {model['seed']}): each "
            f"rating one step off with probability {model['p_step']}, each weight times "
            f"exp({model['weight_sigma']}·z − {model['weight_sigma']}²/2)."
        )
    for name in report["methods"]:
        lines.append("")
        lines.extend(_method_block(report, name))
    diag = report.get("diagnosticity")
    if diag and diag["order"]:
        top = [e for e in diag["order"][:5] if (diag["values"][e] or 0.0) > 0.0]
        lines.append("")
        lines.append(f"Most diagnostic evidence: {', '.join(top) if top else 'none'}")
        if diag["non_diagnostic"]:
            n = len(diag["non_diagnostic"])
            lines.append(f"Non-diagnostic evidence (rated alike for every hypothesis): {n}")
    flagged = report.get("flags") or {}
    if flagged:
        lines.append("Quality flags changed these weights:")
        for e, f in flagged.items():
            left_out = " (left out of every method)" if f["factor"] == 0 else ""
            lines.append(
                f"  {e} {', '.join(f['flags'])}: {_fmt(f['weight_before_flags'])} → "
                f"{_fmt(f['weight'])}{left_out}"
            )
    cons = report.get("consensus")
    if cons:
        counts = ", ".join(f"{k}: {v}" for k, v in cons["buckets"].items() if v)
        lines.append(f"Analyst agreement per cell: {counts}")
    if "bayes" in report["methods"]:
        lines.append(
            "Bayesian posteriors are indicative: they follow an assumed rating→likelihood model."
        )
    return "\n".join(lines) + "\n"
