"""`claimmap grade`: a student's matrix against an instructor's key."""

from __future__ import annotations

import json

import click

from claimmap.cli.context import Env, pass_env
from claimmap.cli.outputs import database_files
from claimmap.formats.atomic import emit
from claimmap.model.visible import visible, visible_block
from claimmap.store.engine import StoreError
from claimmap.teaching.grading import grade as grade_matrices
from claimmap.teaching.grading_text import format_grade, grade_data, markdown_grade


@click.command()
@click.argument("student", metavar="STUDENT")
@click.option("--key", "key_ref", required=True, metavar="KEY", help="The instructor's key.")
@click.option("-o", "--output", metavar="FILE", help="Also write the report as Markdown here.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("-m", "--method", default="weighted", show_default=True, help="Linchpins from.")
@click.option("--analyst", help="The student's analyst [the file's own].")
@click.option("--key-analyst", help="The key's analyst [the file's own].")
@pass_env
def grade(
    env: Env,
    student: str,
    key_ref: str,
    output: str | None,
    as_json: bool,
    method: str,
    analyst: str | None,
    key_analyst: str | None,
) -> None:
    """Compare STUDENT's ratings with KEY's (each a case file or a stored case): agreement
    per cell and weighted by the key's diagnosticity, the key's linchpins the student missed,
    and whether the rankings agree."""
    student_matrix, key_matrix = env.matrix(student), env.matrix(key_ref)
    try:
        report = grade_matrices(
            student_matrix,
            key_matrix,
            student_analyst=analyst,
            key_analyst=key_analyst,
            method=method,
        )
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    if output:
        emit(markdown_grade(report, student, key_ref), output, database_files(env))
    if as_json:
        click.echo(json.dumps(grade_data(report), ensure_ascii=False, indent=2))
    else:
        text = format_grade(report, visible(student), visible(key_ref))
        click.echo(visible_block(text), nl=False)


COMMANDS = [grade]
