"""Several analysts on one case through the store, on SQLite and PostgreSQL: each undoes their
own edits only, undo never overwrites a colleague's later change, the log is filtered by
analyst, and everyone's ratings come back in an export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store
from claimmap.store.errors import UndoConflict, UnknownAnalyst
from tests.helpers import pg_server


@dataclass
class Team:
    case: int
    owner: Store
    ana: Store
    bob: Store


def _as(db: str, name: str, request: pytest.FixtureRequest) -> Store:
    """A store of the analyst `name`: on SQLite a --who, on PostgreSQL a login of its own."""
    if not db.startswith("postgresql"):
        return Store.open(db, who=name)
    pg_server.ensure_login(request.getfixturevalue("pg_admin"), name)
    return Store.open(pg_server.as_login(db, name))


@pytest.fixture
def team(db: str, small_file: Path, request: pytest.FixtureRequest) -> Iterator[Team]:
    owner = Store.open(db, who="tester")
    case = owner.import_document(read_case_file(small_file)).id
    ana, bob = _as(db, "ana", request), _as(db, "bob", request)
    yield Team(case, owner, ana, bob)
    for store in (owner, ana, bob):
        store.close()


def rate(store: Store, case: int, evidence: str, hypothesis: str, value: str | None) -> None:
    """Rate as the store's own analyst (the login on PostgreSQL, the --who on SQLite)."""
    store.rate(case, evidence, hypothesis, value, analyst=store.who, new_analyst=True)


def cells(store: Store, case: int) -> set[tuple[str, str, str, str]]:
    """(analyst, evidence, hypothesis, rating) of every rating but the case analyst's."""
    doc = store.export_document(case)
    return {
        (who, ev.id, hyp, cell.rating.value)
        for ev in doc.evidence
        for who, by in ev.ratings_by.items()
        for hyp, cell in by.items()
    }


def test_each_analyst_undoes_and_redoes_only_their_own_edits(team: Team) -> None:
    rate(team.ana, team.case, "E3", "H2", "C")
    rate(team.bob, team.case, "E2", "H1", "CC")
    both = {("ana", "E3", "H2", "C"), ("bob", "E2", "H1", "CC")}
    assert cells(team.owner, team.case) == both  # export lists every other analyst's ratings
    undone = team.ana.undo(team.case)
    assert undone is not None and undone.action == "rate E3 × H2: unrated → C"
    assert cells(team.owner, team.case) == {("bob", "E2", "H1", "CC")}
    # ana has nothing more to undo here: the import is the owner's, the other rating bob's
    assert team.ana.undo(team.case) is None
    assert cells(team.owner, team.case) == {("bob", "E2", "H1", "CC")}
    redone = team.ana.redo(team.case)
    assert redone is not None and redone.action == "rate E3 × H2: unrated → C"
    assert cells(team.owner, team.case) == both
    assert team.bob.redo(team.case) is None  # ana's undone edit was never bob's to redo


def test_a_new_edit_ends_only_its_own_analysts_redo(team: Team) -> None:
    rate(team.ana, team.case, "E3", "H2", "C")
    team.ana.undo(team.case)
    rate(team.bob, team.case, "E2", "H1", "CC")  # a colleague's edit leaves ana's redo alone
    assert team.ana.redo(team.case) is not None
    team.ana.undo(team.case)
    rate(team.ana, team.case, "E1", "H3", "N")  # ana's own new edit ends it
    assert team.ana.redo(team.case) is None
    states = {e.action: e.state for e in team.owner.history(team.case, who="ana")}
    assert states["rate E3 × H2: unrated → C"] == "dead"


def _refusal(exc: pytest.ExceptionInfo[UndoConflict], what: str, by: str) -> None:
    assert re.fullmatch(
        rf"cannot undo {re.escape(what)}: {by} changed it since at \d\d:\d\d; nothing was changed",
        str(exc.value),
    ), str(exc.value)


def test_undo_refuses_to_overwrite_a_colleagues_later_change(team: Team) -> None:
    team.ana.update_item(team.case, "H1", {"label": "The cat, said ana"})
    team.bob.update_item(team.case, "H1", {"label": "The cat, said bob"})
    log = len(team.owner.history(team.case, 1000))
    with pytest.raises(UndoConflict) as refused:
        team.ana.undo(team.case)
    _refusal(refused, "your edit “edit hypothesis H1 (label)”", "bob")
    doc = team.owner.export_document(team.case)
    assert doc.hypotheses[0].label == "The cat, said bob"  # nothing was changed
    assert len(team.owner.history(team.case, 1000)) == log
    # once bob takes his change back, the rows are as ana left them and her undo goes ahead
    assert team.bob.undo(team.case) is not None
    assert team.ana.undo(team.case) is not None
    assert team.owner.export_document(team.case).hypotheses[0].label == "The cat"


def test_undo_goes_ahead_when_a_colleague_changed_something_else(team: Team) -> None:
    team.ana.update_item(team.case, "H1", {"label": "The cat, said ana"})
    team.bob.update_item(team.case, "H2", {"label": "The wind, said bob"})
    assert team.ana.undo(team.case) is not None
    doc = team.owner.export_document(team.case)
    assert [h.label for h in doc.hypotheses[:2]] == ["The cat", "The wind, said bob"]


def test_undo_refuses_to_take_a_colleagues_rating_with_an_item(team: Team) -> None:
    """Un-adding a hypothesis would delete the rating bob gave it since."""
    team.ana.add_item(team.case, "hypotheses", {"id": "H4", "label": "The dog"})
    rate(team.bob, team.case, "E1", "H4", "CC")
    with pytest.raises(UndoConflict) as refused:
        team.ana.undo(team.case)
    _refusal(refused, "your edit “add hypothesis H4”", "bob")
    assert ("bob", "E1", "H4", "CC") in cells(team.owner, team.case)
    # a rating bob has taken back again is no reason to refuse
    team.bob.undo(team.case)
    assert team.ana.undo(team.case) is not None
    assert [h.id for h in team.owner.export_document(team.case).hypotheses] == ["H1", "H2", "H3"]


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_undo_of_a_rating_names_the_colleague_who_changed_that_cell(team: Team) -> None:
    """On SQLite two log names may rate as the case's analyst: the same cell, the same row."""
    team.owner.rate(team.case, "E3", "H1", "II")
    team.ana.rate(team.case, "E3", "H1", "N")
    with pytest.raises(UndoConflict) as refused:
        team.owner.undo(team.case)
    _refusal(refused, "your rating E3 × H1", "ana")
    assert team.owner.export_document(team.case).evidence[2].ratings["H1"].rating.value == "N"


def test_redo_refuses_too_when_a_colleague_changed_the_rows_since(team: Team) -> None:
    team.ana.update_item(team.case, "H1", {"label": "The cat, said ana"})
    team.ana.undo(team.case)
    team.bob.update_item(team.case, "H1", {"label": "The cat, said bob"})
    with pytest.raises(UndoConflict, match=r"^cannot redo your edit .* bob changed it since"):
        team.ana.redo(team.case)
    assert team.owner.export_document(team.case).hypotheses[0].label == "The cat, said bob"


def test_history_by_analyst(team: Team) -> None:
    rate(team.ana, team.case, "E3", "H2", "C")
    rate(team.bob, team.case, "E2", "H1", "CC")
    rate(team.ana, team.case, "E1", "H3", "N")
    team.ana.undo(team.case)
    mine = team.owner.history(team.case, 50, who="ana")
    assert [(e.who, e.op, e.action) for e in mine] == [
        ("ana", "undo", "undo: rate E1 × H3: unrated → N"),
        ("ana", "edit", "rate E1 × H3: unrated → N"),
        ("ana", "edit", "rate E3 × H2: unrated → C"),
    ]
    assert [e.who for e in team.owner.history(team.case, 50)] == [
        "ana",
        "ana",
        "bob",
        "ana",
        "tester",
    ]
    assert team.owner.history(team.case, 50, who="nobody") == []


def test_case_analysts_lists_the_case_analyst_first_then_the_raters(team: Team) -> None:
    own = team.owner.case_analysts(team.case)[0]
    rate(team.bob, team.case, "E2", "H1", "CC")
    rate(team.ana, team.case, "E3", "H2", "C")
    assert team.owner.case_analysts(team.case) == [own, "ana", "bob"]


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_rating_as_an_unknown_name_is_refused_until_it_is_called_new(team: Team) -> None:
    log = len(team.owner.history(team.case, 1000))
    with pytest.raises(UnknownAnalyst) as refused:
        team.owner.rate(team.case, "E1", "H1", "CC", analyst="anna")
    assert str(refused.value) == (
        "anna is not an analyst of this case yet (its analysts: default); "
        "to add anna as a new analyst, rate again with --new-analyst"
    )
    assert refused.value.known == ["default"]
    assert len(team.owner.history(team.case, 1000)) == log  # nothing was written
    assert team.owner.case_analysts(team.case) == ["default"]
    team.owner.rate(team.case, "E1", "H1", "CC", analyst="anna", new_analyst=True)
    team.owner.rate(team.case, "E2", "H1", "C", analyst="anna")  # known now
    assert team.owner.case_analysts(team.case) == ["default", "anna"]


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_undoing_an_item_edit_keeps_a_colleagues_later_rating_of_it(team: Team) -> None:
    """An item's edit captures its ratings too (unchanged by it); undo rewrites only what the
    edit changed, so bob's newer rating of H1 survives ana's undo of the label."""
    team.ana.update_item(team.case, "H1", {"label": "The cat, said ana"})
    team.bob.rate(team.case, "E1", "H1", "II")  # the case analyst's cell, logged as bob
    assert team.ana.undo(team.case) is not None
    doc = team.owner.export_document(team.case)
    assert doc.hypotheses[0].label == "The cat"
    assert doc.evidence[0].ratings["H1"].rating.value == "II"
