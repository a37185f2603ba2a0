"""Commands on whole cases: import, validate, list, show, export, delete, demo, schema."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from claimmap.cli.context import Env, pass_env
from claimmap.cli.summary import render_summary
from claimmap.formats import registry
from claimmap.formats.atomic import emit, emit_bytes
from claimmap.formats.schema import schema_text
from claimmap.model.document import CaseDocument
from claimmap.user_errors import describe


def _read(file: str, fmt: str | None = None) -> CaseDocument:
    """Read any importable file; the format comes from `fmt` or else from the file's suffix."""
    if file == "-":
        return registry.import_format_for("<stdin>", fmt).parse(sys.stdin.buffer.read(), "<stdin>")
    return registry.read_path(file, fmt)


@click.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--replace", is_flag=True, help="Overwrite a stored case with the same slug.")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(list(registry.IMPORTS)),
    help="Read every file as this format [default: from the file's suffix].",
)
@pass_env
def import_(env: Env, files: tuple[str, ...], replace: bool, fmt: str | None) -> None:
    """Import case files ('-' reads standard input) or other tools' files.

    Each file is validated whole before anything is written, and written in one transaction.
    """
    docs = [(file, _read(file, fmt)) for file in files]  # all valid before any is written
    store = env.store()
    for file, doc in docs:
        case = store.import_document(doc, replace=replace)
        click.echo(
            f"imported {file} as {case.slug!r} (id {case.id}): {case.hypotheses} hypotheses, "
            f"{case.evidence} evidence items, {case.ratings} ratings"
        )


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
def validate(files: tuple[str, ...]) -> None:
    """Check case files without importing them."""
    failed = 0
    for file in files:
        try:
            doc = _read(file)
        except Exception as exc:  # every file is checked; the group prints nothing twice
            click.echo(describe(exc), err=True)
            failed += 1
            continue
        click.echo(
            f"{file}: ok ({len(doc.hypotheses)} hypotheses, {len(doc.evidence)} evidence items, "
            f"{len(doc.sources)} sources)"
        )
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
            f"{c.id:>4}  {c.slug:<28} {c.hypotheses:>4} {c.evidence:>5} {c.ratings:>6}  {c.title}"
        )


@click.command()
@click.argument("case")
@pass_env
def show(env: Env, case: str) -> None:
    """Print a case: question, hypotheses, the rating matrix, sources, assumptions."""
    store = env.store()
    click.echo(render_summary(store.export_document(store.case_id(case))), nl=False)


@click.command()
@click.argument("case")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(list(registry.EXPORTS)),
    default="yaml",
    show_default=True,
)
@click.option("-o", "--output", default="-", metavar="FILE|-", help="Where to write [stdout].")
@pass_env
def export(env: Env, case: str, fmt: str, output: str) -> None:
    """Export a case as a case file, an argument map, a matrix or a report."""
    store = env.store()
    doc = store.export_document(store.case_id(case))
    emit_bytes(registry.export_format(fmt).render(doc), output)


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
def schema(output: str) -> None:
    """Print the JSON Schema of case files."""
    emit(schema_text(), output)


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


COMMANDS = [import_, validate, list_, show, export, delete, schema, samples]
