"""The database tables. Rows are per case; `key` is the id a user sees (H1, E12, S3).

Every table has an integer `id` primary key: the change log snapshots rows by it, and undo and
redo put rows back under the same id so later log entries still point at the right rows.

The tables are SQLAlchemy Core tables. The store reads and writes them with Core statements
and hand-written SQL and never builds an ORM object, so every command starts without the ORM
and SQLModel's model machinery (a third of a command's start-up). The migrations in db/
create exactly these tables; tests/test_migrations.py compares the two.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

# Named constraints, so later migrations can alter them (SQLite rebuilds tables by name).
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _table(name: str, *parts: Any) -> Table:
    # AUTOINCREMENT: SQLite would otherwise hand a deleted row's id to the next insert, and
    # undo restores deleted rows under their old ids.
    return Table(
        name, metadata, Column("id", Integer, primary_key=True), *parts, sqlite_autoincrement=True
    )


def _text(name: str, default: str | None = None, *, unique: bool = False) -> Column[str]:
    """A required text column; `default` is what an insert that leaves it out stores."""
    return Column(name, String, nullable=False, default=default, unique=unique)


def _optional(name: str, kind: Any = String) -> Column[Any]:
    return Column(name, kind, nullable=True)


def _position() -> Column[int]:
    return Column("position", Integer, nullable=False, default=0)


def _case_fk() -> Column[int]:
    return Column(
        "case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _ref(name: str, target: str, ondelete: str, *, nullable: bool = False) -> Column[int]:
    return Column(name, Integer, ForeignKey(f"{target}.id", ondelete=ondelete), nullable=nullable)


def _exactly_one(*columns: str) -> str:
    """A CHECK that exactly one column is set, in SQL both engines accept (PostgreSQL has no
    boolean + boolean, so each test becomes 0 or 1 first)."""
    return " + ".join(f"(CASE WHEN {c} IS NOT NULL THEN 1 ELSE 0 END)" for c in columns) + " = 1"


cases = _table(
    "cases",
    _text("slug", unique=True),
    _text("title"),
    _text("question"),
    _optional("description"),
    _text("tags", "[]"),  # JSON list
    _text("analyst", "default"),  # whose ratings a case file's `ratings` are
    # team setting: an analyst sees no colleague's ratings until they have rated every cell
    Column("blind_until_rated", Boolean, nullable=False, default=False),
    _text("created_at"),
    _text("updated_at"),
)

analysts = _table("analysts", _text("name", unique=True))

hypotheses = _table(
    "hypotheses",
    _case_fk(),
    _text("key"),
    _text("label"),
    _text("statement", ""),
    _optional("prior", Float),
    _position(),
    UniqueConstraint("case_id", "key"),
)

hypothesis_relations = _table(
    "hypothesis_relations",
    _case_fk(),
    _text("kind"),
    _ref("from_id", "hypotheses", "CASCADE"),
    _ref("to_id", "hypotheses", "CASCADE"),
    _position(),
)

sources = _table(
    "sources",
    _case_fk(),
    _text("key"),
    _text("title"),
    _optional("author"),
    _text("kind", "other"),
    _optional("date"),
    _optional("reference"),
    _text("reliability", "F"),
    _optional("notes"),
    _position(),
    UniqueConstraint("case_id", "key"),
)

evidence = _table(
    "evidence",
    _case_fk(),
    _text("key"),
    _text("summary"),
    # RESTRICT: a source that evidence cites cannot disappear from under it.
    _ref("source_id", "sources", "RESTRICT", nullable=True),
    _optional("date"),
    _text("kind", "fact"),
    _optional("credibility"),
    _optional("relevance"),
    _text("flags", "[]"),  # JSON list of quality flags (retracted, second_hand, partisan)
    _optional("notes"),
    _text("tags", "[]"),  # JSON list
    _position(),
    UniqueConstraint("case_id", "key"),
)

ratings = _table(
    "ratings",
    _case_fk(),  # denormalised so a whole matrix is one indexed range scan
    _ref("evidence_id", "evidence", "CASCADE"),
    Column(
        "hypothesis_id",
        Integer,
        ForeignKey("hypotheses.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _ref("analyst_id", "analysts", "RESTRICT"),
    _text("value"),  # CC C N I II NA; an unrated cell has no row
    _optional("rationale"),
    UniqueConstraint("evidence_id", "hypothesis_id", "analyst_id"),
)

assumptions = _table(
    "assumptions",
    _case_fk(),
    _text("key"),
    _text("statement"),
    # Solid, Caveated or Unsupported; "" until the analyst grades it. (The column is NOT NULL
    # from before assumptions could be ungraded; relaxing it would make SQLite rebuild the
    # table, and dropping a parent table there cascades into its children.)
    _text("grade", ""),
    _optional("notes"),
    _position(),
    UniqueConstraint("case_id", "key"),
)

assumption_hypotheses = _table(
    "assumption_hypotheses",
    _case_fk(),
    _ref("assumption_id", "assumptions", "CASCADE"),
    _ref("hypothesis_id", "hypotheses", "CASCADE"),
    _position(),
    UniqueConstraint("assumption_id", "hypothesis_id"),
)

indicators = _table(
    "indicators",
    _case_fk(),
    _text("key"),
    _ref("hypothesis_id", "hypotheses", "CASCADE"),
    _text("description"),
    _text("effect", "confirms"),
    _text("status", "not_seen"),
    _optional("notes"),
    _position(),
    UniqueConstraint("case_id", "key"),
)

# An explicit support, attack or undercut. Exactly one `from_*` and one `to_*` is set;
# separate foreign keys (rather than a polymorphic id) let deletes cascade correctly.
links = _table(
    "links",
    _case_fk(),
    _text("key"),
    _text("kind"),
    _ref("from_evidence_id", "evidence", "CASCADE", nullable=True),
    _ref("from_assumption_id", "assumptions", "CASCADE", nullable=True),
    _ref("from_hypothesis_id", "hypotheses", "CASCADE", nullable=True),
    _ref("to_hypothesis_id", "hypotheses", "CASCADE", nullable=True),
    _ref("to_evidence_id", "evidence", "CASCADE", nullable=True),
    _ref("to_link_id", "links", "CASCADE", nullable=True),
    _optional("notes"),
    _position(),
    UniqueConstraint("case_id", "key"),
    CheckConstraint(
        _exactly_one("from_evidence_id", "from_assumption_id", "from_hypothesis_id"),
        name="one_from",
    ),
    CheckConstraint(
        _exactly_one("to_hypothesis_id", "to_evidence_id", "to_link_id"), name="one_to"
    ),
)

# A case's teaching notes; at most one row per case.
teaching = _table(
    "teaching",
    _case_fk(),
    _text("learning_goals", "[]"),  # JSON list
    _text("discussion_questions", "[]"),  # JSON list
    _optional("notes"),
    UniqueConstraint("case_id"),
)

# The analyst's written judgement; at most one row per case. The hypothesis is held by row
# id, so renaming it keeps the judgement pointing at it, and removing it clears the reference
# (the store logs that with the removal, so undo restores both).
judgements = _table(
    "judgements",
    _case_fk(),
    _text("bottom_line"),
    _ref("hypothesis_id", "hypotheses", "SET NULL", nullable=True),
    _text("likelihood"),  # a Likelihood value ("very likely")
    _text("confidence"),  # a Confidence value ("moderate")
    _optional("basis"),
    _text("date"),  # ISO date, YYYY-MM-DD
    UniqueConstraint("case_id"),
)

# A guided-ACH check the analyst ticked. A per-item tick points at its evidence row, so
# deleting the item takes the tick with it and an export never names a missing item.
reviews = _table(
    "reviews",
    _case_fk(),
    _text("check_id"),  # a ReviewCheck value ("check" is an SQL keyword)
    _ref("evidence_id", "evidence", "CASCADE", nullable=True),
    _position(),
)

# One entry per mutation. `before` and `after` are row snapshots (JSON) of every row the
# mutation touched, so undo restores `before` and redo restores `after`, whatever the edit.
# `case_id` is deliberately not a foreign key: the log outlives a deleted case.
changes = _table(
    "changes",
    Column("case_id", Integer, nullable=True, index=True),
    _text("at"),
    _text("who"),
    _text("action"),  # what happened, in words: "rate E3 × H1: C → II"
    _text("op", "edit"),  # edit | undo | redo
    _text("before", "{}"),
    _text("after", "{}"),
    _text("state", "done"),  # done | undone (redo possible) | dead (superseded, redo impossible)
    _optional("ref_id", Integer),  # for undo/redo entries: the entry they reversed or replayed
)
