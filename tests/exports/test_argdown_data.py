"""The data blocks of the Argdown export: JSON that Argdown's lexer cannot cut short."""

from __future__ import annotations

import json

from claimmap.formats.export_argdown import yaml_value


def test_braces_equals_and_line_separators_in_strings_become_escapes() -> None:
    value = {"a}": ['x"{=\\', "\u2028"], "n": 1.5, "ok": True, "none": None, "e": {}}
    # worked by hand: only characters inside strings change, and JSON's own braces stay
    expected = (
        '{"a\\u007d": ["x\\"\\u007b\\u003d\\\\", "\\u2028"], '
        '"n": 1.5, "ok": true, "none": null, "e": {}}'
    )
    assert yaml_value(value) == expected
    assert json.loads(expected) == value  # and YAML/JSON readers get the text back


def test_a_quote_or_backslash_does_not_end_the_string_early() -> None:
    # a string ending in a backslash, then one holding a quote and a brace
    assert yaml_value(["a\\", '"}"']) == '["a\\\\", "\\"\\u007d\\""]'
    assert yaml_value("Ḥamā — حماة") == '"Ḥamā — حماة"'
