"""The demo case as rows, ready for a brand-new database.

`claimmap demo` on a new database is most people's first look at claimmap. Importing the
sample reads its YAML and validates it through the document models (PyYAML and pydantic):
some 80 ms of a start of under half a second. The rows an import writes are the same every
time, so they are kept beside the sample (`sample_cases/<demo>.rows.json`, made by
`python -m claimmap.demo_seed`) with the SHA-256 of the YAML they came from. A brand-new
SQLite database (no case, no analyst, no change logged) gets them written as they are, in
one transaction, with the change-log entry an import makes, so `undo` and `history` see an
import. Any other database, a server, or a sample edited since the rows were made gets the
sample imported as before. tests/test_demo_seed.py checks that the committed rows are
current and that a seeded database holds what an imported one does.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimmap.bulk import gc_paused
from claimmap.formats.samples import DEMO, DEMO_SLUG, sample_dir
from claimmap.store import change_record, snapshot
from claimmap.store.driver_sql import fetch_all

if TYPE_CHECKING:
    from claimmap.store.case_reading import CaseSummary
    from claimmap.store.edit_steps import EditSteps

# what only a database that has been used holds
_USED = ("cases", "analysts", "changes")
# stamped when the rows are written, not when they were made
_STAMPS = ("created_at", "updated_at")


def rows_file() -> Path:
    return sample_dir() / f"{Path(DEMO).stem}.rows.json"


def _sample_digest() -> str:
    return hashlib.sha256((sample_dir() / DEMO).read_bytes()).hexdigest()


def seed_new_database(editor: EditSteps) -> CaseSummary | None:
    """The demo case written from its rows if the database is brand-new SQLite and the rows
    match the sample; else None, and nothing written (the caller imports the sample)."""
    if editor.on_postgres:
        return None  # a server's ratings belong to logins: the import gives them the user's
    try:
        seed = json.loads(rows_file().read_text(encoding="utf-8"))
        if seed["sha256"] != _sample_digest():
            return None
        target = snapshot.from_blocks(seed["tables"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no rows file, or not one this code made: the import is always there
    (case_id,) = target["cases"]
    stamp = change_record.now()
    target["cases"][case_id].update(dict.fromkeys(_STAMPS, stamp))
    with gc_paused(), editor.writing() as conn:
        if any(fetch_all(conn, f"SELECT 1 FROM {name} LIMIT 1") for name in _USED):
            return None
        snapshot.restore(conn, {}, target)
        after = snapshot.capture_case_json(conn, case_id)
        change_record.record(conn, case_id, editor.who, f"import case {DEMO_SLUG}", {}, after)
    return editor.resolve_case(str(case_id))


def make_rows() -> str:
    """The rows file's text: the sample imported into a new database, and read back."""
    from claimmap.formats.casefile_read import read_case_file
    from claimmap.store.sqlite_editor import SqliteEditor

    with tempfile.TemporaryDirectory() as folder:
        editor = SqliteEditor.open_as(str(Path(folder) / "demo.db"), "claimmap", create=True)
        assert editor is not None, "a new SQLite file always opens"
        try:
            case_id = editor.import_document(read_case_file(sample_dir() / DEMO)).id
            tables: dict[str, Any] = json.loads(snapshot.capture_case_json(editor.conn, case_id))
            names = fetch_all(editor.conn, "SELECT id, name FROM analysts ORDER BY id")
        finally:
            editor.close()
    case = tables["cases"]
    for stamp in _STAMPS:
        at = case["columns"].index(stamp)
        for row in case["rows"]:
            row[at] = None
    blocks = {"analysts": {"columns": ["id", "name"], "rows": [list(r) for r in names]}}
    blocks.update(tables)
    return _layout(_sample_digest(), blocks)


def _layout(digest: str, blocks: dict[str, Any]) -> str:
    """JSON with a row per line, so that a change to the sample shows as the rows it moved."""

    def enc(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    tables = []
    for name, block in blocks.items():
        rows = ",\n   ".join(enc(row) for row in block["rows"])
        tables.append(
            f'  {enc(name)}: {{"columns": {enc(block["columns"])}, "rows": [\n   {rows}]}}'
        )
    head = f'{{"sample": {enc(DEMO)}, "sha256": {enc(digest)}, "tables": {{\n'
    return head + ",\n".join(tables) + "\n}}\n"


def main() -> None:
    """`python -m claimmap.demo_seed`: write the rows file again (after the sample or the
    schema changed); `--check` says whether the committed one is current."""
    text, path = make_rows(), rows_file()
    if sys.argv[1:] == ["--check"]:
        current = path.is_file() and path.read_text(encoding="utf-8") == text
        print(f"{path}: {'current' if current else 'out of date'}")
        sys.exit(0 if current else 1)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
