"""A screen that can import a file: ask for it in a modal, read and store it in a worker."""

from __future__ import annotations

from textual import work
from textual.screen import Screen

from claimmap.tui.modals.transfer import TransferModal, TransferRequest
from claimmap.tui.transfer import TransferError, import_file


class ImportingScreen(Screen[None]):
    """Both the case list and a case offer import; `imported` says what happened next."""

    def action_import(self) -> None:
        self.ask_import(TransferRequest("", None))

    def ask_import(self, request: TransferRequest, error: str = "") -> None:
        """The import dialog, filled in with `request` (after a failure, with the reason)."""

        def chosen(request: TransferRequest | None) -> None:
            if request is not None:
                self._import(request)

        modal = TransferModal(
            "import", request.path, format=request.format, replace=request.replace, error=error
        )
        self.app.push_screen(modal, chosen)

    @work(thread=True, group="import")
    def _import(self, request: TransferRequest) -> None:
        try:
            message = import_file(self.app.store, request)  # type: ignore[attr-defined]
        except TransferError as exc:  # nothing was written; ask again, keeping what was typed
            self.app.call_from_thread(self.ask_import, request, str(exc))
            return
        self.app.call_from_thread(self.imported, message)

    def imported(self, message: str) -> None:
        self.notify(message)
