"""The baseline for the TUI start-up benchmark: a bare Textual app showing one label.

Run by `benchmarks/bench_tui.py` the same way as `claimmap open`, in a terminal of the same size.
ctrl+q quits it (Textual's default binding).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Label

MARKER = "bare textual app is ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(MARKER)


if __name__ == "__main__":
    BareApp().run()
