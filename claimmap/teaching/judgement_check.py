"""The check a reviewer makes first: does the written judgement agree with the computed ranking?

`compare_judgement(judgement, report)` sets the analyst's judgement beside every method's
leader in a score report (`scoring.report.score_report`) and says plainly where they differ:
"You judged H2 most likely; every method ranks H1 first." `claimmap score`, the reports and the
TUI's Scores tab all show its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimmap.model.enums import LIKELIHOOD_BANDS
from claimmap.scoring.wording import join_ids, percent, provisional_note

if TYPE_CHECKING:  # `score` on a case without a judgement runs without the models
    from claimmap.model.document import Judgement


@dataclass(frozen=True)
class JudgementCheck:
    judged: str | None  # the hypothesis judged most likely, if the judgement names one
    agree: list[str] = field(default_factory=list)  # methods whose sole leader it is
    tied: list[str] = field(default_factory=list)  # methods where it shares the lead
    differ: dict[str, list[str]] = field(default_factory=dict)  # method → its leaders instead
    summary: str = ""  # one sentence: agreement or the difference
    notes: list[str] = field(default_factory=list)  # further cautions, each a sentence

    @property
    def differs(self) -> bool:
        """True when some method does not put the judged hypothesis (alone or tied) first."""
        return bool(self.differ)


def _methods(names: list[str], total: int) -> str:
    if len(names) == total and total > 1:
        return "every method"
    return join_ids(names)


def _leaders_sentence(report: dict[str, Any]) -> str:
    """'every method ranks H1 first' / 'inconsistency ranks H1 first, bayes has H1 and H2 tied'"""
    methods = list(report["methods"])
    by_leaders: dict[tuple[str, ...], list[str]] = {}
    for m in methods:
        by_leaders.setdefault(tuple(report["leader"][m]), []).append(m)
    parts = []
    for leaders, names in by_leaders.items():
        who = _methods(names, len(methods))
        verb = "ranks" if len(names) == 1 or who == "every method" else "rank"
        if not leaders:
            parts.append(f"{who} has no hypotheses to rank")
        elif len(leaders) == 1:
            parts.append(f"{who} {verb} {leaders[0]} first")
        else:
            has = "has" if verb == "ranks" else "have"
            parts.append(f"{who} {has} {join_ids(list(leaders))} tied first")
    return ", ".join(parts)


def _likelihood_note(judgement: Judgement, report: dict[str, Any], agree: list[str]) -> str | None:
    """A firm likelihood over a lead the simulations do not bear out. (The chance of leading
    is not the chance of being true, but a judgement worded as very likely should not rest on a
    lead that a one-step change of ratings overturns half the time.)"""
    unc = report.get("uncertainty")
    if not unc or not agree or judgement.hypothesis is None:
        return None
    low = LIKELIHOOD_BANDS[judgement.likelihood][0] / 100
    if low < 0.8:
        return None
    chances = {m: unc["p_lead"][m][judgement.hypothesis] or 0.0 for m in agree}
    weakest = min(chances, key=lambda m: chances[m])
    if chances[weakest] >= low:
        return None
    return (
        f"You called it {judgement.likelihood.value}, but under {weakest} {judgement.hypothesis} "
        f"leads in only {percent(chances[weakest])} of simulated variations."
    )


def compare_judgement(judgement: Judgement | None, report: dict[str, Any]) -> JudgementCheck:
    methods = list(report["methods"])
    ranking = _leaders_sentence(report) if methods else "nothing has been scored"
    if judgement is None:
        return JudgementCheck(None, summary=f"No judgement written yet; {ranking}.")
    judged = judgement.hypothesis
    if judged is None:
        return JudgementCheck(
            None, summary=f"Your judgement names no hypothesis as most likely; {ranking}."
        )
    agree = [m for m in methods if report["leader"][m] == [judged]]
    tied = [m for m in methods if judged in report["leader"][m] and len(report["leader"][m]) > 1]
    differ = {m: report["leader"][m] for m in methods if judged not in report["leader"][m]}
    opening = f"You judged {judged} most likely"
    if not methods:
        summary = f"{opening}; nothing has been scored."
    elif len(agree) == len(methods):
        summary = f"{opening}; {_methods(agree, len(methods))} ranks it first too."
    else:
        summary = f"{opening}; {ranking}."
    notes = []
    by_note: dict[str, list[str]] = {}
    for m in methods:
        note = provisional_note(report, m)
        if note and (m in agree or m in tied):
            by_note.setdefault(note, []).append(m)
    for note, names in by_note.items():
        notes.append(f"Under {_methods(names, len(methods))} the ranking is {note}.")
    likelihood = _likelihood_note(judgement, report, agree)
    if likelihood:
        notes.append(likelihood)
    return JudgementCheck(judged, agree, tied, differ, summary, notes)


def judgement_lines(judgement: Judgement | None, labels: dict[str, str]) -> list[str]:
    """The judgement as plain text lines (no check): what `show` and `score` print."""
    if judgement is None:
        return ["Judgement: none written yet (claimmap set CASE judgement bottom_line=…)"]
    low, high = LIKELIHOOD_BANDS[judgement.likelihood]
    hyp = judgement.hypothesis
    named = f"{hyp} {labels.get(hyp, '')}".strip() if hyp else "no single hypothesis"
    lines = [
        f"Judgement ({judgement.date.isoformat()}): {named} is {judgement.likelihood.value} "
        f"({low}–{high} %), {judgement.confidence.value} confidence",
        f"  {' '.join(judgement.bottom_line.split())}",
    ]
    if judgement.basis:
        lines.append(f"  Basis: {' '.join(judgement.basis.split())}")
    return lines
