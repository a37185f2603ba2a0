"""Adding, changing and removing single items of a stored case.

An edited item is validated by the same models as a case file, and its references by the
same checks, against the case as stored; so a form in the TUI, a command-line edit and an
imported file can never disagree about what is valid.

Hand SQL (driver_sql), so that a command-line `add`, `set` or `remove` on a SQLite file runs
through a bare sqlite3 connection (sqlite_editor.py), and the Store's through SQLAlchemy's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimmap.model import document as d
from claimmap.model.case_keys import CaseKeys
from claimmap.model.item_check import MODELS, check_item
from claimmap.model.item_ids import next_id
from claimmap.model.references import COLLECTIONS
from claimmap.store import document_io as io
from claimmap.store.document_export import ItemsOf, read_document
from claimmap.store.driver_sql import execute, fetch_all, update_sql
from claimmap.store.errors import StoreError
from claimmap.store.snapshot import Snapshot, capture

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection


def _one(conn: AnyConnection, sql: str, params: tuple[Any, ...]) -> Any:
    """The first column of the first row, or None when there is no row."""
    rows = fetch_all(conn, sql, params)
    return rows[0][0] if rows else None


def find_key(conn: AnyConnection, case_id: int, key: str) -> tuple[str, int]:
    """(collection, row id) of the item with this key."""
    for collection in COLLECTIONS:
        sql = f"SELECT id FROM {collection} WHERE case_id = ? AND key = ?"
        row_id = _one(conn, sql, (case_id, key))
        if row_id is not None:
            return collection, int(row_id)
    raise StoreError(f"this case has no item {key!r}")


def _case_keys(keys: io.Keys, doc: d.CaseDocument) -> CaseKeys:
    """What an edited item is checked against, from the stored keys (in the case's order) and
    a document read with `items_of`."""
    ids = {name: list(keys.ids[name]) for name in COLLECTIONS}
    return CaseKeys(ids, doc.analyst, doc.hypotheses, doc.links)


def add(
    conn: AnyConnection, case_id: int, collection: str, data: dict[str, Any]
) -> tuple[str, Snapshot]:
    """Insert one item (with its ratings, relations...); returns its id and the rows written.
    An item given without an id gets the next free one (`model.item_ids.next_id`)."""
    if collection not in MODELS:
        raise StoreError(f"cannot add to {collection!r}; choose one of {', '.join(MODELS)}")
    keys = io.Keys().load(conn, case_id)
    doc = read_document(conn, case_id, ratings_of=(), items_of=ItemsOf((), keys.ids))
    case = _case_keys(keys, doc)
    if not data.get("id"):
        data = {**data, "id": next_id(case.ids, collection)}
    item = check_item(case, collection, len(case.ids[collection]), data)
    last = _one(conn, f"SELECT max(position) FROM {collection} WHERE case_id = ?", (case_id,))
    start = (last or 0) + 1
    fields: dict[str, Any] = {name: [item] if name == collection else [] for name in COLLECTIONS}
    only = d.CaseDocument.model_construct(case=doc.case, analyst=doc.analyst, **fields)
    keys = io.write_document(conn, only, case_id, keys, start)
    return item.id, capture(conn, collection, [keys.ids[collection][item.id]], cascade=True)


def update(
    conn: AnyConnection,
    case_id: int,
    collection: str,
    row_id: int,
    key: str,
    changes: dict[str, Any],
) -> None:
    """Change fields of the item `key` (row `row_id` of `collection`); lists given in `changes`
    (relations, hypotheses, ratings) replace the stored ones."""
    keys = io.Keys().load(conn, case_id)
    # The item (with its ratings, when it is evidence) and what its references may name.
    ratings_of = (key,) if collection == "evidence" else ()
    doc = read_document(conn, case_id, ratings_of=ratings_of, items_of=ItemsOf((key,), keys.ids))
    stored = next(it for it in getattr(doc, collection) if it.id == key)
    merged = {**stored.model_dump(by_alias=True, exclude_none=True), **changes}
    index = list(keys.ids[collection]).index(key)
    item: Any = check_item(_case_keys(keys, doc), collection, index, merged)
    keys.ids[collection][item.id] = row_id
    position = int(_one(conn, f"SELECT position FROM {collection} WHERE id = ?", (row_id,)) or 0)
    values = io.VALUES[collection](item, case_id, position, keys)
    execute(conn, update_sql(collection, list(values)), (*values.values(), row_id))
    _replace_children(conn, case_id, collection, row_id, item, changes, doc.analyst, keys)


def _replace_children(
    conn: AnyConnection,
    case_id: int,
    collection: str,
    row_id: int,
    item: Any,
    changes: dict[str, Any],
    analyst: str,
    keys: io.Keys,
) -> None:
    """Lists given in an edit replace the stored ones (relations, linked hypotheses, ratings)."""
    if collection == "hypotheses" and "relations" in changes:
        execute(conn, "DELETE FROM hypothesis_relations WHERE from_id = ?", (row_id,))
        rows = io.relation_rows(item, row_id, case_id, keys)
        io.insert_rows(conn, "hypothesis_relations", rows)
    if collection == "assumptions" and "hypotheses" in changes:
        execute(conn, "DELETE FROM assumption_hypotheses WHERE assumption_id = ?", (row_id,))
        rows = io.assumption_rows(item, row_id, case_id, keys)
        io.insert_rows(conn, "assumption_hypotheses", rows)
    if collection == "evidence" and ({"ratings", "ratings_by"} & set(changes)):
        execute(conn, "DELETE FROM ratings WHERE evidence_id = ?", (row_id,))
        names = {analyst, *item.ratings_by}
        io.insert_ratings(
            conn, io.rating_rows([item], analyst, case_id, keys, io.analyst_ids(conn, names))
        )


def delete(
    conn: AnyConnection, collection: str, row_id: int, key: str
) -> tuple[Snapshot, Snapshot]:
    """Remove one item and what hangs on it; refuse to orphan evidence by removing a source.
    Returns the rows before and after: removing the hypothesis the written judgement names
    clears that reference, and the change is kept so undo puts it back."""
    if collection == "sources":
        sql = "SELECT key FROM evidence WHERE source_id = ? ORDER BY position"
        citing = [key for (key,) in fetch_all(conn, sql, (row_id,))]
        if citing:
            raise StoreError(
                f"source {key} is still cited by evidence {', '.join(citing)}; "
                "give them another source (or none) first"
            )
    before = capture(conn, collection, [row_id], cascade=True)
    judged: list[int] = []
    if collection == "hypotheses":
        sql = "SELECT id FROM judgements WHERE hypothesis_id = ?"
        judged = [judgement for (judgement,) in fetch_all(conn, sql, (row_id,))]
        before.update(capture(conn, "judgements", judged))
    execute(conn, f"DELETE FROM {collection} WHERE id = ?", (row_id,))
    # The foreign key sets the judgement's hypothesis to NULL; record the row as it now is.
    after = capture(conn, "judgements", judged) if judged else {}
    return before, after
