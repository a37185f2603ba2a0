"""The claimmap application: opens the case list, or one case, on a store."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from claimmap.store.case_store import Store
from claimmap.tui.modals.help import HelpModal
from claimmap.tui.screens.case_list import CaseListScreen
from claimmap.tui.screens.case_screen import CaseScreen

THEMES = ("textual-dark", "textual-light")


class ClaimmapApp(App[None]):
    """`case_id` opens that case straight away; otherwise the case list comes first."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "claimmap"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys for this view"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="toggle-theme", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, store: Store, case_id: int | None = None, *, offer_samples: bool = True):
        super().__init__()
        self.store = store
        self.start_case = case_id
        self.offer_samples = offer_samples
        self.theme = THEMES[0]

    def on_mount(self) -> None:
        self.push_screen(CaseListScreen(offer_samples=self.offer_samples))
        if self.start_case is not None:
            self.push_screen(CaseScreen(self.start_case))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpModal):
            self.screen.dismiss()
            return
        self.push_screen(HelpModal(self.screen))

    async def action_quit(self) -> None:
        """Save whatever is still queued before leaving, so a quick quit loses no edit."""
        for screen in self.screen_stack:
            if isinstance(screen, CaseScreen):
                await asyncio.to_thread(screen.flush)
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
