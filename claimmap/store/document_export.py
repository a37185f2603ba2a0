"""Read one stored case back as a CaseDocument: one query per table, ordered by position."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, select

from claimmap.model import document as d
from claimmap.store.document_io import LINK_FROM, LINK_TO
from claimmap.store.driver_sql import fetch_all
from claimmap.store.engine import StoreError
from claimmap.store.snapshot import table


def _rows(conn: Connection, name: str, case_id: int) -> list[Any]:
    tbl = table(name)
    order = [tbl.c.position, tbl.c.id] if "position" in tbl.c else [tbl.c.id]
    return list(conn.execute(select(tbl).where(tbl.c.case_id == case_id).order_by(*order)))


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


def read_document(
    conn: Connection, case_id: int, ratings_of: Collection[str] | None = None
) -> d.CaseDocument:
    """The whole case; with `ratings_of`, only those evidence items (by key) carry their
    ratings: an edit checks one item against the case's keys and needs no other ratings."""
    cases = table("cases")
    case = conn.execute(select(cases).where(cases.c.id == case_id)).first()
    if case is None:
        raise StoreError(f"no case with id {case_id}")
    hyps = _rows(conn, "hypotheses", case_id)
    hyp_key = {h.id: h.key for h in hyps}
    relations: dict[int, list[d.Relation]] = defaultdict(list)
    for r in _rows(conn, "hypothesis_relations", case_id):
        relations[r.from_id].append(d.Relation(kind=r.kind, target=hyp_key[r.to_id]))
    sources = _rows(conn, "sources", case_id)
    source_key = {s.id: s.key for s in sources}
    evidence = _rows(conn, "evidence", case_id)
    ev_key = {e.id: e.key for e in evidence}

    analysts = {
        i: n for i, n in conn.execute(select(table("analysts").c.id, table("analysts").c.name))
    }
    own: dict[int, dict[str, d.RatingCell]] = defaultdict(dict)
    others: dict[int, dict[str, dict[str, d.RatingCell]]] = defaultdict(lambda: defaultdict(dict))
    hyp_pos = {h.id: i for i, h in enumerate(hyps)}
    query = (
        "SELECT evidence_id, hypothesis_id, analyst_id, value, rationale FROM ratings "
        "WHERE case_id = ?"
    )
    if ratings_of is None:
        cells = fetch_all(conn, query, (case_id,))
    else:
        wanted = [i for i, k in ev_key.items() if k in set(ratings_of)]
        cells = []
        for ev_id in wanted:
            cells += fetch_all(conn, f"{query} AND evidence_id = ?", (case_id, ev_id))
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
        if who == case.analyst:
            own[ev_id][hyp_key[hyp_id]] = cell
        else:
            others[ev_id][who][hyp_key[hyp_id]] = cell

    assumption_hyps: dict[int, list[str]] = defaultdict(list)
    for pair in _rows(conn, "assumption_hypotheses", case_id):
        assumption_hyps[pair.assumption_id].append(hyp_key[pair.hypothesis_id])
    links = _rows(conn, "links", case_id)
    key_of = {
        "evidence": ev_key,
        "hypotheses": hyp_key,
        "links": {lk.id: lk.key for lk in links},
        "assumptions": {a.id: a.key for a in _rows(conn, "assumptions", case_id)},
    }

    teaching = _rows(conn, "teaching", case_id)
    judgement = judgement_from_rows(_rows(conn, "judgements", case_id), hyp_key)
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
        case=d.CaseInfo(
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
        judgement=judgement,
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
            for a in _rows(conn, "assumptions", case_id)
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
            for i in _rows(conn, "indicators", case_id)
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
