"""The shared synthetic generator: the Matrix and the case-file dict describe the same case."""

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from claimmap.scoring.matrix import RATING_CODES, UNRATED

PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "synthetic.py"
spec = importlib.util.spec_from_file_location("claimmap_bench_synthetic", PATH)
assert spec and spec.loader
synthetic = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = synthetic
spec.loader.exec_module(synthetic)


def test_matrix_and_dict_agree() -> None:
    case = synthetic.synthetic_case(seed=3, hypotheses=4, evidence=20, analysts=3, links=6)
    m, d = case.matrix(), case.case_dict()
    assert d["format"] == "claimmap/1"
    assert [h["id"] for h in d["hypotheses"]] == list(m.hypotheses)
    cube = np.full(m.ratings.shape, UNRATED, np.int8)
    reliability = {s["id"]: s["reliability"] for s in d["sources"]}
    for e, item in enumerate(d["evidence"]):
        rows = {"default": item["ratings"], **item.get("ratings_by", {})}
        for a, row in rows.items():
            for h, label in row.items():
                cube[m.analysts.index(a), e, m.hypotheses.index(h)] = RATING_CODES[label]
        assert str(item["credibility"]) == m.credibility[e]
        assert item["relevance"] == m.relevance[e]
        assert reliability[item["source"]] == m.reliability[e]
    np.testing.assert_array_equal(cube, m.ratings)
    assert [ln["id"] for ln in d["links"]] == [ln.id for ln in m.links]
    json.dumps(d)  # plain data


def test_same_seed_same_case() -> None:
    a = synthetic.synthetic_matrix(seed=5, hypotheses=6, evidence=50, analysts=2)
    b = synthetic.synthetic_matrix(seed=5, hypotheses=6, evidence=50, analysts=2)
    c = synthetic.synthetic_matrix(seed=6, hypotheses=6, evidence=50, analysts=2)
    np.testing.assert_array_equal(a.ratings, b.ratings)
    assert not np.array_equal(a.ratings, c.ratings)


def test_dict_reads_as_a_case_file() -> None:
    reader = pytest.importorskip("claimmap.formats.casefile_read")
    d = synthetic.synthetic_case_dict(seed=4, hypotheses=3, evidence=8, analysts=2, links=3)
    doc = reader.parse_case_text(json.dumps(d), as_json=True)
    assert len(doc.evidence) == 8
