"""The save queue: order, and which ratings a reloaded document may still lack."""

from __future__ import annotations

from claimmap.store.engine import StoreError
from claimmap.tui.edit_queue import EditQueue


def test_a_rating_saved_after_a_reload_read_is_still_replayed(hts):
    store, case_id = hts
    queue = EditQueue(lambda: store)
    done = []
    rating = ("E1", "H1", "II", None)
    queue.add("rate", lambda s: s.rate(case_id, "E1", "H1", "II"), rating=rating, reload=False)
    read_before_the_save = queue.done_seq  # a reload read the database here
    queue.drain(done.append)
    assert [o.error for o in done] == [None] and queue.idle
    # The rating is saved but the reloaded document predates it: it must be shown again ...
    assert queue.pending_ratings(read_before_the_save) == [rating]
    # ... until a document read after the save arrives, which has it.
    assert queue.pending_ratings(queue.done_seq) == []


def test_a_failed_rating_is_not_replayed_and_jobs_run_in_order(hts):
    store, case_id = hts
    queue = EditQueue(lambda: store)
    outcomes = []

    def refuse(_store):
        raise StoreError("disk full")

    queue.add("bad", refuse, rating=("E1", "H1", "NA", None), reload=False)
    queue.add("good", lambda s: s.rate(case_id, "E2", "H1", "C"), rating=("E2", "H1", "C", None))
    queue.drain(outcomes.append)
    assert [o.job.describe for o in outcomes] == ["bad", "good"]
    assert isinstance(outcomes[0].error, StoreError) and outcomes[1].error is None
    assert queue.pending_ratings(0) == [("E2", "H1", "C", None)]


def test_cells_waiting_to_be_saved_are_known_until_saved(hts):
    """A colleague's rating of such a cell is not shown: ours is saved after it and stands."""
    store, case_id = hts
    queue = EditQueue(lambda: store)
    queue.add("rate", lambda s: s.rate(case_id, "E1", "H1", "II"), rating=("E1", "H1", "II", None))
    queue.add("edit", lambda s: None)
    assert queue.pending_cells() == {("E1", "H1")}
    queue.drain(lambda _: None)
    assert queue.pending_cells() == set()
    assert store.written  # the saved rating's entry is known as this store's own
