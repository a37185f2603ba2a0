"""Which databases claimmap opens: SQLite files and PostgreSQL through psycopg 3; anything
else, or PostgreSQL without its driver, is a one-line refusal that says what to do."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from claimmap.cli import main


def claimmap(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(main, list(args))
    return run.exit_code, run.output


@pytest.mark.parametrize(
    "url",
    ["mysql://ana@db/ach", "mssql+pyodbc://ana@db/ach", "oracle://ana@db/ach"],
)
def test_other_engines_are_refused_naming_the_two_supported(url: str) -> None:
    code, out = claimmap("--db", url, "list")
    assert code == 1
    backend = url.split("://")[0]
    assert out == (
        f"claimmap: {backend!r} databases are not supported: claimmap works with SQLite (a file "
        "path or sqlite:///PATH) and PostgreSQL (postgresql+psycopg://USER@HOST[:PORT]/DATABASE)\n"
    )


def test_another_postgresql_driver_is_refused_with_the_url_to_write() -> None:
    code, out = claimmap("--db", "postgresql+psycopg2://ana@db/ach", "list")
    assert (code, out) == (
        1,
        "claimmap: claimmap reaches PostgreSQL through psycopg 3, not psycopg2: write the URL "
        "as postgresql+psycopg://USER@HOST/DATABASE\n",
    )


def test_postgresql_without_psycopg_says_exactly_what_to_install() -> None:
    # a Python where psycopg cannot be imported, as after a plain `pip install claimmap`
    probe = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from claimmap.cli import main\n"
        "main(['--db', 'postgresql://ana@127.0.0.1/ach', 'list'])\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr == (
        'claimmap: PostgreSQL needs the psycopg driver: pip install "claimmap[postgres]"\n'
    )


def test_a_server_that_is_not_there_is_one_line_without_the_password() -> None:
    code, out = claimmap("--db", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/ach", "list")
    assert code == 1
    assert out.startswith(
        "claimmap: cannot open database postgresql+psycopg://ana:***@127.0.0.1:1/ach: "
    )
    assert out.count("\n") == 1 and "s3cret" not in out
    code, out = claimmap("--db", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/ach", "db", "where")
    assert (code, out) == (0, "postgresql+psycopg://ana:***@127.0.0.1:1/ach\n")
