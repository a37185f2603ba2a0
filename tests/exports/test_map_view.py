"""The distinguishing view of a drawn map, on a case worked out by hand."""

from __future__ import annotations

from claimmap.formats.argument_graph import HANDFUL, build_argument_graph, distinguishing
from claimmap.model.document import CaseDocument


def case(extra: int) -> CaseDocument:
    rows = {
        "E1": {"H1": "C", "H2": "C", "H3": "C"},  # the same everywhere: proves nothing
        "E2": {"H1": "C", "H2": "C", "H3": "I"},  # tells H3 apart: only that edge is drawn
        "E3": {"H1": "CC"},  # bears on H1 alone: drawn
        "E4": {"H1": "I", "H2": "II", "H3": "I"},  # II on H2 stands out
    }
    rows |= {f"X{i}": {} for i in range(extra)}  # unrated filler: no edges at all
    return CaseDocument.model_validate(
        {
            "format": "claimmap/1",
            "case": {"title": "t", "question": "q"},
            "hypotheses": [{"id": h, "label": h} for h in ("H1", "H2", "H3")],
            "sources": [{"id": "S1", "title": "A paper"}],
            "evidence": [
                {"id": e, "summary": e, "ratings": r, "source": "S1"} for e, r in rows.items()
            ],
            "links": [{"id": "L1", "kind": "support", "from": "E3", "to": "E2"}],
        }
    )


def ratings(graph) -> set[tuple[str, str, str]]:
    return {(u, v, d["rating"]) for u, v, d in graph.edges(data=True) if d["role"] == "rating"}


def test_only_the_ratings_that_tell_hypotheses_apart_are_drawn() -> None:
    doc = case(extra=HANDFUL)
    shown, note = distinguishing(build_argument_graph(doc))
    assert ratings(shown) == {("E2", "H3", "I"), ("E3", "H1", "CC"), ("E4", "H2", "II")}
    assert "E1" not in shown and "S1" not in shown  # E1 has no link; sources are not drawn
    assert shown.has_edge("E3", "L1") and shown.has_edge("L1", "E2")  # links stay
    assert note.startswith("1 items rated the same on every hypothesis left out (3 edges)")
    assert "4 edges that repeat an item's usual rating left out" in note


def test_a_handful_of_items_is_drawn_whole() -> None:
    graph = build_argument_graph(case(extra=HANDFUL - 4))
    shown, note = distinguishing(graph)
    assert shown is graph and note == ""
