"""A screen that can import a file: ask for it in a modal, read and store it in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

if TYPE_CHECKING:  # loaded when an import is first asked for, not with every screen
    from claimmap.tui.transfer import TransferRequest


class ImportingScreen(Screen[None]):
    """Both the case list and a case offer import; `imported` says what happened next."""

    def action_import(self) -> None:
        from claimmap.tui.transfer import TransferRequest

        self.ask_import(TransferRequest("", None))

    def ask_import(self, request: TransferRequest, error: str = "") -> None:
        """The import dialog, filled in with `request` (after a failure, with the reason)."""

        def chosen(request: TransferRequest | None) -> None:
            if request is not None:
                self._import(request)

        from claimmap.tui.modals.transfer import TransferModal

        modal = TransferModal(
            "import", request.path, format=request.format, replace=request.replace, error=error
        )
        self.app.push_screen(modal, chosen)

    @work(thread=True, group="import")
    def _import(self, request: TransferRequest) -> None:
        from claimmap.store.errors import StoreError
        from claimmap.tui.transfer import TransferError, import_file

        try:
            message = import_file(self.app.store, request)  # type: ignore[attr-defined]
        except StoreError:
            return  # the store did not open: the app says why as it closes
        except TransferError as exc:  # nothing was written; ask again, keeping what was typed
            self.app.call_from_thread(self.ask_import, request, str(exc))
            return
        self.app.call_from_thread(self.imported, message)

    def imported(self, message: str) -> None:
        self.notify(message)
