"""The footer keeps its keys while the keys it shows stay the same, and shows new ones when
they change (Textual's own footer remade every key on every change of focus or screen)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from claimmap.tui.widgets.steady_footer import SteadyFooter


class Box(Static, can_focus=True):
    pass


class Left(Box):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("l", "noop", "Left key")]


class Right(Box):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("r", "noop", "Right key")]


class Other(Box):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "noop", "Left key")
    ]  # the same keys as Left


class Keys(App[None]):
    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Other("other", id="other")
        yield Right("right", id="right")
        yield SteadyFooter()


def shown(app: Keys) -> list[str]:
    return [key.description for key in app.query(FooterKey)]


async def test_same_keys_keep_the_footer_new_keys_remake_it():
    app = Keys()
    async with app.run_test() as pilot:
        app.set_focus(app.query_one("#left"))
        await pilot.pause()
        await pilot.pause()
        assert "Left key" in shown(app)
        before = list(app.query(FooterKey))
        # another widget with the same keys, and a refresh of the bindings: nothing remade
        app.set_focus(app.query_one("#other"))
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(app.query(FooterKey)) == before
        # a widget with other keys: the footer shows them
        app.set_focus(app.query_one("#right"))
        await pilot.pause()
        await pilot.pause()
        assert "Right key" in shown(app) and "Left key" not in shown(app)
        assert all(key not in before for key in app.query(FooterKey))
