"""Commands that open the terminal interface: `claimmap` alone, `open CASE` and `demo`.

Without a terminal (a pipe, a script) they print the case instead, so scripts and CI keep
working. Textual is imported only here, and only when the interface really starts.
"""

from __future__ import annotations

import sys

import click

from claimmap.cli.context import Env, pass_env
from claimmap.cli.summary import render_summary
from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.samples import DEMO, sample_dir
from claimmap.store.engine import StoreError


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_tui(env: Env, case_id: int | None) -> None:
    from claimmap.tui.app import ClaimmapApp

    ClaimmapApp(env.store(), case_id).run()


@click.command("open")
@click.argument("case")
@click.option("--print", "as_text", is_flag=True, help="Print the case instead of opening it.")
@pass_env
def open_(env: Env, case: str, as_text: bool) -> None:
    """Open one case (by id, slug or title) in the terminal interface."""
    store = env.store()
    found = store.resolve_case(case)
    if as_text or not interactive():
        click.echo(render_summary(store.export_document(found.id)), nl=False)
        return
    run_tui(env, found.id)


@click.command()
@click.option("--print", "as_text", is_flag=True, help="Print the case instead of opening it.")
@pass_env
def demo(env: Env, as_text: bool) -> None:
    """Load the HTS/Idlib sample case (once) and open it."""
    store = env.store()
    path = sample_dir() / DEMO
    doc = read_case_file(path)
    try:
        case = store.resolve_case(doc.case.slug or "")
    except StoreError:
        case = store.import_document(doc)
        click.echo(f"imported the sample case {case.slug!r} from {path.name}", err=True)
    if as_text or not interactive():
        click.echo(render_summary(store.export_document(case.id)), nl=False)
        return
    run_tui(env, case.id)


COMMANDS = [open_, demo]
