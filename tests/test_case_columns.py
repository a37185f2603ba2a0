"""The case in columns (the interface's way to hold it): the document without ratings, the
rating cube and the rationales. Read any way, it must be the same case as the document."""

from __future__ import annotations

import numpy as np

from claimmap.formats.casefile_matrix import (
    matrix_from_document,
    rated_document,
    rationales_of,
    without_ratings,
)
from claimmap.formats.casefile_read import read_case_file
from claimmap.scoring.matrix import NA, UNRATED
from claimmap.store.case_store import Store
from tests.conftest import SMALL_CASE

# A colleague's layer, so the cube has two analysts and a rationale outside the lead's.
TEAM_CASE = SMALL_CASE.replace(
    "  ratings: {H1: N, H2: II, H3: N}\n",
    "  ratings: {H1: N, H2: II, H3: N}\n"
    "  ratings_by:\n"
    "    ana: {H1: {rating: I, rationale: shut windows prove little}, H2: NA}\n",
)


def _store_two_cases(store: Store, tmp_path) -> int:
    """The team case, a second case imported after it, then a hypothesis added to the first:
    its rows' ids are no longer contiguous, as in any database that has been used."""
    path = tmp_path / "team.yaml"
    path.write_text(TEAM_CASE, encoding="utf-8")
    first = store.import_document(read_case_file(path)).id
    other = TEAM_CASE.replace('title: "Who broke', 'title: "Again: who broke')
    path.write_text(other.replace("case:\n", "case:\n  slug: second\n"), encoding="utf-8")
    store.import_document(read_case_file(path))
    store.add_item(first, "hypotheses", {"id": "H4", "label": "The dog"})
    store.rate(first, "E2", "H4", "CC", "paw prints by the window")
    return first


def test_columns_hold_the_same_case_as_the_document(store: Store, tmp_path):
    case_id = _store_two_cases(store, tmp_path)
    shell, matrix, rationales = store.case_columns(case_id)
    assert all(not ev.ratings and not ev.ratings_by for ev in shell.evidence)
    lead = shell.analyst  # "default" from the file; on PostgreSQL, the login
    assert rationales == {
        (lead, "E1", "H3"): "The ball was outside",
        ("ana", "E2", "H1"): "shut windows prove little",
        (lead, "E2", "H4"): "paw prints by the window",
    }
    assert matrix.analysts == (lead, "ana")
    assert matrix.hypotheses == ("H1", "H2", "H3", "H4")
    # worked by hand from TEAM_CASE: lead E2 = N, II, N, CC; ana E2 = I, NA, -, -
    e2 = matrix.evidence.index("E2")
    assert matrix.ratings[0, e2].tolist() == [0, -2, 0, 2]
    assert matrix.ratings[1, e2].tolist() == [-1, NA, UNRATED, UNRATED]
    assert (matrix.ratings[1, [0, 2]] == UNRATED).all()  # ana rated E2 alone
    # the columns put back together are the document the store exports
    assert rated_document(shell, matrix, rationales) == store.export_document(case_id)
    assert np.array_equal(matrix.ratings, store.matrix(case_id).ratings)


def test_a_document_splits_into_columns_and_back(tmp_path):
    path = tmp_path / "team.yaml"
    path.write_text(TEAM_CASE, encoding="utf-8")
    doc = read_case_file(path)
    assert doc.evidence[1].ratings_by  # the colleague's layer is there to lose
    again = rated_document(without_ratings(doc), matrix_from_document(doc), rationales_of(doc))
    assert again == doc


def test_rationales_are_read_in_chunks_of_rows(store: Store, tmp_path, monkeypatch):
    import claimmap.store.matrix_query as matrix_query

    case_id = _store_two_cases(store, tmp_path)
    whole = store.case_columns(case_id)[2]
    monkeypatch.setattr(matrix_query, "_CHUNK", 1)  # every rationale row in its own query
    assert store.case_columns(case_id)[2] == whole and len(whole) == 3


def test_a_summary_reads_the_case_analysts_layer_alone(store: Store, tmp_path):
    case_id = _store_two_cases(store, tmp_path)
    _, whole, _ = store.case_columns(case_id, rationales=False)
    _, own, none = store.case_columns(case_id, rationales=False, colleagues=False)
    assert own.analysts == (whole.analysts[0],) and none == {}
    assert own.ratings.shape == (1, *whole.ratings.shape[1:])
    # worked by hand: the lead's E2 = N, II, N, CC; ana's I and NA are not read
    e2 = own.evidence.index("E2")
    assert own.ratings[0, e2].tolist() == [0, -2, 0, 2]
    assert np.array_equal(own.ratings[0], whole.ratings[0])


def test_a_rating_row_pointing_into_another_case_is_reported_not_misplaced(store: Store, tmp_path):
    import pytest
    from sqlalchemy import text

    from claimmap.store.errors import StoreError

    first = _store_two_cases(store, tmp_path)
    with store.engine.begin() as conn:  # damage done by some other program
        other_item = conn.execute(
            text("SELECT max(id) FROM evidence WHERE case_id != :c"), {"c": first}
        ).scalar()
        conn.execute(
            text(
                "UPDATE ratings SET evidence_id = :e WHERE id = "
                "(SELECT min(id) FROM ratings WHERE case_id = :c)"
            ),
            {"e": other_item, "c": first},
        )
    with pytest.raises(StoreError, match=r"holds a value claimmap cannot read.*another case"):
        store.case_columns(first)
