"""Commands that change a case one step at a time, and the history that can take them back."""

from __future__ import annotations

import click

from claimmap.cli.context import Env, pass_env
from claimmap.model.enums import RatingValue

_RATINGS = [r.value for r in RatingValue]


@click.command()
@click.argument("case")
@click.argument("evidence")
@click.argument("hypothesis")
@click.argument("rating", type=click.Choice([*_RATINGS, "clear"]))
@click.option("-r", "--rationale", help="One line on why.")
@click.option("--as", "analyst", metavar="ANALYST", help="Rate as this analyst [the case's own].")
@pass_env
def rate(
    env: Env,
    case: str,
    evidence: str,
    hypothesis: str,
    rating: str,
    rationale: str | None,
    analyst: str | None,
) -> None:
    """Rate how EVIDENCE bears on HYPOTHESIS: CC C N I II NA, or `clear` for unrated."""
    store = env.store()
    found = store.resolve_case(case)
    value = None if rating == "clear" else rating
    store.rate(found.id, evidence, hypothesis, value, rationale, analyst)
    click.echo(f"{evidence} × {hypothesis}: {value or 'unrated'}")


def _case_id(env: Env, case: str | None) -> int | None:
    return env.store().resolve_case(case).id if case else None


@click.command()
@click.argument("case", required=False)
@pass_env
def undo(env: Env, case: str | None) -> None:
    """Undo the last edit (of CASE, or of any case)."""
    entry = env.store().undo(_case_id(env, case))
    click.echo(f"undone: {entry.action}" if entry else "nothing to undo")


@click.command()
@click.argument("case", required=False)
@pass_env
def redo(env: Env, case: str | None) -> None:
    """Redo the edit undone last (of CASE, or of any case)."""
    entry = env.store().redo(_case_id(env, case))
    click.echo(f"redone: {entry.action}" if entry else "nothing to redo")


@click.command()
@click.argument("case", required=False)
@click.option("-n", "--limit", default=30, show_default=True)
@pass_env
def history(env: Env, case: str | None, limit: int) -> None:
    """Show the change log, newest first."""
    for entry in env.store().history(_case_id(env, case), limit):
        mark = {"undone": " (undone)", "dead": " (undone, superseded)"}.get(entry.state, "")
        click.echo(
            f"{entry.id:>6}  {entry.at[:19].replace('T', ' ')}  {entry.who:<12} {entry.action}{mark}"
        )


COMMANDS = [rate, undo, redo, history]
