"""The claimmap application: opens the case list, or one case, on a store."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.screen import Screen
from textual.widgets import Header, Static

from claimmap.tui.control_filter import HideControlCharacters
from claimmap.tui.gc_watch import watch_from_env
from claimmap.tui.modals.help import HelpModal
from claimmap.tui.widgets.steady_footer import SteadyFooter

if TYPE_CHECKING:  # loaded in a worker after the first frame; see `_open`
    from claimmap.store.case_store import Store

THEMES = ("textual-dark", "textual-light")


class ClaimmapApp(App[None]):
    """Opens the case list, and on top of it `case` (an id or a reference) or the demo case.

    `store` is a Store, or a function that opens one: it is called in a worker after the first
    frame, so the window appears before the database layer has even been imported."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "claimmap"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys for this view"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="toggle-theme", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        store: Store | Callable[[], Store],
        case: int | str | None = None,
        *,
        demo: bool = False,
        offer_samples: bool = True,
        analyst: str | None = None,
    ):
        super().__init__()
        watch_from_env()
        self._opener = store
        self.store: Store
        self.start_case = case
        self.demo = demo
        self.offer_samples = offer_samples
        # whom the keys rate as (`--as`); None: the case's own analyst (the login on a server)
        self.analyst = analyst
        self.theme = THEMES[0]

    _hide_controls = HideControlCharacters()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._hide_controls]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening the database…", id="opening")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self._open)

    @work(thread=True, exclusive=True, group="open")
    def _open(self) -> None:
        try:
            from claimmap.store.case_store import Store
            from claimmap.store.errors import StoreError

            opener = self._opener
            store = opener if isinstance(opener, Store) else opener()
            from claimmap.samples import resolve_target

            wanted = self.start_case is not None or self.demo
            case_id, note = (
                resolve_target(store, self.start_case, self.demo) if wanted else (None, "")
            )
            # the first screen's module only (the other's is imported when it is needed)
            first: Callable[[], Screen]
            if case_id is None:
                from claimmap.tui.screens.case_list import CaseListScreen

                first = partial(CaseListScreen, offer_samples=self.offer_samples and not wanted)
            else:  # the list is made when the case is left: made now, it only delays the case
                from claimmap.tui.screens.case_screen import CaseScreen, keyboard_analyst, read_case

                # read here, while the interface waits anyway: the case screen's own load
                # competed with its first layouts and paints
                try:
                    read = read_case(store, case_id, keyboard_analyst(store, None, self.analyst))
                except StoreError:
                    read = None  # the screen reads it again, and says what went wrong
                first = partial(CaseScreen, case_id, read=read)
        except Exception as exc:
            from claimmap.user_errors import describe

            self.call_from_thread(self.exit, None, 1, describe(exc))
            return
        finally:
            # Everything imported and opened so far lives as long as the app: out of the
            # collector's sight (`claimmap open` paused it for the start-up imports).
            gc.freeze()
            gc.enable()

        def ready() -> None:
            self.store = store
            self.push_screen(first())
            if note:
                self.notify(note)

        self.call_from_thread(ready)

    def leave_case(self) -> None:
        """From the case on top back to the case list, making the list if the case was
        opened directly (`claimmap open CASE`, `claimmap demo`)."""
        from claimmap.tui.screens.case_list import CaseListScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, CaseListScreen):
            self.pop_screen()
        else:
            self.switch_screen(CaseListScreen(offer_samples=False))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpModal):
            self.screen.dismiss()
            return
        self.push_screen(HelpModal(self.screen))

    async def action_quit(self) -> None:
        """Save whatever is still queued before leaving, so a quick quit loses no edit."""
        from claimmap.tui.screens.case_screen import CaseScreen

        # The process ends after this: a full collection now would only walk the whole
        # interface as it is torn down (tens of ms on a big case). Left off until the end (a
        # process that goes on, such as the tests, turns it back on itself).
        gc.disable()
        # ctrl+q is a priority key: let keys typed just before it reach their screen first
        await asyncio.sleep(0.05)
        failed: list[str] = []
        for screen in self.screen_stack:
            if isinstance(screen, CaseScreen):
                failed += await asyncio.to_thread(screen.flush)
        if failed:  # said after the screen is gone, so it is not lost with it
            self.exit(return_code=1, message="Not saved:\n" + "\n".join(failed))
        else:
            self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = (
            THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)]
            if (self.theme in THEMES)
            else THEMES[0]
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding active on the screen is also a palette command, so the palette,
        the footer and the help screen all come from the same bindings."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            node, action = active.node, binding.action
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"key: {binding.key_display or binding.key}",
                lambda node=node, action=action: self.run_action(action, node),
            )
        yield from super().get_system_commands(screen)
