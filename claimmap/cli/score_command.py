"""`claimmap score`: every method side by side, how sure, and what would change the answer."""

from __future__ import annotations

import json

import click

from claimmap.cli.context import Env, pass_env
from claimmap.model.visible import visible, visible_block
from claimmap.scoring.report import score_report
from claimmap.scoring.text import format_report
from claimmap.store.engine import StoreError


@click.command()
@click.argument("case_or_file", metavar="CASE_OR_FILE")
@click.option(
    "-m",
    "--method",
    "methods",
    multiple=True,
    metavar="M",
    help="inconsistency, weighted, squared, bayes or dfquad (repeatable) [all].",
)
@click.option("-a", "--analyst", help="Score one analyst's ratings [the group].")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (docs/scoring.md).")
@click.option("--draws", default=1000, show_default=True, help="Monte Carlo draws (0 skips).")
@click.option("--seed", default=0, show_default=True, help="Monte Carlo seed.")
@click.option("--reliability", is_flag=True, help="Let source reliability scale the weights.")
@pass_env
def score(
    env: Env,
    case_or_file: str,
    methods: tuple[str, ...],
    analyst: str | None,
    as_json: bool,
    draws: int,
    seed: int,
    reliability: bool,
) -> None:
    """Score a stored case or a case file."""
    matrix = env.matrix(case_or_file)
    try:
        report = score_report(
            matrix,
            list(methods) or None,
            analyst,
            draws=draws,
            seed=seed,
            use_reliability=reliability,
        )
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        # Labels sit one to a line in the table; a newline in one must not start another.
        labels = report.get("labels") or {}
        shown = {**report, "labels": {key: visible(str(text)) for key, text in labels.items()}}
        click.echo(visible_block(format_report(shown)), nl=False)


COMMANDS = [score]
