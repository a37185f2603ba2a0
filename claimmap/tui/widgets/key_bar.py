"""The keys of the moment along the bottom of the screen, drawn as one widget.

Textual's Footer makes a widget per key (some twenty-five on the matrix), and styles, lays out
and renders each of them; on opening a case that was about 130 ms of the wait for the matrix
(A/B, 6 interleaved runs each of HTS open: 588 ms with it, 455 without). This bar draws the
same keys, in the footer's colours, as one line: a change of keys repaints a line and lays out
nothing. A click on a key presses it, the mouse over a key shows its tooltip, and the mouse
wheel brings the keys a narrow terminal cuts off into view, as the footer's scrolling did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class Key:
    key: str  # what a click presses
    shown: str  # how the key is written ("^p" for ctrl+p)
    description: str
    enabled: bool
    tooltip: str


PALETTE_BORDER = "▏"


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--hover",
        "key-bar--palette-border",
    }
    # the colours are the theme's footer colours, as Textual's Footer uses them
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-bar--palette-border {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._keys: tuple[tuple[Key, ...], Key | None] = ((), None)
        # (first column, last column + 1, key) of each key as last drawn, for the mouse
        self._spans: list[tuple[int, int, Key]] = []
        self._hover: Key | None = None
        self._skip = 0  # keys scrolled off on the left (the mouse wheel)
        self._cut = False  # whether the last drawing left keys out on the right

    # -- which keys ------------------------------------------------------------------------

    def keys(self) -> tuple[tuple[Key, ...], Key | None]:
        """The screen's keys that are shown, in the order of its bindings, and the command
        palette's key (drawn on the right), as Textual's Footer picks them."""
        app = self.app
        active = self.screen.active_bindings
        seen: set[str] = set()
        keys = []
        for _, binding, enabled, tooltip in active.values():
            # one key per action: the first binding of it, as the footer shows
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown = app.get_key_display(binding)
                keys.append(Key(binding.key, shown, binding.description, enabled, tooltip))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            shown = app.get_key_display(binding)
            help_text = binding.tooltip or binding.description
            palette = Key(binding.key, shown, binding.description, enabled, help_text)
        return tuple(keys), palette

    def on_mount(self) -> None:
        self._keys = self.keys()
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        keys = self.keys()
        if keys != self._keys:
            self._keys = keys
            self._skip = 0
            self._hover_over(None)
            self.refresh()

    # -- drawing -----------------------------------------------------------------------------

    def _key_text(self, key: Key, padded: bool) -> Text:
        """` key description ` (the footer's padding), or `key description` on the palette."""
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        if padded:
            text = Text.assemble(
                (f" {key.shown} ", key_style), (f"{key.description} ", description_style)
            )
        else:
            text = Text.assemble((key.shown, key_style), (f" {key.description}", description_style))
        if key == self._hover:
            text.stylize(self.get_component_rich_style("key-bar--hover"))
        if not key.enabled:
            text.stylize(Style(dim=True))
        return text

    def render(self) -> Text:
        width = self.size.width
        keys, palette = self._keys
        right = Text()
        if palette is not None:
            right = Text(PALETTE_BORDER, self.get_component_rich_style("key-bar--palette-border"))
            right.append_text(self._key_text(palette, padded=False))
            right.append(" ")
        room = max(0, width - right.cell_len)
        left = Text()
        self._spans = []
        self._cut = False
        for key in keys[self._skip :]:
            part = self._key_text(key, padded=True)
            start = left.cell_len
            if start >= room:
                self._cut = True
                break
            left.append_text(part)
            self._spans.append((start, min(room, left.cell_len), key))
        # cut: a key left out, or one drawn short (more than its closing space missing)
        self._cut = self._cut or left.cell_len > room + 1
        left.truncate(room, pad=True)
        if palette is not None:
            self._spans.append((room, width, palette))
        return left + right

    # -- the mouse ---------------------------------------------------------------------------

    def _key_at(self, x: int) -> Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def _hover_over(self, key: Key | None) -> None:
        if key != self._hover:
            self._hover = key
            self.tooltip = (key.tooltip or key.description) if key else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_over(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover_over(None)

    def _scroll(self, step: int) -> None:
        """Bring keys cut off on the right (step 1) or left (-1) into view."""
        skip = self._skip + step
        if (step > 0 and not self._cut) or skip < 0:
            return
        self._skip = skip
        self._hover_over(None)
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll(-1)
