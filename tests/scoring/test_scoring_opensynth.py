"""Open Synthesis squared deviation and team consensus, worked by hand (three analysts)."""

import math

import pytest

from claimmap.scoring import Matrix, build_view, score_report
from claimmap.scoring.opensynth import Squared
from claimmap.scoring.parc import Inconsistency
from claimmap.scoring.teams import bucket, cell_statistics

# Votes on Open Synthesis's 1-5 scale: II = 1, I = 2, N = 3, C = 4, CC = 5; NA counts as 3.
#
#            H1                         H2
#   E1   a II, b I,  c NA             a C,  b CC, c (unrated)
#   E2   a CC, b II, c N              a I,  b I,  c II
#   E3   a NA, b NA, c C              (nobody)
CELLS = [
    ("a", "E1", "H1", "II"),
    ("b", "E1", "H1", "I"),
    ("c", "E1", "H1", "NA"),
    ("a", "E1", "H2", "C"),
    ("b", "E1", "H2", "CC"),
    ("a", "E2", "H1", "CC"),
    ("b", "E2", "H1", "II"),
    ("c", "E2", "H1", "N"),
    ("a", "E2", "H2", "I"),
    ("b", "E2", "H2", "I"),
    ("c", "E2", "H2", "II"),
    ("a", "E3", "H1", "NA"),
    ("b", "E3", "H1", "NA"),
    ("c", "E3", "H1", "C"),
]


def team() -> Matrix:
    return Matrix.build(["H1", "H2"], ["E1", "E2", "E3"], CELLS, analysts=["a", "b", "c"])


def test_squared_group_by_hand() -> None:
    # Cell means m:
    #   E1/H1 (1 + 2 + 3)/3 = 2      → inconsistent: (3 − 2)² = 1
    #   E1/H2 (4 + 5)/2     = 4.5    → consistent:   (4.5 − 3)² = 2.25
    #   E2/H1 (5 + 1 + 3)/3 = 3      → neither
    #   E2/H2 (2 + 2 + 1)/3 = 5/3    → inconsistent: (3 − 5/3)² = 16/9
    #   E3/H1 (3 + 3 + 4)/3 = 10/3   → consistent:   (1/3)² = 1/9
    # inconsistency: H1 = 1, H2 = 16/9; consistency: H1 = 1/9, H2 = 2.25
    view = build_view(team())
    method = Squared()
    assert method.scores(view) == pytest.approx([1.0, 16 / 9])
    assert method.details(view)["consistency"] == pytest.approx({"H1": 1 / 9, "H2": 2.25})


def test_squared_per_analyst_by_hand() -> None:
    # Analyst a alone: H1 = E1 II (3 − 1)² = 4, E2 CC 0, E3 NA 0 → 4; H2 = E2 I (3 − 2)² = 1.
    view = build_view(team(), "a")
    assert Squared().scores(view) == pytest.approx([4.0, 1.0])


def test_group_mean_for_parc_excludes_na() -> None:
    # PARC on the group uses the mean numeric rating of the analysts who rated the cell:
    #   E1/H1 mean(−2, −1) = −1.5 → 1.5; E2/H1 mean(2, −2, 0) = 0; E3/H1 mean(1) → 0.  H1 = 1.5
    #   E1/H2 mean(1, 2) > 0 → 0; E2/H2 mean(−1, −1, −2) = −4/3 → 4/3.              H2 = 4/3
    view = build_view(team())
    assert Inconsistency().scores(view) == pytest.approx([1.5, 4 / 3])


def test_consensus_and_disagreement_by_hand() -> None:
    stats = cell_statistics(team())
    dis = stats["disagreement"]
    # E1/H1: NA-vs-rated indicators [0, 1, 1]: mean 2/3, Σ(x − mean)² = 4/9 + 1/9 + 1/9 = 2/3,
    #        sample variance 1/3 → 0.5774; votes [1, 2]: sample std √0.5 = 0.7071. max = 0.7071
    assert dis[0, 0] == pytest.approx(math.sqrt(0.5))
    # E2/H1: votes [5, 1, 3]: mean 3, Σ = 4 + 4 + 0 = 8, variance 8/2 = 4 → 2.0
    assert dis[1, 0] == pytest.approx(2.0)
    # E2/H2: votes [2, 2, 1]: mean 5/3, Σ = 1/9 + 1/9 + 4/9 = 2/3, variance 1/3 → 0.5774
    assert dis[1, 1] == pytest.approx(math.sqrt(1 / 3))
    # E3/H1: indicators [0, 0, 1] → 0.5774; one vote → 0.  E3/H2: nobody → none.
    assert dis[2, 0] == pytest.approx(math.sqrt(1 / 3))
    assert math.isnan(dis[2, 1])
    # Consensus: mean of numeric votes rounded, halves toward neutral; NA when NA outvotes.
    #   E1/H1 mean 1.5 → 2 (I); E1/H2 4.5 → 4 (C); E2/H1 3 (N); E2/H2 5/3 → 2 (I); E3/H1 NA
    assert stats["consensus"].tolist() == [[-1, 1], [0, -1], [127, -128]]
    assert [bucket(x) for x in (0.0, 0.7071, 1.5, 2.0, None)] == [
        "Consensus",
        "Mild Dispute",
        "Large Dispute",
        "Extreme Dispute",
        "No Assessments",
    ]


def test_report_has_team_sections() -> None:
    report = score_report(team(), ["squared"], draws=0)
    assert report["consensus"]["buckets"]["Extreme Dispute"] == 1
    assert report["consensus"]["buckets"]["No Assessments"] == 1
    assert report["by_analyst"]["a"]["squared"]["leader"] == ["H2"]
    assert report["ranking"]["squared"] == [["H1"], ["H2"]]
    solo = score_report(team(), ["squared"], "a", draws=0)
    assert solo["ranking"]["squared"] == [["H2"], ["H1"]]
    assert "by_analyst" not in solo


def test_each_analysts_leader_and_the_groups_by_hand() -> None:
    """Inconsistency counts (I = 1, II = 2, lower leads), per analyst from the table above:
    a: H1 2 (E1 II), H2 1 (E2 I) -> H2;  b: H1 1 + 2 = 3, H2 1 -> H2;  c: H1 0, H2 2 -> H1.
    The group rates each cell by the mean of the analysts' numeric ratings: H1 has E1 -1.5,
    E2 0, E3 +1, so 1.5; H2 has E1 +1.5, E2 -4/3, so 1.33 -> H2."""
    from claimmap.scoring.teams import GROUP, leader_disagreements, leaders_by_analyst

    leaders = leaders_by_analyst(team(), ["inconsistency"])
    assert {who: by["inconsistency"] for who, by in leaders.items()} == {
        "a": ["H2"],
        "b": ["H2"],
        "c": ["H1"],
        GROUP: ["H2"],
    }
    assert leader_disagreements(leaders) == ["inconsistency"]
    agreeing = {who: by for who, by in leaders.items() if who != "c"}
    assert leader_disagreements(agreeing) == []
