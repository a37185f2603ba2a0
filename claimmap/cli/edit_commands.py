"""Commands that change a case one step at a time, and the history that can take them back."""

from __future__ import annotations

from typing import Any

import click

from claimmap.cli.context import Env, pass_env
from claimmap.model.collections import SINGULAR
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
    value = None if rating == "clear" else rating
    store.rate(store.case_id(case), evidence, hypothesis, value, rationale, analyst)
    click.echo(f"{evidence} × {hypothesis}: {value or 'unrated'}")


def _fields(pairs: tuple[str, ...]) -> dict[str, Any]:
    """FIELD=VALUE pairs; a value in brackets or braces is read as YAML (`hypotheses=[H1,H2]`),
    a whole number as a number, anything else as text, exactly as typed."""
    fields: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not FIELD=VALUE", param_hint="FIELD=VALUE")
        value: Any = text
        if text[:1] in "[{":
            import yaml  # only for values in brackets: a plain edit starts without it

            try:
                value = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                raise click.BadParameter(f"{name}: {exc}", param_hint="FIELD=VALUE") from None
        elif text.isdigit():
            value = int(text)
        elif text == "":
            value = None
        fields[name] = value
    return fields


@click.command()
@click.argument("case")
@click.argument("kind", type=click.Choice(sorted(SINGULAR)))
@click.argument("fields", nargs=-1, required=True, metavar="FIELD=VALUE...")
@pass_env
def add(env: Env, case: str, kind: str, fields: tuple[str, ...]) -> None:
    """Add an item, with the fields of the case-file format.

    Example: claimmap add hts-idlib-2020 hypotheses id=H6 label="Deal with Turkey"
    """
    store = env.store()
    data = _fields(fields)
    store.add_item(store.case_id(case), kind, data)
    click.echo(f"added {SINGULAR[kind]} {data.get('id')}")


@click.command("set")
@click.argument("case")
@click.argument("key")
@click.argument("fields", nargs=-1, required=True, metavar="FIELD=VALUE...")
@pass_env
def set_(env: Env, case: str, key: str, fields: tuple[str, ...]) -> None:
    """Change fields of the item KEY (FIELD= with nothing after it clears a field)."""
    store = env.store()
    store.update_item(store.case_id(case), key, _fields(fields))
    click.echo(f"changed {key}")


@click.command()
@click.argument("case")
@click.argument("key")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_env
def remove(env: Env, case: str, key: str, yes: bool) -> None:
    """Remove the item KEY and what depends on it (its ratings, links...)."""
    store = env.store()
    found = store.resolve_case(case)
    if not yes:
        click.confirm(f"Remove {key} from {found.slug!r}?", abort=True, err=True)
    gone = store.delete_item(found.id, key)
    detail = ", ".join(f"{n} {name}" for name, n in sorted(gone.items()))
    click.echo(f"removed {key} ({detail}); `claimmap undo` restores it")


def _case_id(env: Env, case: str | None) -> int | None:
    return env.store().case_id(case) if case else None


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


COMMANDS = [rate, add, set_, remove, undo, redo, history]
