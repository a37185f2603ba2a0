"""Commands that open the terminal interface: `claimmap` alone, `open CASE` and `demo`.

Without a terminal (a pipe, a script) they print the case instead, so scripts and CI keep
working. Nothing heavy is imported here: the interface opens the database in a worker while it
paints its first frame, and loads SQLAlchemy only once the case is on screen (see the app).
"""

from __future__ import annotations

import gc
import sys
from functools import partial
from typing import TYPE_CHECKING

import click

from claimmap.cli.context import Env, pass_env

if TYPE_CHECKING:
    from claimmap.store.case_reader import CaseReader


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


AS_HELP = (
    "Rate as NAME (whose ratings the keys set; default: the case's own analyst). As with "
    "`rate --as`, NAME also signs the change log unless --who is given; on PostgreSQL both "
    "are your login. A name the case does not know is added only after you confirm."
)


def rate_as(env: Env, name: str | None) -> str | None:
    """Whom the TUI rates as: --as, which signs the log too (as `rate --as` does), so that
    undo in the TUI undoes this analyst's own edits."""
    if name and env.who is None:
        env.who = name
    return name


def first_reader(db: str | None, who: str | None, demo: bool) -> CaseReader | None:
    """What the interface shows its first case through before SQLAlchemy loads (see the
    app): a bare reader of an up-to-date SQLite file, else None (the Store opens it). It only
    reads (edits wait for the Store), so a named case needs no editor's code; the demo gets
    an editor, which may import the sample, and makes a database that does not exist yet
    without SQLAlchemy too."""
    if not demo:
        from claimmap.store.case_reader import CaseReader

        return CaseReader.open(db)
    from claimmap.store.sqlite_editor import SqliteEditor

    return SqliteEditor.open_as(db, who, create=True)


def run_tui(env: Env, case: str | None, *, demo: bool = False, analyst: str | None = None) -> None:
    # Start-up imports make a hundred thousand long-lived objects; full collections over
    # them stall the first frames. The app freezes them and turns the collector back on
    # once the database is open (ClaimmapApp._open).
    gc.disable()
    from claimmap.tui.app import ClaimmapApp

    analyst = rate_as(env, analyst)
    reader = partial(first_reader, env.db, env.who, demo)
    app = ClaimmapApp(env.store, case, demo=demo, analyst=analyst, reader=reader)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


def _print_case(env: Env, case: str | None, demo: bool) -> None:
    from claimmap.cli.summary import render_summary
    from claimmap.samples import resolve_target

    store = env.store()
    found, note = resolve_target(store, case, demo)
    if note:
        click.echo(note, err=True)
    doc, matrix, _ = store.case_columns(found, rationales=False, colleagues=False)
    click.echo(render_summary(doc, matrix), nl=False)


@click.command("open")
@click.argument("case")
@click.option("--print", "as_text", is_flag=True, help="Print the case instead of opening it.")
@click.option("--as", "analyst", metavar="NAME", help=AS_HELP)
@pass_env
def open_(env: Env, case: str, as_text: bool, analyst: str | None) -> None:
    """Open one case (by id, slug or title) in the terminal interface."""
    open_case(env, case, as_text=as_text, analyst=analyst)


def open_case(env: Env, case: str, *, as_text: bool = False, analyst: str | None = None) -> None:
    """What `open` does (and `new --open`): the TUI on a terminal, else the case printed."""
    from claimmap.store import prefetch

    # a big case's ratings are read while the rest of the program loads
    if as_text or not interactive():
        prefetch.start(env.db, case, rationales=False, colleagues=False)
        _print_case(env, case, demo=False)
    else:
        prefetch.start(env.db, case)
        run_tui(env, case, analyst=analyst)


@click.command()
@click.option("--print", "as_text", is_flag=True, help="Print the case instead of opening it.")
@pass_env
def demo(env: Env, as_text: bool) -> None:
    """Load the HTS/Idlib sample case (once) and open it."""
    if as_text or not interactive():
        _print_case(env, None, demo=True)
    else:
        run_tui(env, None, demo=True)


COMMANDS = [open_, demo]
