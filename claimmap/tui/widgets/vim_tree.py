"""A Tree that also moves with vim keys."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Tree

from claimmap.tui.widgets.let_go import drop_caches


class VimTree(Tree[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="tree-down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree-up"),
        Binding("h", "cursor_parent", "Parent", show=False, id="tree-parent"),
        Binding("l", "toggle_node", "Expand", show=False, id="tree-expand"),
        Binding("g", "scroll_home", "Top", show=False, id="tree-top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="tree-bottom"),
    ]

    def on_unmount(self) -> None:
        # gone for good: its nodes, what they show and its drawn lines go now (see let_go.py)
        drop_caches(self)  # first: `clear` forgets its line cache's ring without unlinking it
        self.root.remove_children()  # and `clear` alone leaves the nodes in the tree's index
        self.clear()
        self.root.data = None
        self.cursor_line = -1  # nor does it let go of the node under the cursor
