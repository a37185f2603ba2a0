"""The store's one error type, in a module of its own so every engine module can raise it."""

from __future__ import annotations


class StoreError(Exception):
    """A problem a user can act on; the command line prints it without a traceback."""
