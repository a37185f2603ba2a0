"""Argument maps through the command line: `import` and `validate` say what they chose and
what they changed; bad maps exit 1 with one line per problem, no traceback, nothing stored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from export_tools import (
    REPO,
    require,
    sample,
)

from claimmap.formats.argdown_cli import argdown_program
from claimmap.formats.export_aif import render_aif

ARGDOWN = REPO / "tests" / "fixtures" / "argdown"


def cases(cli) -> list[dict]:
    return json.loads(cli("list", "--json").output)


@pytest.fixture
def argdown_cli() -> None:
    require(argdown_program(), "the Argdown CLI")


def test_import_argdown_reports_its_choices(cli, argdown_cli) -> None:
    result = cli("import", str(ARGDOWN / "intro.argdown"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("imported ") and "2 hypotheses, 15 evidence items" in lines[0]
    assert lines[1] == "  made 2 hypotheses, 15 evidence items, 3 ratings, 7 links"
    assert lines[2].startswith("  hypotheses: the map's 2 conclusions")
    (stored,) = cases(cli)
    assert (stored["hypotheses"], stored["evidence"]) == (2, 15)
    shown = cli("show", stored["slug"]).output
    assert "Imported by claimmap from the argument map" in shown or stored["slug"] in shown


def test_hypotheses_option_and_validate(cli, argdown_cli, tmp_path: Path) -> None:
    path = tmp_path / "veggie.argdown"
    shutil.copy(ARGDOWN / "veggie_debate.argdown", path)
    result = cli("validate", "--hypotheses", "Fleisch-OK,Strikt-Veggie", str(path))
    assert result.exit_code == 0, result.output
    assert "2 hypotheses" in result.output
    assert "named with --hypotheses" in result.output
    result = cli("validate", "--hypotheses", "Nope", str(path))
    assert result.exit_code == 1
    assert "--hypotheses names 'Nope'" in result.output
    assert "Traceback" not in result.output
    assert cases(cli) == []


def test_syntax_error_exits_1_and_stores_nothing(cli, argdown_cli) -> None:
    result = cli("import", str(ARGDOWN / "lexer-relations.argdown"))
    assert result.exit_code == 1
    assert "lexer-relations.argdown: column 1 (line 1): Argdown syntax error" in result.output
    assert "Traceback" not in result.output
    assert cases(cli) == []


def test_text_that_is_no_map_is_refused(cli, argdown_cli, tmp_path: Path) -> None:
    path = tmp_path / "notes.argdown"
    path.write_text("Just a paragraph.\n\nAnd another.\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "finds 2 statements but no argument and no relation" in result.output
    assert cases(cli) == []


def test_aif_json_is_recognised_without_the_format_option(cli, tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(render_aif(sample("kpg-extinction")), encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert "YA 'Hypothesising'" in result.output
    assert cases(cli)[0]["hypotheses"] == len(sample("kpg-extinction").hypotheses)


def test_hypotheses_option_is_for_maps_only(cli, small_file) -> None:
    result = cli("import", "--hypotheses", "H1", str(small_file))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "claimmap: --hypotheses applies to argument maps (argdown, aif), not to case files"
    )
    assert "Traceback" not in result.output


def test_a_60_mib_map_is_refused_without_reading_it(cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.argdown"
    with path.open("wb") as out:
        out.truncate(60 * 1024 * 1024)
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert "file is 62,914,560 bytes; argument maps are read up to 16 MiB" in result.output
    assert cases(cli) == []


def test_export_full_draws_everything(cli, tmp_path: Path) -> None:
    require(shutil.which("dot"), "Graphviz dot")
    path = tmp_path / "hts.yaml"
    shutil.copy(REPO / "sample_cases" / "hts-idlib-2018.yaml", path)
    cli("import", str(path))
    focused = cli("export", "1", "-f", "svg").output
    full = cli("export", "1", "-f", "svg", "--full").output
    assert "rated the same on every hypothesis left out" in focused
    assert "left out" not in full
    assert full.count('class="edge"') > focused.count('class="edge"')
