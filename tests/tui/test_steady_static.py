"""The score row, the detail pane and the status line lay the screen out again only when
their height changes: a keystroke that changes a line costs no layout, and a text that
needs more lines still gets them."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from claimmap.tui.widgets.steady_static import SteadyStatic


class _Pane(App[None]):
    CSS = "SteadyStatic { height: auto; } #rest { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield SteadyStatic(Text("one line"), id="steady")
        yield Static("below", id="rest")


def _lines(widget: Static) -> list[str]:
    return [
        "".join(s.text for s in widget.render_line(y)).rstrip() for y in range(widget.size.height)
    ]


async def test_a_same_height_update_is_drawn_without_a_layout(monkeypatch):
    layouts: list[int] = []
    real = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = _Pane()
    async with app.run_test(size=(40, 10)) as pilot:
        steady = app.query_one(SteadyStatic)
        steady.update(Text("first line"))  # measured here: the first update lays out
        await pilot.pause()
        layouts.clear()
        steady.update(Text("another line"))
        await pilot.pause()
        assert layouts == []
        assert _lines(steady) == ["another line"]

        steady.update(Text("now\nthree\nlines"))
        await pilot.pause()
        assert layouts != []
        assert steady.size.height == 3
        assert _lines(steady) == ["now", "three", "lines"]
        assert app.query_one("#rest").region.y == 3  # what is below moved down

        steady.update(Text("and back"))
        await pilot.pause()
        assert steady.size.height == 1 and app.query_one("#rest").region.y == 1


async def test_a_line_that_wraps_counts_as_taller():
    app = _Pane()
    async with app.run_test(size=(20, 10)) as pilot:
        steady = app.query_one(SteadyStatic)
        steady.update(Text("short"))
        await pilot.pause()
        steady.update(Text("a line far too long for twenty columns"))
        await pilot.pause()
        assert steady.size.height > 1
        assert " ".join(" ".join(_lines(steady)).split()) == (
            "a line far too long for twenty columns"
        )
