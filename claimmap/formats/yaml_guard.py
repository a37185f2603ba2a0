"""A first pass over YAML events that refuses what a case file never needs and an attacker
might send: aliases (the "billion laughs" bomb), extreme nesting, duplicate keys (which YAML
would otherwise resolve silently by keeping the last one), merge keys (`<<`, which copy one
mapping into another out of sight) and tags beyond plain text, numbers, lists and maps
(`!!binary`, `!!set`, `!!python/...`).

The Loader reports a plain scalar it cannot turn into a value (`2020-02-30`, an integer past
Python's digit limit) as a YAML error at its line, not as a crash."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from claimmap.model.problems import Problem

MAX_DEPTH = 32

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _reported(construct: Any) -> Any:
    def build(loader: Any, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as exc:
            text = str(node.value)
            shown = repr(text) if len(text) <= 40 else f"{text[:20]!r}… ({len(text):,} characters)"
            reason = str(exc).split(";")[0]
            message = f"{shown} cannot be read ({reason}); put it in quotes if it is text"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None

    return build


for _tag in ("timestamp", "int", "float"):
    _name = f"tag:yaml.org,2002:{_tag}"
    Loader.add_constructor(_name, _reported(yaml.SafeLoader.yaml_constructors[_name]))


@dataclass
class _Level:
    is_mapping: bool
    expecting_key: bool = True
    keys: dict[object, int] = field(default_factory=dict)


def scan(text: str) -> list[Problem]:
    """Problems found by streaming the events; empty when the text is safe to construct."""
    stack: list[_Level] = []
    problems: list[Problem] = []

    def value_done() -> None:
        if stack and stack[-1].is_mapping:
            stack[-1].expecting_key = not stack[-1].expecting_key

    for event in yaml.parse(text, Loader=Loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            return [Problem((), "YAML aliases (*name) are not allowed in case files", line)]
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and not isinstance(event, yaml.AliasEvent):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem((), f"YAML tag {shown} is not allowed in case files", line))
        if isinstance(event, yaml.ScalarEvent):
            top = stack[-1] if stack else None
            if top is not None and top.is_mapping and top.expecting_key:
                if event.value == "<<" and event.implicit[0]:
                    problems.append(
                        Problem((), "YAML merge keys (<<) are not allowed in case files", line)
                    )
                if event.value in top.keys:
                    first = top.keys[event.value]
                    problems.append(
                        Problem((), f"duplicate key {event.value!r} (first at line {first})", line)
                    )
                top.keys[event.value] = line or 0
            value_done()
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                return [Problem((), f"nesting deeper than {MAX_DEPTH} levels", line)]
            stack.append(_Level(is_mapping=isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            value_done()
    return problems


def scan_safely(text: str) -> list[str]:
    """`scan` for one value typed on a command line: the messages, parse errors included."""
    try:
        return [p.message for p in scan(text)]
    except yaml.MarkedYAMLError as exc:
        return [f"not valid YAML: {exc.problem or exc.context or 'unreadable'}"]
    except yaml.YAMLError as exc:
        return [f"not valid YAML: {exc}"]
