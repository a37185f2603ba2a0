"""Shared by the export tests: the real programs that read the exports, nasty cases, and the
relations a case should produce, derived from the case itself (not from the exporters)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from claimmap.formats.argdown_cli import node_modules
from claimmap.formats.casefile_read import read_case_file
from claimmap.model.document import CaseDocument
from claimmap.model.references import find_reference_problems

REPO = Path(__file__).resolve().parents[2]
SAMPLES = sorted((REPO / "sample_cases").glob("*.yaml"))
NODE_MODULES = node_modules()
VALUES = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}

# Every character class that has meaning in one of the formats, plus right-to-left text,
# emoji with joiners, combining marks and Unicode line separators.
NASTY = [
    "He said \"no\" and 'yes'",
    "[H1] <L1> {x: 1} (a) @[m] #tag #(two words)",
    "line one\nline two\r\nthree\ttabbed",
    "a < b && c > d; &amp; &lt; &#35; #quot; #35;",
    "انسحاب هيئة تحرير الشام — مطار أبو الظهور",
    "mixed עברית and English (RTL) ‏mark‎",
    "emoji 😀 👩‍👩‍👧 🇸🇾 and é (e\u0301)",
    "- starts with a dash",
    "+> looks like a relation",
    "// not a comment /* nor this */ <!-- nor this -->",
    "*bold* _it_ **b** __u__ `code` ~~s~~ | pipe | \\backslash\\ end\\",
    "=== fence\n---\n%% mermaid comment\nend",
    "Mermaid's own stand-ins: ¶ß ﬂ°° ﬂ° and ¶ alone",
    "1. numbered? 2) also",
    "trailing backslash \\",
    "unicode\u2028line\u2029separators and\u00a0nbsp",
    "]]> <![CDATA[ x ]]> ${x} {{y}} %s %d \\N \\G \\l",
    ".E. and .A. are shortcuts for ∃ ∀; so is :smile: — U.S.A. a.b.c",
]

texts = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn"), include_characters="\n\t"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


def norm(text: str | None) -> str:
    """What a one-line rendering of `text` must read as: whitespace runs as single spaces."""
    return " ".join((text or "").split())


def require(path: str | Path | None, what: str) -> str:
    """The program's path, or skip the test; in CI (CI set) a missing program fails it."""
    if path is not None and Path(path).exists():
        return str(path)
    message = f"{what} is not installed (bash .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def dot() -> str:
    return require(shutil.which("dot"), "Graphviz dot")


def argdown_json(text: str, tmp_path: Path, name: str = "map") -> dict[str, Any]:
    """The Argdown CLI's JSON export of `text`; fails on a non-zero exit or parser messages."""
    program = require(NODE_MODULES / ".bin" / "argdown", "the Argdown CLI")
    source = tmp_path / f"{name}.argdown"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [program, "json", str(source), "--stdout", "--silent"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def mermaid_parse(texts: list[str], tmp_path: Path) -> list[dict[str, Any]]:
    """What Mermaid's own parser reads from each text (see mermaid_check.mjs)."""
    require(NODE_MODULES / "mermaid", "the mermaid package")
    node = require(shutil.which("node"), "Node.js")
    files = []
    for i, text in enumerate(texts):
        path = tmp_path / f"diagram{i}.mmd"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    script = Path(__file__).with_name("mermaid_check.mjs")
    done = subprocess.run(
        [node, str(script), str(NODE_MODULES), *files], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def sample(name: str) -> CaseDocument:
    return read_case_file(REPO / "sample_cases" / f"{name}.yaml")


def rating_relations(doc: CaseDocument) -> set[tuple[str, str, str]]:
    """(evidence, hypothesis, support|attack) from the mean numeric rating over analysts;
    a retracted item's ratings count for nothing, as in scoring."""
    out = set()
    for ev in doc.evidence:
        if any(flag.value == "retracted" for flag in ev.flags):
            continue
        layers = [ev.ratings, *ev.ratings_by.values()]
        for h in doc.hypotheses:
            values = [
                VALUES[layer[h.id].rating.value]
                for layer in layers
                if h.id in layer and layer[h.id].rating.value != "NA"
            ]
            if values and sum(values) != 0:
                out.add((ev.id, h.id, "support" if sum(values) > 0 else "attack"))
    return out


def nasty_case(words: list[str]) -> CaseDocument:
    """A valid case with `words` (cycled) in every free-text field, ratings of every kind,
    two analysts, and support, attack and undercut links."""

    def w(i: int) -> str:
        return words[i % len(words)]

    data = {
        "format": "claimmap/1",
        "case": {"title": w(0), "question": w(1), "description": w(2), "tags": [w(3)]},
        "hypotheses": [
            {"id": "H1", "label": w(4), "statement": w(5), "prior": 0.4},
            {"id": "H2", "label": w(6), "statement": w(7)},
            {"id": "H-3.x", "label": w(8)},
        ],
        "sources": [
            {"id": "S1", "title": w(9), "author": w(10), "reference": w(11), "notes": w(12)}
        ],
        "evidence": [
            {
                "id": f"E{i}",
                "summary": w(13 + i),
                "source": "S1" if i % 2 else None,
                "notes": w(i),
                "tags": [w(i + 1)],
                "credibility": ["1", "High", "4"][i % 3],
                "ratings": {
                    "H1": {"rating": ["CC", "C", "N", "I", "II", "NA"][i % 6], "rationale": w(i)},
                    "H2": ["II", "I", "NA", "C", "CC", "N"][i % 6],
                },
                "ratings_by": {"other": {"H-3.x": ["C", "I"][i % 2], "H1": "II"}},
            }
            for i in range(max(3, len(words)))
        ],
        "assumptions": [{"id": "end", "statement": w(20), "notes": w(21), "hypotheses": ["H1"]}],
        "indicators": [{"id": "I1", "hypothesis": "H2", "description": w(22), "notes": w(23)}],
        "links": [
            {"id": "L1", "kind": "support", "from": "E0", "to": "H1", "notes": w(24)},
            {"id": "L2", "kind": "attack", "from": "end", "to": "E1", "notes": w(25)},
            {"id": "L3", "kind": "undercut", "from": "E2", "to": "L1", "notes": w(26)},
            {"id": "L4", "kind": "undercut", "from": "H2", "to": "L3"},
        ],
    }
    doc = CaseDocument.model_validate(data)
    assert find_reference_problems(doc) == []
    return doc
