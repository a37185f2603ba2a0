"""A case's document (pydantic models) that may still be on its way.

`claimmap open` paints the matrix from the case's shell (store/case_shell.py) and builds the
document from the rows it read only afterwards (the screen asks once the matrix is painted,
on a big case at the first pause in the typing), because importing the document models
costs a sixth of a second that the first frame no longer waits behind. Whoever needs the
document before then builds it there and then, under the lock, or waits for the build
already under way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimmap.model.document import CaseDocument


class PendingDocument:
    def __init__(
        self, doc: CaseDocument | None = None, build: Callable[[], CaseDocument] | None = None
    ) -> None:
        """A document at hand (`doc`), or the way to build it (`build`)."""
        assert (doc is None) != (build is None)
        self._doc = doc
        self._build = build
        self._error: Exception | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """Whether it is built (or failed to be), so that `get` returns at once."""
        return self._doc is not None or self._error is not None

    def get(self) -> CaseDocument:
        """The document, built now if nobody has yet; the build's error (a StoreError naming
        the damage) each time it is asked for, if it failed."""
        if self._doc is None:
            with self._lock:
                if self._doc is None and self._error is None:
                    assert self._build is not None
                    try:
                        self._doc = self._build()
                    except Exception as exc:
                        self._error = exc
                    self._build = None  # the rows it was built from go
        if self._error is not None:
            raise self._error.with_traceback(None)  # not one traceback grown by every raise
        assert self._doc is not None
        return self._doc
