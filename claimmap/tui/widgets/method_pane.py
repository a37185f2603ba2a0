"""The Method tab: the teaching views of ACH (guided steps, key assumptions, quality of
information, indicators, devil's advocacy, teaching notes), chosen from a list on the left.

Every view is computed at once in a worker (it scores the case) and repainted when the case
changes. Enter on a guided-ACH check goes to where the work is done: another tab, or another
view of this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ContentSwitcher, OptionList
from textual.widgets.option_list import Option

from claimmap.teaching.guided import View
from claimmap.tui.case_state import CaseState
from claimmap.tui.handoff import Handoff
from claimmap.tui.latest import Latest
from claimmap.tui.messages import CellRequested, CollectionRequested, TabRequested
from claimmap.tui.widgets.teaching.advocacy_view import AdvocacyView
from claimmap.tui.widgets.teaching.assumptions_view import AssumptionsView
from claimmap.tui.widgets.teaching.data import NARROW, TeachingData, teaching_data
from claimmap.tui.widgets.teaching.guided_view import GuidedView
from claimmap.tui.widgets.teaching.indicators_view import IndicatorsView
from claimmap.tui.widgets.teaching.lists import VimOptionList
from claimmap.tui.widgets.teaching.notes_view import NotesView
from claimmap.tui.widgets.teaching.quality_view import QualityView

TeachingView = (
    GuidedView | AssumptionsView | QualityView | IndicatorsView | AdvocacyView | NotesView
)

VIEWS: tuple[tuple[str, str, type[TeachingView]], ...] = (
    ("guide", "Guided ACH", GuidedView),
    ("assumptions", "Key assumptions", AssumptionsView),
    ("quality", "Quality of information", QualityView),
    ("indicators", "Indicators", IndicatorsView),
    ("advocacy", "Devil's advocacy", AdvocacyView),
    ("notes", "Teaching notes", NotesView),
)
VIEW_KEYS = tuple(key for key, _, _ in VIEWS)
VIEW_CLASSES = {key: cls for key, _, cls in VIEWS}
#: Where a guided step's work is done, when that is a view of this tab.
HERE = {
    View.ASSUMPTIONS: "assumptions",
    View.INDICATORS: "indicators",
    View.QUALITY: "quality",
    View.CASE: "notes",
}


class MethodPane(Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right_square_bracket",
            "step(1)",
            "Next view",
            id="method-next",
            tooltip=("Next view of the Method tab"),
        ),
        Binding("left_square_bracket", "step(-1)", "Previous view", id="method-prev", show=False),
    ]

    @dataclass
    class Computed(Message):
        data: TeachingData
        number: int = 0

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.view = "guide"
        self.data: TeachingData | None = None
        self.blind_seed: int | None = None  # set by the case screen ("attributes down")
        self.latest = Latest()

    def compose(self) -> ComposeResult:
        yield VimOptionList(*[Option(label, id=key) for key, label, _ in VIEWS], id="method-views")
        with ContentSwitcher(initial=f"method-{self.view}", id="method-switcher"):
            for key, _, cls in VIEWS:
                yield cls(id=f"method-{key}")

    def on_unmount(self) -> None:
        self.data = None  # a left case is freed as its screen goes: see CaseScreen.on_unmount

    def on_mount(self) -> None:
        self.query_one("#method-views", OptionList).highlighted = VIEW_KEYS.index(self.view)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < NARROW, "narrow")

    # -- computing --------------------------------------------------------------------------

    def rebuild(self, state: CaseState) -> None:
        self.compute(Handoff(state), self.latest.ask())

    @work(thread=True, group="method")
    def compute(self, handed: Handoff[CaseState], number: int) -> None:
        self.post_message(self.Computed(teaching_data(handed.take()), number))

    def on_method_pane_computed(self, message: Computed) -> None:
        if not self.latest.is_newest(message.number):
            return
        self.data = message.data
        blind = self.blind_seed is not None
        for key, _, cls in VIEWS:
            self.query_one(f"#method-{key}", cls).show(message.data, blind)

    # -- choosing a view ----------------------------------------------------------------------

    def current(self) -> TeachingView:
        return self.query_one(f"#method-{self.view}", VIEW_CLASSES[self.view])

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the visible view's list or table, so its keys work at once (the case screen
        focuses a tab's main widget when the tab is shown)."""
        self.current().focus_main()
        return self

    def show_view(self, key: str, focus: bool = False) -> None:
        self.view = key
        self.query_one(ContentSwitcher).current = f"method-{key}"
        menu = self.query_one("#method-views", OptionList)
        if menu.highlighted != VIEW_KEYS.index(key):
            menu.highlighted = VIEW_KEYS.index(key)
        if focus:
            self.current().focus_main()

    def action_step(self, direction: int) -> None:
        index = (VIEW_KEYS.index(self.view) + direction) % len(VIEW_KEYS)
        self.show_view(VIEW_KEYS[index], focus=True)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "method-views" and event.option.id != self.view:
            self.show_view(str(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "method-views":
            self.current().focus_main()

    # -- going where a step is done -----------------------------------------------------------

    def on_guided_view_jump(self, message: GuidedView.Jump) -> None:
        self.jump(message.view, message.item)

    def jump(self, view: View, item: str | None = None) -> None:
        if view in HERE:
            self.show_view(HERE[view], focus=True)
        elif view is View.MATRIX:
            self.post_message(CellRequested(item) if item is not None else TabRequested("matrix"))
        elif view is View.EVIDENCE:
            self.post_message(CollectionRequested("evidence"))
        elif view is View.SCORES:
            if self.blind_seed is not None:
                self.notify("Scores are hidden while rating blind (b ends blind rating).")
                return
            self.post_message(TabRequested("scores"))


__all__ = ["VIEWS", "MethodPane"]
