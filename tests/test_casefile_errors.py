"""Bad case files: a clear message naming the file, the place and the problem; a non-zero
exit; no traceback; and the database exactly as it was."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import SMALL_CASE


def _variant(old: str, new: str) -> str:
    assert old in SMALL_CASE, old
    return SMALL_CASE.replace(old, new, 1)


CASES = {
    "unknown hypothesis id": (
        _variant("ratings: {H1: N, H2: II, H3: N}", "ratings: {H1: N, H2: II, H9: N}"),
        "evidence[1].ratings.H9 (line 25): unknown hypothesis 'H9' (known: H1, H2, H3)",
    ),
    "duplicate ids": (
        _variant("- id: E2\n", "- id: E1\n"),
        "evidence[1].id (line 20): duplicate id 'E1' (first used at evidence[0])",
    ),
    "id shared across kinds": (
        _variant("- {id: S2,", "- {id: H2,").replace("source: S2", "source: H2"),
        "sources[1].id (line 12): duplicate id 'H2' (first used at hypotheses[1])",
    ),
    "bad rating": (
        _variant("H2: II, H3: N}", "H2: X, H3: N}"),
        "evidence[1].ratings.H2 (line 25): 'X' is not one of CC, C, N, I, II, NA",
    ),
    "bad rating in long form": (
        _variant("{rating: I,", "{rating: maybe,"),
        "evidence[0].ratings.H3.rating (line 19): 'maybe' is not one of CC, C, N, I, II, NA",
    ),
    "bad credibility": (
        _variant("credibility: 3", "credibility: 7"),
        "evidence[0].credibility (line 17): 7 is not one of 1, 2, 3, 4, 5, 6, High, Medium, Low",
    ),
    "bad reliability": (
        _variant("reliability: C}", "reliability: G}"),
        "sources[0].reliability (line 11): 'G' is not one of A, B, C, D, E, F",
    ),
    "missing required field": (
        _variant("  summary: The window was shut all afternoon.\n", ""),
        "evidence[1].summary (line 20): required field is missing",
    ),
    "unknown key": (
        _variant("relevance: High\n  ratings: {H1: N", "relevence: High\n  ratings: {H1: N"),
        "evidence[1].relevence (line 24): unknown key",
    ),
    "wrong format version": (
        _variant("format: claimmap/1", "format: claimmap/2"),
        "format (line 1): unsupported format 'claimmap/2': this version of claimmap reads claimmap/1",
    ),
    "source that does not exist": (
        _variant("source: S2", "source: S7"),
        "evidence[1].source (line 22): unknown source 'S7' (known: S1, S2)",
    ),
    "impossible date": (
        _variant(
            "relevance: High\n  ratings: {H1: C, H2",
            'date: "2020-02-30"\n  relevance: High\n  ratings: {H1: C, H2',
        ),
        "evidence[0].date (line 18): '2020-02-30' is not a real date",
    ),
    "undercut aimed at a hypothesis": (
        _variant("kind: undercut, from: A1, to: L1", "kind: undercut, from: A1, to: H2"),
        "links[1].to (line 36): unknown link 'H2' (known: L1, L2)",
    ),
    "not YAML at all": (
        "format: [claimmap/1\ncase: {title: x\n",
        "(line 2): not valid YAML: did not find expected ',' or ']'",
    ),
    "empty file": ("", "(top level): the file is empty"),
    "only a comment": ("# nothing here\n", "(top level): the file is empty"),
    "a list instead of a mapping": ("- a\n- b\n", "expected a mapping"),
    "YAML alias bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n",
        "(line 2): YAML aliases (*name) are not allowed in case files",
    ),
    "deeply nested YAML": (
        "x: " + "[" * 100 + "]" * 100 + "\n",
        "(line 1): nesting deeper than 32 levels",
    ),
    "nesting past the parser's own limit": (
        "x: " + "[" * 5000 + "]" * 5000 + "\n",
        "exceeded maximum nesting depth",
    ),
    "duplicate key": (
        _variant("  question: Who broke", "  title: again\n  question: Who broke"),
        "(line 4): duplicate key 'title' (first at line 3)",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_is_refused_with_a_located_message(name, cli, small_file, tmp_path):
    assert cli("import", str(small_file)).exit_code == 0
    before = cli("export", "1").output

    text, expected = CASES[name]
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = cli("import", str(bad))

    assert result.exit_code == 1
    assert f"{bad}: " in result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert cli("export", "1").output == before
    assert len(cli("list", "--json").output.split('"slug"')) == 2  # still one case


def test_every_problem_is_listed_at_once(cli, tmp_path):
    bad = tmp_path / "many.yaml"
    bad.write_text(
        textwrap.dedent(
            """\
            format: claimmap/1
            case: {title: T, question: Q}
            hypotheses: [{id: H1, label: a}]
            evidence:
            - {id: E1, summary: s, credibility: 0, ratings: {H1: Q}}
            - {id: E2, ratings: {H1: C}}
            """
        ),
        encoding="utf-8",
    )
    out = cli("validate", str(bad)).output
    assert "evidence[0].credibility (line 5)" in out
    assert "evidence[0].ratings.H1 (line 5)" in out
    assert "evidence[1].summary (line 6): required field is missing" in out


def test_huge_file_is_refused_before_reading(cli, tmp_path, monkeypatch):
    from claimmap.formats import casefile_read

    monkeypatch.setattr(casefile_read, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text(SMALL_CASE + "#" * 2000 + "\n", encoding="utf-8")
    result = cli("import", str(big))
    assert result.exit_code == 1
    assert "bytes; the limit is" in result.output
    assert cli("list", "--json").output.strip() == "[]"


def test_not_utf8_and_missing_file(cli, tmp_path):
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes("title: caf\xe9\n".encode("latin-1"))
    result = cli("import", str(latin))
    assert result.exit_code == 1
    assert "not UTF-8 text (byte 0xe9 at offset 10)" in result.output

    result = cli("import", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "nope.yaml" in result.output and "cannot read" in result.output


def test_json_errors_are_located_too(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "claimmap/1",\n "case": {"title": "T", "question": "Q"},\n'
        ' "hypotheses": [{"id": "H1", "label": "a"}],\n'
        ' "evidence": [{"id": "E1", "summary": "s", "ratings": {"H1": "Z"}}]}\n',
        encoding="utf-8",
    )
    result = cli("import", str(bad))
    assert result.exit_code == 1
    assert "evidence[0].ratings.H1 (line 4): 'Z' is not one of CC" in result.output

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "claimmap/1",\n "case": }\n', encoding="utf-8")
    assert "(line 2): not valid JSON" in cli("import", str(broken)).output


def test_a_batch_with_one_bad_file_stores_nothing(cli, small_file, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: claimmap/1\n", encoding="utf-8")
    result = cli("import", str(small_file), str(bad))
    assert result.exit_code == 1
    assert "case (line 1): required field is missing" in result.output
    assert cli("list", "--json").output.strip() == "[]"
