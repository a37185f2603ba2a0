"""The one query that reads a case's rating rows in bulk, shared by the matrix reader and the
start-up prefetch (which must send the very same text to find its answer used). Standard
library only: the prefetch builds it before numpy or SQLAlchemy are loaded."""

from __future__ import annotations

# the order of the codes packed into each cell's integer (its lowest three bits)
LABELS = ("CC", "C", "N", "I", "II", "NA")

# What must not have moved between a prefetch and the read it stands in for: the newest
# change-log entry (every edit, undo and redo writes one) and the schema's revision (a
# migration, which writes none, may rewrite rows).
STATE_SQL = "SELECT (SELECT max(id) FROM changes), (SELECT max(version_num) FROM alembic_version)"


def cells_sql(
    dialect: str,
    h_low: int,
    a_low: int,
    a_span: int,
    why: bool,
    only: list[int] | None = None,
) -> str:
    """Every rating of a case (`case_id = ?`) in three texts: the evidence ids; each rating
    packed into one integer, ((hypothesis - h_low) * a_span + (analyst - a_low)) * 8 + the
    index of its value in LABELS; and (with `why`) the ids of the rows with a rationale.
    `only`: these analysts' ratings alone."""
    code = " ".join(f"WHEN '{label}' THEN {i}" for i, label in enumerate(LABELS))
    packed = (
        f"((CAST(hypothesis_id AS BIGINT) - {h_low}) * {a_span} + (analyst_id - {a_low})) * 8 "
        f"+ CASE value {code} END"
    )
    joined = "group_concat({})" if dialect == "sqlite" else "string_agg(CAST({} AS TEXT), ',')"
    explained = joined.format("CASE WHEN rationale IS NOT NULL THEN id END") if why else "NULL"
    return (
        f"SELECT {joined.format('evidence_id')}, {joined.format(packed)}, {explained} "
        "FROM ratings WHERE case_id = ?"
        + ("" if only is None else f" AND analyst_id IN ({', '.join(map(str, only))})")
    )
