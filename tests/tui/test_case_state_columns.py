"""The interface's case state holds ratings in columns; what it answers must not change."""

from __future__ import annotations

import numpy as np

from claimmap.formats.casefile_read import read_case_file
from claimmap.scoring.teams import cell_statistics
from claimmap.tui.case_state import CaseState
from tests.test_case_columns import TEAM_CASE


def _state(tmp_path, me: str | None = None) -> CaseState:
    path = tmp_path / "team.yaml"
    path.write_text(TEAM_CASE, encoding="utf-8")
    return CaseState(1, read_case_file(path), me)


def test_cells_read_from_the_cube_with_their_rationales(tmp_path):
    state = _state(tmp_path)
    e1 = state.cell("E1", "H3")
    assert e1 is not None and (e1.rating.value, e1.rationale) == ("I", "The ball was outside")
    ana = state.cell("E2", "H1", "ana")
    assert ana is not None and (ana.rating.value, ana.rationale) == (
        "I",
        "shut windows prove little",
    )
    assert state.cell("E3", "H2") is None  # unrated
    assert state.cell("E1", "H1", "nobody") is None  # an analyst with no layer


def test_a_rating_replaces_its_rationale_and_clearing_drops_it(tmp_path):
    state = _state(tmp_path)
    before = state.snapshot
    state.set_rating("E1", "H3", "C", None)
    cell = state.cell("E1", "H3")
    assert cell is not None and (cell.rating.value, cell.rationale) == ("C", None)
    state.set_rating("E3", "H2", "II", "no sound at all")
    cell = state.cell("E3", "H2")
    assert cell is not None and cell.rationale == "no sound at all"
    state.set_rating("E3", "H2", None, "ignored: a cleared cell has no rationale")
    assert state.cell("E3", "H2") is None
    assert ("default", "E3", "H2") not in state.snapshot.rationales
    # the snapshot a worker may still be reading is untouched
    assert before.rationales[("default", "E1", "H3")] == "The ball was outside"
    assert before.matrix.ratings[0, 0, 2] == -1
    # and the whole document, when a view asks for it, carries the edits
    rated = state.snapshot.rated_doc
    assert rated.evidence[0].ratings["H3"].rating.value == "C"
    assert "H2" not in rated.evidence[2].ratings


def test_team_statistics_follow_each_edit_as_a_full_recount_would(tmp_path):
    state = _state(tmp_path, me="ben")  # a third analyst, whose layer starts empty
    state.team_statistics()  # computed once; later edits update it row by row
    edits = [
        ("E2", "H1", "CC", "ben"),
        ("E2", "H2", "NA", "ben"),
        ("E1", "H2", "II", "ana"),
        ("E2", "H1", None, "ben"),
        ("E3", "H3", "C", None),
    ]
    for evidence, hypothesis, value, who in edits:
        state.set_rating(evidence, hypothesis, value, None, who)
        kept = state.team_statistics()
        fresh = cell_statistics(state.matrix)
        for name, values in fresh.items():
            assert np.array_equal(kept[name], values, equal_nan=True), (evidence, name)
    # by hand for E2 x H2 at the end: default II (-2), ana NA, ben NA -> NA has the majority
    e2 = state.matrix.evidence.index("E2")
    assert state.team_statistics()["n_na"][e2, 1] == 2
    assert state.team_statistics()["n_rated"][e2, 1] == 1


def test_the_report_in_parts_is_the_report_in_one(tmp_path):
    from claimmap.scoring.report import score_report

    state = _state(tmp_path)
    state.set_rating("E3", "H2", "I", None)
    whole = score_report(state.matrix, None, state.me)
    _, first = state.report(per_cell=False, flips=False, chances=False)
    assert first["uncertainty"] is None and first["contributions"] == {}
    assert first["flip"] == {} and first["linchpins"] == {}
    assert set(first["consensus"]) == {"buckets"}  # counts, no list of cells
    assert first["consensus"]["buckets"] == whole["consensus"]["buckets"]
    assert first["scores"] == whole["scores"]
    _, second = state.report(per_cell=False, chances=False)
    assert second["flip"] == whole["flip"] and second["linchpins"] == whole["linchpins"]
    assert list(second) == list(first)  # the flips fill their places, in order
    _, joined = state.report()
    assert joined == whole
    assert list(joined) == list(whole)  # the same keys in the same order


def test_live_views_follow_each_edit_as_a_fresh_view_would(tmp_path):
    from claimmap.scoring.view import build_view

    state = _state(tmp_path, me="ben")
    everyone = (None, "ben", "ana", "default")
    for whose in everyone:
        state.view_of(whose)  # kept from now on, and carried over edit by edit
    edits = [
        ("E2", "H1", "CC", "ben"),
        ("E1", "H2", "NA", "ana"),
        ("E2", "H1", None, "ben"),
        ("E3", "H3", "II", "default"),
    ]
    for evidence, hypothesis, value, who in edits:
        state.set_rating(evidence, hypothesis, value, None, who)
        for whose in everyone:
            kept, fresh = state.view_of(whose), build_view(state.matrix, whose)
            assert kept.matrix is state.matrix
            for name in ("values", "rated", "evaluated", "os_scale", "weights", "base"):
                assert np.array_equal(getattr(kept, name), getattr(fresh, name)), (whose, name)
    # by hand, the group's E3 x H3 at the end: only default rated it, II -> -2
    assert state.view_of(None).values[2, 2] == -2.0


def test_warming_in_the_loading_thread_leaves_the_first_paint_nothing_to_compute(
    tmp_path, monkeypatch
):
    import claimmap.scoring.teams as teams
    import claimmap.tui.case_state as case_state

    computed: list[str] = []
    views, stats = case_state.build_view, teams.cell_statistics
    monkeypatch.setattr(case_state, "build_view", lambda *a: computed.append("view") or views(*a))
    # imported where used (the team statistics load only on a case with colleagues)
    monkeypatch.setattr(teams, "cell_statistics", lambda *a: computed.append("team") or stats(*a))
    state = _state(tmp_path)  # three analysts
    state.warm()
    assert sorted(computed) == ["team", "view"]
    computed.clear()
    # what the matrix's first paint reads: my live scores and the cell's team statistics
    scores = state.live_scores("weighted")
    team = state.team_statistics()
    assert computed == []
    assert set(scores.scores) == set(state.hypothesis_ids)
    expected = cell_statistics(state.matrix)
    assert all(np.array_equal(team[k], expected[k], equal_nan=True) for k in expected)
