"""The Scores tab: every method side by side, how likely each hypothesis is to lead, the
linchpins and leave-one-out results, and diagnosticity. Computed in a worker."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from claimmap.model.document import Judgement
from claimmap.model.enums import LIKELIHOOD_BANDS
from claimmap.scoring.draw_rule import SEED
from claimmap.scoring.teams import GROUP, leader_disagreements, leaders_by_analyst
from claimmap.scoring.wording import (
    coverage_text,
    flip_phrase,
    how_sure,
    leader_phrase,
    provisional_note,
)
from claimmap.teaching.judgement_check import compare_judgement
from claimmap.tui.case_state import CaseState
from claimmap.tui.handoff import Handoff
from claimmap.tui.latest import Latest
from claimmap.tui.team_views import colleagues
from claimmap.tui.widgets.text_fit import clip
from claimmap.tui.widgets.vim_table import VimDataTable

TOP_DIAGNOSTIC = 15
PAINT_WAIT = 2.0  # seconds the search waits for the scores to be drawn, at most


def judgement_text(judgement: Judgement | None, report: dict[str, Any]) -> Text:
    """The written judgement, then the check a reviewer makes: does the ranking agree?"""
    text = Text()
    check = compare_judgement(judgement, report)
    if judgement is None:
        text.append("Judgement: ", style="bold")
        text.append("none written yet (J writes it). ", style="dim")
    else:
        low, high = LIKELIHOOD_BANDS[judgement.likelihood]
        named = judgement.hypothesis or "no single hypothesis"
        text.append(f"Judgement ({judgement.date.isoformat()}): ", style="bold")
        text.append(
            f"{named} is {judgement.likelihood.value} ({low}–{high} %), "
            f"{judgement.confidence.value} confidence. "
        )
        text.append(" ".join(judgement.bottom_line.split()), style="italic")
        text.append("\n")
    text.append(check.summary, style="bold red" if check.differs else "")
    for note in check.notes:
        text.append(f"\n{note}", style="yellow")
    return text


def team_text(state: CaseState, methods: list[str]) -> Text:
    """Each analyst's leader and the group's, side by side, and whether the analysts agree on
    it; nothing while there is one analyst, or while the case keeps my ratings independent."""
    if not colleagues(state):
        return Text()
    if state.blind_for_me:
        left = state.unrated_by_me()
        return Text(
            f"Colleagues' leaders and the group's show once you have rated every cell "
            f"({left} left).",
            style="italic",
        )
    leaders = leaders_by_analyst(state.matrix, methods, state.view_of)  # views kept live
    width = max(len(name) for name in leaders) + 7
    text = Text("Leaders by analyst (the group: every analyst's mean rating per cell)\n")
    text.stylize("bold")
    text.append(" " * width + "".join(f"{m:<14}" for m in methods) + "\n", style="dim")
    for name, by in leaders.items():
        who = f"{name} (you)" if name == state.me else name
        text.append(f"{who:<{width}}", style="bold" if name in (state.me, GROUP) else "")
        text.append("".join(f"{_leaders(by[m]):<14}" for m in methods) + "\n")
    split = leader_disagreements(leaders)
    if split:
        m = split[0]
        said = "; ".join(
            f"{name} {_leaders(by[m])}" for name, by in leaders.items() if name != GROUP
        )
        text.append(
            f"The analysts disagree about the leader under {len(split)} of {len(methods)} "
            f"methods ({m}: {said}).",
            style="bold red",
        )
    else:
        text.append("Every analyst ranks the same hypothesis first under every method.")
    return text


def _leaders(ids: list[str]) -> str:
    """One leader, a tie of two, or how many tie (a column is 14 wide)."""
    if len(ids) > 2:
        return f"{len(ids)}-way tie"
    return " = ".join(ids) or "–"


class ScoresPane(VerticalScroll):
    #: The tables, top to bottom; ] and [ move between them (as between the Method tab's
    #: views), so every part of the tab is reachable by keyboard however small the terminal.
    TABLES = ("#scores-table", "#lead-table", "#diag-table")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "table(1)", "Next table", id="scores-next"),
        Binding("left_square_bracket", "table(-1)", "Previous table", id="scores-prev"),
    ]

    def action_table(self, step: int) -> None:
        focused = self.screen.focused
        ids = [f"#{focused.id}" if focused is not None else ""]
        here = self.TABLES.index(ids[0]) if ids[0] in self.TABLES else -1
        target = self.query_one(self.TABLES[(here + step) % len(self.TABLES)], DataTable)
        target.focus()
        # show the table with its heading above it
        self.scroll_to_widget(target, animate=False, top=True)

    @dataclass
    class Computed(Message):
        report: dict[str, Any]
        names: dict[str, str]
        judgement: Text
        team: Text
        number: int = 0
        drawing: bool = False  # the Monte Carlo draws are still being made
        searching: bool = False  # and the smallest flips are still being looked for
        painted: threading.Event | None = None  # set once these figures are on screen

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.latest = Latest()
        # what each table was last filled from: the flips and the Monte Carlo come as two
        # more reports with the same scores, and a table refilled with the same rows costs
        # a layout and sends its cursor back to the top
        self._filled: dict[str, object] = {}
        self._prefilled = False  # filled by `prefill`, not yet shown

    def _fill(self, table: str, source: object) -> bool:
        """Whether `table` is to be filled from `source` (it was not, last time)."""
        if self._filled.get(table) == source:
            return False
        self._filled[table] = source
        return True

    def compose(self) -> ComposeResult:
        yield Static("Scoring…", id="scores-note")
        yield Static("", id="judgement")
        yield Static("", id="team-leaders")
        yield Static(Text("Scores by method (★ leads; = shares the lead)", style="bold"))
        yield VimDataTable(id="scores-table", cursor_type="row")
        yield Static(Text("Chance of leading, and a 90% interval (Monte Carlo)", style="bold"))
        yield VimDataTable(id="lead-table", cursor_type="row")
        yield Static(Text("What would change the answer", style="bold"))
        yield Static("", id="sensitivity")
        yield Static(Text("Diagnosticity: the items that best tell hypotheses apart", style="bold"))
        yield VimDataTable(id="diag-table", cursor_type="row")

    def rebuild(self, state: CaseState) -> None:
        number = self.latest.ask()
        prefilled, self._prefilled = self._prefilled, False
        if state.report_ready():
            # worked out ahead (a small case): drawn now, in the tab's first frame
            drawn = self._computed(state, number, flips=True, painted=threading.Event())
            self.on_scores_pane_computed(drawn)
            self.compute(Handoff((state, drawn)), number)
        else:
            if prefilled:  # from a report older than the case now, and never shown: not now
                self._clear()
            self.query_one("#scores-note", Static).update("Scoring…")
            self.compute(Handoff((state, None)), number)

    def prefill(self, state: CaseState) -> None:
        """Fill the tables, while the tab is hidden, from a report worked out ahead; showing
        the tab then finds them filled (`_fill`) and only draws them. The Monte Carlo waits
        for the tab to be shown (`rebuild`)."""
        if state.report_ready():
            self.on_scores_pane_computed(self._computed(state, self.latest.ask(), flips=True))
            self._prefilled = True

    def _clear(self) -> None:
        """Empty the tab's figures (its headings stay)."""
        for table in self.TABLES:
            self.query_one(table, DataTable).clear(columns=True)
        for text in ("#judgement", "#team-leaders", "#sensitivity"):
            self.query_one(text, Static).update("")
        self._filled.clear()

    def _computed(
        self, state: CaseState, number: int, *, flips: bool, painted: threading.Event | None = None
    ) -> Computed:
        """The deterministic report as the tab draws it, with the smallest flips or not yet."""
        snap, report = state.report(per_cell=False, flips=flips, chances=False)
        names = {ev.id: ev.summary for ev in snap.doc.evidence}
        judged = judgement_text(snap.doc.judgement, report)
        team = team_text(state, list(report["methods"]))
        return self.Computed(
            report, names, judged, team, number, drawing=True, searching=not flips, painted=painted
        )

    @work(thread=True, group="scores")
    def compute(self, handed: Handoff[tuple[CaseState, Computed | None]], number: int) -> None:
        # The deterministic scores first, with the smallest flips when they are worked out
        # already (ahead, on a small case: one paint instead of two); else the flips next (on
        # a big case the search takes about a second); then the Monte Carlo chances. `handed`:
        # the case, and the deterministic report already on screen if it is (see `rebuild`).
        state, first = handed.take()
        if first is None:
            first = self._computed(
                state, number, flips=state.flips_ready(), painted=threading.Event()
            )
            self.post_message(first)
        # What follows starts once the report is drawn: the search and the Monte Carlo hold
        # Python's lock for long stretches, and beside the paint they held it up (three
        # times as long on a big case; 15-20 ms on HTS, 12 interleaved runs, twice).
        if first.painted is not None:
            first.painted.wait(PAINT_WAIT)
        steps = ((True, False), (True, True)) if first.searching else ((True, True),)
        for flips, chances in steps:
            if not self.latest.is_newest(number):
                return  # the case changed meanwhile: a newer computation is on its way
            _, report = state.report(per_cell=False, flips=flips, chances=chances)
            self.post_message(
                self.Computed(
                    report, first.names, first.judgement, first.team, number, drawing=not chances
                )
            )

    def on_scores_pane_computed(self, message: Computed) -> None:
        if message.painted is not None:
            self.call_after_refresh(message.painted.set)
        if not self.latest.is_newest(message.number):
            return
        report, names = message.report, message.names
        hyps: list[str] = report["hypotheses"]
        labels: dict[str, str] = report["labels"]
        methods = list(report["methods"])
        self._scores(hyps, labels, methods, report)
        self._lead(hyps, methods, report)
        self._sensitivity(methods, report, names)
        self._diagnosticity(report, names)
        self.query_one("#judgement", Static).update(message.judgement)
        leaders = self.query_one("#team-leaders", Static)
        leaders.update(message.team)
        leaders.display = bool(message.team.plain)
        unc = report.get("uncertainty") or {}
        draws = unc.get("model", {}).get("draws")
        simulated = f"Monte Carlo {draws} draws, seed {SEED}." if draws else "no Monte Carlo."
        if message.drawing:
            simulated = "Monte Carlo: drawing…"
        if message.searching:
            simulated = f"smallest flips: searching…; {simulated}"
        note = (
            f"{report['evidence_count']} evidence items; analyst {report['analyst']}; {simulated}"
        )
        if not hyps or not report["evidence_count"]:
            what = (
                "hypotheses (A on the Matrix tab)" if not hyps else "evidence (a on the Matrix tab)"
            )
            note = f"Nothing to score yet: add {what}, then rate the cells."
        self.query_one("#scores-note", Static).update(note)

    def _scores(
        self, hyps: list[str], labels: dict[str, str], methods: list[str], report: dict[str, Any]
    ) -> None:
        coverage = report.get("coverage", {})
        source = (hyps, labels, methods, report["methods"], report["scores"], report["leader"])
        if not self._fill("scores", (*source, coverage)):
            return
        table = self.query_one("#scores-table", DataTable)
        table.clear(columns=True)
        table.add_column("hypothesis", width=34)
        table.add_column("rated", width=7)
        for m in methods:
            better = "↑" if report["methods"][m]["better"] == "higher" else "↓"
            table.add_column(f"{m} {better}", width=max(9, len(m) + 2))
        for h in hyps:
            cells = []
            for m in methods:
                value = report["scores"][m][h]
                leaders = report["leader"][m]
                mark = " " if h not in leaders else "★" if len(leaders) == 1 else "="
                cells.append(Text(f"{mark}{value:.2f}" if value is not None else "–"))
            cov = coverage.get(h)
            rated = Text(coverage_text(report, h)) if cov else Text("–")
            if cov and cov["rated"] < cov["cells"]:
                rated.stylize("yellow")
            table.add_row(Text(f"{h} {labels.get(h, '')}", overflow="ellipsis"), rated, *cells)

    def _lead(self, hyps: list[str], methods: list[str], report: dict[str, Any]) -> None:
        unc = report.get("uncertainty") or {}
        if not self._fill("lead", (hyps, methods, unc)):
            return
        table = self.query_one("#lead-table", DataTable)
        table.clear(columns=True)
        table.add_column("hypothesis", width=12)
        for m in methods:
            table.add_column(m, width=22)
        for h in hyps:
            cells = []
            for m in methods:
                p = unc.get("p_lead", {}).get(m, {}).get(h)
                lo, hi = unc.get("interval90", {}).get(m, {}).get(h, [None, None])
                if p is None:
                    cells.append("–")
                else:
                    span = f" [{lo:.2f}, {hi:.2f}]" if lo is not None and hi is not None else ""
                    cells.append(f"{p:4.0%}{span}")
            table.add_row(h, *cells)

    def _sensitivity(
        self, methods: list[str], report: dict[str, Any], names: dict[str, str]
    ) -> None:
        text = Text()
        for m in methods:
            text.append(f"{m}: ", style="bold")
            leaders = report["leader"][m]
            # how_sure names a single leader itself; a tie or an empty case is said first
            said = how_sure(report, m)
            text.append(
                f"{said}.\n" if len(leaders) == 1 else f"{leader_phrase(leaders)}; {said}.\n"
            )
            note = provisional_note(report, m)
            if note:
                text.append(f"   {note}\n", style="yellow")
            flip = report["flip"].get(m)
            if flip is None:
                text.append(
                    "   looking for the smallest change that moves the lead…\n", style="dim"
                )
            elif flip["size"]:
                changes = ", ".join(
                    f"{c['evidence']}×{c['hypothesis']} {c['from']}→{c['to']}"
                    for c in flip["changes"]
                )
                exact = "" if flip["exact"] else " (greedy search)"
                text.append(
                    f"   {flip['size']} rating step(s) {flip_phrase(flip)}{exact}: {changes}\n"
                )
            else:
                text.append(f"   {flip['note'] or 'no change of rating moves the lead'}\n")
            loo = report["leave_one_out"][m]["changes_leader"]
            if loo:
                dropped = ", ".join(
                    f"{x['evidence']} (then {', '.join(x['new_leader'])})" for x in loo
                )
                text.append(f"   dropping one item changes the leader: {dropped}\n", style="red")
            for pin in report["linchpins"].get(m, [])[:3]:
                summary = names.get(pin["evidence"], "")
                short = clip(summary, 60)
                text.append(f"   linchpin {pin['evidence']} {short}: ", style="dim")
                text.append("; ".join(pin["reasons"]) + "\n", style="dim")
        self.query_one("#sensitivity", Static).update(text)

    def _diagnosticity(self, report: dict[str, Any], names: dict[str, str]) -> None:
        diag = report["diagnosticity"]
        if not self._fill("diagnosticity", (diag, names)):
            return
        table = self.query_one("#diag-table", DataTable)
        table.clear(columns=True)
        table.add_columns("evidence", "diagnosticity", "weighted", "summary")
        for ev in diag["order"][:TOP_DIAGNOSTIC]:
            table.add_row(
                ev,
                f"{diag['values'][ev]:.2f}",
                f"{diag['weighted'][ev]:.2f}",
                Text(names.get(ev, ""), overflow="ellipsis", no_wrap=True),
            )
        flat = diag["non_diagnostic"]
        if flat:
            table.add_row("—", "0", "0", Text(f"not diagnostic: {', '.join(flat)}", style="dim"))
