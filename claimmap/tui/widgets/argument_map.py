"""The Map tab: the argument map as a tree, support in green and attack in red, with DF-QuAD
strengths; links are added from here."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from claimmap.tui.argument_model import MapNode, build_map
from claimmap.tui.case_state import CaseState
from claimmap.tui.widgets.vim_tree import VimTree

if TYPE_CHECKING:
    from claimmap.tui.screens.case_screen import CaseScreen

COLOURS = {"support": "green", "attack": "red", "undercut": "magenta"}
MARKS = {"support": "+", "attack": "−", "undercut": "⊘"}


def node_text(node: MapNode) -> Text:
    text = Text()
    if node.kind == "question":
        return Text(f"? {node.label}", style="bold")
    if node.relation:
        text.append(f"{MARKS[node.relation]} ", style=f"bold {COLOURS[node.relation]}")
    if node.leader:
        text.append("★ ", style="bold yellow")
    style = COLOURS.get(node.relation or "", "")
    text.append(f"{node.id} " if node.id else "", style=f"bold {style}")
    label = node.label.replace("\n", " ")
    text.append(label if len(label) <= 70 else label[:69] + "…", style=style)
    if node.rating:
        text.append(f"  [{node.rating}]", style="dim")
    if node.relation == "undercut":
        text.append("  (undercut)", style="dim")
    if node.strength is not None:
        text.append(f"  strength {node.strength:.2f}", style="italic dim")
    return text


class MapPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "link('support')", "Support link", id="link-support"),
        Binding("a", "link('attack')", "Attack link", id="link-attack"),
        Binding("x", "link('undercut')", "Undercut link", id="link-undercut"),
    ]

    @property
    def case_screen(self) -> CaseScreen:
        return self.screen  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(
            "Support green, attack red, undercut magenta; strengths are DF-QuAD (0–1). "
            "s / a / x add a support, attack or undercut link to the item under the cursor.",
            id="map-hint",
        )
        yield VimTree("question", id="map-tree")

    def rebuild(self, state: CaseState) -> None:
        tree: Tree[object] = self.query_one(Tree)
        root = build_map(state)
        tree.clear()
        tree.root.set_label(node_text(root))
        tree.root.data = root
        for child in root.children:
            self._add(tree.root, child, expand=True)
        tree.root.expand()

    def _add(self, parent: TreeNode[object], node: MapNode, expand: bool = False) -> None:
        if node.children:
            branch = parent.add(node_text(node), data=node, expand=expand)
            for child in node.children:
                self._add(branch, child)
        else:
            parent.add_leaf(node_text(node), data=node)

    def action_link(self, kind: str) -> None:
        tree: Tree[object] = self.query_one(Tree)
        current = tree.cursor_node
        node = current.data if current is not None else None
        if not isinstance(node, MapNode) or node.kind not in {"hypothesis", "evidence", "link"}:
            self.notify("Put the cursor on a hypothesis, evidence item or link first", timeout=3)
            return
        self.case_screen.open_form("links", None, {"kind": kind, "to": node.id})
