"""Read one stored case back: its header (the case's own fields) or the whole case as a
CaseDocument, one query per table, ordered by position. Hand-written SQL through
driver_sql, so that it reads through SQLAlchemy or a bare sqlite3 connection alike."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimmap.model import document as d
from claimmap.store.document_rows import (
    CaseRows,
    HeaderRows,
    ItemsOf,
    header_rows,
    json_list,
    read_case_rows,
)
from claimmap.store.driver_sql import fetch_all

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

# A link's two ends: which of its columns names each kind of item it may start or end at.
LINK_FROM = (
    ("evidence", "from_evidence_id"),
    ("assumptions", "from_assumption_id"),
    ("hypotheses", "from_hypothesis_id"),
)
LINK_TO = (
    ("hypotheses", "to_hypothesis_id"),
    ("evidence", "to_evidence_id"),
    ("links", "to_link_id"),
)


@dataclass(frozen=True)
class CaseHeader:
    """Everything about a case but its items."""

    id: int
    info: d.CaseInfo
    analyst: str
    teaching: d.Teaching | None
    judgement: d.Judgement | None
    created_at: str
    updated_at: str


def judgement_from_rows(rows: list[Any], hyp_key: dict[int, str]) -> d.Judgement | None:
    """The case's judgement from its (at most one) row; `hyp_key` maps hypothesis row ids to
    their keys."""
    if not rows:
        return None
    row = rows[0]
    return d.Judgement(
        bottom_line=row.bottom_line,
        hypothesis=hyp_key[row.hypothesis_id] if row.hypothesis_id is not None else None,
        likelihood=row.likelihood,
        confidence=row.confidence,
        basis=row.basis,
        date=row.date,
    )


def hypothesis_keys(conn: AnyConnection, case_id: int) -> dict[int, str]:
    """The case's hypotheses' keys by row id."""
    query = "SELECT id, key FROM hypotheses WHERE case_id = ?"
    return dict(fetch_all(conn, query, (case_id,)))


def read_header(
    conn: AnyConnection, case_id: int, hyp_key: dict[int, str] | None = None
) -> CaseHeader:
    """The case's own fields, teaching notes and judgement, without reading its items
    (`hyp_key`: the hypotheses' keys by row id, when the caller has read them)."""
    rows = header_rows(conn, case_id)
    if hyp_key is None and rows.judgements:
        hyp_key = hypothesis_keys(conn, case_id)
    return header_from_rows(case_id, rows, hyp_key or {})


def header_from_rows(case_id: int, rows: HeaderRows, hyp_key: dict[int, str]) -> CaseHeader:
    case, teaching = rows.case, rows.teaching
    return CaseHeader(
        id=case_id,
        info=d.CaseInfo(
            slug=case.slug,
            title=case.title,
            question=case.question,
            description=case.description,
            tags=json.loads(case.tags),
            blind_until_rated=bool(case.blind_until_rated),
        ),
        analyst=case.analyst,
        teaching=d.Teaching(
            learning_goals=json.loads(teaching[0].learning_goals),
            discussion_questions=json.loads(teaching[0].discussion_questions),
            notes=teaching[0].notes,
        )
        if teaching
        else None,
        judgement=judgement_from_rows(rows.judgements, hyp_key),
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


def read_document(
    conn: AnyConnection,
    case_id: int,
    ratings_of: Collection[str] | None = None,
    items_of: ItemsOf | None = None,
) -> d.CaseDocument:
    """The whole case; with `ratings_of`, only those evidence items (by key) carry their
    ratings; with `items_of`, the evidence, sources, assumptions and indicators are only the
    items it names (the hypotheses and links, whose relations and undercuts can form loops,
    are all there). An edit checks one item against the case's keys (CaseKeys) and needs
    neither the other items nor their ratings."""
    rows = read_case_rows(conn, case_id, items_of)
    return document_from_rows(rows, _ratings(conn, rows, ratings_of))


Cells = dict[str, "d.RatingCell"]  # one item's: hypothesis key -> cell
# by evidence row id: the case analyst's cells, and each colleague's by name
Ratings = tuple[dict[int, Cells], dict[int, dict[str, Cells]]]


def _ratings(conn: AnyConnection, rows: CaseRows, ratings_of: Collection[str] | None) -> Ratings:
    """The case analyst's cells and each colleague's, of every item or (`ratings_of`) of
    those items alone."""
    hyp_key, ev_key = rows.keys["hypotheses"], rows.keys["evidence"]
    lead = rows.header.case.analyst
    analysts = dict(fetch_all(conn, "SELECT id, name FROM analysts"))
    own: dict[int, Cells] = defaultdict(dict)
    others: dict[int, dict[str, Cells]] = defaultdict(lambda: defaultdict(dict))
    hyp_pos = {h.id: i for i, h in enumerate(rows.hypotheses)}
    query = "SELECT evidence_id, hypothesis_id, analyst_id, value, rationale FROM ratings"
    if ratings_of is None:
        cells = fetch_all(conn, f"{query} WHERE case_id = ?", (rows.case_id,))
    else:
        asked = set(ratings_of)
        wanted = [i for i, k in ev_key.items() if k in asked]
        cells = []
        for ev_id in wanted:  # by the item alone: given the case too, SQLite chose the case's
            # index and walked all its ratings (a quarter of a second on a million)
            cells += fetch_all(conn, f"{query} WHERE evidence_id = ?", (ev_id,))
    # The database only holds valid ratings; skipping re-validation saves seconds per million
    # cells, and a cell without a rationale is one of the shared plain ones.
    plain = d.PLAIN_CELLS
    for ev_id, hyp_id, analyst_id, value, rationale in sorted(cells, key=lambda r: hyp_pos[r[1]]):
        cell = (
            plain[value]
            if rationale is None
            else d.RatingCell.model_construct(rating=plain[value].rating, rationale=rationale)
        )
        who = analysts[analyst_id]
        if who == lead:
            own[ev_id][hyp_key[hyp_id]] = cell
        else:
            others[ev_id][who][hyp_key[hyp_id]] = cell
    return own, others


def document_from_rows(rows: CaseRows, ratings: Ratings | None = None) -> d.CaseDocument:
    """The case's document from its rows, validated; its items carry the `ratings` given
    (none without)."""
    hyp_key = rows.keys["hypotheses"]
    source_key, ev_key = rows.keys["sources"], rows.keys["evidence"]
    header = header_from_rows(rows.case_id, rows.header, hyp_key)
    own, others = ratings if ratings is not None else ({}, {})
    relations: dict[int, list[d.Relation]] = defaultdict(list)
    for r in rows.relations:
        relations[r.from_id].append(d.Relation(kind=r.kind, target=hyp_key[r.to_id]))
    assumption_hyps: dict[int, list[str]] = defaultdict(list)
    for pair in rows.assumption_hypotheses:
        assumption_hyps[pair.assumption_id].append(hyp_key[pair.hypothesis_id])
    key_of = rows.keys

    reviews = [
        f"{r.check_id}:{ev_key[r.evidence_id]}" if r.evidence_id is not None else r.check_id
        for r in rows.reviews
    ]

    def end(row: Any, choices: tuple[tuple[str, str], ...]) -> str:
        return next(key_of[name][getattr(row, col)] for name, col in choices if getattr(row, col))

    shells = [
        # The item is validated without its ratings, which are then put in as read: they
        # come from the database (valid keys and values), and validating them again would
        # call a validator per cell.
        d.Evidence(
            id=e.key,
            summary=e.summary,
            source=source_key[e.source_id] if e.source_id else None,
            date=e.date,
            kind=e.kind,
            credibility=e.credibility,
            relevance=e.relevance,
            flags=json_list(e.flags),
            notes=e.notes,
            tags=json_list(e.tags),
            ratings={},
            ratings_by={},
        )
        for e in rows.evidence
    ]
    # the items' ratings, for the items that have any
    items = [
        ev.model_copy(
            update={
                "ratings": own.get(row.id, {}),
                "ratings_by": {who: dict(c) for who, c in sorted(others.get(row.id, {}).items())},
            }
        )
        if row.id in own or row.id in others
        else ev
        for row, ev in zip(rows.evidence, shells, strict=True)
    ]
    return d.CaseDocument(
        format=d.FORMAT,
        case=header.info,
        analyst=header.analyst,
        teaching=header.teaching,
        judgement=header.judgement,
        hypotheses=[
            d.Hypothesis(
                id=h.key,
                label=h.label,
                statement=h.statement,
                prior=h.prior,
                relations=relations[h.id],
            )
            for h in rows.hypotheses
        ],
        sources=[
            d.Source(
                id=s.key,
                title=s.title,
                author=s.author,
                kind=s.kind,
                date=s.date,
                reference=s.reference,
                reliability=s.reliability,
                notes=s.notes,
            )
            for s in rows.sources
        ],
        evidence=items,
        assumptions=[
            d.Assumption(
                id=a.key,
                statement=a.statement,
                grade=a.grade or None,  # "" is stored for ungraded
                hypotheses=assumption_hyps[a.id],
                notes=a.notes,
            )
            for a in rows.assumptions
        ],
        indicators=[
            d.Indicator(
                id=i.key,
                hypothesis=hyp_key[i.hypothesis_id],
                description=i.description,
                effect=i.effect,
                status=i.status,
                notes=i.notes,
            )
            for i in rows.indicators
        ],
        links=[
            d.Link(
                id=lk.key,
                kind=lk.kind,
                from_=end(lk, LINK_FROM),
                to=end(lk, LINK_TO),
                notes=lk.notes,
            )
            for lk in rows.links
        ],
        reviewed=reviews,
    )
