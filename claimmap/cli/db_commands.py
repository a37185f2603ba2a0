"""`claimmap db ...`: the database itself."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimmap.cli.context import Env, pass_env
from claimmap.store.engine import current_revision, head_revision, open_engine
from claimmap.store.location import resolve_url


@click.group()
def db() -> None:
    """Upgrade, back up, copy and locate the database."""


@db.command()
@pass_env
def upgrade(env: Env) -> None:
    """Bring the database schema up to date (a backup copy is made first)."""
    engine, made = open_engine(resolve_url(env.db))
    try:
        if engine.dialect.name == "postgresql":
            from claimmap.store import team

            with engine.begin() as conn:
                if team.is_set_up(conn):  # tables a migration added get the team's grants
                    team.set_up(conn)
        click.echo(f"schema at {current_revision(engine)} (latest {head_revision()})")
        if made:
            click.echo(f"the previous database is kept at {made}")
    finally:
        engine.dispose()


@db.command()
@click.argument("path", type=click.Path(path_type=Path))
@pass_env
def backup(env: Env, path: Path) -> None:
    """Copy the database to PATH with SQLite's online backup (safe while others edit)."""
    made = env.store().backup(path)
    click.echo(f"backed up to {made}")


@db.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@pass_env
def copy(env: Env, source: str, target: str) -> None:
    """Copy every case, rating, analyst and log entry from FROM to the empty database TO.

    Each is a file path or a URL (postgresql+psycopg://USER@HOST/DB), either way between
    SQLite and PostgreSQL; TO is written in one transaction, and undo works on the copy."""
    from claimmap.store.case_store import Store
    from claimmap.store.copy import copy_database
    from claimmap.store.postgres import shown

    origin = Store.open(source, create=False)
    try:
        copy_to = Store.open(target)
        try:
            done = copy_database(origin, copy_to)
        finally:
            copy_to.close()
    finally:
        origin.close()
    click.echo(
        f"copied {done.cases} cases, {done.ratings} ratings and {done.changes} log entries "
        f"from {shown(resolve_url(source))} to {shown(resolve_url(target))}"
    )


@db.command()
@pass_env
def check(env: Env) -> None:
    """Check the database: SQLite's integrity and foreign-key checks, then claimmap's own
    (every table present, every rating and JSON value readable, every case exportable)."""
    from claimmap.model.visible import visible
    from claimmap.store.db_check import check_database

    store = env.store()
    problems = check_database(store.engine)
    shown = visible(str(store.engine.url.render_as_string(hide_password=True)))
    for problem in problems:
        click.echo(f"{shown}: {visible(problem)}")
    if problems:
        click.echo(
            f"claimmap: {len(problems)} problems; restore from a backup (`claimmap db backup` "
            "makes one) or export the cases that still read and import them into a new database",
            err=True,
        )
        sys.exit(1)
    click.echo(f"{shown}: ok ({len(store.list_cases())} cases)")


@db.command()
@pass_env
def where(env: Env) -> None:
    """Print the database URL in use (never its password)."""
    from claimmap.store.postgres import shown

    click.echo(shown(resolve_url(env.db, create=False)))


COMMANDS = [db]
