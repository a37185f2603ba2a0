"""Commands on whole cases: import, validate, list, show, export, new, delete, schema."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from claimmap.cli.context import Env, pass_env
from claimmap.cli.outputs import database_files
from claimmap.formats import registry
from claimmap.formats.atomic import emit
from claimmap.model.visible import visible
from claimmap.user_errors import describe

if TYPE_CHECKING:  # `list`, `new` and `delete` need neither pydantic's models nor the readers
    from claimmap.model.document import CaseDocument
    from claimmap.store.case_store import Store
    from claimmap.store.sqlite_editor import SqliteEditor


def _read(
    file: str, fmt: str | None = None, hypotheses: list[str] | None = None
) -> tuple[CaseDocument, list[str]]:
    """Read any importable file, with the reader's notes; the format comes from `fmt` or else
    from the file's suffix; `hypotheses` names an argument map's hypotheses."""
    if file == "-":
        from claimmap.formats.casefile_read import read_stream

        data = read_stream(sys.stdin.buffer, "<stdin>")
        return registry.import_format_for("<stdin>", fmt).read(data, "<stdin>", hypotheses)
    return registry.read_path_noted(file, fmt, hypotheses)


def _names(value: str | None) -> list[str] | None:
    return None if value is None else [n.strip() for n in value.split(",") if n.strip()]


def _echo_notes(notes: list[str]) -> None:
    for note in notes:
        click.echo(f"  {visible(note)}")


_FORMAT_OPTION = click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(list(registry.IMPORTS)),
    help="Read every file as this format [default: from the file's suffix].",
)
_HYPOTHESES_OPTION = click.option(
    "--hypotheses",
    metavar="NAME,NAME...",
    help="Argument maps: the statements (Argdown titles, AIF node ids) that are the "
    "hypotheses [default: tagged #hypothesis, YA Hypothesising, or the map's conclusions].",
)


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--replace", is_flag=True, help="Overwrite a stored case with the same slug.")
@_FORMAT_OPTION
@_HYPOTHESES_OPTION
@pass_env
def import_(
    env: Env, files: tuple[str, ...], replace: bool, fmt: str | None, hypotheses: str | None
) -> None:
    """Import case files ('-' reads standard input) or other tools' files.

    Each file is validated whole before anything is written, and written in one transaction.
    """
    names = _names(hypotheses)
    docs: list[tuple[str, CaseDocument, list[str]]] = []
    problems: list[str] = []
    for file in files:  # every file is checked, and all must pass before any is written
        try:
            docs.append((file, *_read(file, fmt, names)))
        except Exception as exc:
            if env.debug:
                raise
            problems.append(describe(exc))
    store = env.editor(new=True)
    if not problems:
        problems = _slug_clashes(store, [(file, doc) for file, doc, _ in docs], replace)
    if problems:
        for line in problems:
            click.echo(line, err=True)
        click.echo(f"claimmap: nothing was imported ({len(files)} files checked)", err=True)
        sys.exit(1)
    for file, doc, notes in docs:
        case = store.import_document(doc, replace=replace)
        click.echo(
            f"imported {visible(file)} as {case.slug!r} (id {case.id}): {case.hypotheses} hypotheses, "
            f"{case.evidence} evidence items, {case.ratings} ratings"
        )
        _echo_notes(notes)


def _slug_clashes(
    store: Store | SqliteEditor, docs: list[tuple[str, CaseDocument]], replace: bool
) -> list[str]:
    """Two files of one batch that would land on the same case, or a file whose case exists
    already (without --replace): found before the first file is stored."""
    from claimmap.formats.errors import CaseFileError
    from claimmap.model.problems import Problem
    from claimmap.store.case_reading import slugify

    stored = {c.slug: c.id for c in store.list_cases()}
    first: dict[str, str] = {}
    problems = []
    for file, doc in docs:
        slug = doc.case.slug or slugify(doc.case.title)
        if slug in first:
            message = f"case slug {slug!r} is also the slug of {first[slug]}; give one another"
        elif slug in stored and not replace:
            message = (
                f"a case with slug {slug!r} already exists (id {stored[slug]}); "
                "use --replace to overwrite it or give the file another case.slug"
            )
        else:
            first[slug] = file
            continue
        problems.append(CaseFileError(file, [Problem(("case", "slug"), message)]).render())
    return problems


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@_FORMAT_OPTION
@_HYPOTHESES_OPTION
def validate(files: tuple[str, ...], fmt: str | None, hypotheses: str | None) -> None:
    """Check case files (or other tools' files) without importing them."""
    failed = 0
    for file in files:
        try:
            doc, notes = _read(file, fmt, _names(hypotheses))
        except Exception as exc:  # every file is checked; the group prints nothing twice
            click.echo(describe(exc), err=True)
            failed += 1
            continue
        click.echo(
            f"{visible(file)}: ok ({len(doc.hypotheses)} hypotheses, {len(doc.evidence)} evidence items, "
            f"{len(doc.sources)} sources)"
        )
        _echo_notes(notes)
    if failed:
        sys.exit(1)


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_env
def list_(env: Env, as_json: bool) -> None:
    """List the stored cases."""
    cases = env.store().list_cases()
    if as_json:
        click.echo(json.dumps([asdict(c) for c in cases], ensure_ascii=False, indent=2))
        return
    if not cases:
        click.echo("No cases yet. Try `claimmap demo` or `claimmap import FILE`.")
        return
    click.echo(f"{'id':>4}  {'slug':<28} {'hyp':>4} {'evid':>5} {'rated':>6}  title")
    for c in cases:
        click.echo(
            f"{c.id:>4}  {visible(c.slug):<28} {c.hypotheses:>4} {c.evidence:>5} {c.ratings:>6}  "
            f"{visible(c.title)}"
        )


@click.command()
@click.argument("title")
@click.option("-q", "--question", default="", help="The question the case answers.")
@click.option("-d", "--description", help="What the case is about, in a few lines.")
@click.option("-t", "--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--open", "open_it", is_flag=True, help="Open the new case in the TUI.")
@pass_env
def new(
    env: Env,
    title: str,
    question: str,
    description: str | None,
    tags: tuple[str, ...],
    open_it: bool,
) -> None:
    """Start a new, empty case called TITLE (`claimmap undo` takes it back).

    Example: claimmap new "Who broke the vase?" --question "Who broke it?" --tag household
    """
    store = env.store()
    case = store.create_case(title, question=question, description=description, tags=tags)
    click.echo(
        f"created {case.slug!r} (id {case.id}); next: claimmap add {case.slug} hypothesis label=…"
    )
    if open_it:
        from claimmap.cli.tui_commands import open_case

        open_case(env, case.slug)


@click.command()
@click.argument("case")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_env
def delete(env: Env, case: str, yes: bool) -> None:
    """Delete a case and everything in it (`claimmap undo` brings it back)."""
    store = env.store()
    found = store.resolve_case(case)
    if not yes:
        click.confirm(
            f"Delete {found.title!r} with {found.evidence} evidence items?", abort=True, err=True
        )
    store.delete_case(found.id)
    click.echo(f"deleted {found.slug!r}; `claimmap undo` restores it")


@click.command()
@click.option("-o", "--output", default="-", metavar="FILE|-", help="Where to write [stdout].")
@pass_env
def schema(env: Env, output: str) -> None:
    """Print the JSON Schema of case files."""
    from claimmap.formats.schema import schema_text

    emit(schema_text(), output, database_files(env) if output != "-" else ())


@click.command()
@pass_env
def samples(env: Env) -> None:
    """Import every sample case that is not stored yet."""
    from claimmap.samples import import_samples

    for load in import_samples(env.store()):
        if load.case is None:
            click.echo(f"{load.path.name}: already stored")
        else:
            click.echo(f"{load.path.name}: imported as {load.case.slug!r} (id {load.case.id})")


COMMANDS = [import_, validate, list_, new, delete, schema, samples]
