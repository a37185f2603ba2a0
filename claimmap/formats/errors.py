"""Errors an export can end with that the user can act on (a missing program, say)."""

from __future__ import annotations


class ExportError(Exception):
    """An export that cannot be produced; the message says why and what to do."""
