"""A table drawn between getting its rows and measuring them shows them at their widths."""

from __future__ import annotations

from textual.app import App, ComposeResult

from claimmap.tui.widgets.vim_table import VimDataTable


class OneTable(App[None]):
    # a table whose size is set by the screen, as on the case list: measuring its rows then
    # changes only what it scrolls over, which Textual does not follow with a Resize
    CSS = "VimDataTable { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield VimDataTable(cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(VimDataTable).add_columns("id", "slug")


async def test_cells_drawn_before_measuring_are_drawn_again_at_the_new_width() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        table = app.query_one(VimDataTable)
        table.add_row("1", "hts-idlib-2018")
        # a repaint before the table's next idle: the cells are drawn at the header's widths
        assert "hts-idlib-2018" not in table.render_line(1).text
        await pilot.pause()  # the table measures the row
        assert table.columns[table.ordered_columns[1].key].content_width == len("hts-idlib-2018")
        assert "hts-idlib-2018" in table.render_line(1).text
