"""The floors claimmap's commands are compared with, each run as a program of its own from
process start, on the same files and the same database, in the same benchmark invocation:

    python baselines.py json-load FILE            # json.load of the case file
    python baselines.py yaml-load FILE            # yaml.load with the C loader (CSafeLoader)
    python baselines.py sqlite-import FILE DB     # json.load, then executemany of every row
                                                  # into DB (a copy of an empty claimmap
                                                  # database: the real schema and indexes)
    python baselines.py sqlite-select DB SLUG     # select the rows a document is made of
    python baselines.py sqlite-update DB SLUG EVIDENCE HYPOTHESIS VALUE
                                                  # one rating UPDATE, looked up by key

Only the standard library's sqlite3/json and PyYAML: what any store or reader must pay at least.
"""

from __future__ import annotations

import json
import sqlite3
import sys


def connect(db: str) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def sqlite_import(file: str, db: str) -> None:
    with open(file, encoding="utf-8") as fh:
        data = json.load(fh)
    conn = connect(db)
    conn.execute("BEGIN IMMEDIATE")
    lead = data.get("analyst", "default")
    case = data["case"]
    cur = conn.execute(
        "INSERT INTO cases (slug, title, question, description, tags, analyst, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, '[]', ?, '', '')",
        (case["slug"], case["title"], case["question"], case.get("description"), lead),
    )
    case_id = cur.lastrowid
    conn.executemany(
        "INSERT INTO hypotheses (case_id, key, label, statement, prior, position) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (case_id, h["id"], h["label"], h.get("statement", ""), h.get("prior"), i)
            for i, h in enumerate(data["hypotheses"])
        ],
    )
    conn.executemany(
        "INSERT INTO sources (case_id, key, title, kind, reliability, position) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (case_id, s["id"], s["title"], s.get("kind", "other"), s.get("reliability", "F"), i)
            for i, s in enumerate(data.get("sources", []))
        ],
    )
    src = dict(conn.execute("SELECT key, id FROM sources WHERE case_id = ?", (case_id,)))
    conn.executemany(
        "INSERT INTO evidence (case_id, key, summary, source_id, kind, credibility, relevance, "
        "tags, position) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?)",
        [
            (
                case_id,
                e["id"],
                e["summary"],
                src.get(e.get("source")),
                e.get("kind", "fact"),
                None if e.get("credibility") is None else str(e["credibility"]),
                e.get("relevance"),
                i,
            )
            for i, e in enumerate(data["evidence"])
        ],
    )
    hyp = dict(conn.execute("SELECT key, id FROM hypotheses WHERE case_id = ?", (case_id,)))
    ev = dict(conn.execute("SELECT key, id FROM evidence WHERE case_id = ?", (case_id,)))
    names = {lead}
    for e in data["evidence"]:
        names.update(e.get("ratings_by", {}))
    conn.executemany("INSERT OR IGNORE INTO analysts (name) VALUES (?)", [(n,) for n in names])
    who = dict(conn.execute("SELECT name, id FROM analysts"))

    def rows():  # type: ignore[no-untyped-def]
        for e in data["evidence"]:
            by = {lead: e.get("ratings", {}), **e.get("ratings_by", {})}
            for name, cells in by.items():
                for h, cell in cells.items():
                    value = cell if isinstance(cell, str) else cell.get("rating")
                    yield (case_id, ev[e["id"]], hyp[h], who[name], value)

    conn.executemany(
        "INSERT INTO ratings (case_id, evidence_id, hypothesis_id, analyst_id, value) "
        "VALUES (?, ?, ?, ?, ?)",
        rows(),
    )
    conn.execute("COMMIT")


def case_id(conn: sqlite3.Connection, slug: str) -> int:
    return int(conn.execute("SELECT id FROM cases WHERE slug = ?", (slug,)).fetchone()[0])


def sqlite_select(db: str, slug: str) -> None:
    conn = connect(db)
    cid = case_id(conn, slug)
    conn.execute("SELECT * FROM hypotheses WHERE case_id = ?", (cid,)).fetchall()
    conn.execute("SELECT * FROM sources WHERE case_id = ?", (cid,)).fetchall()
    conn.execute("SELECT * FROM evidence WHERE case_id = ?", (cid,)).fetchall()
    conn.execute(
        "SELECT evidence_id, hypothesis_id, analyst_id, value, rationale FROM ratings "
        "WHERE case_id = ?",
        (cid,),
    ).fetchall()


def sqlite_update(db: str, slug: str, evidence: str, hypothesis: str, value: str) -> None:
    conn = connect(db)
    conn.execute("BEGIN IMMEDIATE")
    cid = case_id(conn, slug)
    conn.execute(
        "UPDATE ratings SET value = ? WHERE "
        "evidence_id = (SELECT id FROM evidence WHERE case_id = ? AND key = ?) AND "
        "hypothesis_id = (SELECT id FROM hypotheses WHERE case_id = ? AND key = ?) AND "
        "analyst_id = (SELECT a.id FROM analysts a JOIN cases c ON c.analyst = a.name "
        "WHERE c.id = ?)",
        (value, cid, evidence, cid, hypothesis, cid),
    )
    conn.execute("COMMIT")


def main(argv: list[str]) -> None:
    what, *args = argv
    if what == "json-load":
        with open(args[0], encoding="utf-8") as fh:
            json.load(fh)
    elif what == "yaml-load":
        import yaml

        with open(args[0], encoding="utf-8") as fh:
            yaml.load(fh, Loader=yaml.CSafeLoader)
    elif what == "sqlite-import":
        sqlite_import(*args)
    elif what == "sqlite-select":
        sqlite_select(*args)
    elif what == "sqlite-update":
        sqlite_update(*args)
    else:
        raise SystemExit(f"unknown baseline {what!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
