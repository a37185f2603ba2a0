"""The Map tab: the argument map as a tree, support in green and attack in red, with DF-QuAD
strengths; links are added from here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from claimmap.bulk import gc_paused
from claimmap.tui.argument_model import (
    MapNode,
    build_map,
    without_colleagues,
    without_ranking,
)
from claimmap.tui.case_state import CaseState
from claimmap.tui.handoff import Handoff
from claimmap.tui.latest import Latest
from claimmap.tui.messages import FormRequested
from claimmap.tui.widgets.text_fit import clip
from claimmap.tui.widgets.vim_tree import VimTree

EAGER_LIMIT = 600  # up to this many items under the hypotheses, everything is laid out open
COLOURS = {"support": "green", "attack": "red", "undercut": "magenta"}
MARKS = {"support": "+", "attack": "−", "undercut": "⊘"}


def node_text(node: MapNode, limit: int = 70) -> Text:
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
    text.append(clip(label, limit), style=style)
    if node.rating:
        text.append(f"  [{node.rating}]", style="dim")
    if node.relation == "undercut":
        text.append("  (undercut)", style="dim")
    if node.strength is not None:
        text.append(f"  strength {node.strength:.2f}", style="italic dim")
    return text


class MapPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        # not s / a / x: on this screen those sort, add and clear (one meaning a key)
        Binding("plus", "link('support')", "Support link", id="link-support"),
        Binding("minus", "link('attack')", "Attack link", id="link-attack"),
        Binding("exclamation_mark", "link('undercut')", "Undercut link", id="link-undercut"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(
            "Support green, attack red, undercut magenta; strengths are DF-QuAD (0–1). "
            "+ / - / ! add a support, attack or undercut link to the item under the cursor.",
            id="map-hint",
        )
        yield VimTree("question", id="map-tree")

    @dataclass
    class Built(Message):
        root: MapNode
        number: int = 0

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.latest = Latest()
        self.blind = False  # set by the case screen: blind rating hides the ranking here too

    @property
    def label_limit(self) -> int:
        """Room for a label once the tree's indentation, rating and strength are drawn."""
        return max(16, min(70, self.app.size.width - 50))

    def rebuild(self, state: CaseState) -> None:
        self.build(Handoff(state), self.latest.ask())

    @work(thread=True, group="map")
    def build(self, handed: Handoff[CaseState], number: int) -> None:
        state = handed.take()
        with gc_paused():  # its graph: tens of thousands of objects, none garbage yet
            root = build_map(state)
        if sum(h.count for h in root.children) <= EAGER_LIMIT:
            for hypothesis in root.children:
                _ = hypothesis.children  # made here, off the interface thread: all are shown
        if state.blind_for_me:
            root = without_colleagues(root, state.unrated_by_me())
        elif self.blind:
            root = without_ranking(root)
        self.post_message(self.Built(root, number))

    def on_map_pane_built(self, message: Built) -> None:
        if not self.latest.is_newest(message.number):
            return
        root = message.root
        tree: Tree[object] = self.query_one(Tree)
        tree.clear()
        tree.root.set_label(node_text(root))
        tree.root.data = root
        small = sum(h.count for h in root.children) <= EAGER_LIMIT
        for child in root.children:
            branch = tree.root.add(
                node_text(child, self.label_limit), data=child, allow_expand=child.count > 0
            )
            if small:
                self._fill(branch)
                branch.expand()
        tree.root.expand()
        if not root.children:
            tree.root.add_leaf(
                Text("No hypotheses yet: A on the Matrix tab adds the first one.", style="dim")
            )

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[object]) -> None:
        if not event.node.children:
            self._fill(event.node)

    def _fill(self, branch: TreeNode[object]) -> None:
        """Add a node's children, when it is first opened (the model lists at most
        BRANCH_LIMIT items a branch, strongest first, and counts the rest)."""
        node = branch.data
        if not isinstance(node, MapNode):
            return
        for child in node.children:
            if child.children:
                grand = branch.add(
                    node_text(child, self.label_limit), data=child, allow_expand=True
                )
                for leaf in child.children:
                    self._add_all(grand, leaf)
                _say_more(grand, child)
            else:
                branch.add_leaf(node_text(child, self.label_limit), data=child)
        _say_more(branch, node)

    def _add_all(self, parent: TreeNode[object], node: MapNode) -> None:
        if node.children:
            branch = parent.add(node_text(node, self.label_limit), data=node)
            for child in node.children:
                self._add_all(branch, child)
        else:
            parent.add_leaf(node_text(node, self.label_limit), data=node)

    def action_link(self, kind: str) -> None:
        tree: Tree[object] = self.query_one(Tree)
        current = tree.cursor_node
        node = current.data if current is not None else None
        if not isinstance(node, MapNode) or node.kind not in {"hypothesis", "evidence", "link"}:
            self.notify("Put the cursor on a hypothesis, evidence item or link first", timeout=3)
            return
        self.post_message(FormRequested("links", None, {"kind": kind, "to": node.id}))


def _say_more(branch: TreeNode[object], node: MapNode) -> None:
    if node.more > 0:
        text = f"… and {node.more:,} more (the strongest are shown first)"
        branch.add_leaf(Text(text, style="dim"))
