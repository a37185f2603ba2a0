"""The case's own fields: title, question, description, tags, teaching notes and the written
judgement. Read without loading the case's items, and changed in one transaction each,
validated by the same models as a case file. Hand SQL (driver_sql), so that a command-line
`set CASE case|judgement|teaching` on a SQLite file runs without SQLAlchemy."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from claimmap.model import document as d
from claimmap.model.problems import InvalidDocument, Problem
from claimmap.model.validation import problems_from
from claimmap.store import document_io as io
from claimmap.store.document_export import hypothesis_keys, read_header
from claimmap.store.driver_sql import execute, fetch_all
from claimmap.store.errors import StoreError
from claimmap.store.snapshot import Snapshot, capture

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

INFO_FIELDS = ("title", "question", "description", "tags", "blind_until_rated")
EDITABLE = (*INFO_FIELDS, "teaching", "judgement")


M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: dict[str, Any], where: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidDocument(problems_from(exc, data, (where,))) from None


def _merged(old: BaseModel | None, given: Any, where: str) -> dict[str, Any] | None:
    """The given fields over the stored ones: `set CASE judgement likelihood=likely` changes
    the likelihood alone. None (or an empty dict for teaching) removes the whole block."""
    if given is None:
        return None
    if not isinstance(given, dict):
        raise InvalidDocument([Problem((where,), "expected a set of fields, or nothing to clear")])
    base = old.model_dump(mode="json", by_alias=True) if old is not None else {}
    return {**base, **given}


def _new_judgement(
    old: d.Judgement | None, given: Any, hyp_keys: set[str], today: dt.date
) -> d.Judgement | None:
    data = _merged(old, given, "judgement")
    if data is None:
        return None
    if "date" not in given:
        # A judgement changed without a date given is a judgement made today.
        unchanged = old is not None and all(
            data[k] == v for k, v in old.model_dump(mode="json").items()
        )
        data["date"] = old.date.isoformat() if unchanged and old is not None else today.isoformat()
    judgement = _validate(d.Judgement, data, "judgement")
    if judgement.hypothesis is not None and judgement.hypothesis not in hyp_keys:
        known = ", ".join(sorted(hyp_keys)) or "none"
        raise InvalidDocument(
            [
                Problem(
                    ("judgement", "hypothesis"),
                    f"unknown hypothesis {judgement.hypothesis!r} (known: {known})",
                )
            ]
        )
    return judgement


def _unknown_fields(changes: dict[str, Any]) -> None:
    unknown = [name for name in changes if name not in EDITABLE]
    if unknown:
        raise StoreError(
            f"a case has no field {unknown[0]!r}; the fields are {', '.join(EDITABLE)}"
        )
    if not changes:
        raise StoreError("nothing to change: give at least one field")


def _rows_of(conn: AnyConnection, name: str, case_id: int) -> list[int]:
    return [
        row_id
        for (row_id,) in fetch_all(conn, f"SELECT id FROM {name} WHERE case_id = ?", (case_id,))
    ]


def _snapshot(conn: AnyConnection, case_id: int) -> Snapshot:
    snap = capture(conn, "cases", [case_id])
    for name in ("teaching", "judgements"):
        snap.update(capture(conn, name, _rows_of(conn, name, case_id)))
    return snap


def apply_changes(
    conn: AnyConnection, case_id: int, changes: dict[str, Any], today: dt.date
) -> tuple[Snapshot, Snapshot, list[str]]:
    """Validate and write `changes`; returns the rows before and after and the fields that
    changed. Nothing is written unless every field is valid."""
    _unknown_fields(changes)
    hyp_key = hypothesis_keys(conn, case_id)  # read once: the header, the check, the rows
    header = read_header(conn, case_id, hyp_key)
    info_changes = {k: v for k, v in changes.items() if k in INFO_FIELDS}
    info_data = {**header.info.model_dump(mode="json"), **info_changes}
    if info_data.get("tags") is None:
        info_data["tags"] = []
    info = _validate(d.CaseInfo, info_data, "case")
    teaching = header.teaching
    if "teaching" in changes:
        data = _merged(header.teaching, changes["teaching"] or None, "teaching")
        teaching = _validate(d.Teaching, data, "teaching") if data is not None else None
    judgement = header.judgement
    if "judgement" in changes:
        judgement = _new_judgement(
            header.judgement, changes["judgement"], set(hyp_key.values()), today
        )

    changed = [
        name
        for name, old, new in (
            *((k, getattr(header.info, k), getattr(info, k)) for k in INFO_FIELDS),
            ("teaching", header.teaching, teaching),
            ("judgement", header.judgement, judgement),
        )
        if old != new
    ]
    before = _snapshot(conn, case_id)
    if not changed:
        return before, before, []
    execute(
        conn,
        "UPDATE cases SET title = ?, question = ?, description = ?, tags = ?,"
        " blind_until_rated = ? WHERE id = ?",
        (
            info.title,
            info.question,
            info.description,
            json.dumps(info.tags, ensure_ascii=False),
            info.blind_until_rated,
            case_id,
        ),
    )
    keys = io.Keys()
    keys.ids["hypotheses"] = {key: row_id for row_id, key in hyp_key.items()}
    for name, rows in (
        ("teaching", io.teaching_rows(teaching, case_id)),
        ("judgements", io.judgement_rows(judgement, case_id, keys)),
    ):
        execute(conn, f"DELETE FROM {name} WHERE case_id = ?", (case_id,))
        io.insert_rows(conn, name, rows)
    return before, _snapshot(conn, case_id), changed
