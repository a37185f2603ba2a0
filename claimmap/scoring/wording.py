"""The sentences every output uses to say what a score report knows, and only that: who leads
(or who ties), how sure that is, whether the ranking is provisional, and what would change it.
`claimmap score`, the reports and the TUI share them so that they never disagree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def join_ids(ids: Sequence[str]) -> str:
    """'H1', 'H1 and H2', 'H1, H2 and H5'."""
    items = list(ids)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def leader_phrase(leader: Sequence[str]) -> str:
    """'H1 leads', 'H1, H2 and H5 tie', or 'no hypotheses'."""
    if not leader:
        return "no hypotheses"
    if len(leader) == 1:
        return f"{leader[0]} leads"
    return f"{join_ids(leader)} tie"


def _words(p: float) -> str:
    """How firm a lead is. Deliberately not ICD 203's likelihood words: this is how often the
    ratings' leader survives small changes, not how likely the hypothesis is to be true, and
    it stands beside the analyst's judgement, which uses those words."""
    if p >= 0.95:
        return "a firm lead"
    if p >= 0.75:
        return "a fairly firm lead"
    if p >= 0.5:
        return "a fragile lead"
    return "an unstable lead"


def percent(p: float) -> str:
    """A share as a whole percentage that never rounds a real chance to 0 % or 100 %."""
    if 0.0 < p < 0.005:
        return "< 1 %"
    if 0.995 <= p < 1.0:
        return "> 99 %"
    return f"{100 * p:.0f} %"


def how_sure(report: dict[str, Any], method: str) -> str:
    """How often the leader stays the leader when ratings and weights are a little off. A tie
    is not a lead: for a tie it says how often the tie itself survives."""
    unc = report.get("uncertainty")
    leader = report["leader"][method]
    if not unc or not leader:
        return "not estimated"
    draws = unc["model"]["draws"]
    if len(leader) > 1:
        same = unc["same_leader"][method] or 0.0
        return (
            f"no single leader: the tie between {join_ids(leader)} holds in {percent(same)} "
            f"of {draws} simulated variations"
        )
    p = unc["p_lead"][method][leader[0]] or 0.0
    return f"{leader[0]} leads in {percent(p)} of {draws} simulated variations ({_words(p)})"


def incomplete_columns(report: dict[str, Any], ids: Sequence[str]) -> list[str]:
    """'H3: 4 of 18 cells rated' for each of `ids` whose column is not fully rated."""
    out = []
    for h in ids:
        cov = report["coverage"][h]
        if cov["rated"] < cov["cells"]:
            out.append(f"{h}: {cov['rated']} of {cov['cells']} cells rated")
    return out


def provisional_note(report: dict[str, Any], method: str) -> str | None:
    """Why a ranking is provisional, or None when its leader's column is complete."""
    if not report["provisional"].get(method):
        return None
    leader = report["leader"][method]
    if all(report["coverage"][h]["cells"] == 0 for h in leader):
        return "provisional: no evidence is in scoring yet"
    gaps = "; ".join(incomplete_columns(report, leader))
    return f"provisional: the leader's column is not fully rated ({gaps})"


def coverage_text(report: dict[str, Any], hypothesis: str) -> str:
    """'12/18' rated cells of a hypothesis's column."""
    cov = report["coverage"][hypothesis]
    return f"{cov['rated']}/{cov['cells']}"


def flip_phrase(flip: dict[str, Any]) -> str:
    """What the smallest change of ratings would do: make one hypothesis the leader, or leave
    several tied (a tie is not a new leader)."""
    new = flip["new_leader"]
    if len(new) == 1:
        return f"would make {new[0]} the leader"
    return f"would leave {join_ids(new)} tied for the lead"
