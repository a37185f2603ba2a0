"""The database tables. Rows are per case; `key` is the id a user sees (H1, E12, S3).

Every table has an integer `id` primary key: the change log snapshots rows by it, and undo and
redo put rows back under the same id so later log entries still point at the right rows.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

# Named constraints, so later migrations can alter them (SQLite rebuilds tables by name).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# AUTOINCREMENT: SQLite would otherwise hand a deleted row's id to the next insert, and undo
# restores deleted rows under their old ids.
_NO_REUSE = {"sqlite_autoincrement": True}


def _exactly_one(*columns: str) -> str:
    """A CHECK that exactly one column is set, in SQL both engines accept (PostgreSQL has no
    boolean + boolean, so each test becomes 0 or 1 first)."""
    return " + ".join(f"(CASE WHEN {c} IS NOT NULL THEN 1 ELSE 0 END)" for c in columns) + " = 1"


def _case_fk() -> int:
    return Field(foreign_key="cases.id", ondelete="CASCADE", index=True)


class CaseRow(SQLModel, table=True):
    __tablename__ = "cases"
    __table_args__ = _NO_REUSE
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True)
    title: str
    question: str
    description: str | None = None
    tags: str = "[]"  # JSON list
    analyst: str = "default"  # whose ratings a case file's `ratings` are
    # team setting: an analyst sees no colleague's ratings until they have rated every cell
    blind_until_rated: bool = False
    created_at: str
    updated_at: str


class AnalystRow(SQLModel, table=True):
    __tablename__ = "analysts"
    __table_args__ = _NO_REUSE
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class HypothesisRow(SQLModel, table=True):
    __tablename__ = "hypotheses"
    __table_args__ = (UniqueConstraint("case_id", "key"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    key: str
    label: str
    statement: str = ""
    prior: float | None = None
    position: int = 0


class HypothesisRelationRow(SQLModel, table=True):
    __tablename__ = "hypothesis_relations"
    __table_args__ = _NO_REUSE
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    kind: str
    from_id: int = Field(foreign_key="hypotheses.id", ondelete="CASCADE")
    to_id: int = Field(foreign_key="hypotheses.id", ondelete="CASCADE")
    position: int = 0


class SourceRow(SQLModel, table=True):
    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("case_id", "key"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    key: str
    title: str
    author: str | None = None
    kind: str = "other"
    date: str | None = None
    reference: str | None = None
    reliability: str = "F"
    notes: str | None = None
    position: int = 0


class EvidenceRow(SQLModel, table=True):
    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("case_id", "key"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    key: str
    summary: str
    # RESTRICT: a source that evidence cites cannot disappear from under it.
    source_id: int | None = Field(default=None, foreign_key="sources.id", ondelete="RESTRICT")
    date: str | None = None
    kind: str = "fact"
    credibility: str | None = None
    relevance: str | None = None
    flags: str = "[]"  # JSON list of quality flags (retracted, second_hand, partisan)
    notes: str | None = None
    tags: str = "[]"  # JSON list
    position: int = 0


class RatingRow(SQLModel, table=True):
    __tablename__ = "ratings"
    __table_args__ = (UniqueConstraint("evidence_id", "hypothesis_id", "analyst_id"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()  # denormalised so a whole matrix is one indexed range scan
    evidence_id: int = Field(foreign_key="evidence.id", ondelete="CASCADE")
    hypothesis_id: int = Field(foreign_key="hypotheses.id", ondelete="CASCADE", index=True)
    analyst_id: int = Field(foreign_key="analysts.id", ondelete="RESTRICT")
    value: str  # CC C N I II NA; an unrated cell has no row
    rationale: str | None = None


class AssumptionRow(SQLModel, table=True):
    __tablename__ = "assumptions"
    __table_args__ = (UniqueConstraint("case_id", "key"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    key: str
    statement: str
    # Solid, Caveated or Unsupported; "" until the analyst grades it. (The column is NOT NULL
    # from before assumptions could be ungraded; relaxing it would make SQLite rebuild the
    # table, and dropping a parent table there cascades into its children.)
    grade: str = ""
    notes: str | None = None
    position: int = 0


class AssumptionHypothesisRow(SQLModel, table=True):
    __tablename__ = "assumption_hypotheses"
    __table_args__ = (UniqueConstraint("assumption_id", "hypothesis_id"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    assumption_id: int = Field(foreign_key="assumptions.id", ondelete="CASCADE")
    hypothesis_id: int = Field(foreign_key="hypotheses.id", ondelete="CASCADE")
    position: int = 0


class IndicatorRow(SQLModel, table=True):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("case_id", "key"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    key: str
    hypothesis_id: int = Field(foreign_key="hypotheses.id", ondelete="CASCADE")
    description: str
    effect: str = "confirms"
    status: str = "not_seen"
    notes: str | None = None
    position: int = 0


class LinkRow(SQLModel, table=True):
    """An explicit support, attack or undercut. Exactly one `from_*` and one `to_*` is set;
    separate foreign keys (rather than a polymorphic id) let deletes cascade correctly."""

    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint("case_id", "key"),
        CheckConstraint(
            _exactly_one("from_evidence_id", "from_assumption_id", "from_hypothesis_id"),
            name="one_from",
        ),
        CheckConstraint(
            _exactly_one("to_hypothesis_id", "to_evidence_id", "to_link_id"), name="one_to"
        ),
        _NO_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    key: str
    kind: str
    from_evidence_id: int | None = Field(
        default=None, foreign_key="evidence.id", ondelete="CASCADE"
    )
    from_assumption_id: int | None = Field(
        default=None, foreign_key="assumptions.id", ondelete="CASCADE"
    )
    from_hypothesis_id: int | None = Field(
        default=None, foreign_key="hypotheses.id", ondelete="CASCADE"
    )
    to_hypothesis_id: int | None = Field(
        default=None, foreign_key="hypotheses.id", ondelete="CASCADE"
    )
    to_evidence_id: int | None = Field(default=None, foreign_key="evidence.id", ondelete="CASCADE")
    to_link_id: int | None = Field(default=None, foreign_key="links.id", ondelete="CASCADE")
    notes: str | None = None
    position: int = 0


class TeachingRow(SQLModel, table=True):
    """A case's teaching notes; at most one row per case."""

    __tablename__ = "teaching"
    __table_args__ = (UniqueConstraint("case_id"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    learning_goals: str = "[]"  # JSON list
    discussion_questions: str = "[]"  # JSON list
    notes: str | None = None


class JudgementRow(SQLModel, table=True):
    """The analyst's written judgement; at most one row per case. The hypothesis is held by
    row id, so renaming it keeps the judgement pointing at it, and removing it clears the
    reference (the store logs that with the removal, so undo restores both)."""

    __tablename__ = "judgements"
    __table_args__ = (UniqueConstraint("case_id"), _NO_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    bottom_line: str
    hypothesis_id: int | None = Field(
        default=None, foreign_key="hypotheses.id", ondelete="SET NULL"
    )
    likelihood: str  # a Likelihood value ("very likely")
    confidence: str  # a Confidence value ("moderate")
    basis: str | None = None
    date: str  # ISO date, YYYY-MM-DD


class ReviewRow(SQLModel, table=True):
    """A guided-ACH check the analyst ticked. A per-item tick points at its evidence row, so
    deleting the item takes the tick with it and an export never names a missing item."""

    __tablename__ = "reviews"
    __table_args__ = _NO_REUSE
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = _case_fk()
    check_id: str  # a ReviewCheck value ("check" is an SQL keyword)
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id", ondelete="CASCADE")
    position: int = 0


class ChangeRow(SQLModel, table=True):
    """One entry per mutation. `before` and `after` are row snapshots (JSON) of every row the
    mutation touched, so undo restores `before` and redo restores `after`, whatever the edit.
    `case_id` is deliberately not a foreign key: the log outlives a deleted case."""

    __tablename__ = "changes"
    __table_args__ = _NO_REUSE
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, index=True)
    at: str
    who: str
    action: str  # what happened, in words: "rate E3 × H1: C → II"
    op: str = "edit"  # edit | undo | redo
    before: str = "{}"
    after: str = "{}"
    state: str = "done"  # done | undone (redo possible) | dead (superseded, redo impossible)
    ref_id: int | None = None  # for undo/redo entries: the entry they reversed or replayed
