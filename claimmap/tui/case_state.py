"""One open case as the interface sees it: the document, its scoring matrix, and derived views.

A case opened from the command line starts from its shell (store/case_shell.py): the matrix,
the header and the detail pane read `shown`, and the document models are built from the same
rows once the case is on screen (`doc`, PendingDocument), so its first paint does not wait
for pydantic.

This holds no widgets and does no I/O. Screens read from it and workers write to the store;
a rating is applied here first (optimistically, so the cell and the score row repaint at once)
and then saved; if the save fails the screen reloads the case from the store.
"""

from __future__ import annotations

import functools
import gc
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from claimmap.bulk import gc_paused
from claimmap.model.enums import RatingValue
from claimmap.scoring.diagnostic import diagnosticity
from claimmap.scoring.matrix import CODE_LABELS, RATING_CODES, UNRATED, Matrix
from claimmap.scoring.methods import METHOD_NAMES, make_methods
from claimmap.scoring.ranking import leader_mask
from claimmap.scoring.view import View, build_view, with_row_rebuilt
from claimmap.scoring.weights import credibility_weight
from claimmap.tui.pending_document import PendingDocument

# The document models (pydantic) are loaded once the case is on screen: see PendingDocument.
if TYPE_CHECKING:
    from claimmap.formats.casefile_matrix import Rationales
    from claimmap.model.document import CaseDocument
    from claimmap.model.shown import ShownCase, ShownEvidence, ShownHypothesis, ShownSource
    from claimmap.store.case_reading import CaseReading
    from claimmap.store.document_rows import CaseRows

REPORT_KINDS = ("per cell", "scores", "flips", "chances")
# Up to this many cells (evidence x hypotheses) the Scores tab's report is worked out ahead,
# at a pause in the typing: the scores take a few ms (the samples, 12 x 300), the smallest
# flips mostly 30-120 ms, at worst (a shape of 2 x 1,000) 0.7 s; on 50 x 5,000 the flips
# alone take 0.7 s, and the report is worked out when its tab is shown.
CHEAP_REPORT_CELLS = 10_000
SORTS: tuple[str, ...] = ("case order", "diagnosticity", "date", "credibility", "source")
RATINGS: tuple[str, ...] = tuple(r.value for r in RatingValue)


class CellRating(NamedTuple):
    """One analyst's rating of a cell, and why."""

    rating: RatingValue
    rationale: str | None = None


@dataclass(frozen=True)
class LiveScores:
    method: str
    label: str
    better: str  # "higher" or "lower"
    scores: dict[str, float]
    leaders: tuple[str, ...]
    whose: str = ""  # the analyst scored, or "group"


@dataclass(frozen=True)
class Snapshot:
    """The case at one moment. Never changed once made, so a worker can score it while the
    analyst goes on rating: each rating makes a new snapshot (copying the int8 rating cube)
    instead of writing into the one a worker may be reading.

    The ratings are held in columns, as scoring reads them: `doc` is the case's items without
    their ratings, `matrix.ratings` every analyst's codes and `rationales` the few cells that
    say why. A big case is then one array rather than an object per cell."""

    revision: int
    document: PendingDocument
    matrix: Matrix
    rationales: Rationales

    @property
    def doc(self) -> CaseDocument:
        return self.document.get()

    @functools.cached_property
    def rated_doc(self) -> CaseDocument:
        """The whole document, ratings included, for the views that read one (the Method
        tab's checks); built the first time one asks."""
        from claimmap.formats.casefile_matrix import rated_document

        return rated_document(self.doc, self.matrix, self.rationales)


class CaseState:
    @classmethod
    def load(cls, store: CaseReading, case_id: int, me: str | None = None) -> CaseState:
        """Read the case in columns and build its state (call it from a worker), with the
        collector paused while it does, then move everything alive into the collector's
        permanent generation: the case's objects live as long as the screen, and without this
        every full collection would walk all of them again, stalling a keystroke.

        The state starts from the case's shell (store/case_shell.py); its document is built
        from the same rows when first asked for (`document_ready`, PendingDocument)."""
        with gc_paused():
            shell, rows, matrix, rationales = store.shell_columns(case_id)
            state = cls.__new__(cls)
            later = PendingDocument(build=functools.partial(_document, store, rows))
            state._start(case_id, shell, later, matrix, rationales, me)
            # before the collector resumes: its first young collection would otherwise
            # walk every object the load made (a 50 ms pause on a big case)
            gc.freeze()
        return state

    def __init__(
        self,
        case_id: int,
        doc: CaseDocument,
        me: str | None = None,
        *,
        columns: tuple[Matrix, Rationales] | None = None,
    ) -> None:
        """`doc` a whole document, whose ratings go into columns here; or, with `columns`
        (the store's matrix and rationales), the document without its ratings."""
        if columns is None:
            from claimmap.formats.casefile_matrix import (
                matrix_from_document,
                rationales_of,
                without_ratings,
            )

            columns = (matrix_from_document(doc), rationales_of(doc))
            doc = without_ratings(doc)
        self._start(case_id, doc, PendingDocument(doc), *columns, me)

    def _start(
        self,
        case_id: int,
        shown: ShownCase,
        document: PendingDocument,
        matrix: Matrix,
        rationales: Rationales,
        me: str | None,
    ) -> None:
        self.case_id = case_id
        # What the matrix, the header and the detail pane show: the document, or until it is
        # built the case's shell; the same items with the same values either way.
        self.shown = shown
        # whose ratings the keys set: the analyst at the keyboard, else the case's own
        self.me = me or shown.analyst
        # the analysts the case knows: its own, then everyone who has rated in it
        self.known_analysts = matrix.analysts
        self.snapshot = Snapshot(0, document, with_analyst(matrix, self.me), rationales)
        self.evidence_index = {ev.id: i for i, ev in enumerate(shown.evidence)}
        self.hypothesis_index = {h.id: i for i, h in enumerate(shown.hypotheses)}
        self.sources: dict[str, ShownSource] = {s.id: s for s in shown.sources}
        # Results per snapshot revision. Each kind has its own lock, so a worker scoring a
        # big case never holds up a keystroke (which updates the team statistics).
        self._results: dict[str, tuple[int, dict[str, Any] | None]] = {}
        self._locks = {kind: threading.Lock() for kind in REPORT_KINDS}
        # What every keystroke repaints, carried from edit to edit under one lock: the team
        # statistics, and the views scored live by whose (None: the group), each as of a
        # revision.
        self._team: tuple[int, dict[str, np.ndarray]] | None = None
        self._views: dict[str | None, tuple[int, View]] = {}
        self._live_lock = threading.Lock()

    @property
    def doc(self) -> CaseDocument:
        """The case's items without their ratings, as document models: built here if not yet
        (see `load`); a StoreError if the stored case turned out damaged."""
        return self.snapshot.doc

    def document_ready(self) -> bool:
        """Whether `doc` returns at once (built, or known to be damaged)."""
        return self.snapshot.document.ready

    @property
    def matrix(self) -> Matrix:
        return self.snapshot.matrix

    # -- lookups --------------------------------------------------------------------------

    @property
    def hypothesis_ids(self) -> list[str]:
        return [h.id for h in self.shown.hypotheses]

    def evidence(self, evidence_id: str) -> ShownEvidence:
        return self.shown.evidence[self.evidence_index[evidence_id]]

    def cell(
        self, evidence_id: str, hypothesis_id: str, analyst: str | None = None
    ) -> CellRating | None:
        """One analyst's rating of a cell: by default, that of the analyst at the keyboard."""
        who = analyst or self.me
        snap = self.snapshot
        e, h = self.evidence_index[evidence_id], self.hypothesis_index[hypothesis_id]
        if who not in snap.matrix.analysts:
            return None
        code = int(snap.matrix.ratings[snap.matrix.analysts.index(who), e, h])
        if code == UNRATED:
            return None
        return CellRating(
            rating=RatingValue(CODE_LABELS[code]),
            rationale=snap.rationales.get((who, evidence_id, hypothesis_id)),
        )

    @property
    def analysts(self) -> tuple[str, ...]:
        """Everyone with a slice in the matrix: the case's analyst, the others, and me."""
        return self.matrix.analysts

    def analyst_slice(self, analyst: str | None = None) -> int:
        return self.matrix.analysts.index(analyst or self.me)

    def unrated_by_me(self) -> int:
        """Cells the analyst at the keyboard has not rated yet (NA counts as rated)."""
        mine = self.matrix.ratings[self.analyst_slice()]
        return int((mine == UNRATED).sum())

    @property
    def blind_for_me(self) -> bool:
        """Independent rating: the case hides colleagues' ratings and the group's scores from
        an analyst until they have rated every cell themselves."""
        return self.shown.case.blind_until_rated and self.unrated_by_me() > 0

    def report_is_cheap(self) -> bool:
        """Whether the deterministic report (scores and smallest flips) is small enough to be
        worked out ahead of asking, in the background (CHEAP_REPORT_CELLS)."""
        _, evidence, hypotheses = self.matrix.ratings.shape
        return evidence * hypotheses <= CHEAP_REPORT_CELLS

    def warm_report(self) -> None:
        """Work out the Scores tab's deterministic report of the current snapshot before the
        tab asks (call it from a worker): the tab then only draws it."""
        self.report(per_cell=False, flips=True, chances=False)

    def warm(self) -> None:
        """Compute what the first paint reads, in the loading thread, so that the interface's
        thread only draws: the live scores' view and, with colleagues, the per-cell team
        statistics (together about 0.1 s on five analysts' case of 5,000 items)."""
        self.view_of(self.me)
        if len(self.analysts) > 1:
            self.team_statistics()

    def team_statistics(self) -> dict[str, np.ndarray]:
        """Per-cell consensus and dispute (scoring.teams), computed once per snapshot."""
        snap = self.snapshot
        with self._live_lock:
            if self._team is None or self._team[0] != snap.revision:
                from claimmap.scoring.teams import cell_statistics

                self._team = (snap.revision, cell_statistics(snap.matrix))
            return self._team[1]

    def hypothesis(self, hypothesis_id: str) -> ShownHypothesis:
        return self.shown.hypotheses[self.hypothesis_index[hypothesis_id]]

    def citing(self, key: str) -> list[str]:
        """The evidence that cites `key`, when it is a source (which cannot go while cited)."""
        if key not in self.sources:
            return []
        return [ev.id for ev in self.shown.evidence if ev.source == key]

    def source_title(self, source_id: str | None) -> str:
        source = self.sources.get(source_id or "")
        return source.title if source is not None else ""

    # -- the one hot edit -------------------------------------------------------------------

    def set_rating(
        self,
        evidence_id: str,
        hypothesis_id: str,
        value: str | None,
        rationale: str | None,
        analyst: str | None = None,
    ) -> None:
        """Apply a rating (None clears it) to the scoring cube and the rationales, as a new
        snapshot: in the layer of the analyst at the keyboard, or of `analyst` (a colleague's
        committed rating arriving)."""
        who = analyst or self.me
        snap = self.snapshot
        e, h = self.evidence_index[evidence_id], self.hypothesis_index[hypothesis_id]
        if value is not None:
            RatingValue(value)  # an unknown value fails here, before anything changes
        cube = snap.matrix.ratings.copy()
        cube[self.analyst_slice(who), e, h] = UNRATED if value is None else RATING_CODES[value]
        rationales, key = snap.rationales, (who, evidence_id, hypothesis_id)
        why = rationale if value is not None else None
        if rationales.get(key) != why:
            rationales = dict(rationales)  # few cells have one: a small copy
            if why is None:
                del rationales[key]
            else:
                rationales[key] = why
        self.snapshot = Snapshot(
            snap.revision + 1, snap.document, replace(snap.matrix, ratings=cube), rationales
        )
        with self._live_lock:
            # Only row e changed: the team statistics and the live views carry over with
            # that row recomputed (the whole cube of a big case takes tens of milliseconds).
            matrix = self.snapshot.matrix
            self._views = {
                whose: (snap.revision + 1, self._carried(view, matrix, e, whose, who))
                for whose, (revision, view) in self._views.items()
                if revision == snap.revision
            }
            if self._team is not None and self._team[0] == snap.revision:
                from claimmap.scoring.teams import cube_statistics

                row = cube_statistics(cube[:, e : e + 1])
                stats = {name: values.copy() for name, values in self._team[1].items()}
                for name, values in stats.items():
                    values[e] = row[name][0]
                self._team = (snap.revision + 1, stats)

    @staticmethod
    def _carried(view: View, matrix: Matrix, e: int, whose: str | None, edited: str) -> View:
        if whose is None or whose == edited:
            return with_row_rebuilt(view, matrix, e, whose)
        return replace(view, matrix=matrix)  # another analyst's view: no cell of it moved

    def view_of(self, whose: str | None) -> View:
        """The view the live scores use: one analyst's, or (None) the group's."""
        snap = self.snapshot
        with self._live_lock:
            kept = self._views.get(whose)
            if kept is None or kept[0] != snap.revision:
                kept = (snap.revision, build_view(snap.matrix, whose))
                self._views[whose] = kept
            return kept[1]

    def report(
        self, *, per_cell: bool = True, flips: bool = True, chances: bool = True
    ) -> tuple[Snapshot, dict[str, Any]]:
        """The score report of the current snapshot, each part computed once however many
        views ask for it (the Scores and Method tabs both do); call it from a worker.

        `per_cell`: with each method's contributions and every cell's consensus (the Method
        tab's checks read them; the Scores tab does not). `flips`: with the smallest flips
        and the linchpins, else those parts are empty. `chances`: with the Monte Carlo part,
        else its `uncertainty` is None. So the Scores tab shows the scores first and the
        rest as it comes. With all three, it is `score_report`'s report (the standard draws
        and seed, so the figures match `score` and the exported reports)."""
        from claimmap.scoring.report import flip_report, score_report, uncertainty_report

        snap = self.snapshot
        matrix, me = snap.matrix, self.me
        kind = "per cell" if per_cell else "scores"
        report = self._once(
            kind,
            snap,
            lambda: score_report(matrix, None, me, draws=0, per_cell=per_cell, flips=False),
        )
        assert report is not None
        if flips:
            flipped = self._once("flips", snap, lambda: flip_report(matrix, None, me))
            assert flipped is not None
            report = {**report, **flipped}
        if chances:
            chance = self._once("chances", snap, lambda: uncertainty_report(matrix, None, me))
            report = {**report, "uncertainty": chance}
        return snap, report

    def _once(
        self, kind: str, snap: Snapshot, compute: Callable[[], dict[str, Any] | None]
    ) -> dict[str, Any] | None:
        with self._locks[kind]:  # a second view asking waits for the first one's result
            done = self._results.get(kind)
            if done is None or done[0] != snap.revision:
                kept = done
                done = (snap.revision, compute())
                if kept is None or kept[0] < snap.revision:  # never over a newer snapshot's
                    self._results[kind] = done
            return done[1]

    def flips_ready(self) -> bool:
        """Whether the current snapshot's smallest flips are worked out already."""
        return self._ready("flips")

    def report_ready(self) -> bool:
        """Whether the current snapshot's scores and smallest flips are worked out already
        (ahead: see `warm_report`)."""
        return self._ready("scores") and self._ready("flips")

    def _ready(self, kind: str) -> bool:
        done = self._results.get(kind)
        return done is not None and done[0] == self.snapshot.revision

    # -- derived views ----------------------------------------------------------------------

    def live_scores(
        self, method_name: str, analyst: str | None = None, *, group: bool = False
    ) -> LiveScores:
        """The chosen method's score per hypothesis for the analyst at the keyboard (or
        another, or the group: every analyst's mean rating per cell), and the leaders."""
        method = make_methods([method_name])[0]
        view = self.view_of(None if group else analyst or self.me)
        scores = method.scores(view)
        leaders = leader_mask(method.oriented(scores)) if len(scores) else np.zeros(0, bool)
        return LiveScores(
            method=method_name,
            label=method.label,
            better="higher" if method.higher_is_better else "lower",
            scores={h: float(s) for h, s in zip(view.hypotheses, scores, strict=True)},
            leaders=tuple(h for h, lead in zip(view.hypotheses, leaders, strict=True) if lead),
            whose="group" if group else analyst or self.me,
        )

    def diagnosticity(self) -> dict[str, float]:
        view = self.view_of(self.me)
        return dict(zip(view.evidence, diagnosticity(view).tolist(), strict=True))

    def evidence_order(self, sort: str, text: str = "") -> list[str]:
        """Evidence ids filtered by `text` (summary, id, notes, source or `#tag`) and sorted."""
        items = [ev for ev in self.shown.evidence if self._matches(ev, text)]
        if sort == "diagnosticity":
            diag = self.diagnosticity()
            items.sort(key=lambda ev: -diag.get(ev.id, 0.0))
        elif sort == "date":
            items.sort(key=lambda ev: (ev.date is None, str(ev.date or "")))
        elif sort == "credibility":
            # most credible first, on the scale scoring weighs them by; ungraded items last
            items.sort(key=lambda ev: (ev.credibility is None, -credibility_weight(ev.credibility)))
        elif sort == "source":
            items.sort(key=lambda ev: (ev.source is None, self.source_title(ev.source).casefold()))
        return [ev.id for ev in items]

    def _matches(self, ev: ShownEvidence, text: str) -> bool:
        needle = text.strip().casefold()
        if not needle:
            return True
        if needle.startswith("#"):
            return any(tag.casefold() == needle[1:] for tag in ev.tags)
        hay = " ".join(
            [ev.id, ev.summary, ev.notes or "", self.source_title(ev.source), *ev.tags]
        ).casefold()
        return needle in hay

    def hypothesis_order(self, blind_seed: int | None) -> list[str]:
        """Case order, or a shuffled order in blind mode (fixed for one blind session)."""
        ids = self.hypothesis_ids
        if blind_seed is None:
            return ids
        shuffled = ids[:]
        random.Random(blind_seed).shuffle(shuffled)
        return shuffled


def _document(store: CaseReading, rows: CaseRows) -> CaseDocument:
    """The document of the case whose `rows` were read, its models moved out of the
    collector's sight as the load's are (see CaseState.load)."""
    with gc_paused():
        doc = store.document_from(rows)
        gc.freeze()
    return doc


def with_analyst(matrix: Matrix, name: str) -> Matrix:
    """The matrix with an (empty) slice for `name` when it has none yet, so a new analyst's
    first rating has somewhere to go."""
    if name in matrix.analysts:
        return matrix
    empty = np.full((1, *matrix.ratings.shape[1:]), UNRATED, dtype=np.int8)
    return replace(
        matrix,
        analysts=(*matrix.analysts, name),
        ratings=np.concatenate([matrix.ratings, empty]),
    )


def next_method(current: str) -> str:
    names = list(METHOD_NAMES)
    return names[(names.index(current) + 1) % len(names)]


def next_sort(current: str) -> str:
    return SORTS[(SORTS.index(current) + 1) % len(SORTS)]
