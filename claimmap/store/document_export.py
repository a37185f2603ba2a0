"""Read one stored case back: its header (the case's own fields) or the whole case as a
CaseDocument, one query per table, ordered by position. Hand-written SQL through
driver_sql, so that it reads through SQLAlchemy or a bare sqlite3 connection alike."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimmap.model import document as d
from claimmap.store.driver_sql import fetch_all, records
from claimmap.store.errors import StoreError

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


def _rows(conn: AnyConnection, name: str, case_id: int) -> list[Any]:
    order = "position, id" if name in _POSITIONED else "id"
    return records(conn, f"SELECT * FROM {name} WHERE case_id = ? ORDER BY {order}", (case_id,))


def _json_list(text: str) -> Any:
    """A stored JSON list; most are empty, and need no parse. (Whatever else is stored goes
    to validation as it is, which reports damage.)"""
    return [] if text == "[]" else json.loads(text)


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
    found = records(conn, "SELECT * FROM cases WHERE id = ?", (case_id,))
    if not found:
        raise StoreError(f"no case with id {case_id}")
    case = found[0]
    teaching = _rows(conn, "teaching", case_id)
    judged = _rows(conn, "judgements", case_id)
    if hyp_key is None and judged:
        hyp_key = hypothesis_keys(conn, case_id)
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
        judgement=judgement_from_rows(judged, hyp_key or {}),
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


@dataclass(frozen=True)
class ItemsOf:
    """What an edit reads of a case: the items with these `keys` (besides the hypotheses and
    links, all of which it reads), and every item's row id by key per collection, which the
    edit has read already (document_io.Keys.ids)."""

    keys: Collection[str]
    row_ids: Mapping[str, Mapping[str, int]]


def _item_rows(
    conn: AnyConnection, name: str, case_id: int, items_of: ItemsOf | None
) -> tuple[list[Any], dict[int, str]]:
    """The rows of `name` (with `items_of`, those of its keys alone) and the keys of all its
    rows by row id."""
    if items_of is None:
        rows = _rows(conn, name, case_id)
        return rows, {row.id: row.key for row in rows}
    query = f"SELECT * FROM {name} WHERE case_id = ? AND key = ?"
    rows = [row for key in items_of.keys for row in records(conn, query, (case_id, key))]
    return rows, {row_id: key for key, row_id in items_of.row_ids.get(name, {}).items()}


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
    hyps = _rows(conn, "hypotheses", case_id)
    hyp_key = {h.id: h.key for h in hyps}
    header = read_header(conn, case_id, hyp_key)
    relations: dict[int, list[d.Relation]] = defaultdict(list)
    for r in _rows(conn, "hypothesis_relations", case_id):
        relations[r.from_id].append(d.Relation(kind=r.kind, target=hyp_key[r.to_id]))
    sources, source_key = _item_rows(conn, "sources", case_id, items_of)
    evidence, ev_key = _item_rows(conn, "evidence", case_id, items_of)

    analysts = dict(fetch_all(conn, "SELECT id, name FROM analysts"))
    own: dict[int, dict[str, d.RatingCell]] = defaultdict(dict)
    others: dict[int, dict[str, dict[str, d.RatingCell]]] = defaultdict(lambda: defaultdict(dict))
    hyp_pos = {h.id: i for i, h in enumerate(hyps)}
    query = "SELECT evidence_id, hypothesis_id, analyst_id, value, rationale FROM ratings"
    if ratings_of is None:
        cells = fetch_all(conn, f"{query} WHERE case_id = ?", (case_id,))
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
        if who == header.analyst:
            own[ev_id][hyp_key[hyp_id]] = cell
        else:
            others[ev_id][who][hyp_key[hyp_id]] = cell

    assumption_hyps: dict[int, list[str]] = defaultdict(list)
    for pair in _rows(conn, "assumption_hypotheses", case_id):
        assumption_hyps[pair.assumption_id].append(hyp_key[pair.hypothesis_id])
    links = _rows(conn, "links", case_id)
    assumptions, assumption_key = _item_rows(conn, "assumptions", case_id, items_of)
    key_of = {
        "evidence": ev_key,
        "hypotheses": hyp_key,
        "links": {lk.id: lk.key for lk in links},
        "assumptions": assumption_key,
    }

    reviews = [
        f"{r.check_id}:{ev_key[r.evidence_id]}" if r.evidence_id is not None else r.check_id
        for r in _rows(conn, "reviews", case_id)
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
            flags=_json_list(e.flags),
            notes=e.notes,
            tags=_json_list(e.tags),
            ratings={},
            ratings_by={},
        )
        for e in evidence
    ]
    # the items' ratings, for the items that have any
    items = [
        ev.model_copy(
            update={
                "ratings": own[row.id],
                "ratings_by": {who: dict(c) for who, c in sorted(others[row.id].items())},
            }
        )
        if row.id in own or row.id in others
        else ev
        for row, ev in zip(evidence, shells, strict=True)
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
            for h in hyps
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
            for s in sources
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
            for a in assumptions
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
            for i in _item_rows(conn, "indicators", case_id, items_of)[0]
        ],
        links=[
            d.Link(
                id=lk.key,
                kind=lk.kind,
                from_=end(lk, LINK_FROM),
                to=end(lk, LINK_TO),
                notes=lk.notes,
            )
            for lk in links
        ],
        reviewed=reviews,
    )
