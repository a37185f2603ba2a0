"""The command line as a user meets it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import SAMPLES


def test_list_show_and_json(cli, small_file):
    assert "No cases yet" in cli("list").output
    assert cli("import", str(small_file)).exit_code == 0
    listed = json.loads(cli("list", "--json").output)
    assert [(c["id"], c["hypotheses"], c["evidence"], c["ratings"]) for c in listed] == [
        (1, 3, 3, 7)
    ]
    shown = cli("show", listed[0]["slug"]).output
    assert "Who broke the vase? من كسر المزهرية؟" in shown
    assert "Evidence (3; 7 of 9 cells rated)" in shown
    assert "  E2   N    II   N    High  S2 (A)" in shown


def test_rate_undo_redo_history(cli, small_file):
    cli("import", str(small_file))
    assert cli("rate", "1", "E3", "H2", "II", "-r", "a draught would be heard").exit_code == 0
    assert "E3" in cli("export", "1").output
    assert "rationale: a draught would be heard" in cli("export", "1").output
    assert cli("undo", "1").output == "undone: rate E3 × H2: unrated → II\n"
    assert "a draught would be heard" not in cli("export", "1").output
    assert cli("redo", "1").output == "redone: rate E3 × H2: unrated → II\n"
    assert cli("redo", "1").output == "nothing to redo\n"
    history = cli("history", "1").output.splitlines()
    assert history[0].endswith("redo: rate E3 × H2: unrated → II")
    assert cli("rate", "1", "E3", "H2", "clear").output == "E3 × H2: unrated\n"


def test_bad_rating_is_a_usage_error(cli, small_file):
    cli("import", str(small_file))
    result = cli("rate", "1", "E1", "H1", "maybe")
    assert result.exit_code == 2
    assert "'maybe' is not one of" in result.output


def test_add_set_remove_from_the_command_line(cli, small_file):
    cli("import", str(small_file))
    out = cli(
        "add",
        "1",
        "evidence",
        "id=E4",
        "summary=A ball was found inside",
        "source=S1",
        "credibility=2",
        "ratings={H3: CC, H1: I}",
    )
    assert out.exit_code == 0, out.output
    assert cli("set", "1", "E4", "relevance=Low", "credibility=").exit_code == 0
    exported = cli("export", "1", "-f", "json").output
    e4 = json.loads(exported)["evidence"][3]
    assert e4 == {
        "id": "E4",
        "summary": "A ball was found inside",
        "source": "S1",
        "kind": "fact",
        "relevance": "Low",
        "ratings": {"H1": "I", "H3": "CC"},
    }
    refused = cli("remove", "1", "S1", "--yes")
    assert refused.exit_code == 1
    assert refused.output == (
        "claimmap: source S1 is still cited by evidence E1, E4; "
        "give them another source (or none) first\n"
    )
    assert "removed E4 (1 evidence, 2 ratings)" in cli("remove", "1", "E4", "--yes").output


def test_delete_asks_first(cli, small_file):
    cli("import", str(small_file))
    assert cli("delete", "1", input="n\n").exit_code == 1
    assert json.loads(cli("list", "--json").output)
    assert cli("delete", "1", input="y\n").exit_code == 0
    assert json.loads(cli("list", "--json").output) == []
    assert "undone: delete case" in cli("undo").output
    assert len(json.loads(cli("list", "--json").output)) == 1


def test_export_to_a_file_is_atomic_and_unknown_case_is_clear(cli, small_file, tmp_path):
    cli("import", str(small_file))
    target = tmp_path / "out.yaml"
    assert cli("export", "1", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("format: claimmap/1\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    result = cli("export", "nope")
    assert result.exit_code == 1
    assert result.output.startswith("claimmap: no case 'nope'")


def test_demo_imports_once_and_prints_the_case(cli):
    first = cli("demo")
    assert first.exit_code == 0, first.output
    assert "هيئة تحرير الشام" in first.output
    assert "Hypotheses (" in first.output
    second = cli("demo")
    assert "imported the sample case" not in second.output
    assert len(json.loads(cli("list", "--json").output)) == 1


def test_samples_command_imports_every_sample(cli):
    out = cli("samples").output
    assert out.count("imported as") == len(list(SAMPLES.glob("*.yaml"))) >= 3
    assert "already stored" in cli("samples").output


def test_import_from_stdin(cli, small_file):
    result = cli("import", "-", input=small_file.read_text(encoding="utf-8"))
    assert result.exit_code == 0 and "imported -" in result.output


def _run(args, env_extra, tmp_path):
    env = {**os.environ, "CLAIMMAP_DB": str(tmp_path / "proc.db"), **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "claimmap.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_unexpected_errors_have_no_traceback_unless_debug(tmp_path):
    not_a_db = tmp_path / "text.db"
    not_a_db.write_text("this is not a database\n" * 100)
    plain = _run(["--db", str(not_a_db), "list"], {}, tmp_path)
    assert plain.returncode == 1
    assert "Traceback" not in plain.stderr
    assert f"cannot open database sqlite:///{not_a_db}" in plain.stderr
    debug = _run(["--debug", "--db", str(not_a_db), "list"], {}, tmp_path)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_db_where_honours_the_environment(tmp_path):
    out = _run(["db", "where"], {}, tmp_path)
    assert out.stdout.strip() == f"sqlite:///{tmp_path / 'proc.db'}"


def test_score_json_on_a_stored_case_and_on_a_file(cli, small_file):
    # Inconsistency by hand from the vase case: E1 rates H3 `I` (1); E2 rates H2 `II` (2);
    # nothing else is inconsistent. So H1 = 0, H3 = 1, H2 = 2: H1 leads, then H3, then H2.
    cli("import", str(small_file))
    for target in ("1", str(small_file)):
        result = cli("score", target, "-m", "inconsistency", "--json", "--draws", "200")
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["scores"]["inconsistency"] == {"H1": 0, "H2": 2, "H3": 1}
        assert report["ranking"]["inconsistency"] == [["H1"], ["H3"], ["H2"]]
    text = cli("score", "1", "-m", "inconsistency", "--draws", "0").output
    assert "Leader: H1" in text
    bad = cli("score", "1", "-m", "astrology")
    assert bad.exit_code == 1 and "unknown method 'astrology'" in bad.output


def test_score_table_names_each_hypothesis(cli, small_file):
    cli("import", str(small_file))
    text = cli("score", "1", "-m", "inconsistency", "--draws", "0").output
    # Ranked by hand above: H1 (0), H3 (1), H2 (2); each row shows id and label.
    rows = [line.split() for line in text.splitlines() if line.strip()[:1].isdigit()]
    assert [r[:3] for r in rows] == [["1", "H1", "The"], ["2", "H3", "The"], ["3", "H2", "The"]]
    assert "H1 The cat" in text and "H3 The child" in text and "H2 The wind" in text
    assert json.loads(cli("score", "1", "--json", "--draws", "0").output)["labels"] == {
        "H1": "The cat",
        "H2": "The wind",
        "H3": "The child",
    }


def test_the_installed_command_keeps_its_exit_code_and_what_it_wrote(tmp_path):
    """`claimmap` runs `cli.run`, which skips the collector's walk at exit: the command's
    code, messages and stored edits are as `main` left them."""
    import sqlite3
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["claimmap"] == "claimmap.cli:run"
    hts = str(SAMPLES / "hts-idlib-2018.yaml")
    assert _run(["import", hts], {}, tmp_path).returncode == 0
    changed = _run(["set", "hts-idlib-2018", "E1", "notes=ملاحظة أولى"], {}, tmp_path)
    assert (changed.returncode, changed.stdout.strip()) == (0, "changed E1")
    missing = _run(["set", "hts-idlib-2018", "E99", "notes=x"], {}, tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "claimmap: this case has no item 'E99'"
    unknown = _run(["no-such-command"], {}, tmp_path)
    assert unknown.returncode == 2 and "No such command" in unknown.stderr
    with sqlite3.connect(tmp_path / "proc.db") as db:
        notes = db.execute("SELECT notes FROM evidence WHERE key = 'E1'").fetchall()
    assert notes == [("ملاحظة أولى",)]
