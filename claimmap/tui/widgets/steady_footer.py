"""A Footer that is rebuilt only when the keys it shows change.

Textual's Footer removes and remakes every key it shows whenever the screen says its
bindings may have changed: on each change of focus, on each screen shown, on each refresh
of the bindings. Opening a case does that several times in its first half second, and each
time costs a layout of the screen (30 to 100 ms), so the first key pressed waited behind
them. Most of those times the keys shown are the same; this footer then keeps its keys.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Any, ...] | None = None  # what the keys were last made from

    def shown_keys(self) -> tuple[Any, ...]:
        """Everything `Footer.compose` makes its keys from, in its order."""
        active = self.screen.active_bindings
        keys = tuple(
            (
                binding.key,
                binding.action,
                binding.description,
                binding.group,
                enabled,
                tooltip,
                self.app.get_key_display(binding),
            )
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            palette = found[1:] if found else None
        return keys, palette, self.combine_groups

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            if self._shown is None:  # the first keys: before the screen's first frame
                self.call_later(self._recompose_if_changed)
            else:
                self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self.shown_keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()
