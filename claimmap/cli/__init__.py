"""The `claimmap` command. Errors a user can fix are one line and a non-zero exit; `--debug`
shows the traceback instead."""

from __future__ import annotations

import sys
from typing import Any

import click

from claimmap.cli import (
    case_commands,
    db_commands,
    edit_commands,
    grade_command,
    score_command,
    tui_commands,
)
from claimmap.cli.context import Env
from claimmap.user_errors import describe


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            env = ctx.find_object(Env)
            if env is not None and env.debug:
                raise
            click.echo(describe(exc), err=True)
            ctx.exit(1)


@click.group(cls=_Group, invoke_without_command=True)
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="CLAIMMAP_DB",
    help="Database file or SQLAlchemy URL [env CLAIMMAP_DB; default: the user data directory].",
)
@click.option("--who", metavar="NAME", help="Your name in the change log [env CLAIMMAP_ANALYST].")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="claimmap")
@click.pass_context
def main(ctx: click.Context, db: str | None, who: str | None, debug: bool) -> None:
    """Weigh competing explanations: hypotheses, evidence, sources and ratings.

    Without a command, opens the terminal interface on the case list."""
    ctx.obj = Env(db=db, who=who, debug=debug)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        if not tui_commands.interactive():
            click.echo(ctx.get_help())
            return
        tui_commands.run_tui(ctx.obj, None)


for module in (
    case_commands,
    edit_commands,
    score_command,
    db_commands,
    grade_command,
    tui_commands,
):
    for command in module.COMMANDS:
        main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
