"""The `claimmap` command. Errors a user can fix are one line and a non-zero exit; `--debug`
shows the traceback instead."""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

import click

from claimmap.cli.context import Env

# Command name -> the module that defines it. Modules load only when their command runs, so
# `claimmap` and `claimmap open` reach the terminal interface without loading the database
# layer first (tests/test_cli.py checks this table against each module's COMMANDS).
COMMAND_MODULES: dict[str, str] = {
    **dict.fromkeys(
        ["import", "validate", "list", "new", "delete", "schema", "samples"],
        "case_commands",
    ),
    **dict.fromkeys(["show", "export"], "read_commands"),
    **dict.fromkeys(["rate", "add", "set", "remove", "undo", "redo", "history"], "edit_commands"),
    "score": "score_command",
    "grade": "grade_command",
    "db": "db_commands",
    "team": "team_commands",
    "open": "tui_commands",
    "demo": "tui_commands",
}


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        commands = importlib.import_module(f"claimmap.cli.{module}").COMMANDS
        return next(c for c in commands if c.name == cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            click.echo("claimmap: standard output is closed; nothing was done", err=True)
            ctx.exit(1)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            from claimmap.formats.atomic import quiet_stdout

            quiet_stdout()
            click.echo(
                "claimmap: standard output was closed before everything was written", err=True
            )
            ctx.exit(1)
        except Exception as exc:
            env = ctx.find_object(Env)
            if env is not None and env.debug:
                raise
            from claimmap.user_errors import describe

            click.echo(describe(exc, env.database_name() if env else None), err=True)
            ctx.exit(1)


@click.group(cls=_Group, invoke_without_command=True)
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="CLAIMMAP_DB",
    help="Database file or SQLAlchemy URL [env CLAIMMAP_DB; default: the user data directory].",
)
@click.option(
    "--who",
    metavar="NAME",
    help="Your name in the change log, which undo and history go by [env CLAIMMAP_ANALYST; "
    "else `rate --as NAME`; else your login]. On PostgreSQL it is your database login.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="claimmap")
@click.pass_context
def main(ctx: click.Context, db: str | None, who: str | None, debug: bool) -> None:
    """Weigh competing explanations: hypotheses, evidence, sources and ratings.

    Without a command, opens the terminal interface on the case list."""
    ctx.obj = Env(db=db, who=who, debug=debug)
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand is None:
        from claimmap.cli import tui_commands

        if not tui_commands.interactive():
            click.echo(ctx.get_help())
            return
        tui_commands.run_tui(ctx.obj, None)


def run() -> None:
    """The installed `claimmap` command: `main`, then an exit without the collector's last
    walk. Python's finalization collects garbage over every object still alive (pydantic's,
    numpy's, Textual's): 35 ms of a 200 ms `claimmap set` (20 interleaved runs). What it
    would free, the exit frees; the command's files and database are closed by then (the
    context closes them), and exit handlers still run. Not for `main` called in a process
    that goes on, such as a test's."""
    try:
        main()
    finally:
        gc.disable()
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
