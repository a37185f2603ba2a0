"""Commands that open the terminal interface: `claimmap` alone, `open CASE` and `demo`.

Without a terminal (a pipe, a script) they print the case instead, so scripts and CI keep
working. Nothing heavy is imported here: the interface paints its first frame, then opens the
database in a worker, so start-up is not spent loading SQLAlchemy before the user sees a thing.
"""

from __future__ import annotations

import sys

import click

from claimmap.cli.context import Env, pass_env


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_tui(env: Env, case: str | None, *, demo: bool = False) -> None:
    from claimmap.tui.app import ClaimmapApp

    app = ClaimmapApp(env.store, case, demo=demo)
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
    click.echo(render_summary(store.export_document(found)), nl=False)


@click.command("open")
@click.argument("case")
@click.option("--print", "as_text", is_flag=True, help="Print the case instead of opening it.")
@pass_env
def open_(env: Env, case: str, as_text: bool) -> None:
    """Open one case (by id, slug or title) in the terminal interface."""
    open_case(env, case, as_text=as_text)


def open_case(env: Env, case: str, *, as_text: bool = False) -> None:
    """What `open` does (and `new --open`): the TUI on a terminal, else the case printed."""
    if as_text or not interactive():
        _print_case(env, case, demo=False)
    else:
        run_tui(env, case)


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
