"""The claimmap application: opens the case list, or one case, on a store."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.screen import Screen
from textual.widgets import Static

from claimmap.bulk import gc_paused
from claimmap.tui.control_filter import HideControlCharacters
from claimmap.tui.gc_watch import watch_from_env

if TYPE_CHECKING:  # loaded in the opening worker; see `_open`
    from claimmap.store.case_reader import CaseReader
    from claimmap.store.case_store import Store
    from claimmap.tui.edit_queue import EditQueue

THEMES = ("textual-dark", "textual-light")
SWITCH_WHILE_OPENING = 0.0005  # seconds; see `_open_store`
QUIET_S = 0.3  # a pause in the typing (see `when_quiet`)
STORE_LATEST_S = 2.0  # see `open_store_when_quiet`


class ClaimmapApp(App[None]):
    """Opens the case list, and on top of it `case` (an id or a reference) or the demo case.

    `store` is a Store, or a function that opens one: it is called in a worker started as the
    app mounts, so the window appears while the database layer is still being imported.

    `reader`, when given, opens a bare sqlite3 reader of the same database (an editor for the
    demo, which may import its sample; None when the database needs the Store: see
    store/case_reader.py). The case named at the start, or the demo case (imported first if
    need be), is then read and shown through it, and the
    Store (SQLAlchemy, a fifth of a second to import) is opened only once the case is on
    screen; until then `store` waits for it in a worker, and `with_store` defers what the
    screen needs it for."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "claimmap"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys for this view"),
        Binding("ctrl+t", "toggle_theme", "Theme", id="toggle-theme", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        store: Store | Callable[[], Store],
        case: int | str | None = None,
        *,
        demo: bool = False,
        offer_samples: bool = True,
        analyst: str | None = None,
        reader: Callable[[], CaseReader | None] | None = None,
    ):
        super().__init__()
        watch_from_env()
        self._opener = store
        self._reader = reader
        self._store: Store | None = None
        self._store_open = threading.Event()  # set when the Store is open, or failed to
        self._store_lock = threading.Lock()
        self._store_opening = False
        self._last_key = 0.0  # time.monotonic() of the newest key
        self._store_failure: str | None = None  # why it did not open
        self._quitting = False
        self._on_store: list[Callable[[Store], None]] = []
        self.start_case = case
        self.demo = demo
        self.offer_samples = offer_samples
        # whom the keys rate as (`--as`); None: the case's own analyst (the login on a server)
        self.analyst = analyst
        self.theme = THEMES[0]

    @property
    def store(self) -> Store:
        """The open Store. Right after a case opened on the reader it may not be open yet: a
        worker then waits here until it is (see `open_store_when_quiet`); the main thread,
        which rarely needs it, has it opened at once (and defers with `with_store` where it
        can)."""
        if not self._store_open.is_set():
            if threading.current_thread() is threading.main_thread():
                self.open_store()
            elif not self._store_open.wait(STORE_LATEST_S + 1):
                self.open_store()  # nobody asked for it meanwhile
            self._store_open.wait()
        if self._store is None:
            from claimmap.store.errors import StoreError

            raise StoreError(self._store_failure or "the database could not be opened")
        return self._store

    @store.setter
    def store(self, store: Store) -> None:
        # from any thread: a main thread waiting in the getter is let go at once
        self._store = store
        self._store_opening = True
        self._store_open.set()

    def with_store(self, then: Callable[[Store], None], *, now: bool = False) -> None:
        """Call `then` (on the main thread) with the Store: at once if it is open, else
        when it is; with `now`, a Store not yet opening starts opening at once."""
        if self._store is not None:
            then(self._store)
            return
        self._on_store.append(then)
        if now:
            self.open_store()

    _hide_controls = HideControlCharacters()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._hide_controls]

    def compose(self) -> ComposeResult:
        # Only a line: this screen shows for a few tenths of a second, and everything in its
        # first frame (a header, a footer of keys) is layout work the case waits behind.
        yield Static("Opening the database…  (ctrl+q quits)", id="opening")

    def on_mount(self) -> None:
        # At once, not after the first frame: the placeholder's frame is drawn while the
        # worker imports (each takes turns at Python's lock), and the frame that follows it,
        # some 20 ms later, no longer holds the case up (HTS, 12 interleaved runs: the matrix
        # shown 342 -> 315 ms).
        self._open()

    @work(thread=True, exclusive=True, group="open")
    def _open(self) -> None:
        try:
            read_first = self._read_on_reader()
            if read_first is not None:
                (first, note), store = read_first, None
            else:
                first, note, store = self._open_on_store()
        except Exception as exc:
            from claimmap.user_errors import describe

            self._store_open.set()  # no Store: whatever waits for it gives up (see `store`)
            self.call_from_thread(self.exit, None, 1, describe(exc))
            return
        finally:
            # Everything imported and opened so far lives as long as the app: out of the
            # collector's sight (`claimmap open` paused it for the start-up imports).
            gc.freeze()
            gc.enable()

        def ready() -> None:
            if store is not None:
                self.store = store
            self.push_screen(first())
            if note:
                self.notify(note)

        self.call_from_thread(ready)

    def _read_on_reader(self) -> tuple[Callable[[], Screen], str] | None:
        """The case screen and a note, the case read (or the demo case imported) through the
        bare reader; None when there is no reader, no case to open, or the reader cannot say
        (the Store then opens, reads and explains as it always did)."""
        wanted = self.start_case
        if self._reader is None or (wanted is None and not self.demo):
            return None
        reader = self._reader()
        if reader is None:
            return None
        from claimmap.samples import resolve_target
        from claimmap.store.errors import StoreError
        from claimmap.tui.screens.case_screen import CaseScreen, read_case

        try:
            case_id, note = resolve_target(reader, wanted, self.demo)
            # on SQLite the keys rate as --as, else as the case's own analyst
            # the document models are built once the case is on screen (CaseState.load)
            read = read_case(reader, case_id, self.analyst, document=False)
        except StoreError:
            return None
        finally:
            reader.close()
        return partial(CaseScreen, case_id, read=read), note

    def _open_on_store(self) -> tuple[Callable[[], Screen], str, Store]:
        from claimmap.store.errors import StoreError

        with self._store_lock:  # opened here: a quit meanwhile must not open a second one
            self._store_opening = True
        store = self._made_store()
        from claimmap.samples import resolve_target

        wanted = self.start_case is not None or self.demo
        case_id, note = resolve_target(store, self.start_case, self.demo) if wanted else (None, "")
        # the first screen's module only (the other's is imported when it is needed)
        if case_id is None:
            from claimmap.tui.screens.case_list import CaseListScreen

            return (
                partial(CaseListScreen, offer_samples=self.offer_samples and not wanted),
                note,
                store,
            )
        # the list is made when the case is left: made now, it only delays the case
        from claimmap.tui.screens.case_screen import CaseScreen, keyboard_analyst, read_case

        # read here, while the interface waits anyway: the case screen's own load
        # competed with its first layouts and paints
        try:
            who = keyboard_analyst(store, None, self.analyst)
            read = read_case(store, case_id, who, document=False)
        except StoreError:
            read = None  # the screen reads it again, and says what went wrong
        return partial(CaseScreen, case_id, read=read), note, store

    def _made_store(self) -> Store:
        """The Store given, or the one the function given opens (see the class)."""
        opener = self._opener
        return opener() if callable(opener) else opener

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    def when_quiet(self, then: Callable[[], object], latest: float | None = None) -> None:
        """Call `then` (on the main thread) once no key has come for QUIET_S; with `latest`,
        at most that many seconds after this call, whatever the keys do. For work in the
        background that would hold up a key pressed meanwhile."""
        asked = time.monotonic()

        def check() -> None:
            now = time.monotonic()
            quiet = now - max(asked, self._last_key) >= QUIET_S
            if quiet or (latest is not None and now - asked >= latest):
                timer.stop()
                then()

        timer = self.set_interval(QUIET_S / 3, check)

    def open_store_when_quiet(self) -> None:
        """Open the Store once the typing pauses (or STORE_LATEST_S after this call, whatever
        the keys do). Asked by the case screen once its case is painted: importing SQLAlchemy
        holds Python's lock for a fifth of a second, and a key pressed meanwhile waits for it,
        so the import waits for a pause instead. Edits made before then are shown at once and
        saved once it is open."""
        if not self._store_opening:
            self.when_quiet(self.open_store, latest=STORE_LATEST_S)

    def open_store(self) -> None:
        """Open the Store in the background now, if it is not open or opening (from any
        thread)."""
        with self._store_lock:
            if self._store_opening:
                return
            self._store_opening = True
        threading.Thread(target=self._open_store, name="claimmap-store", daemon=True).start()

    def _open_store(self) -> None:  # in its own thread: see `open_store`
        # A key pressed while SQLAlchemy imports would get Python's lock back only every 5 ms
        # (the default switch interval), at every step of its repaint; a shorter interval
        # lets it through sooner.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_WHILE_OPENING)
        try:
            # SQLAlchemy's modules and the engine live as long as the app: made with the
            # collector paused and then moved out of its sight, as the start-up's are (else
            # every later full collection walks their 20,000 objects again, about 3 ms)
            with gc_paused():
                store = self._made_store()
                gc.freeze()
        except Exception as exc:
            from claimmap.user_errors import describe

            said = describe(exc)
            # what a job waiting for it fails with (said again with "claimmap: " in front)
            self._store_failure = said.removeprefix("claimmap: ")
            self._store_open.set()  # a worker waiting for it gives up (see `store`)
            self._from_thread(self._store_failed, said)
            return
        finally:
            sys.setswitchinterval(interval)
        self.store = store  # here, not on the main thread, which may be waiting for it
        self._from_thread(self._store_opened)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """`call_from_thread`, unless the app has gone meanwhile (a quit as it opened)."""
        with contextlib.suppress(RuntimeError):  # no loop to run it on: nothing to tell
            self.call_from_thread(callback, *args)

    def _store_failed(self, said: str) -> None:
        """The Store did not open after the case was shown: say why, and name every edit
        made meanwhile, none of which could be saved."""
        if self._quitting:
            return  # the quit says what was not saved, and why
        lost = [job for queue in self._edit_queues() for job in queue.waiting()]
        if lost:
            said += "\nNot saved:\n" + "\n".join(lost)
        self.exit(None, 1, said)

    def _edit_queues(self) -> list[EditQueue]:
        """The edit queue of every case screen open (made at its mount)."""
        from claimmap.tui.screens.case_screen import CaseScreen

        return [
            s.queue for s in self.screen_stack if isinstance(s, CaseScreen) and hasattr(s, "queue")
        ]

    def _store_opened(self) -> None:
        waiting, self._on_store = self._on_store, []
        for then in waiting:
            then(self.store)

    def leave_case(self) -> None:
        """From the case on top back to the case list, making the list if the case was
        opened directly (`claimmap open CASE`, `claimmap demo`): once the Store is open,
        which the list reads (a case shown through the reader may not have it yet)."""
        if self._store is None:
            self.with_store(lambda _: self.leave_case(), now=True)
            return
        from claimmap.tui.screens.case_list import CaseListScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, CaseListScreen):
            self.pop_screen()
        else:
            self.switch_screen(CaseListScreen(offer_samples=False))

    def action_help(self) -> None:
        from claimmap.tui.modals.help import HelpModal

        if isinstance(self.screen, HelpModal):
            self.screen.dismiss()
            return
        self.push_screen(HelpModal(self.screen))

    async def action_quit(self) -> None:
        """Save whatever is still queued before leaving, so a quick quit loses no edit."""
        from claimmap.tui.screens.case_screen import CaseScreen

        # The process ends after this: a full collection now would only walk the whole
        # interface as it is torn down (tens of ms on a big case). Left off until the end (a
        # process that goes on, such as the tests, turns it back on itself).
        gc.disable()
        self._quitting = True
        # ctrl+q is a priority key: let keys typed just before it reach their screen first
        await asyncio.sleep(0.05)
        if self._store is None and not all(queue.idle for queue in self._edit_queues()):
            self.open_store()  # what is queued is saved through it
        failed: list[str] = []
        for screen in self.screen_stack:
            if isinstance(screen, CaseScreen):
                failed += await asyncio.to_thread(screen.flush)
        if failed:  # said after the screen is gone, so it is not lost with it
            self.exit(return_code=1, message="Not saved:\n" + "\n".join(failed))
        else:
            self.exit()

    def action_toggle_theme(self) -> None:
        self.theme = (
            THEMES[(THEMES.index(self.theme) + 1) % len(THEMES)]
            if (self.theme in THEMES)
            else THEMES[0]
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key binding active on the screen is also a palette command, so the palette,
        the footer and the help screen all come from the same bindings."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            node, action = active.node, binding.action
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"key: {binding.key_display or binding.key}",
                lambda node=node, action=action: self.run_action(action, node),
            )
        yield from super().get_system_commands(screen)
