from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from claimmap.cli import main
from claimmap.store.case_store import Store

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
def _isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the user's real database."""
    monkeypatch.setenv("CLAIMMAP_DB", str(tmp_path / "claimmap.db"))
    monkeypatch.setenv("CLAIMMAP_ANALYST", "tester")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claimmap.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    s = Store.open(str(db_path), who="tester")
    yield s
    s.close()


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    path = tmp_path / "vase.yaml"
    path.write_text(SMALL_CASE, encoding="utf-8")
    return path


@pytest.fixture
def cli(db_path: Path) -> Callable[..., Result]:
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, ["--db", str(db_path), *args], input=input)

    return run
