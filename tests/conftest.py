from __future__ import annotations

import gc
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimmap.cli import main
from claimmap.store.case_store import Store
from tests.helpers import pg_server

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_cases"

SMALL_CASE = textwrap.dedent(
    """\
    format: claimmap/1
    case:
      title: "Who broke the vase? من كسر المزهرية؟"
      question: Who broke the vase in the hall?
      tags: [household]
    hypotheses:
    - {id: H1, label: The cat, statement: The cat knocked it over.}
    - {id: H2, label: The wind, statement: A draught from the window pushed it.}
    - {id: H3, label: The child, statement: The child hit it with a ball.}
    sources:
    - {id: S1, title: Neighbour's account, kind: local, reliability: C}
    - {id: S2, title: Window sensor log, kind: official, reliability: A}
    evidence:
    - id: E1
      summary: Cat hair was found on the table.
      source: S1
      credibility: 3
      relevance: High
      ratings: {H1: C, H2: N, H3: {rating: I, rationale: "The ball was outside"}}
    - id: E2
      summary: The window was shut all afternoon.
      source: S2
      credibility: High
      relevance: High
      ratings: {H1: N, H2: II, H3: N}
    - id: E3
      summary: Nobody heard anything.
      kind: absence
      ratings: {H1: C}
    assumptions:
    - {id: A1, statement: The vase was on the table., grade: Solid, hypotheses: [H1, H3]}
    indicators:
    - {id: I1, hypothesis: H1, description: More hair on the shelf, effect: confirms}
    links:
    - {id: L1, kind: support, from: E1, to: H1}
    - {id: L2, kind: undercut, from: A1, to: L1}
    """
)


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    """An app that quits leaves the garbage collector off, as its process is ending
    (ClaimmapApp.action_quit); the test process goes on."""
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real database."""
    monkeypatch.setenv("CLAIMMAP_DB", str(tmp_path / "claimmap.db"))
    monkeypatch.setenv("CLAIMMAP_ANALYST", "tester")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimmap.db"


@pytest.fixture(scope="session")
def pg_admin() -> str:
    """The PostgreSQL test server's URL (a superuser); skipped, or failed in CI, without one."""
    return pg_server.admin_url()


@pytest.fixture
def pg_url(pg_admin: str) -> Iterator[str]:
    """A fresh database on the test server, owned by the login `tester` (the name every test
    rates under), dropped afterwards."""
    with pg_server.fresh_database(pg_admin) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where a test's database is, on each engine in turn: a file path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    s = Store.open(db, who="tester")
    yield s
    s.close()


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "vase.yaml"
    path.write_text(SMALL_CASE, encoding="utf-8")
    return path


@pytest.fixture
def cli(db: str) -> Callable[..., Result]:
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, ["--db", db, *args], input=input)

    return run
