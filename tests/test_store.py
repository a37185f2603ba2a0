"""The store: one transaction and one log entry per edit; undo and redo of anything."""

from __future__ import annotations

import numpy as np
import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.casefile_write import dump_yaml
from claimmap.model.problems import InvalidDocument
from claimmap.scoring.matrix import NA, UNRATED
from claimmap.store.case_store import Store, slugify
from claimmap.store.engine import StoreError


@pytest.fixture
def case_id(store: Store, small_file) -> int:
    return store.import_document(read_case_file(small_file)).id


def _count(store: Store, sql: str) -> int:
    with store.reading() as conn:
        return int(conn.exec_driver_sql(sql).scalar_one())


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(store: Store):
    with store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_every_edit_writes_exactly_one_log_entry(store, case_id):
    assert _count(store, "SELECT count(*) FROM changes") == 1  # the import
    store.rate(case_id, "E3", "H2", "I", "silence fits a draught poorly")
    store.add_item(case_id, "hypotheses", {"id": "H4", "label": "The dog"})
    store.update_item(case_id, "E1", {"summary": "Grey cat hair on the table."})
    store.delete_item(case_id, "H4")
    entries = store.history(case_id)
    assert [e.action for e in entries] == [
        "delete hypothesis H4",
        "edit evidence E1 (summary)",
        "add hypothesis H4",
        "rate E3 × H2: unrated → I",
        "import case who-broke-the-vase-من-كسر-المزهرية",
    ]
    assert all(e.who == "tester" for e in entries)


def test_unrated_is_not_na(store, case_id):
    store.rate(case_id, "E3", "H2", "NA")
    m = store.matrix(case_id)
    e3 = m.evidence.index("E3")
    assert m.ratings[0, e3].tolist() == [1, NA, UNRATED]
    store.rate(case_id, "E3", "H2", None)
    assert store.matrix(case_id).ratings[0, e3].tolist() == [1, UNRATED, UNRATED]


def test_matrix_is_read_column_wise_with_weights_and_links(store, case_id):
    m = store.matrix(case_id)
    assert m.hypotheses == ("H1", "H2", "H3")
    assert m.evidence == ("E1", "E2", "E3")
    # On PostgreSQL a file's unattributed ratings belong to the login that imported them.
    assert m.analysts == ("tester",) if store.on_postgres else ("default",)
    # E1: C N I ; E2: N II N ; E3: C, unrated, unrated  (from the file in conftest)
    assert m.ratings[0].tolist() == [[1, 0, -1], [0, -2, 0], [1, UNRATED, UNRATED]]
    assert m.credibility == ("3", "High", None)
    assert m.reliability == ("C", "A", None)
    assert [(lk.kind, lk.source, lk.target) for lk in m.links] == [
        ("support", "E1", "H1"),
        ("undercut", "A1", "L1"),
    ]
    assert np.isnan(m.priors).all()


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_ratings_of_other_analysts_form_their_own_layer(store, case_id):
    store.rate(case_id, "E1", "H1", "II", analyst="bob", new_analyst=True)
    m = store.matrix(case_id)
    assert m.analysts == ("default", "bob")
    assert m.ratings[1, 0, 0] == -2 and m.ratings[0, 0, 0] == 1
    doc = store.export_document(case_id)
    assert doc.evidence[0].ratings_by["bob"]["H1"].rating == "II"


@pytest.mark.parametrize("db", ["postgresql"], indirect=True)
def test_on_postgresql_the_login_is_the_analyst(store, case_id):
    """--as and --who cannot name someone else: the server's login is who rates and logs."""
    with pytest.raises(StoreError, match=r"rate as your database login \(tester\)"):
        store.rate(case_id, "E1", "H1", "II", analyst="bob")
    with pytest.raises(StoreError, match=r"--who bob cannot change it"):
        Store(store.engine, who="bob")
    assert Store(store.engine).who == "tester"
    store.rate(case_id, "E3", "H2", "CC")
    (entry,) = store.history(case_id, limit=1)
    assert entry.who == "tester"
    m = store.matrix(case_id)
    assert m.analysts == ("tester",) and m.ratings[0, 2, 1] == 2
    assert [e.action for e in store.history(case_id)][-1].startswith("import")


def test_undo_and_redo_walk_the_stack(store, case_id):
    original = dump_yaml(store.export_document(case_id))
    store.rate(case_id, "E1", "H1", "CC", "more hair")
    after_one = dump_yaml(store.export_document(case_id))
    store.rate(case_id, "E1", "H2", "II")
    assert store.undo(case_id).action == "rate E1 × H2: N → II"
    assert dump_yaml(store.export_document(case_id)) == after_one
    assert store.undo(case_id).action == "rate E1 × H1: C → CC"
    assert dump_yaml(store.export_document(case_id)) == original
    assert store.redo(case_id).action == "rate E1 × H1: C → CC"
    assert dump_yaml(store.export_document(case_id)) == after_one
    # A new edit ends the redo chain.
    store.rate(case_id, "E2", "H1", "I")
    assert store.redo(case_id) is None


def test_undo_survives_a_restart(db, small_file):
    first = Store.open(db)
    cid = first.import_document(read_case_file(small_file)).id
    first.rate(cid, "E2", "H3", "CC")
    first.close()
    second = Store.open(db)
    assert second.undo(cid).action == "rate E2 × H3: N → CC"
    assert second.export_document(cid).evidence[1].ratings["H3"].rating == "N"
    second.close()


def test_undo_brings_back_a_deleted_hypothesis_with_everything_that_hung_on_it(store, case_id):
    before = dump_yaml(store.export_document(case_id))
    gone = store.delete_item(case_id, "H1")
    # H1's row, its 3 ratings, indicator I1, link L1 (E1 supports H1), the undercut L2 aimed at
    # L1, and the assumption-to-H1 pair.
    assert gone == {
        "hypotheses": 1,
        "ratings": 3,
        "indicators": 1,
        "links": 2,
        "assumption_hypotheses": 1,
    }
    doc = store.export_document(case_id)
    assert [h.id for h in doc.hypotheses] == ["H2", "H3"] and not doc.links
    store.undo(case_id)
    assert dump_yaml(store.export_document(case_id)) == before


def test_deleting_a_case_removes_all_of_it_and_undo_restores_it(store, case_id):
    before = dump_yaml(store.export_document(case_id))
    store.delete_case(case_id)
    for name in ("hypotheses", "evidence", "ratings", "sources", "links", "assumptions"):
        assert _count(store, f"SELECT count(*) FROM {name}") == 0, name
    assert store.list_cases() == []
    store.undo()
    assert dump_yaml(store.export_document(case_id)) == before


def test_a_cited_source_cannot_be_deleted(store, case_id):
    with pytest.raises(StoreError, match=r"source S1 is still cited by evidence E1"):
        store.delete_item(case_id, "S1")
    store.update_item(case_id, "E1", {"source": None})
    store.delete_item(case_id, "S1")
    assert [s.id for s in store.export_document(case_id).sources] == ["S2"]


def test_invalid_edits_save_nothing(store, case_id):
    entries = _count(store, "SELECT count(*) FROM changes")
    snapshot = dump_yaml(store.export_document(case_id))
    with pytest.raises(InvalidDocument) as caught:
        store.add_item(
            case_id,
            "evidence",
            {"id": "E1", "summary": "", "credibility": 9, "ratings": {"H7": "C"}},
        )
    messages = [p.render() for p in caught.value.problems]
    assert "evidence[3].summary: cannot be empty" in messages
    assert (
        "evidence[3].credibility: 9 is not one of 1, 2, 3, 4, 5, 6, High, Medium, Low" in messages
    )
    with pytest.raises(InvalidDocument, match="unknown hypothesis 'H7'"):
        store.add_item(case_id, "evidence", {"id": "E9", "summary": "x", "ratings": {"H7": "C"}})
    with pytest.raises(InvalidDocument, match="duplicate id 'H1'"):
        store.add_item(case_id, "evidence", {"id": "H1", "summary": "x"})
    with pytest.raises(StoreError, match="'maybe' is not one of CC"):
        store.rate(case_id, "E1", "H1", "maybe")
    with pytest.raises(StoreError, match="no evidence item 'E99'"):
        store.rate(case_id, "E99", "H1", "C")
    assert dump_yaml(store.export_document(case_id)) == snapshot
    assert _count(store, "SELECT count(*) FROM changes") == entries


def test_edits_keep_references_by_identity(store, case_id):
    store.update_item(case_id, "H1", {"id": "H1b", "label": "The cat, again"})
    doc = store.export_document(case_id)
    assert doc.hypotheses[0].id == "H1b"
    assert doc.evidence[0].ratings["H1b"].rating == "C"
    assert doc.indicators[0].hypothesis == "H1b"
    assert doc.links[0].to == "H1b"


def test_replacing_keeps_the_case_id_and_undo_restores_the_old_contents(store, case_id):
    doc = store.export_document(case_id)
    before = dump_yaml(doc)
    changed = doc.model_copy(update={"evidence": [], "links": []})
    replaced = store.import_document(changed, replace=True)
    assert replaced.id == case_id and replaced.evidence == 0 and replaced.hypotheses == 3
    store.undo(case_id)
    assert dump_yaml(store.export_document(case_id)) == before


def test_same_slug_is_refused_without_replace(store, case_id, small_file):
    with pytest.raises(StoreError, match="already exists"):
        store.import_document(read_case_file(small_file))


def test_resolve_case_by_id_slug_or_title(store, case_id):
    slug = store.list_cases()[0].slug
    assert slugify("Who broke the vase? من كسر المزهرية؟") == slug
    for ref in (str(case_id), slug, "Who broke the vase? من كسر المزهرية؟"):
        assert store.resolve_case(ref).id == case_id
    with pytest.raises(StoreError, match="no case 'nothing'"):
        store.resolve_case("nothing")
