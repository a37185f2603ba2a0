"""A screen that can import a file: ask for it in a modal, read and store it in a worker."""

from __future__ import annotations

from textual import work
from textual.screen import Screen

from claimmap.tui.modals.transfer import TransferModal, TransferRequest
from claimmap.tui.transfer import import_file


class ImportingScreen(Screen[None]):
    """Both the case list and a case offer import; `imported` says what happened next."""

    def action_import(self) -> None:
        def chosen(request: TransferRequest | None) -> None:
            if request is not None:
                self._import(request)

        self.app.push_screen(TransferModal("import"), chosen)

    @work(thread=True, group="import")
    def _import(self, request: TransferRequest) -> None:
        try:
            message = import_file(self.app.store, request)  # type: ignore[attr-defined]
        except Exception as exc:  # shown to the user; nothing was written
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
            return
        self.app.call_from_thread(self.imported, message)

    def imported(self, message: str) -> None:
        self.notify(message)
