"""A stored case's rows, read table by table and left as rows: the interface paints a case's
matrix from them (case_shell) before the document models (pydantic, a sixth of a second to
import) are loaded, and document_export builds the CaseDocument from the same rows later,
so the case is read once. Standard library only."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from claimmap.store.driver_sql import records
from claimmap.store.errors import StoreError

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

# the tables whose rows keep the case's order in a `position` column
_POSITIONED = frozenset(
    {
        "hypotheses",
        "hypothesis_relations",
        "sources",
        "evidence",
        "assumptions",
        "assumption_hypotheses",
        "indicators",
        "links",
    }
)


class ItemsOf(NamedTuple):
    """What an edit reads of a case: the items with these `keys` (besides the hypotheses and
    links, all of which it reads), and every item's row id by key per collection, which the
    edit has read already (document_io.Keys.ids)."""

    keys: Collection[str]
    row_ids: Mapping[str, Mapping[str, int]]


class HeaderRows(NamedTuple):
    """The case's own row, its teaching notes and its judgement (at most one row each)."""

    case: Any
    teaching: list[Any]
    judgements: list[Any]


class CaseRows(NamedTuple):
    """Every row of one case, in the case's order, with each collection's keys by row id."""

    case_id: int
    header: HeaderRows
    hypotheses: list[Any]
    relations: list[Any]
    sources: list[Any]
    evidence: list[Any]
    assumptions: list[Any]
    assumption_hypotheses: list[Any]
    indicators: list[Any]
    links: list[Any]
    reviews: list[Any]
    keys: dict[str, dict[int, str]]  # by table: row id -> key (of every row, read or not)


def table_rows(conn: AnyConnection, name: str, case_id: int) -> list[Any]:
    order = "position, id" if name in _POSITIONED else "id"
    return records(conn, f"SELECT * FROM {name} WHERE case_id = ? ORDER BY {order}", (case_id,))


def header_rows(conn: AnyConnection, case_id: int) -> HeaderRows:
    found = records(conn, "SELECT * FROM cases WHERE id = ?", (case_id,))
    if not found:
        raise StoreError(f"no case with id {case_id}")
    return HeaderRows(
        found[0], table_rows(conn, "teaching", case_id), table_rows(conn, "judgements", case_id)
    )


def _item_rows(
    conn: AnyConnection, name: str, case_id: int, items_of: ItemsOf | None
) -> tuple[list[Any], dict[int, str]]:
    """The rows of `name` (with `items_of`, those of its keys alone) and the keys of all its
    rows by row id."""
    if items_of is None:
        rows = table_rows(conn, name, case_id)
        return rows, {row.id: row.key for row in rows}
    query = f"SELECT * FROM {name} WHERE case_id = ? AND key = ?"
    rows = [row for key in items_of.keys for row in records(conn, query, (case_id, key))]
    return rows, {row_id: key for key, row_id in items_of.row_ids.get(name, {}).items()}


def read_case_rows(conn: AnyConnection, case_id: int, items_of: ItemsOf | None = None) -> CaseRows:
    """The case's rows; with `items_of`, of the evidence, sources, assumptions and indicators
    only the items it names (see document_export.read_document)."""
    hypotheses = table_rows(conn, "hypotheses", case_id)
    header = header_rows(conn, case_id)
    sources, source_key = _item_rows(conn, "sources", case_id, items_of)
    evidence, evidence_key = _item_rows(conn, "evidence", case_id, items_of)
    assumptions, assumption_key = _item_rows(conn, "assumptions", case_id, items_of)
    links = table_rows(conn, "links", case_id)
    return CaseRows(
        case_id=case_id,
        header=header,
        hypotheses=hypotheses,
        relations=table_rows(conn, "hypothesis_relations", case_id),
        sources=sources,
        evidence=evidence,
        assumptions=assumptions,
        assumption_hypotheses=table_rows(conn, "assumption_hypotheses", case_id),
        indicators=_item_rows(conn, "indicators", case_id, items_of)[0],
        links=links,
        reviews=table_rows(conn, "reviews", case_id),
        keys={
            "hypotheses": {h.id: h.key for h in hypotheses},
            "sources": source_key,
            "evidence": evidence_key,
            "assumptions": assumption_key,
            "links": {lk.id: lk.key for lk in links},
        },
    )


def json_list(text: str) -> Any:
    """A stored JSON list; most are empty, and need no parse. (Whatever else is stored goes
    to validation as it is, which reports damage.)"""
    return [] if text == "[]" else json.loads(text)
