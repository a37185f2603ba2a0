"""What claimmap prints from user input is shown, never obeyed by the terminal: no ESC
sequence, carriage return or newline of a user's reaches the output as itself."""

from __future__ import annotations

import json

import pytest

from claimmap.model.visible import visible, visible_block
from tests.conftest import SMALL_CASE

FORGED = "fake.yaml: ok"
EVIL = "x\x1b[2J\x1b]0;pwned\x07\r\n" + FORGED + "\x9b31m\u2028y"


def _clean(output: str) -> None:
    assert "\x1b" not in output and "\r" not in output and "\x07" not in output
    assert "\x9b" not in output and "\u2028" not in output
    assert all(line.strip() != FORGED for line in output.splitlines())


def test_the_helper_escapes_what_a_programmer_would_type():
    assert visible("a\x1b[31m\nb\tc\x7f\x9b\u2028") == "a\\x1b[31m\\nb\\tc\\x7f\\x9b\\u2028"
    assert visible_block("a\nb\tc\x1b") == "a\nb\tc\\x1b"
    assert visible("هيئة تحرير الشام 🧭 \u200f") == "هيئة تحرير الشام 🧭 \u200f"


@pytest.fixture
def hostile(cli, tmp_path):
    """A case with a terminal escape and a forged line in every free-text field."""
    q = json.dumps(EVIL)  # a double-quoted YAML scalar with the escapes written as \\x1b...
    text = (
        SMALL_CASE.replace(
            'title: "Who broke the vase? من كسر المزهرية؟"', f"title: {q}\n  slug: evil"
        )
        .replace("label: The cat,", f"label: {q},")
        .replace("summary: Cat hair was found on the table.", f"summary: {q}")
        .replace("title: Neighbour's account,", f"title: {q}, author: {q},")
        .replace("statement: The vase was on the table.,", f"statement: {q},")
        .replace("description: More hair on the shelf,", f"description: {q},")
        .replace("tags: [household]", f"tags: [{q}]")
    )
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("--who", "mallory\x1b[31m\nfake", "import", str(path))
    assert result.exit_code == 0, result.output
    assert cli("--who", "eve\x1b]0;x\x07", "rate", "evil", "E2", "H1", "II").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("show", "evil"),
        ("list",),
        ("history",),
        ("score", "evil", "--draws", "10"),
        ("grade", "evil", "--key", "evil"),
    ],
)
@pytest.mark.parametrize(
    "db", ["sqlite"], indirect=True
)  # --who names the log only on SQLite; a server logs the login
def test_commands_that_print_user_text_escape_it(cli, hostile, args):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    _clean(result.output)
    if args[0] in ("show", "list"):
        assert "x\\x1b[2J" in result.output


def test_error_messages_escape_keys_and_file_names(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL_CASE + json.dumps("\n" + FORGED + "\x1b[0m") + ": 1\n", "utf-8")
    result = cli("validate", str(bad))
    assert result.exit_code == 1
    _clean(result.output)
    assert "unknown key" in result.output and "\\nfake.yaml: ok\\x1b[0m" in result.output

    odd = tmp_path / ("odd\n" + FORGED + "\x1b[2J.yaml")
    odd.write_text(SMALL_CASE, "utf-8")
    result = cli("validate", str(odd))
    assert result.exit_code == 0
    _clean(result.output)
    assert "odd\\nfake.yaml: ok\\x1b[2J.yaml: ok (3 hypotheses" in result.output

    result = cli("show", "no\x1b[2Jcase\nfake")
    assert result.exit_code == 1
    _clean(result.output)
