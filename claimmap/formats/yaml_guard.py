"""A first pass over YAML events that refuses what a case file never needs and an attacker
might send: aliases (the "billion laughs" bomb), extreme nesting, and duplicate keys, which
YAML would otherwise resolve silently by keeping the last one."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from claimmap.model.problems import Problem

MAX_DEPTH = 32

Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        if isinstance(event, yaml.ScalarEvent):
            top = stack[-1] if stack else None
            if top is not None and top.is_mapping and top.expecting_key:
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
