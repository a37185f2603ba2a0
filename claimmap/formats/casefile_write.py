"""Write a CaseDocument as a canonical case file.

Canonical means: keys in the documented order, empty and unset values left out, ratings in
the short form unless they carry a rationale. Export → import → export is byte-identical.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from claimmap.model.document import DEFAULT_ANALYST, CaseDocument, RatingCell

_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _CaseDumper(_Dumper):
    """Multi-line text as literal blocks, so hand-editing a description stays pleasant."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CaseDumper.add_representer(str, _represent_str)


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _cells(cells: dict[str, RatingCell]) -> dict[str, Any]:
    return {
        hyp: cell.rating.value
        if not cell.rationale
        else {"rating": cell.rating.value, "rationale": cell.rationale}
        for hyp, cell in cells.items()
    }


def document_to_data(doc: CaseDocument) -> dict[str, Any]:
    # Ratings are written straight from the models, after the rest is dumped and pruned:
    # dumping a million cells only to replace them, then pruning each, cost seconds. They are
    # the last fields of an item, so the keys keep their order.
    ratings = {"ratings", "ratings_by"}
    data = doc.model_dump(mode="json", by_alias=True, exclude={"evidence": {"__all__": ratings}})
    if doc.analyst == DEFAULT_ANALYST:
        del data["analyst"]
    if not doc.case.blind_until_rated:
        del data["case"]["blind_until_rated"]  # the default; files stay as they were
    for item in data["evidence"]:
        if item["credibility"] is not None and item["credibility"].isdigit():
            item["credibility"] = int(item["credibility"])
    data = dict(_prune(data))
    for item, ev in zip(data.get("evidence", []), doc.evidence, strict=True):
        if ev.ratings:
            item["ratings"] = _cells(ev.ratings)
        by = {who: _cells(cells) for who, cells in ev.ratings_by.items() if cells}
        if by:
            item["ratings_by"] = by
    return data


def dump_yaml(doc: CaseDocument) -> str:
    return str(
        yaml.dump(
            document_to_data(doc),
            Dumper=_CaseDumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=100,
        )
    )


def dump_json(doc: CaseDocument) -> str:
    return json.dumps(document_to_data(doc), ensure_ascii=False, indent=2) + "\n"


def dump(doc: CaseDocument, fmt: str) -> str:
    if fmt == "yaml":
        return dump_yaml(doc)
    if fmt == "json":
        return dump_json(doc)
    raise ValueError(f"unknown case-file format {fmt!r} (yaml or json)")
