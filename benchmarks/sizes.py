"""The three cases every benchmark runs on, written to files a user would have.

- `hts`: the HTS/Idlib sample case (sample_cases/hts-idlib-2018.yaml), as shipped;
- `12x300x1`: a generated case, 12 hypotheses x 300 evidence items x 1 analyst;
- `50x5000x5`: a generated case, 50 hypotheses x 5,000 evidence items x 5 analysts
  (1.1 million rated cells).

For each, `prepare(folder)` writes `case.yaml` and `case.json` (the claimmap/1 format) and
knows the case's slug, one evidence item and hypothesis to edit, and the hypothesis labels the
matrix must show before a user can read it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from harness import REPO

HTS = REPO / "sample_cases" / "hts-idlib-2018.yaml"


@dataclass(frozen=True)
class Size:
    name: str
    hypotheses: int
    evidence: int
    analysts: int
    links: int = 0

    @property
    def synthetic(self) -> bool:
        return self.name != "hts"


SIZES = {
    "hts": Size("hts", 0, 0, 1),
    "12x300x1": Size("12x300x1", 12, 300, 1),
    "50x5000x5": Size("50x5000x5", 50, 5000, 5),
}
# The export benchmark's case (issue 5): 5 hypotheses x 5,000 items, one analyst, 50 links.
EXPORT_CASE = Size("5x5000x1+50links", 5, 5000, 1, links=50)


@dataclass(frozen=True)
class Prepared:
    size: Size
    yaml_file: Path
    json_file: Path
    slug: str
    evidence_ids: tuple[str, ...]
    hypothesis_ids: tuple[str, ...]
    hypothesis_labels: tuple[str, ...]
    ratings: int  # rated cells, all analysts


def prepare(size: Size, folder: Path) -> Prepared:
    """Write the case's files into `folder` (once) and describe the case."""
    folder.mkdir(parents=True, exist_ok=True)
    yaml_file, json_file = folder / "case.yaml", folder / "case.json"
    if size.synthetic:
        from synthetic import synthetic_case

        data = synthetic_case(
            seed=1,
            hypotheses=size.hypotheses,
            evidence=size.evidence,
            analysts=size.analysts,
            links=size.links,
        ).case_dict()
        data["case"]["slug"] = f"bench-{size.name}".replace("+", "-")
    else:
        data = yaml.load(HTS.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    if not json_file.exists():
        json_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if not yaml_file.exists():
        if size.synthetic:
            text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
            yaml_file.write_text(text, encoding="utf-8")
        else:
            yaml_file.write_bytes(HTS.read_bytes())
    ratings = 0
    for ev in data["evidence"]:
        ratings += len(ev.get("ratings", {}))
        ratings += sum(len(r) for r in ev.get("ratings_by", {}).values())
    return Prepared(
        size=size,
        yaml_file=yaml_file,
        json_file=json_file,
        slug=data["case"]["slug"],
        evidence_ids=tuple(ev["id"] for ev in data["evidence"]),
        hypothesis_ids=tuple(h["id"] for h in data["hypotheses"]),
        hypothesis_labels=tuple(h["label"] for h in data["hypotheses"]),
        ratings=ratings,
    )
