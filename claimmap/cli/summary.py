"""The plain-text summary of a case that `claimmap show` prints."""

from __future__ import annotations

import textwrap
import unicodedata
from typing import TYPE_CHECKING

from claimmap.model.document import CaseDocument
from claimmap.model.visible import visible as v
from claimmap.teaching.judgement_check import judgement_lines

if TYPE_CHECKING:  # numpy loads with the first summary, not with every command
    from claimmap.scoring.matrix import Matrix

_WIDTH = 100


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _wrap(text: str, indent: str = "  ") -> str:
    line = v(" ".join(text.split()))
    if line and len(indent) + len(line) <= _WIDTH:
        return indent + line  # what textwrap gives a line that fits, without its work
    return textwrap.fill(line, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_summary(doc: CaseDocument, matrix: Matrix | None = None) -> str:
    """`doc`'s text; its ratings are read from `matrix` (the case's, in the store's columns)
    when one is given, so a big case needs no object per rating."""
    from claimmap.scoring.matrix import CODE_LABELS, UNRATED

    if matrix is None:
        from claimmap.formats.casefile_matrix import matrix_from_document

        matrix = matrix_from_document(doc)
    title = v(doc.case.title)
    lines = [title, "=" * min(_WIDTH, max(8, _width(title))), ""]
    lines += ["Question:", _wrap(doc.case.question or "(not written yet)")]
    if doc.case.tags:
        lines.append("Tags: " + ", ".join(v(t) for t in doc.case.tags))
    if doc.case.blind_until_rated:
        lines.append("Blind until rated: no colleague's ratings until you have rated every cell")
    if doc.case.description:
        lines += ["", "Description:", _wrap(doc.case.description)]
    labels = {h.id: v(h.label) for h in doc.hypotheses}
    lines += ["", *(v(line) for line in judgement_lines(doc.judgement, labels))]
    lines += ["", f"Hypotheses ({len(doc.hypotheses)}):"]
    for h in doc.hypotheses:
        prior = f"  [prior {h.prior:g}]" if h.prior is not None else ""
        lines.append(f"  {h.id:<5} {v(h.label)}{prior}")
    sources = {s.id: s for s in doc.sources}
    hyp_ids = [h.id for h in doc.hypotheses]
    cells = len(doc.evidence) * len(hyp_ids)
    own = matrix.ratings[0]  # the case analyst's layer: the matrix puts it first
    rated = int((own != UNRATED).sum())
    labels_of = {**CODE_LABELS, UNRATED: "·"}
    lines += ["", f"Evidence ({len(doc.evidence)}; {rated} of {cells} cells rated):"]
    id_width = max([5, *(len(e.id) + 1 for e in doc.evidence)])
    header = _pad("", id_width + 2) + "".join(f"{h:<5}" for h in hyp_ids) + "cred  source"
    lines.append(header)
    for e, codes in zip(doc.evidence, own.tolist(), strict=True):
        row = "".join(f"{labels_of[c]:<5}" for c in codes)
        source = sources[e.source] if e.source else None
        src = f"{source.id} ({source.reliability.value})" if source else "-"
        lines.append(f"  {e.id:<{id_width}}{row}{e.credibility or '-':<6}{src}")
        lines.append(_wrap(e.summary, " " * (id_width + 2)))
    lines += ["", f"Sources ({len(doc.sources)}):"]
    for s in doc.sources:
        who = f" — {v(s.author)}" if s.author else ""
        lines.append(f"  {s.id:<5} [{s.reliability.value}] {v(s.title)}{who}")
    if doc.assumptions:
        lines += ["", f"Key assumptions ({len(doc.assumptions)}):"]
        for a in doc.assumptions:
            grade = a.grade.value if a.grade else "ungraded"
            lines.append(f"  {a.id:<5} {grade:<11} {v(' '.join(a.statement.split()))}")
    if doc.indicators:
        lines += ["", f"Indicators ({len(doc.indicators)}):"]
        for i in doc.indicators:
            lines.append(f"  {i.id:<5} {i.hypothesis:<4} {i.effect.value:<9} {v(i.description)}")
    if doc.links:
        lines += ["", f"Argument links ({len(doc.links)}):"]
        for link in doc.links:
            lines.append(f"  {link.id:<5} {link.from_} --{link.kind.value}--> {link.to}")
    return "\n".join(lines) + "\n"
