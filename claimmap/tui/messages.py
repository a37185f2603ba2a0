"""What a pane asks of the case screen. Panes post these and never import the screen; the
screen handles them with `@on(...)` and owns the case, the edit queue and the tabs
("attributes down, messages up")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from claimmap.store.case_store import Store


@dataclass
class FormRequested(Message):
    """Open the add form (`key` None) or the edit form of one item of `collection`."""

    collection: str
    key: str | None = None
    preset: dict[str, str] = field(default_factory=dict)


@dataclass
class DeleteRequested(Message):
    """Delete one item, after asking the analyst."""

    key: str


@dataclass
class EditRequested(Message):
    """Queue one change to the store; `run(store, case_id)` makes it."""

    describe: str
    run: Callable[[Store, int], object]


@dataclass
class TabRequested(Message):
    """Show another tab of the case."""

    tab: str


@dataclass
class CellRequested(Message):
    """Show the matrix with the cursor on this evidence item (on its first unrated cell)."""

    evidence: str


@dataclass
class CollectionRequested(Message):
    """Show the Items tab's list of this collection."""

    collection: str
