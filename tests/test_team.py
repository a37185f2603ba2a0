"""Access control on a PostgreSQL team database, enforced by the server: each refusal is
proved through the command line and through raw SQL, with a clear message and nothing
changed."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers import pg_server

from claimmap.cli import main
from claimmap.store.case_store import Store


class Team:
    def __init__(self, url: str, suffix: str):
        self.url = url
        self.suffix = suffix

    def login(self, name: str) -> str:
        return f"{name}_{self.suffix}"

    def cli(self, who: str | None, *args: str) -> Result:
        url = self.url if who is None else pg_server.as_login(self.url, self.login(who))
        return CliRunner().invoke(main, ["--db", url, *args])

    def sql(self, who: str, statement: str) -> object:
        """Run raw SQL as `who`, as a colleague with psql would; returns the error or rows."""
        import psycopg

        try:
            with pg_server.connect(pg_server.as_login(self.url, self.login(who))) as conn:
                return conn.execute(statement).rowcount
        except psycopg.Error as exc:
            return exc

    def cells(self) -> list[tuple[str, str, str, str]]:
        with pg_server.connect(self.url) as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    "SELECT a.name, e.key, h.key, r.value FROM ratings r "
                    "JOIN analysts a ON a.id = r.analyst_id JOIN evidence e ON e.id = r.evidence_id "
                    "JOIN hypotheses h ON h.id = r.hypothesis_id ORDER BY 1, 2, 3"
                )
            ]

    def changes(self) -> int:
        with pg_server.connect(self.url) as conn:
            return int(conn.execute("SELECT count(*) FROM changes").fetchone()[0])


@pytest.fixture
def team(pg_url: str, pg_admin: str, small_file: Path) -> Iterator[Team]:
    """The database's owner (`tester`) imports the vase case and adds a lead, two analysts
    and a viewer; their logins are dropped afterwards."""
    t = Team(pg_url, uuid.uuid4().hex[:8])
    assert t.cli(None, "import", str(small_file)).exit_code == 0
    for name, flag in (
        ("lea", "--lead"),
        ("ana", "--analyst"),
        ("bob", "--analyst"),
        ("vic", "--viewer"),
    ):
        run = t.cli(None, "team", "add", t.login(name), flag)
        assert run.exit_code == 0, run.output
        assert run.output == f"{t.login(name)} is now a {flag[2:]} (new login, no password yet)\n"
    yield t
    with pg_server.connect(pg_admin) as conn:
        for name in ("lea", "ana", "bob", "vic", "carl"):
            conn.execute(f'DROP ROLE IF EXISTS "{t.login(name)}"')


CASE = "who-broke-the-vase-من-كسر-المزهرية"


def test_team_list_shows_each_member_and_role(team: Team) -> None:
    run = team.cli(None, "team", "list")
    assert run.exit_code == 0, run.output
    rows = [line.split() for line in run.output.splitlines()]
    assert sorted(rows) == sorted(
        [
            [team.login("ana"), "analyst"],
            [team.login("bob"), "analyst"],
            [team.login("lea"), "lead"],
            [team.login("vic"), "viewer"],
        ]
    )


def test_a_viewer_reads_but_cannot_rate(team: Team) -> None:
    assert team.cli("vic", "show", CASE).exit_code == 0
    before, log = team.cells(), team.changes()
    run = team.cli("vic", "rate", CASE, "E3", "H2", "CC")
    assert run.exit_code == 1
    assert run.output.startswith(
        f"claimmap: the server refused this for {team.login('vic')} (viewer): permission denied for table"
    )
    assert "\n" not in run.output.rstrip("\n")
    raw = team.sql("vic", "UPDATE ratings SET value = 'II'")
    assert "permission denied for table ratings" in str(raw)
    assert (team.cells(), team.changes()) == (before, log)


def test_an_analyst_rates_as_themselves_and_cannot_touch_a_colleagues_rating(team: Team) -> None:
    assert team.cli("bob", "rate", CASE, "E3", "H2", "II").exit_code == 0
    assert team.cli("ana", "rate", CASE, "E3", "H2", "CC").exit_code == 0
    bob, ana = team.login("bob"), team.login("ana")
    assert (bob, "E3", "H2", "II") in team.cells() and (ana, "E3", "H2", "CC") in team.cells()
    before, log = team.cells(), team.changes()
    # by the command line: --as names a colleague
    run = team.cli("ana", "rate", CASE, "E3", "H2", "N", "--as", bob)
    assert run.exit_code == 1
    assert run.output == (
        f"claimmap: on PostgreSQL you rate as your database login ({ana}); "
        f"to rate as {bob}, connect as {bob}\n"
    )
    run = team.cli("ana", "--who", bob, "list")
    assert run.exit_code == 1 and "cannot change it" in run.output
    # by the command line: undo takes back ana's own last edit, never bob's newer one
    assert team.cli("bob", "rate", CASE, "E1", "H1", "II").exit_code == 0
    before = team.cells()
    run = team.cli("ana", "undo", CASE)
    assert run.output == "undone: rate E3 × H2: unrated → CC\n"
    assert (bob, "E1", "H1", "II") in team.cells()
    assert (ana, "E3", "H2", "CC") not in team.cells()
    assert team.cli("ana", "redo", CASE).output == "redone: rate E3 × H2: unrated → CC\n"
    before, log = team.cells(), team.changes()
    # by raw SQL: bob's rows are not ana's to update, delete or forge
    assert (
        team.sql(
            "ana",
            f"UPDATE ratings SET value = 'N' WHERE analyst_id = (SELECT id FROM analysts WHERE name = '{bob}')",
        )
        == 0
    )
    assert (
        team.sql(
            "ana",
            f"DELETE FROM ratings WHERE analyst_id = (SELECT id FROM analysts WHERE name = '{bob}')",
        )
        == 0
    )
    forged = team.sql(
        "ana",
        "INSERT INTO ratings (case_id, evidence_id, hypothesis_id, analyst_id, value) "
        f"SELECT e.case_id, e.id, h.id, a.id, 'CC' FROM evidence e, hypotheses h, analysts a "
        f"WHERE e.key = 'E2' AND h.key = 'H3' AND a.name = '{bob}'",
    )
    assert "violates row-level security policy" in str(forged)
    log_forged = team.sql(
        "ana",
        "INSERT INTO changes (at, who, action, op, before, after, state) "
        f"VALUES ('now', '{bob}', 'forged', 'edit', '{{}}', '{{}}', 'done')",
    )
    assert "violates row-level security policy" in str(log_forged)
    renamed = team.sql("ana", f"UPDATE analysts SET name = '{ana}' WHERE name = '{bob}'")
    assert "permission denied for table analysts" in str(renamed)
    assert (team.cells(), team.changes()) == (before, log)
    # and the analyst's own rating is theirs to change and undo
    assert team.cli("ana", "rate", CASE, "E1", "H1", "CC").exit_code == 0
    assert team.cli("ana", "undo", CASE).exit_code == 0
    assert team.cells() == before


def test_an_analyst_edits_content_but_only_a_lead_deletes_a_case(team: Team) -> None:
    run = team.cli("ana", "add", CASE, "hypotheses", "id=H4", "label=The dog")
    assert run.exit_code == 0, run.output
    log = team.changes()
    run = team.cli("ana", "delete", CASE, "--yes")
    assert run.exit_code == 1
    assert run.output == (
        f"claimmap: the server refused this for {team.login('ana')} (analyst): "
        "permission denied for table cases\n"
    )
    assert "permission denied for table cases" in str(team.sql("ana", "DELETE FROM cases"))
    assert team.changes() == log
    run = team.cli("lea", "delete", CASE, "--yes")
    assert run.exit_code == 0, run.output
    assert team.cells() == []


def test_a_lead_manages_the_team_and_an_analyst_cannot(team: Team) -> None:
    run = team.cli("ana", "team", "add", team.login("carl"), "--lead")
    assert run.exit_code == 1
    assert run.output.startswith(
        f"claimmap: the server refused this for {team.login('ana')} (analyst): permission denied"
    )
    run = team.cli("lea", "team", "add", team.login("carl"), "--viewer")
    assert run.exit_code == 0, run.output
    run = team.cli("lea", "team", "remove", team.login("bob"))
    assert run.exit_code == 0, run.output
    listed = team.cli("lea", "team", "list").output
    assert team.login("bob") not in listed and f"{team.login('carl')}" in listed
    # bob's login is kept but reads nothing here any more
    run = team.cli("bob", "list")
    assert run.exit_code == 1 and "permission denied" in run.output
    run = team.cli("lea", "team", "remove", team.login("bob"))
    assert (
        run.output
        == f"claimmap: {team.login('bob')} is not on this database's team (see `claimmap team list`)\n"
    )


def test_team_commands_on_sqlite_say_they_need_postgresql(tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "team", "list"])
    assert run.exit_code == 1
    assert run.output.startswith("claimmap: teams need a PostgreSQL database")


def test_the_owner_store_reports_no_team_role(team: Team) -> None:
    store = Store.open(team.url)
    try:
        assert store.who == "tester"
        assert store.team_members()[0][0] == team.login("ana")
    finally:
        store.close()


def test_an_analyst_imports_a_case_whose_ratings_become_theirs(team: Team, tmp_path: Path) -> None:
    """The analyst's rows go in under row-level security (which refuses COPY), and a file's
    unattributed ratings are filed under the login that imports them."""
    file = tmp_path / "mine.yaml"
    file.write_text(
        "format: claimmap/1\ncase: {title: Mine, question: Which?}\n"
        "hypotheses: [{id: H1, label: One}, {id: H2, label: Two}]\n"
        "evidence:\n  - {id: E1, summary: Seen, ratings: {H1: CC, H2: II}}\n",
        encoding="utf-8",
    )
    run = team.cli("ana", "import", str(file))
    assert run.exit_code == 0, run.output
    ana = team.login("ana")
    assert [c for c in team.cells() if c[0] == ana] == [
        (ana, "E1", "H1", "CC"),
        (ana, "E1", "H2", "II"),
    ]
    # a file that names a colleague as its analyst is not ana's to import
    file.write_text(
        file.read_text(encoding="utf-8").replace(
            "case: {title: Mine", f"analyst: {team.login('bob')}\ncase: {{title: Theirs"
        ),
        encoding="utf-8",
    )
    log = team.changes()
    run = team.cli("ana", "import", str(file))
    assert run.exit_code == 1
    assert run.output == (
        f"claimmap: the server refused this for {ana} (analyst): new row violates row-level "
        'security policy for table "ratings"\n'
    )
    assert team.changes() == log


def test_only_a_lead_switches_blind_until_rated(team: Team) -> None:
    ana = team.login("ana")
    run = team.cli("ana", "set", CASE, "case", "blind_until_rated=true")
    assert run.exit_code == 1
    assert run.output == (
        f"claimmap: only a team lead may switch blind_until_rated; {ana} is a team analyst (a "
        "lead can change it, or make you a lead with `claimmap team add NAME --lead`); nothing "
        "was changed\n"
    )
    log = team.changes()
    # an analyst still edits the case's other fields
    assert team.cli("ana", "set", CASE, "case", "question=Who did it?").exit_code == 0
    assert team.changes() == log + 1
    run = team.cli("lea", "set", CASE, "case", "blind_until_rated=true")
    assert run.exit_code == 0, run.output
    with pg_server.connect(team.url) as conn:
        (blind,) = conn.execute("SELECT blind_until_rated FROM cases").fetchone()
    assert blind is True
    # undo restores whole rows: ana's question edit cannot be undone over the lead's later
    # switch of the same case row, so it is refused until the lead undoes theirs
    run = team.cli("ana", "undo", CASE)
    assert run.exit_code == 1
    assert f"{team.login('lea')} changed it since at " in run.output
    assert team.cli("lea", "undo", CASE).output == "undone: edit case blind_until_rated\n"
    assert team.cli("ana", "undo", CASE).output == "undone: edit case question\n"
