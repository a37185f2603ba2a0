"""Commands that change a case one step at a time, and the history that can take them back."""

from __future__ import annotations

import sys
from typing import Any

import click

from claimmap.cli.context import Env, pass_env
from claimmap.model.collections import SINGULAR
from claimmap.model.enums import RatingValue
from claimmap.model.visible import visible

_RATINGS = [r.value for r in RatingValue]


@click.command()
@click.argument("case")
@click.argument("evidence")
@click.argument("hypothesis")
@click.argument("rating", type=click.Choice([*_RATINGS, "clear"]))
@click.option("-r", "--rationale", help="One line on why.")
@click.option(
    "--as",
    "analyst",
    metavar="NAME",
    help="Rate as this analyst [the case's own]; also your name in the change log unless "
    "--who is given.",
)
@click.option(
    "--new-analyst",
    is_flag=True,
    help="NAME is a new analyst of this case: add them without asking.",
)
@pass_env
def rate(
    env: Env,
    case: str,
    evidence: str,
    hypothesis: str,
    rating: str,
    rationale: str | None,
    analyst: str | None,
    new_analyst: bool,
) -> None:
    """Rate how EVIDENCE bears on HYPOTHESIS: CC C N I II NA, or `clear` for unrated.

    One name serves both: `--as NAME` says whose rating it is and, unless `--who` is given,
    also names the change-log entry, so `claimmap --who NAME undo CASE` takes it back. A NAME the
    case does not know yet is asked about on a terminal (a typo must not start a second
    analyst) and refused elsewhere unless --new-analyst is given. On PostgreSQL both are
    your database login.
    """
    from claimmap.store.errors import UnknownAnalyst

    rater = env.editor()
    if analyst is not None and env.who is None and not rater.on_postgres:
        rater.who = analyst  # the rule above: --as names the log entry too
    value = None if rating == "clear" else rating
    case_id = rater.case_id(case)
    try:
        rater.rate(case_id, evidence, hypothesis, value, rationale, analyst)
    except UnknownAnalyst as exc:
        if new_analyst or _confirmed_new(exc):
            rater.rate(case_id, evidence, hypothesis, value, rationale, analyst, new_analyst=True)
        else:
            raise
    click.echo(f"{evidence} × {hypothesis}: {value or 'unrated'}")


def stdin_is_terminal() -> bool:
    """Whether someone at a keyboard can answer a question (not a script or a pipe)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _confirmed_new(exc: Any) -> bool:
    """On a terminal, ask whether the unknown name is a new analyst; a script is refused."""
    if not stdin_is_terminal():
        return False
    known = ", ".join(exc.known) or "none yet"
    if click.confirm(
        f"This case's analysts are {known}. Add {exc.name} as a new analyst of this case?",
        default=False,
        err=True,
    ):
        return True
    raise click.ClickException(f"nothing was rated; {exc.name} was not added")


def _fields(pairs: tuple[str, ...]) -> dict[str, Any]:
    """FIELD=VALUE pairs; a value in brackets or braces is read as YAML (`hypotheses=[H1,H2]`)
    under the same guard as case files; anything else is text exactly as typed (`id=007` and
    `summary=2020` stay text; the models turn `credibility=3` or `prior=0.4` into numbers)."""
    fields: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not FIELD=VALUE", param_hint="FIELD=VALUE")
        value: Any = text
        if text[:1] in "[{":
            value = _yaml_value(name, text)
        elif text == "":
            value = None
        fields[name] = value
    return fields


# `add CASE hypothesis …` and `add CASE hypotheses …` both work.
KINDS = {**{one: many for many, one in SINGULAR.items()}, **{many: many for many in SINGULAR}}
# `set CASE case …`, `set CASE judgement …` and `set CASE teaching …` change the case itself.
CASE_PARTS = ("case", "judgement", "teaching")
# Case fields that hold lists; given as plain text they are split at commas.
_LIST_FIELDS = {"tags", "learning_goals", "discussion_questions"}


def _yaml_value(name: str, text: str) -> Any:
    # only values in brackets need YAML: a plain edit starts without loading it
    import yaml

    from claimmap.formats import yaml_guard

    problems = yaml_guard.scan_safely(text)
    if not problems:
        try:
            return yaml.load(text, Loader=yaml_guard.Loader)
        except yaml.MarkedYAMLError as exc:
            problems = [str(exc.problem or exc.context or "unreadable")]
    raise click.BadParameter(f"{name}: {problems[0]}", param_hint="FIELD=VALUE")


@click.command()
@click.argument("case")
@click.argument("kind", type=click.Choice(sorted(KINDS)), metavar="KIND")
@click.argument("fields", nargs=-1, required=True, metavar="FIELD=VALUE...")
@pass_env
def add(env: Env, case: str, kind: str, fields: tuple[str, ...]) -> None:
    """Add an item, with the fields of the case-file format. KIND is hypothesis, evidence,
    source, assumption, indicator or link. Without id=… the item gets the next free id.

    Example: claimmap add hts-idlib-2018 hypothesis label="Deal with Turkey"
    """
    editor = env.editor()
    collection = KINDS[kind]
    key = editor.add_item(editor.case_id(case), collection, _fields(fields))
    click.echo(f"added {SINGULAR[collection]} {key}")


def _case_fields(pairs: tuple[str, ...]) -> dict[str, Any]:
    """FIELD=VALUE pairs for the case's own fields: a list field given as plain text is split
    at commas (`tags="a, b"`), and given empty is an empty list."""
    fields = _fields(pairs)
    for name, value in fields.items():
        if name in _LIST_FIELDS and isinstance(value, str):
            fields[name] = [part.strip() for part in value.split(",") if part.strip()]
        elif name in _LIST_FIELDS and value is None:
            fields[name] = []
    return fields


def _set_case(env: Env, case: str, part: str, pairs: tuple[str, ...], clear: bool) -> None:
    if part == "case" and clear:
        raise click.UsageError("--clear removes a judgement or teaching notes, not the case")
    if clear and pairs:
        raise click.UsageError(f"give either --clear or fields for the {part}, not both")
    if not clear and not pairs:
        raise click.UsageError("give at least one FIELD=VALUE")
    editor = env.editor()
    case_id, slug = editor.case_ref(case)
    if part == "case":
        changes = _case_fields(pairs)
    else:
        changes = {part: None if clear else _case_fields(pairs)}
    changed = editor.update_case(case_id, changes)
    if not changed:
        click.echo("nothing changed")
    elif clear:
        click.echo(f"removed the {part} of {slug!r}; `claimmap undo` restores it")
    else:
        click.echo(f"changed {', '.join(changed)} of {slug!r}")


@click.command("set")
@click.argument("case")
@click.argument("key")
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@click.option("--clear", is_flag=True, help="With `judgement` or `teaching`: remove it.")
@pass_env
def set_(env: Env, case: str, key: str, fields: tuple[str, ...], clear: bool) -> None:
    """Change fields of the item KEY (FIELD= with nothing after it clears a field).

    KEY `case` changes the case itself (title, question, description, tags, and the team
    setting blind_until_rated=true|false, which on PostgreSQL only a lead may switch); `judgement` the
    written judgement (bottom_line, hypothesis, likelihood, confidence, basis, date; a changed
    judgement without date=… is dated today); `teaching` the teaching notes (learning_goals,
    discussion_questions, notes). Lists are given as `tags="a, b"` or `tags=[a, b]`.

    Example: claimmap set vase judgement bottom_line="The cat did it" hypothesis=H1
    likelihood="very likely" confidence=moderate
    """
    if key in CASE_PARTS:
        _set_case(env, case, key, fields, clear)
        return
    if clear:
        raise click.UsageError("--clear works with `judgement` and `teaching` only")
    if not fields:
        raise click.UsageError("give at least one FIELD=VALUE")
    editor = env.editor()
    editor.update_item(editor.case_id(case), key, _fields(fields))
    click.echo(f"changed {key}")


@click.command()
@click.argument("case")
@click.argument("key")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_env
def remove(env: Env, case: str, key: str, yes: bool) -> None:
    """Remove the item KEY and what depends on it (its ratings, links...)."""
    editor = env.editor()
    case_id, slug = editor.case_ref(case)
    if not yes:
        click.confirm(f"Remove {key} from {slug!r}?", abort=True, err=True)
    gone = editor.delete_item(case_id, key)
    detail = ", ".join(f"{n} {name}" for name, n in sorted(gone.items()))
    click.echo(f"removed {key} ({detail}); `claimmap undo` restores it")


def _case_id(env: Env, case: str | None) -> int | None:
    return env.editor().case_id(case) if case else None


@click.command()
@click.argument("case", required=False)
@pass_env
def undo(env: Env, case: str | None) -> None:
    """Undo your last edit (of CASE, or of any case): yours, as named by --who (on
    PostgreSQL your login), never a colleague's. It refuses, changing nothing, when a
    colleague changed the same thing since."""
    entry = env.editor().undo(_case_id(env, case))
    click.echo(f"undone: {entry.action}" if entry else "nothing to undo")


@click.command()
@click.argument("case", required=False)
@pass_env
def redo(env: Env, case: str | None) -> None:
    """Redo the edit you undid last (of CASE, or of any case)."""
    entry = env.editor().redo(_case_id(env, case))
    click.echo(f"redone: {entry.action}" if entry else "nothing to redo")


@click.command()
@click.argument("case", required=False)
@click.option("-n", "--limit", default=30, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--analyst", metavar="NAME", help="Only the entries NAME made (the log's who).")
@pass_env
def history(env: Env, case: str | None, limit: int, analyst: str | None) -> None:
    """Show the change log, newest first, with who made each change."""
    entries = env.editor().history(_case_id(env, case), limit, analyst)
    if not entries and analyst is not None:
        click.echo(f"no changes by {visible(analyst)}")
    for entry in entries:
        mark = {"undone": " (undone)", "dead": " (undone, superseded)"}.get(entry.state, "")
        who, action = visible(entry.who), visible(entry.action)
        click.echo(f"{entry.id:>6}  {entry.at[:19].replace('T', ' ')}  {who:<12} {action}{mark}")


COMMANDS = [rate, add, set_, remove, undo, redo, history]
