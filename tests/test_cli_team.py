"""The command line for several analysts: `rate --as` asks before adding a new analyst and
names the log entry, `history --analyst` filters, undo refuses to overwrite a colleague, and
the blind_until_rated setting goes through set, undo, export and import."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimmap.cli import edit_commands
from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store

sqlite_only = pytest.mark.parametrize("db", ["sqlite"], indirect=True)

REFUSED = (
    "claimmap: anna is not an analyst of this case yet (its analysts: default); "
    "to add anna as a new analyst, rate again with --new-analyst\n"
)


@pytest.fixture
def imported(cli, small_file: Path) -> None:
    assert cli("import", str(small_file)).exit_code == 0


def _raters(db: str) -> list[str]:
    store = Store.open(db)
    try:
        return store.case_analysts(1)
    finally:
        store.close()


@sqlite_only
def test_rate_as_an_unknown_name_from_a_script_is_refused_with_the_way_to_add_it(
    cli, db, imported
) -> None:
    result = cli("rate", "1", "E1", "H1", "CC", "--as", "anna")
    assert result.exit_code == 1
    assert result.output == REFUSED
    assert _raters(db) == ["default"]


@sqlite_only
def test_rate_as_an_unknown_name_on_a_terminal_asks_first(
    cli, db, imported, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(edit_commands, "stdin_is_terminal", lambda: True)
    declined = cli("rate", "1", "E1", "H1", "CC", "--as", "anna", input="n\n")
    assert declined.exit_code == 1
    assert "Add anna as a new analyst of this case?" in declined.output
    assert declined.output.endswith("Error: nothing was rated; anna was not added\n")
    assert _raters(db) == ["default"]
    confirmed = cli("rate", "1", "E1", "H1", "CC", "--as", "anna", input="y\n")
    assert confirmed.exit_code == 0, confirmed.output
    assert confirmed.output == (
        "This case's analysts are default. Add anna as a new analyst of this case? [y/N]: y\n"
        "E1 × H1: CC\n"
    )
    assert _raters(db) == ["default", "anna"]
    # known now: no question the second time
    again = cli("rate", "1", "E2", "H1", "C", "--as", "anna")
    assert again.output == "E2 × H1: C\n"


@sqlite_only
def test_new_analyst_flag_adds_without_asking_and_as_names_the_log_entry(cli, db, imported) -> None:
    result = cli("rate", "1", "E1", "H1", "CC", "--as", "anna", "--new-analyst")
    assert (result.exit_code, result.output) == (0, "E1 × H1: CC\n")
    assert _raters(db) == ["default", "anna"]
    newest = cli("history", "1", "-n", "1").output
    assert "  anna  " in newest and "rate E1 × H1: unrated → CC" in newest
    # --who still wins when given: the log names the typist, the rating is anna's
    cli("--who", "clerk", "rate", "1", "E2", "H1", "C", "--as", "anna")
    assert "  clerk  " in cli("history", "1", "-n", "1").output
    # anna undoes her own rating, not the clerk's newer one
    assert cli("--who", "anna", "undo", "1").output == "undone: rate E1 × H1: unrated → CC\n"


def test_history_filters_by_analyst_and_names_who_on_every_line(cli, db, imported) -> None:
    cli("rate", "1", "E3", "H2", "C")
    cli("add", "1", "hypothesis", "label=The dog")
    lines = cli("history", "1").output.splitlines()
    assert len(lines) == 3 and all("  tester  " in line for line in lines)
    only = cli("history", "1", "--analyst", "tester").output.splitlines()
    assert only == lines
    nobody = cli("history", "1", "--analyst", "nobody")
    assert (nobody.exit_code, nobody.output) == (0, "no changes by nobody\n")


@sqlite_only
def test_undo_refusal_reaches_the_command_line_in_one_line(cli, imported) -> None:
    assert cli("--who", "ana", "set", "1", "H1", "label=The cat, said ana").exit_code == 0
    assert cli("--who", "bob", "set", "1", "H1", "label=The cat, said bob").exit_code == 0
    result = cli("--who", "ana", "undo", "1")
    assert result.exit_code == 1
    assert result.output.startswith(
        "claimmap: cannot undo your edit “edit hypothesis H1 (label)”: bob changed it since at "
    )
    assert result.output.endswith("; nothing was changed\n")
    assert len(result.output.splitlines()) == 1
    assert "said bob" in cli("show", "1").output


def _blind(db: str) -> bool:
    store = Store.open(db)
    try:
        return store.case_header(1).info.blind_until_rated
    finally:
        store.close()


def test_blind_until_rated_round_trips_through_set_undo_export_and_import(
    cli, db, imported, tmp_path: Path
) -> None:
    assert _blind(db) is False  # a file without the setting imports as not blind
    changed = cli("set", "1", "case", "blind_until_rated=true")
    assert changed.exit_code == 0, changed.output
    assert changed.output.startswith("changed blind_until_rated of ")
    assert _blind(db) is True
    assert "Blind until rated: " in cli("show", "1").output
    assert "edit case blind_until_rated" in cli("history", "1", "-n", "1").output
    assert cli("undo", "1").exit_code == 0
    assert _blind(db) is False
    assert cli("redo", "1").exit_code == 0
    assert _blind(db) is True
    out = tmp_path / "blind.yaml"
    assert cli("export", "1", "-o", str(out)).exit_code == 0
    assert "blind_until_rated: true" in out.read_text(encoding="utf-8")
    assert read_case_file(out).case.blind_until_rated is True
    assert cli("set", "1", "case", "blind_until_rated=false").exit_code == 0
    plain = tmp_path / "plain.yaml"
    assert cli("export", "1", "-o", str(plain)).exit_code == 0
    assert "blind_until_rated" not in plain.read_text(encoding="utf-8")  # the default is left out
    assert cli("import", str(out), "--replace").exit_code == 0
    assert _blind(db) is True


def test_blind_until_rated_refuses_what_is_not_true_or_false(cli, db, imported) -> None:
    result = cli("set", "1", "case", "blind_until_rated=maybe")
    assert result.exit_code == 1
    assert "blind_until_rated" in result.output and "Traceback" not in result.output
    assert _blind(db) is False
