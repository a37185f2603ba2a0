"""Find the line of a path such as evidence[3].ratings.H2 in YAML (or JSON) text."""

from __future__ import annotations

import yaml

from claimmap.formats.yaml_guard import Loader
from claimmap.model.problems import Loc, Problem


def _line_of(root: yaml.Node, loc: Loc) -> int:
    """The line of the deepest node on the path that exists (1-based)."""
    node = root
    for depth, part in enumerate(loc):
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    # Point at the key when the path ends there: that is where the reader looks.
                    child = key if depth == len(loc) - 1 else value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def add_lines(text: str, problems: list[Problem]) -> list[Problem]:
    """Problems with their lines filled in; unchanged when the text cannot be composed."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return problems
    if root is None:
        return problems
    return [
        p if p.line is not None else Problem(p.loc, p.message, _line_of(root, p.loc))
        for p in problems
    ]
