"""`claimmap team ...`: who may read and edit a PostgreSQL team database."""

from __future__ import annotations

import click

from claimmap.cli.context import Env, pass_env


@click.group()
def team() -> None:
    """Add, list and remove the analysts of a PostgreSQL team database (run by a lead)."""


@team.command()
@click.argument("name")
@click.option("--viewer", "role", flag_value="viewer", help="Reads only.")
@click.option(
    "--analyst",
    "role",
    flag_value="analyst",
    default=True,
    help="Edits case content and their own ratings [the default].",
)
@click.option("--lead", "role", flag_value="lead", help="Also deletes cases and manages the team.")
@pass_env
def add(env: Env, name: str, role: str) -> None:
    """Give the login NAME a role on this database, creating the login when it is new.

    A new login has no password: set one in psql with \\password NAME (it is never typed on
    a command line)."""
    created = env.store().team_add(name, role)
    click.echo(f"{name} is now a {role}" + (" (new login, no password yet)" if created else ""))


@team.command(name="list")
@pass_env
def list_(env: Env) -> None:
    """Every team member and their role."""
    members = env.store().team_members()
    if not members:
        click.echo("no team yet: add someone with `claimmap team add NAME`")
    for name, role in members:
        click.echo(f"{name:<24} {role}")


@team.command()
@click.argument("name")
@pass_env
def remove(env: Env, name: str) -> None:
    """Take NAME off this database's team (the login stays: the server shares it)."""
    env.store().team_remove(name)
    click.echo(f"{name} is no longer on the team of this database")


COMMANDS = [team]
