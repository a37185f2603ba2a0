"""The published JSON Schema of case files, generated from the validation models."""

from __future__ import annotations

import json
from typing import Any

from claimmap.model.document import FORMAT, CaseDocument

SCHEMA_PATH = "schema/claimmap-1.schema.json"


def case_schema() -> dict[str, Any]:
    schema = CaseDocument.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://claimmap.invalid/schema/claimmap-1.schema.json",
        **schema,
        "title": f"claimmap case file ({FORMAT})",
    }


def schema_text() -> str:
    return json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n"
