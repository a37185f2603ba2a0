"""A Tree that also moves with vim keys."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Tree


class VimTree(Tree[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="tree-down"),
        Binding("k", "cursor_up", "Up", show=False, id="tree-up"),
        Binding("h", "cursor_parent", "Parent", show=False, id="tree-parent"),
        Binding("l", "toggle_node", "Expand", show=False, id="tree-expand"),
        Binding("g", "scroll_home", "Top", show=False, id="tree-top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="tree-bottom"),
    ]
