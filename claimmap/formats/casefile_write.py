"""Write a CaseDocument as a canonical case file.

Canonical means: keys in the documented order, empty and unset values left out, ratings in
the short form unless they carry a rationale. Export → import → export is byte-identical.
"""

from __future__ import annotations

import io
import json
from typing import Any

import yaml

from claimmap.model.document import DEFAULT_ANALYST, CaseDocument, RatingCell
from claimmap.model.enums import RATING_LABEL

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
        hyp: RATING_LABEL[cell.rating]
        if not cell.rationale
        else {"rating": RATING_LABEL[cell.rating], "rationale": cell.rationale}
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
    """`yaml.dump(data, Dumper=_CaseDumper, ...)`, byte for byte, with the nodes made here:
    PyYAML's representer spends most of a big case's time on bookkeeping (aliases, type
    lookups) that plain dicts, lists and scalars do not need. Data it would lay out some
    other way (an object met twice, a type other than these) goes to PyYAML itself."""
    data = document_to_data(doc)
    stream = io.StringIO()
    dumper = _CaseDumper(
        stream, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    try:
        dumper.open()
        try:
            node = _node(dumper, data, set())
        except _Unusual:
            dumper.represent(data)
        else:
            dumper.serialize(node)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


class _Unusual(Exception):
    """Data that PyYAML's representer would treat in a way `_node` does not copy."""


_STR, _MAP, _SEQ = (f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq"))


def _node(dumper: Any, value: Any, seen: set[int]) -> yaml.Node:
    """The node SafeRepresenter.represent_data makes, with default_flow_style=False."""
    kind = type(value)
    if kind is str:  # _represent_str, inline
        return yaml.ScalarNode(_STR, value, style="|" if "\n" in value else None)
    if kind is dict or kind is list:
        if id(value) in seen:  # PyYAML would write an alias
            raise _Unusual
        seen.add(id(value))
        if kind is dict:
            pairs = [(_node(dumper, k, seen), _node(dumper, v, seen)) for k, v in value.items()]
            return yaml.MappingNode(_MAP, pairs, flow_style=False)
        return yaml.SequenceNode(_SEQ, [_node(dumper, v, seen) for v in value], flow_style=False)
    if kind in (int, float, bool, type(None)):
        return dumper.yaml_representers[kind](dumper, value)
    raise _Unusual


def dump_json(doc: CaseDocument) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, byte for byte, but with the rating
    cells laid out here: with an indent, json uses its pure-Python encoder, and a million
    cells took it seconds. Strings go through json's C string encoder."""
    data = document_to_data(doc)
    parts = [f"{_string(key)}: {_json_value(key, value)}" for key, value in data.items()]
    return _block("{", "}", parts, 0) + "\n"


_string = json.encoder.encode_basestring  # json's C string encoder, no ASCII escaping
_INDENT = "  "


def _block(opening: str, closing: str, parts: list[str], depth: int) -> str:
    """An indented JSON object or array of already encoded `parts`, at nesting `depth`."""
    if not parts:
        return opening + closing
    inner = "\n" + _INDENT * (depth + 1)
    return opening + inner + ("," + inner).join(parts) + "\n" + _INDENT * depth + closing


def _plain(value: Any, depth: int) -> str:
    """Any value as json.dumps lays it out at `depth` (its strings hold no raw newline). A
    string or number is written alike with or without an indent, so by the C encoder."""
    if isinstance(value, str):
        return str(_string(value))
    if value is None or isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + _INDENT * depth)


def _json_value(key: str, value: Any) -> str:
    if key != "evidence":
        return _plain(value, 1)
    return _block("[", "]", [_item(item) for item in value], 1)


def _item(item: dict[str, Any]) -> str:
    parts = []
    for key, value in item.items():
        if key == "ratings":
            encoded = _row(value, 3)
        elif key == "ratings_by":
            by = [f"{_string(who)}: {_row(cells, 4)}" for who, cells in value.items()]
            encoded = _block("{", "}", by, 3)
        else:
            encoded = _plain(value, 3)
        parts.append(f"{_string(key)}: {encoded}")
    return _block("{", "}", parts, 2)


def _row(cells: dict[str, Any], depth: int) -> str:
    """One item's ratings: `"H1": "C"`, or the long form with a rationale."""
    return _block(
        "{",
        "}",
        [
            f"{_string(hyp)}: {_string(cell) if isinstance(cell, str) else _plain(cell, depth + 1)}"
            for hyp, cell in cells.items()
        ],
        depth,
    )


def dump(doc: CaseDocument, fmt: str) -> str:
    if fmt == "yaml":
        return dump_yaml(doc)
    if fmt == "json":
        return dump_json(doc)
    raise ValueError(f"unknown case-file format {fmt!r} (yaml or json)")
