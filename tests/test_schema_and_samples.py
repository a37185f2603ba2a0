"""The published JSON Schema is current, and the sample cases are complete and valid."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from claimmap.formats.casefile_read import read_case_file
from claimmap.formats.schema import SCHEMA_PATH, schema_text
from tests.conftest import REPO, SAMPLES, SMALL_CASE

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def test_published_schema_is_up_to_date():
    published = (REPO / SCHEMA_PATH).read_text(encoding="utf-8")
    assert published == schema_text(), "run: claimmap schema -o schema/claimmap-1.schema.json"


def _validator():
    return jsonschema.Draft202012Validator(json.loads(schema_text()))


def test_schema_accepts_valid_files_and_rejects_bad_ones():
    validator = _validator()
    good = yaml.safe_load(SMALL_CASE)
    assert list(validator.iter_errors(good)) == []
    bad = yaml.safe_load(SMALL_CASE.replace("H2: II, H3: N}", "H2: X, H3: N}"))
    assert next(list(e.absolute_path) for e in validator.iter_errors(bad))[:3] == [
        "evidence",
        1,
        "ratings",
    ]
    assert list(validator.iter_errors({**good, "format": "claimmap/2"}))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_case_is_valid_and_complete(path):
    doc = read_case_file(path)
    assert (
        list(
            _validator().iter_errors(
                json.loads(
                    json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)
                )
            )
        )
        == []
    )
    hyp_ids = [h.id for h in doc.hypotheses]
    assert len(hyp_ids) >= 4
    assert len(doc.evidence) >= 10
    for ev in doc.evidence:
        assert list(ev.ratings) == hyp_ids or set(ev.ratings) == set(hyp_ids), ev.id
        for h, cell in ev.ratings.items():
            assert cell.rationale and "\n" not in cell.rationale.strip(), (ev.id, h)
        assert ev.source is not None, ev.id
    assert doc.assumptions and doc.indicators and doc.sources
    assert all(s.reference or s.author for s in doc.sources)


def test_hts_case_covers_the_article():
    doc = read_case_file(SAMPLES / "hts-idlib-2018.yaml")
    assert len(doc.evidence) >= 12
    labels = " ".join(f"{h.label} {h.statement}".lower() for h in doc.hypotheses)
    for idea in ("retreat", "abandon", "firepower", "de-escalation"):
        assert idea in labels, idea
    text = json.dumps(doc.model_dump(mode="json"), ensure_ascii=False)
    for fact in (
        "Abu al-Dhuhour",
        "Saraqib",
        "Sina",
        "Heller",
        "Hamwi",
        "Jolani",
        "Zenki",
        "inghimas",
        "Ahrar al-Sham",
        "Russian",
    ):
        assert fact in text, fact
    assert "Binnish" in text or "Binish" in text
    assert any("\u0600" <= ch <= "\u06ff" for ch in doc.case.title), "RTL part of the title"
    reliabilities = {s.reliability.value for s in doc.sources}
    assert len(reliabilities) >= 3


def test_the_documented_example_is_a_valid_case_file():
    text = (REPO / "docs" / "case-format.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    from claimmap.formats.casefile_read import parse_case_text

    doc = parse_case_text(example)
    assert doc.evidence[0].ratings["H3"].rationale == "The ball was outside all day"
    assert doc.evidence[0].ratings_by["bob"]["H1"].rating == "CC"
    assert [lk.kind for lk in doc.links] == ["support", "undercut"]
    assert doc.judgement is not None
    assert (doc.judgement.hypothesis, doc.judgement.likelihood) == ("H1", "very likely")
    assert doc.judgement.date.isoformat() == "2024-05-03"


def test_the_demo_s_slug_is_the_one_its_file_holds():
    """`claimmap demo` looks the stored demo up by DEMO_SLUG without reading its file."""
    from claimmap.formats.samples import DEMO, DEMO_SLUG, sample_dir

    assert read_case_file(sample_dir() / DEMO).case.slug == DEMO_SLUG


FIND_DEMO = """
import json, sys
from claimmap.samples import resolve_target
from claimmap.store.sqlite_editor import SqliteEditor

editor = SqliteEditor.open_as(sys.argv[1], "tester")
found = resolve_target(editor, None, demo=True)
editor.close()
print(json.dumps([found, sorted({"yaml", "pydantic"} & set(sys.modules))]))
"""


def test_a_stored_demo_is_found_without_reading_its_file(tmp_path):
    """A later `claimmap demo` (the README's first command, run again) finds the case it
    imported before without loading the file reader, yaml or pydantic (some 80 ms)."""
    from claimmap.store.case_store import Store

    path = str(tmp_path / "demo.db")
    store = Store.open(path)
    case = store.import_document(read_case_file(SAMPLES / "hts-idlib-2018.yaml"))
    store.close()
    out = subprocess.run(
        [sys.executable, "-c", FIND_DEMO, path], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == [[case.id, ""], []]
