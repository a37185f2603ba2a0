"""The store's one error type, in a module of its own so every engine module can raise it."""

from __future__ import annotations


class StoreError(Exception):
    """A problem a user can act on; the command line prints it without a traceback."""


class UnknownAnalyst(StoreError):
    """A rating under a name the case does not know yet: most often a typo, so it is refused
    unless the caller says the name is a new analyst of the case."""

    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        listed = ", ".join(known) or "none yet"
        super().__init__(
            f"{name} is not an analyst of this case yet (its analysts: {listed}); "
            f"to add {name} as a new analyst, rate again with --new-analyst"
        )


class UndoConflict(StoreError):
    """Undo or redo would overwrite a colleague's later change; nothing was changed."""
