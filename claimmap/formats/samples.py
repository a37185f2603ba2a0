"""The sample cases: inside the installed package, or in the source tree when run from it."""

from __future__ import annotations

from pathlib import Path

DEMO = "hts-idlib-2018.yaml"
# its case's slug, so that a demo already stored is found without reading and validating the
# file (pydantic and the models: some 80 ms); tests/test_schema_and_samples.py checks it
DEMO_SLUG = "hts-idlib-2018"


def sample_dir() -> Path:
    from importlib import resources  # here: `open` wants DEMO_SLUG alone, not its imports

    packaged = Path(str(resources.files("claimmap"))) / "sample_cases"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "sample_cases"
