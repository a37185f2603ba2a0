"""The Map tab's tree on a branch too big to list: the strongest items, the rest counted."""

from __future__ import annotations

from claimmap.model.document import CaseDocument
from claimmap.tui.argument_model import BRANCH_LIMIT, build_map, without_ranking
from claimmap.tui.case_state import CaseState

TELLING = BRANCH_LIMIT + 20


def _case() -> CaseDocument:
    # E1..E320 support H1 and attack H2 (they tell the two apart); E0 supports H1 strongly;
    # A1..A5 support both alike; U1 is unrated.
    rows = {"E0": {"H1": "CC", "H2": "II"}}
    rows |= {f"E{i}": {"H1": "C", "H2": "I"} for i in range(1, TELLING + 1)}
    rows |= {f"A{i}": {"H1": "C", "H2": "C"} for i in range(1, 6)}
    rows |= {"U1": {}}
    return CaseDocument.model_validate(
        {
            "format": "claimmap/1",
            "case": {"title": "t", "question": "q"},
            "hypotheses": [{"id": "H1", "label": "one"}, {"id": "H2", "label": "two"}],
            "sources": [{"id": "S1", "title": "A paper"}],
            "evidence": [
                {"id": e, "summary": f"item {e}", "ratings": r, "source": "S1"}
                for e, r in rows.items()
            ],
        }
    )


def test_a_big_branch_lists_its_strongest_items_and_counts_the_rest() -> None:
    root = build_map(CaseState(1, _case()))
    h1, h2 = root.children
    items = [c for c in h1.children if c.kind == "evidence"]
    # 321 telling items on H1: the CC first (heavier), then the Cs in case order
    assert [c.id for c in items[:3]] == ["E0", "E1", "E2"]
    assert len(items) == BRANCH_LIMIT and items[-1].id == f"E{BRANCH_LIMIT - 1}"
    assert h1.more == TELLING + 1 - BRANCH_LIMIT
    assert all(c.relation == "support" and c.rating == "C" for c in items[1:])
    # the alike group is still there after a truncated list, with all five
    (group,) = [c for c in h1.children if c.kind == "group"]
    assert group.label.startswith("5 items that rate the same")
    assert [c.id for c in group.children] == [f"A{i}" for i in range(1, 6)] and group.more == 0
    # each listed item carries its source
    assert [s.id for s in items[0].children] == ["S1"]
    # on H2 the same items attack; the alike ones (C on H2 too) are in its group
    attacks = [c for c in h2.children if c.kind == "evidence"]
    assert attacks[0].id == "E0" and {c.relation for c in attacks} == {"attack"}
    assert h2.more == TELLING + 1 - BRANCH_LIMIT


def test_a_branch_is_made_when_opened_and_keeps_the_blind_rule() -> None:
    root = build_map(CaseState(1, _case()))
    h1 = root.children[0]
    # the count is known before the branch is made: 300 items, the alike group, no links
    assert h1.count == BRANCH_LIMIT + 1
    # blind rating hides strengths and stars, also in a branch made after the rule was set
    without_ranking(root)
    items = h1.children
    assert len(items) == h1.count
    assert all(node.strength is None and not node.leader for node in items)
    (group,) = [c for c in items if c.kind == "group"]
    assert all(node.strength is None for node in group.children)
    assert items[0].rating == "CC"  # ratings stay: only the ranking is hidden
