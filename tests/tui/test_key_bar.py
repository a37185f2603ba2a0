"""The key bar shows the keys of the focused widget and its screen, in the order of their
bindings, with the command palette's key on the right; a click presses a key, a disabled key
is shown dim and does nothing, and the mouse over a key shows its tooltip. (That it looks as
Textual's Footer did is checked by the snapshot tests, which did not change when it came.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import Static

from claimmap.tui.widgets.key_bar import PALETTE_BORDER, KeyBar


class Box(Static, can_focus=True):
    pass


class Left(Box):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "press('left')", "Left key", tooltip="Goes left"),
        # the same action twice: shown once, under its first key
        Binding("L", "press('left')", "Left again"),
        Binding("x", "press('hidden')", "Hidden key", show=False),
        Binding("z", "press('locked')", "Locked"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("locked",) else True  # None: shown, but disabled

    def action_press(self, name: str) -> None:
        self.app.pressed.append(name)  # type: ignore[attr-defined]


class Right(Box):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("r", "press('right')", "Right key")]

    def action_press(self, name: str) -> None:
        self.app.pressed.append(name)  # type: ignore[attr-defined]


class Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "noop", "Save")]

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Right("right", id="right")
        yield KeyBar()

    def action_noop(self) -> None:
        self.pressed.append("save")

    def bell(self) -> None:
        self.bells += 1


def line(app: Keys) -> str:
    return app.query_one(KeyBar).render().plain


@asynccontextmanager
async def left_focused(width: int) -> AsyncIterator[tuple[Keys, Pilot[None]]]:
    """The app in a terminal `width` wide, the keys those of the left box."""
    app = Keys()
    async with app.run_test(size=(width, 10)) as pilot:
        app.set_focus(app.query_one("#left"))
        await pilot.pause()
        yield app, pilot


async def test_the_keys_follow_the_focus_in_binding_order():
    async with left_focused(80) as (app, pilot):
        shown = line(app)
        assert shown.startswith(" l Left key  z Locked ")
        assert "Left again" not in shown and "Hidden key" not in shown
        assert " z Locked  ^s Save " in shown  # the app's own keys come after the widget's
        app.set_focus(app.query_one("#right"))
        await pilot.pause()
        shown = line(app)
        assert shown.startswith(" r Right key ") and "Left key" not in shown


async def test_the_palette_key_sits_at_the_right_and_long_keys_are_cut_before_it():
    async with left_focused(30) as (app, _):
        shown = line(app)
        palette = f"{PALETTE_BORDER}^p palette "
        assert len(shown) == 30 and shown.endswith(palette)
        assert shown == (" l Left key  z Locked  ^s Save")[: 30 - len(palette)] + palette


async def test_a_click_presses_the_key_and_a_disabled_key_rings_the_bell():
    async with left_focused(80) as (app, pilot):
        shown = line(app)
        await pilot.click(KeyBar, offset=(shown.index("Left key"), 0))
        await pilot.pause()
        assert app.pressed == ["left"]
        await pilot.click(KeyBar, offset=(shown.index("Locked"), 0))
        await pilot.pause()
        assert app.pressed == ["left"] and app.bells == 1
        # the bar itself never takes the focus from the widget the keys belong to
        assert app.focused is app.query_one("#left")


async def test_the_mouse_over_a_key_shows_its_tooltip():
    async with left_focused(80) as (app, pilot):
        bar = app.query_one(KeyBar)
        shown = line(app)
        await pilot.hover(KeyBar, offset=(shown.index("Left key"), 0))
        assert bar.tooltip == "Goes left"
        await pilot.hover(KeyBar, offset=(shown.index("Locked"), 0))
        assert bar.tooltip == "Locked"  # no tooltip of its own: its description
        await pilot.hover("#right")
        assert bar.tooltip is None


def wheel(bar: KeyBar, down: bool) -> None:
    kind = events.MouseScrollDown if down else events.MouseScrollUp
    bar.post_message(kind(bar, 1, 0, 0, 1 if down else -1, 0, False, False, False))


async def test_the_wheel_brings_keys_a_narrow_terminal_cuts_off_into_view():
    async with left_focused(30) as (app, pilot):
        bar = app.query_one(KeyBar)
        assert "Save" not in line(app)  # cut off before the palette's key
        wheel(bar, down=True)
        await pilot.pause()
        assert line(app).startswith(" z Locked  ^s Save")
        shown = line(app)
        await pilot.click(KeyBar, offset=(shown.index("Save"), 0))
        await pilot.pause()
        assert app.pressed == ["save"]  # a click hits the key drawn there
        wheel(bar, down=True)  # nothing more to bring in: it stays
        await pilot.pause()
        assert line(app) == shown
        wheel(bar, down=False)
        await pilot.pause()
        assert line(app).startswith(" l Left key ")


async def test_new_keys_under_a_still_mouse_drop_the_old_tooltip():
    async with left_focused(80) as (app, pilot):
        bar = app.query_one(KeyBar)
        await pilot.hover(KeyBar, offset=(line(app).index("Left key"), 0))
        assert bar.tooltip == "Goes left"
        app.set_focus(app.query_one("#right"))  # the keys change; the mouse does not move
        await pilot.pause()
        assert bar.tooltip is None
