"""Hypothesis strategies for small case documents whose text fields are hard to escape:
quotes, brackets, line breaks, <>&, Arabic and other right-to-left text, emoji."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from claimmap.model.document import CaseDocument, RatingCell
from claimmap.model.enums import RatingValue

TRICKY = [
    "He said \"no\", then 'yes'",
    "[brackets] {braces} (parens) <angle>",
    "line one\nline two\r\nline three",
    "a & b < c > d; &amp; &#x41; <![CDATA[x]]>",
    "انسحاب هيئة تحرير الشام من جنوب إدلب",
    "שלום עולם",
    "emoji 🧐🔥👍🏽 and ZWJ 👩‍💻",
    "comma, semicolon; tab\there",
    " leading and trailing spaces ",
    "=1+1",
    "H9: not a header",
]

RATINGS = ["CC", "C", "N", "I", "II", "NA", None]
CREDIBILITY = ["1", "2", "3", "4", "5", "6", "High", "Medium", "Low", None]
LEVELS = ["High", "Medium", "Low", None]
DATES = ["2020", "2020-02", "2020-02-29", "1999-12-31", None]


def texts(alphabet: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """Non-blank text: a tricky sample, random text, or both joined."""
    chars = (
        alphabet
        if alphabet is not None
        else st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    )
    free = st.text(chars, min_size=1, max_size=30)
    text = st.one_of(st.sampled_from(TRICKY), free, st.tuples(st.sampled_from(TRICKY), free))
    return text.map(lambda t: t if isinstance(t, str) else " ".join(t)).filter(
        lambda t: bool(t.strip())
    )


@st.composite
def documents(draw: Any, text: st.SearchStrategy[str] | None = None) -> CaseDocument:
    words = text if text is not None else texts()
    n_h = draw(st.integers(1, 4))
    hyps = [{"id": f"H{i + 1}", "label": draw(words)} for i in range(n_h)]
    sources = [
        {"id": f"S{i + 1}", "title": draw(words), "reliability": draw(st.sampled_from("ABCDEF"))}
        for i in range(draw(st.integers(0, 2)))
    ]
    evidence = []
    for i in range(draw(st.integers(0, 5))):
        item: dict[str, Any] = {
            "id": f"E{i + 1}",
            "summary": draw(words),
            "kind": draw(st.sampled_from(["fact", "claim", "assumption", "absence"])),
            "ratings": {},
        }
        for name, choices in (("credibility", CREDIBILITY), ("relevance", LEVELS), ("date", DATES)):
            value = draw(st.sampled_from(choices))
            if value is not None:
                item[name] = value
        if sources and draw(st.booleans()):
            item["source"] = draw(st.sampled_from(sources))["id"]
        for h in hyps:
            rating = draw(st.sampled_from(RATINGS))
            if rating is not None:
                item["ratings"][h["id"]] = rating
        evidence.append(item)
    data = {
        "format": "claimmap/1",
        "case": {"title": draw(words), "question": draw(words)},
        "hypotheses": hyps,
        "sources": sources,
        "evidence": evidence,
    }
    return CaseDocument.model_validate(data)


def matrix_of(doc: CaseDocument) -> dict[str, Any]:
    """What a matrix export must keep: hypotheses, and per item its fields and rating codes."""
    sources = {s.id: s for s in doc.sources}
    return {
        "hypotheses": [(h.id, h.label) for h in doc.hypotheses],
        "evidence": [
            (
                ev.id,
                ev.summary,
                (ev.source, sources[ev.source].title, sources[ev.source].reliability.value)
                if ev.source
                else None,
                ev.date,
                ev.kind.value,
                ev.credibility,
                ev.relevance.value if ev.relevance else None,
                {h: c.rating.value for h, c in ev.ratings.items()},
            )
            for ev in doc.evidence
        ],
    }


def with_layers(doc: CaseDocument, why: str, who: str) -> CaseDocument:
    """`doc` with a rationale on every other cell of each item and, on every other item, a
    colleague's layer rating every hypothesis with `why`: the long form of a cell then
    appears at both depths (an item's own ratings and a colleague's)."""
    evidence = []
    for n, ev in enumerate(doc.evidence):
        own = {
            h: RatingCell(rating=c.rating, rationale=why if i % 2 else None)
            for i, (h, c) in enumerate(ev.ratings.items())
        }
        theirs = {h.id: RatingCell(rating=RatingValue.II, rationale=why) for h in doc.hypotheses}
        by = {f"{who} {n}": theirs} if n % 2 == 0 else {}
        evidence.append(ev.model_copy(update={"ratings": own, "ratings_by": by}))
    return doc.model_copy(update={"evidence": evidence})
