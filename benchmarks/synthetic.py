"""Seeded synthetic ACH cases for benchmarks and load tests (shared by later work).

    from synthetic import synthetic_case        # with benchmarks/ on sys.path
    case = synthetic_case(seed=1, hypotheses=50, evidence=5000, analysts=5)
    case.matrix()     # claimmap.scoring.Matrix, built straight from arrays
    case.case_dict()  # the same case as a plain dict in the claimmap/1 case-file format

Both views come from the same generated arrays, so for one seed they describe the same case.
Hypothesis H1 is the "true" one: its ratings lean consistent, the others lean inconsistent.
Each further analyst copies the first analyst's rating with probability 0.7 and is otherwise
one step off. A few cells are NA (3 %) or left unrated (5 %). Evidence gets a credibility
(PARC level or Admiralty 1-6), a relevance, and a source with an Admiralty reliability.
Optional explicit links connect evidence to evidence or to hypotheses, plus a few undercuts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from claimmap.scoring.matrix import CODE_LABELS, NA, UNRATED, Link, Matrix

GRADES = np.array([-2, -1, 0, 1, 2], dtype=np.int8)
TRUE_P = [0.03, 0.12, 0.35, 0.35, 0.15]
OTHER_P = [0.10, 0.25, 0.35, 0.22, 0.08]
CREDIBILITY = ["High", "Medium", "Low", "1", "2", "3", "4", "5", "6"]
LEVELS = ["High", "Medium", "Low"]
LETTERS = ["A", "B", "C", "D", "E", "F"]
SOURCE_KINDS = ["official", "partisan", "news", "analysis", "social_media", "local", "academic"]
EVIDENCE_KINDS = ["fact", "claim", "assumption", "absence"]


@dataclass(frozen=True)
class SyntheticCase:
    seed: int
    hypotheses: tuple[str, ...]
    evidence: tuple[str, ...]
    analysts: tuple[str, ...]
    ratings: np.ndarray  # int8 (A, E, H)
    credibility: tuple[str, ...]
    relevance: tuple[str, ...]
    source_of: np.ndarray  # (E,) index into sources
    source_reliability: tuple[str, ...]
    priors: np.ndarray  # (H,) NaN where not given
    links: tuple[Link, ...]

    def matrix(self) -> Matrix:
        return Matrix(
            hypotheses=self.hypotheses,
            evidence=self.evidence,
            analysts=self.analysts,
            ratings=self.ratings,
            credibility=self.credibility,
            relevance=self.relevance,
            reliability=tuple(self.source_reliability[i] for i in self.source_of),
            priors=self.priors,
            links=self.links,
        )

    def case_dict(self) -> dict[str, Any]:
        """The case in the claimmap/1 case-file format (plain dicts, lists and strings)."""
        hyps = []
        for i, h in enumerate(self.hypotheses):
            entry: dict[str, Any] = {
                "id": h,
                "label": f"Explanation {i + 1}",
                "statement": f"Synthetic explanation number {i + 1}.",
            }
            if np.isfinite(self.priors[i]):
                entry["prior"] = float(self.priors[i])
            hyps.append(entry)
        rng = np.random.default_rng(self.seed + 1)
        sources = [
            {
                "id": f"S{i + 1}",
                "title": f"Synthetic source {i + 1}",
                "kind": SOURCE_KINDS[int(rng.integers(len(SOURCE_KINDS)))],
                "reliability": letter,
            }
            for i, letter in enumerate(self.source_reliability)
        ]
        labels = np.vectorize(lambda c: CODE_LABELS.get(int(c), ""))(self.ratings)
        evidence = []
        for e, eid in enumerate(self.evidence):
            cred: str | int = self.credibility[e]
            item: dict[str, Any] = {
                "id": eid,
                "summary": f"Synthetic evidence item {e + 1}.",
                "source": f"S{int(self.source_of[e]) + 1}",
                "kind": EVIDENCE_KINDS[e % len(EVIDENCE_KINDS)],
                "credibility": int(cred) if str(cred).isdigit() else cred,
                "relevance": self.relevance[e],
                "ratings": self._row(labels[0, e]),
            }
            others = {a: self._row(labels[k, e]) for k, a in enumerate(self.analysts) if k}
            if others:
                item["ratings_by"] = others
            evidence.append(item)
        out: dict[str, Any] = {
            "format": "claimmap/1",
            "case": {
                "title": f"Synthetic case {self.seed}",
                "question": "Which synthetic explanation fits the synthetic evidence best?",
            },
            "hypotheses": hyps,
            "sources": sources,
            "evidence": evidence,
        }
        if self.links:
            out["links"] = [
                {"id": ln.id, "kind": ln.kind, "from": ln.source, "to": ln.target}
                for ln in self.links
            ]
        return out

    def _row(self, labels: np.ndarray) -> dict[str, str]:
        return {h: str(lab) for h, lab in zip(self.hypotheses, labels, strict=True) if lab}


def synthetic_case(
    seed: int = 0,
    hypotheses: int = 12,
    evidence: int = 300,
    analysts: int = 1,
    links: int = 0,
    na_rate: float = 0.03,
    unrated_rate: float = 0.05,
) -> SyntheticCase:
    rng = np.random.default_rng(seed)
    h_ids = tuple(f"H{i + 1}" for i in range(hypotheses))
    e_ids = tuple(f"E{i + 1}" for i in range(evidence))
    a_ids = ("default", *(f"analyst{i + 1}" for i in range(analysts - 1)))
    base = np.empty((evidence, hypotheses), dtype=np.int8)
    if hypotheses:
        base[:, 0] = rng.choice(GRADES, size=evidence, p=TRUE_P)
        base[:, 1:] = rng.choice(GRADES, size=(evidence, hypotheses - 1), p=OTHER_P)
    cube = np.repeat(base[None], analysts, axis=0)
    if analysts > 1:
        shift = rng.choice(
            np.array([-1, 0, 1], dtype=np.int8), size=cube[1:].shape, p=[0.15, 0.7, 0.15]
        )
        cube[1:] = np.clip(cube[1:] + shift, -2, 2)
    u = rng.random(cube.shape)
    cube[u < na_rate] = NA
    cube[(u >= na_rate) & (u < na_rate + unrated_rate)] = UNRATED
    n_sources = max(1, evidence // 10)
    priors = np.full(hypotheses, np.nan)
    if hypotheses > 1:
        priors[: hypotheses // 2] = rng.uniform(0.05, 0.5, size=hypotheses // 2)
    return SyntheticCase(
        seed=seed,
        hypotheses=h_ids,
        evidence=e_ids,
        analysts=a_ids,
        ratings=cube,
        credibility=tuple(CREDIBILITY[i] for i in rng.integers(len(CREDIBILITY), size=evidence)),
        relevance=tuple(LEVELS[i] for i in rng.integers(len(LEVELS), size=evidence)),
        source_of=rng.integers(n_sources, size=evidence),
        source_reliability=tuple(LETTERS[i] for i in rng.integers(len(LETTERS), size=n_sources)),
        priors=priors,
        links=_links(rng, h_ids, e_ids, links),
    )


def _links(rng: np.random.Generator, hyps: tuple[str, ...], evs: tuple[str, ...], n: int):
    out: list[Link] = []
    if not evs or n <= 0:
        return tuple(out)
    for i in range(n):
        src = evs[int(rng.integers(len(evs)))]
        if i % 5 == 4 and out:  # every fifth link undercuts an earlier one
            out.append(Link(f"L{i + 1}", "undercut", src, out[int(rng.integers(len(out)))].id))
            continue
        pool = evs if rng.random() < 0.5 or not hyps else hyps
        tgt = pool[int(rng.integers(len(pool)))]
        if tgt == src:
            continue
        kind = "support" if rng.random() < 0.5 else "attack"
        out.append(Link(f"L{i + 1}", kind, src, tgt))
    return tuple(out)


def synthetic_matrix(seed: int = 0, **kwargs: Any) -> Matrix:
    return synthetic_case(seed, **kwargs).matrix()


def synthetic_case_dict(seed: int = 0, **kwargs: Any) -> dict[str, Any]:
    return synthetic_case(seed, **kwargs).case_dict()
