"""`claimmap db ...`: the database itself."""

from __future__ import annotations

from pathlib import Path

import click

from claimmap.cli.context import Env, pass_env
from claimmap.store.engine import current_revision, head_revision, open_engine
from claimmap.store.location import resolve_url


@click.group()
def db() -> None:
    """Upgrade, back up and locate the database."""


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
@pass_env
def where(env: Env) -> None:
    """Print the database URL in use."""
    click.echo(resolve_url(env.db))


COMMANDS = [db]
