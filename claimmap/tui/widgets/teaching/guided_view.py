"""Guided ACH: the question and Heuer's eight steps, each with its explanation and a checklist
read off the case. Enter goes to the view where a step's work is done; space ticks a check
that only the analyst can confirm (saved as an ordinary edit, so `u` undoes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from claimmap.model.enums import ReviewCheck
from claimmap.teaching.guided import Check, Step, View, next_step, progress
from claimmap.tui.messages import EditRequested
from claimmap.tui.widgets.teaching.data import TeachingData, short
from claimmap.tui.widgets.teaching.lists import VimOptionList

if TYPE_CHECKING:
    from claimmap.store.case_store import Store

#: Checks ticked one evidence item at a time (`linchpin:E5`).
PER_ITEM = {ReviewCheck.NON_DIAGNOSTIC, ReviewCheck.LINCHPIN}
#: Checks whose state or open ids would give the ranking away while rating blind.
REVEALS_RANKING = {"conclusions.leader", "indicators.leader_refuted_by"}
HEUER_STEPS = 8

WHERE = {
    View.CASE: "the question and teaching notes",
    View.MATRIX: "the Matrix tab",
    View.EVIDENCE: "the evidence list (Items tab)",
    View.SCORES: "the Scores tab",
    View.ASSUMPTIONS: "Key assumptions",
    View.INDICATORS: "Indicators",
    View.QUALITY: "Quality of information",
}


@dataclass(frozen=True)
class Entry:
    """What one line of the checklist stands for."""

    step: Step
    check: Check | None = None
    item: str | None = None  # an evidence id, on the lines of a per-item check

    @property
    def ticked(self) -> bool:
        if self.check is None:
            return False
        if self.item is not None:
            return self.item not in self.check.outstanding
        return self.check.complete


def step_name(step: Step) -> str:
    return "The question" if step.number == 0 else f"Step {step.number} of {HEUER_STEPS}"


class ChecklistList(VimOptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go there", id="guide-go", tooltip="Open the view for it"),
    ]


class GuidedView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", id="guide-tick", tooltip="Tick or untick the check"),
    ]

    @dataclass
    class Jump(Message):
        view: View
        item: str | None = None

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.data: TeachingData | None = None
        self.blind = False
        self.entries: dict[str, Entry] = {}

    def on_unmount(self) -> None:
        # a left case is freed as its screen goes: see CaseScreen.on_unmount
        self.data, self.entries = None, {}

    def compose(self) -> ComposeResult:
        yield Static("Reading the case…", id="guide-progress", classes="method-note")
        with Horizontal(classes="method-body"):
            yield ChecklistList(id="guide-checks", classes="method-main")
            with VerticalScroll(classes="method-side"):
                yield Static("", id="guide-detail")

    def focus_main(self) -> None:
        self.query_one(ChecklistList).focus()

    # -- painting ---------------------------------------------------------------------------

    def show(self, data: TeachingData, blind: bool) -> None:
        self.data, self.blind = data, blind
        self.query_one("#guide-progress", Static).update(self._progress(data.steps))
        checks = self.query_one(ChecklistList)
        was = checks.highlighted_option.id if checks.highlighted_option is not None else None
        self.entries = {}
        options: list[Option] = []
        for step in data.steps:
            options.append(self._add(f"step:{step.id}", Entry(step), self._step_line(step)))
            for check in step.checks:
                options.append(
                    self._add(f"check:{check.id}", Entry(step, check), self._check_line(check))
                )
                if check.review in PER_ITEM:
                    for item in check.items:
                        entry = Entry(step, check, item)
                        line = self._item_line(entry, data.summary(item))
                        options.append(self._add(f"item:{check.id}:{item}", entry, line))
        checks.clear_options()
        checks.add_options(options)
        first_open = next_step(data.steps)
        start = was if was in self.entries else None
        if start is None and first_open is not None:
            start = f"step:{first_open.id}"
        checks.highlighted = checks.get_option_index(start) if start else 0
        self._detail()

    def _add(self, option_id: str, entry: Entry, prompt: Text) -> Option:
        self.entries[option_id] = entry
        prompt.no_wrap, prompt.overflow = True, "ellipsis"  # the side panel has the full text
        return Option(prompt, id=option_id)

    def _progress(self, steps: list[Step]) -> Text:
        done, total = progress(steps)
        complete = sum(s.complete for s in steps)
        text = Text()
        nxt = next_step(steps)
        if nxt is None:
            text.append("Every step is complete", style="bold green")
        else:
            text.append(f"{step_name(nxt)} · {nxt.title.split('. ', 1)[-1]}", style="bold")
            text.append(f" · {nxt.done}/{nxt.total} checks")
        text.append(f"   overall {done}/{total} checks, {complete}/{len(steps)} steps", style="dim")
        return text

    def _step_line(self, step: Step) -> Text:
        mark, style = ("✓", "green") if step.complete else ("•", "yellow")
        text = Text()
        text.append(f"{mark} ", style=style)
        text.append(step.title, style="bold")
        text.append(f"  {step.done}/{step.total}", style="dim")
        return text

    def _check_line(self, check: Check) -> Text:
        text = Text("  ")
        if self.blind and check.id in REVEALS_RANKING:
            text.append("? ", style="dim")
            text.append(check.text)
            text.append("  hidden while rating blind", style="dim")
            return text
        text.append(*(("✓ ", "green") if check.complete else ("✗ ", "red")))
        text.append(check.text)
        if check.total > 1:
            text.append(f"  {check.done}/{check.total}", style="dim")
        if check.outstanding and check.review not in PER_ITEM:
            shown = ", ".join(check.outstanding[:4])
            more = f" +{len(check.outstanding) - 4}" if len(check.outstanding) > 4 else ""
            text.append(f"  open: {shown}{more}", style="dim")
        return text

    def _item_line(self, entry: Entry, summary: str) -> Text:
        text = Text("      ")
        text.append(*(("✓ ", "green") if entry.ticked else ("✗ ", "red")))
        text.append(f"{entry.item} ", style="bold")
        text.append(short(summary, 70), style="dim")
        return text

    def _detail(self) -> None:
        entry = self._current()
        detail = self.query_one("#guide-detail", Static)
        if entry is None or self.data is None:
            detail.update("")
            return
        step, check = entry.step, entry.check
        text = Text()
        text.append(f"{step_name(step)}: {step.title.split('. ', 1)[-1]}\n", style="bold")
        text.append(step.explanation + "\n\n")
        view = step.view
        if check is not None:
            view = check.view
            hidden = self.blind and check.id in REVEALS_RANKING
            if entry.item is not None:
                state = "ticked" if entry.ticked else "to look at"
                text.append(f"{entry.item} ({state}): ", style="bold")
                text.append(self.data.summary(entry.item) + "\n")
            elif hidden:
                text.append(check.text + ": hidden while rating blind\n", style="bold")
            else:
                mark = "✓" if check.complete else "✗"
                text.append(f"{mark} {check.text} ({check.done}/{check.total})\n", style="bold")
            if check.outstanding and entry.item is None and not hidden:
                text.append("Still open:\n")
                for item in check.outstanding[:8]:
                    summary = self.data.summary(item) or self.data.label(item)
                    text.append(f"  {item} ", style="bold")
                    text.append(short(summary, 60) + "\n", style="dim")
                if len(check.outstanding) > 8:
                    text.append(f"  and {len(check.outstanding) - 8} more\n", style="dim")
            if entry.item is not None:
                view = View.MATRIX
            text.append("\n")
            if check.review is None:
                text.append("Computed from the case. ", style="dim")
            elif check.review in PER_ITEM and entry.item is None:
                text.append("Tick each item listed under it with space. ", style="dim")
            else:
                verb = "untick" if entry.ticked else "tick it once you have done it"
                text.append(f"space: {verb}. ", style="dim")
        text.append(f"enter: go to {WHERE[view] if entry.item is None else 'its row'}.", "dim")
        detail.update(text)

    def _current(self) -> Entry | None:
        option = self.query_one(ChecklistList).highlighted_option
        return self.entries.get(str(option.id)) if option is not None else None

    # -- keys -------------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._current()
        if entry is None:
            return
        if entry.item is not None:
            self.post_message(self.Jump(View.MATRIX, entry.item))
        elif entry.check is not None:
            first = entry.check.outstanding[0] if entry.check.outstanding else None
            item = first if entry.check.id == "matrix.complete" else None
            self.post_message(self.Jump(entry.check.view, item))
        else:
            self.post_message(self.Jump(entry.step.view))

    def action_tick(self) -> None:
        entry = self._current()
        if entry is None or entry.check is None:
            self.notify("Choose a check under the step to tick it.", timeout=3)
            return
        check = entry.check
        if check.review is None:
            self.notify("This check is computed from the case: enter goes to where it is done.")
            return
        if check.review in PER_ITEM and entry.item is None:
            self.notify("Tick each item listed under this check.", timeout=3)
            return
        mark = check.mark(entry.item)
        tick = not entry.ticked

        def run(store: Store, case_id: int) -> bool:
            from claimmap.store.teaching_edits import set_reviewed

            return set_reviewed(store, case_id, mark, tick)

        self.post_message(EditRequested(f"{'tick' if tick else 'untick'} {mark}", run))
        what = entry.item or check.text
        self.notify(f"{'Ticked' if tick else 'Unticked'}: {what} (u undoes)", timeout=3)
