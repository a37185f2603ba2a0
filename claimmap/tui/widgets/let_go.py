"""Letting go of what a widget of a left case screen cached.

A case screen's objects were frozen out of the collector's sight while it was shown (see
bulk.settle_collector), so whatever cycle they form once the screen is left is never
collected: only what reference counting frees is freed. Textual's LRUCache keeps its entries
in a ring of linked nodes, which `clear()` forgets but leaves linked: each cleared cache of a
left screen then kept its last rows, lines and cells for the rest of the session. Unlinked
first, they go with the widget's last reference.
"""

from __future__ import annotations

from textual.cache import LRUCache
from textual.widget import Widget


def drop_caches(widget: Widget) -> None:
    """Empty every LRUCache the widget holds, unlinking its entries first."""
    for value in list(vars(widget).values()):
        if isinstance(value, LRUCache):
            # the entries' nodes ([prev, next, key, value]; Textual 8.2.8, pinned)
            for node in list(getattr(value, "_cache", {}).values()):
                if isinstance(node, list):
                    node.clear()
            value.clear()
