"""`claimmap score`: every method side by side, how sure, and what would change the answer."""

from __future__ import annotations

import json
from pathlib import Path

import click

from claimmap.cli.context import Env, pass_env
from claimmap.scoring.draw_rule import SEED


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
@click.option(
    "--draws",
    # numpy draws every sample at once in chunks; past a million it is minutes of work and
    # gigabytes of memory for no visible gain in the figures.
    type=click.IntRange(0, 1_000_000),
    help="Monte Carlo draws, 0 to skip [1,000; fewer on big cases: the rule the TUI and the "
    "reports follow, so their figures agree].",
)
@click.option(
    "--seed",
    default=SEED,
    show_default=True,
    type=click.IntRange(0, 2**63 - 1),  # numpy's generators take non-negative seeds
    help="Monte Carlo seed.",
)
@click.option("--reliability", is_flag=True, help="Let source reliability scale the weights.")
@pass_env
def score(
    env: Env,
    case_or_file: str,
    methods: tuple[str, ...],
    analyst: str | None,
    as_json: bool,
    draws: int | None,
    seed: int,
    reliability: bool,
) -> None:
    """Score a stored case or a case file."""
    from claimmap.store import prefetch

    if not Path(case_or_file).is_file():  # a big case's ratings are read during the imports
        prefetch.start(env.db, case_or_file, rationales=False, halves=True)
    from claimmap.model.visible import visible, visible_block
    from claimmap.scoring.report import score_report
    from claimmap.scoring.text import format_report
    from claimmap.store.errors import StoreError
    from claimmap.teaching.judgement_check import compare_judgement, judgement_lines

    matrix, judgement = env.scored(case_or_file)
    try:
        report = score_report(
            matrix,
            list(methods) or None,
            analyst,
            draws=draws,
            seed=seed,
            use_reliability=reliability,
            per_cell=as_json,  # the text prints no per-cell figure
        )
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    check = compare_judgement(judgement, report)
    if as_json:
        report["judgement"] = (
            None
            if judgement is None
            else {
                **judgement.model_dump(mode="json"),
                "summary": check.summary,
                "notes": check.notes,
                "differs": check.differs,
            }
        )
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        # Each line is printed as one line: a newline or ESC in a label or the judgement's
        # text is shown escaped, never obeyed or allowed to start a forged line.
        labels = report.get("labels") or {}
        shown = {**report, "labels": {key: visible(str(text)) for key, text in labels.items()}}
        lines = [*judgement_lines(judgement, shown["labels"]), check.summary, *check.notes]
        click.echo("\n".join(visible(line) for line in lines) + "\n")
        click.echo(visible_block(format_report(shown)), nl=False)


COMMANDS = [score]
