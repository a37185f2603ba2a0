"""Quality of Information Check: for each evidence item, how far its source and its content can
be trusted, whether other sources back it up, and what weight scoring ends up giving it.

Corroboration, precisely: item f corroborates item e when
  * both name a source and the sources differ (two reports from one outlet are one voice),
  * f is not retracted, and
  * on every hypothesis that e rates consistent (C, CC) or inconsistent (I, II), f is rated
    in the same direction (a neutral, NA or unrated cell of f does not count as agreeing).
f may say more than e; it must not say less. An item with no consistent or inconsistent
rating has nothing to corroborate. The corroboration count of e is the number of *distinct
sources* among the items corroborating it. Directions come from the same view as the scores:
one analyst's ratings, or the mean of the group's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from claimmap.formats.casefile_matrix import matrix_from_document
from claimmap.model.document import CaseDocument
from claimmap.scoring.matrix import Matrix
from claimmap.scoring.view import build_view
from claimmap.scoring.weights import evidence_weights, flag_factor

RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_MEANING = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
    "High": "high",
    "Medium": "medium",
    "Low": "low",
}
_BLOCK = 512  # patterns of the pattern × item agreement table worked out at a time


@dataclass(frozen=True)
class QualityRow:
    evidence: str
    summary: str
    kind: str
    source: str | None
    source_title: str | None
    source_kind: str | None
    reliability: str | None  # Admiralty A-F of the source
    reliability_meaning: str | None
    credibility: str | None  # Admiralty 1-6 or High/Medium/Low
    credibility_meaning: str | None
    relevance: str | None
    flags: tuple[str, ...]
    weight_before_flags: float
    flag_factor: float
    weight: float  # what `weighted` and `bayes` use
    corroboration: int  # distinct other sources whose items back this one up
    corroborated_by: tuple[str, ...]  # those items, in case order (maybe only the first few)
    backers: int = 0  # how many items corroborate it, all of them


def corroborating(
    signs: np.ndarray, sources: list[str | None], usable: np.ndarray, most: int | None = None
) -> tuple[list[list[int]], np.ndarray, np.ndarray]:
    """Per item e: the items f that corroborate it (definition in the module docstring; the
    first `most` of them when given), how many there are, and how many distinct sources they
    come from.

    `signs` (E, H) holds -1, 0 or +1; `usable` (E,) marks items that may corroborate others.

    Which items may back e depends only on e's pattern of signs, and a case has far fewer
    patterns than items (at most 3^H; a few dozen on five hypotheses): the agreement table
    is worked out per pattern, then each item drops the backers that share its source."""
    n = signs.shape[0]
    pos, neg = (signs > 0).astype(np.float32), (signs < 0).astype(np.float32)
    # Sources as integer codes (-1: none), so the per-pair source test is array arithmetic
    # rather than millions of string comparisons.
    names = sorted({s for s in sources if s is not None})
    index = {name: i for i, name in enumerate(names)}
    code = np.array([index[s] if s is not None else -1 for s in sources], dtype=np.int64)
    can_back = usable & (code >= 0)
    out: list[list[int]] = [[] for _ in range(n)]
    totals = np.zeros(n, dtype=np.int64)
    distinct = np.zeros(n, dtype=np.int64)
    wanted = (signs != 0).any(axis=1) & (code >= 0)  # items that can be corroborated at all
    if not wanted.any() or not can_back.any():
        return out, totals, distinct
    patterns, which = np.unique(signs[wanted], axis=0, return_inverse=True)
    which = which.reshape(-1)  # some numpy 2 releases give it two dimensions here
    members = np.flatnonzero(wanted)[np.argsort(which, kind="stable")]
    by_pattern = np.split(members, np.cumsum(np.bincount(which, minlength=len(patterns)))[:-1])
    p_pos, p_neg = (patterns > 0).astype(np.float32), (patterns < 0).astype(np.float32)
    needed = (patterns != 0).sum(axis=1)
    for lo in range(0, len(patterns), _BLOCK):
        hi = min(lo + _BLOCK, len(patterns))
        # matches[p, f]: hypotheses where f points the way pattern p does, among p's cells
        matches = p_pos[lo:hi] @ pos.T + p_neg[lo:hi] @ neg.T
        agree = (matches == needed[lo:hi, None]) & can_back[None, :]
        for g in range(hi - lo):
            items = by_pattern[lo + g]
            backers = np.flatnonzero(agree[g])  # in case order
            per_source = np.bincount(code[backers], minlength=len(names))
            own = per_source[code[items]]  # backers that share each item's source
            totals[items] = backers.size - own
            distinct[items] = np.count_nonzero(per_source) - (own > 0)
            for e, same in zip(items.tolist(), own.tolist(), strict=True):
                # the first `most` others are among the first `most` + `same` backers
                head = backers if most is None else backers[: most + same]
                kept = head[code[head] != code[e]] if same else head
                out[e] = (kept if most is None else kept[:most]).tolist()
    return out, totals, distinct


def quality_check(
    doc: CaseDocument,
    *,
    analyst: str | None = None,
    use_reliability: bool = False,
    most_backers: int | None = None,
    matrix: Matrix | None = None,
) -> list[QualityRow]:
    """One row per evidence item, in case order. `most_backers` keeps only the first so many
    corroborating items per row (a report need not list thousands); the counts stay whole.
    `matrix`: the document's, when the caller has made it already."""
    if matrix is None:
        matrix = matrix_from_document(doc)
    view = build_view(matrix, analyst, use_reliability=use_reliability)
    signs = np.where(view.rated, np.sign(view.values), 0.0)
    before = evidence_weights(
        matrix.credibility, matrix.relevance, matrix.reliability if use_reliability else None
    )
    flags = [tuple(f.value for f in ev.flags) for ev in doc.evidence]
    factors = [flag_factor(f) for f in flags]
    sources = {s.id: s for s in doc.sources}
    src_ids = [ev.source for ev in doc.evidence]
    usable = np.array([f > 0 for f in factors], dtype=bool)
    backers, totals, distinct = corroborating(signs, src_ids, usable, most_backers)
    rows = []
    for i, ev in enumerate(doc.evidence):
        s = sources.get(ev.source) if ev.source else None
        rel = s.reliability.value if s else None
        cred = ev.credibility
        rows.append(
            QualityRow(
                evidence=ev.id,
                summary=ev.summary,
                kind=ev.kind.value,
                source=ev.source,
                source_title=s.title if s else None,
                source_kind=s.kind.value if s else None,
                reliability=rel,
                reliability_meaning=RELIABILITY_MEANING.get(rel) if rel else None,
                credibility=cred,
                credibility_meaning=CREDIBILITY_MEANING.get(cred) if cred else None,
                relevance=ev.relevance.value if ev.relevance else None,
                flags=flags[i],
                weight_before_flags=float(before[i]),
                flag_factor=factors[i],
                weight=float(view.weights[i]),
                corroboration=int(distinct[i]),
                corroborated_by=tuple(doc.evidence[f].id for f in backers[i]),
                backers=int(totals[i]),
            )
        )
    return rows
