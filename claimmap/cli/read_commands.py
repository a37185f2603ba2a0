"""`show` and `export`: commands that read one stored case whole.

Nothing heavy is imported before the command runs: on a big case the rating rows are read
by the start-up prefetch (store/prefetch.py) while SQLAlchemy, pydantic and the formats
load."""

from __future__ import annotations

import click

from claimmap.cli.context import Env, pass_env
from claimmap.formats import registry


@click.command()
@click.argument("case")
@pass_env
def show(env: Env, case: str) -> None:
    """Print a case: question, hypotheses, the rating matrix, sources, assumptions."""
    from claimmap.store import prefetch

    prefetch.start(env.db, case, rationales=False, colleagues=False)
    from claimmap.cli.summary import render_summary

    reader = env.reader()
    doc, matrix, _ = reader.case_columns(reader.case_id(case), rationales=False, colleagues=False)
    click.echo(render_summary(doc, matrix), nl=False)


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
@click.option(
    "--full",
    is_flag=True,
    help="Drawings (svg, png, pdf, html): the whole map, not only the evidence that tells "
    "the hypotheses apart.",
)
@pass_env
def export(env: Env, case: str, fmt: str, output: str, full: bool) -> None:
    """Export a case as a case file, an argument map, a matrix or a report."""
    from claimmap.store import prefetch

    # every analyst's ratings, and which carry a rationale
    prefetch.start(env.db, case, halves=True)
    from claimmap.cli.outputs import database_files
    from claimmap.formats.atomic import emit_bytes

    reader = env.reader()
    doc = reader.export_document(reader.case_id(case))
    kind = registry.export_format(fmt)
    emit_bytes(kind.render(doc, full), output, binary=kind.binary, protected=database_files(env))


COMMANDS = [show, export]
