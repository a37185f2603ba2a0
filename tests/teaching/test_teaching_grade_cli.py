"""`claimmap grade`: files or stored cases, terminal text, Markdown, JSON, and bad input."""

from __future__ import annotations

import json

from tests.teaching.test_teaching_grading import KEY, STUDENT


def _files(tmp_path):
    key, student = tmp_path / "key.yaml", tmp_path / "student.yaml"
    key.write_text(KEY, encoding="utf-8")
    student.write_text(STUDENT, encoding="utf-8")
    return key, student


def test_grade_prints_the_comparison_and_writes_markdown(cli, tmp_path):
    key, student = _files(tmp_path)
    out = tmp_path / "report.md"
    run = cli("grade", str(student), "--key", str(key), "-o", str(out))
    assert run.exit_code == 0, run.output
    assert f"Grading {student} against {key}" in run.output
    assert "5 of 9 (55.6%)" in run.output and "7 of 9 (77.8%)" in run.output
    assert "Linchpins of the key (weighted): 2 of 2 missed" in run.output
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Grading `") and "| E3 | H2 | II | unrated | no | no |" in md


def test_grade_as_json(cli, tmp_path):
    key, student = _files(tmp_path)
    run = cli("grade", str(student), "--key", str(key), "--json")
    assert run.exit_code == 0, run.output
    data = json.loads(run.output)
    assert (data["graded"], data["exact"], data["same_direction"]) == (9, 5, 7)
    assert data["missing_evidence"] == ["E4"] and data["renamed"] == [["E4", "E9"]]
    assert {r["method"] for r in data["rankings"]} == {
        "inconsistency",
        "weighted",
        "squared",
        "bayes",
        "dfquad",
    }


def test_grade_a_stored_case_against_a_key_file(cli, tmp_path):
    key, student = _files(tmp_path)
    assert cli("import", str(student)).exit_code == 0
    run = cli("grade", "student", "--key", str(key), "--json")
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["exact"] == 5


def test_bad_input_is_one_line_and_exit_1(cli, tmp_path):
    key, student = _files(tmp_path)
    missing = cli("grade", str(student), "--key", "no-such-case")
    assert missing.exit_code == 1
    assert missing.output.startswith("claimmap: no case 'no-such-case'")
    assert missing.output.count("\n") == 1 and "Traceback" not in missing.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(KEY.replace("H1: CC", "H1: X"), encoding="utf-8")
    invalid = cli("grade", str(student), "--key", str(bad))
    assert invalid.exit_code == 1
    assert "evidence[0].ratings.H1" in invalid.output and "Traceback" not in invalid.output
    method = cli("grade", str(student), "--key", str(key), "-m", "votes")
    assert method.exit_code == 1 and method.output.startswith("claimmap: unknown method")
    analyst = cli("grade", str(student), "--key", str(key), "--analyst", "nobody")
    assert analyst.exit_code == 1 and "unknown analyst 'nobody'" in analyst.output
    no_key = cli("grade", str(student))
    assert no_key.exit_code == 2 and "Missing option '--key'" in no_key.output


def test_a_student_can_hand_in_a_csv_matrix(cli, tmp_path):
    # The same student, exported as a spreadsheet matrix: the grade must not change.
    key, student = _files(tmp_path)
    assert cli("import", str(student)).exit_code == 0
    csv = tmp_path / "student.csv"
    slug = json.loads(cli("list", "--json").output)[0]["slug"]
    assert cli("export", slug, "-f", "csv", "-o", str(csv)).exit_code == 0
    from_yaml = json.loads(cli("grade", str(student), "--key", str(key), "--json").output)
    run = cli("grade", str(csv), "--key", str(key), "--json")
    assert run.exit_code == 0, run.output
    from_csv = json.loads(run.output)
    for field in ("graded", "exact", "same_direction", "missing_evidence"):
        assert from_csv[field] == from_yaml[field]
