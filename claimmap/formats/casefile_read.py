"""Read and validate case files (YAML or JSON) into a CaseDocument, or say exactly what is wrong.

Everything is checked before anything is returned, so an import can never write half a file.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from claimmap.bulk import gc_paused
from claimmap.formats import locate, yaml_guard
from claimmap.formats.errors import CaseFileError as CaseFileError  # where callers find it
from claimmap.model.document import CaseDocument
from claimmap.model.problems import InvalidDocument, Problem
from claimmap.model.validation import validate_case_data

MAX_BYTES = 64 * 1024 * 1024


def _parse(text: str, as_json: bool) -> Any:
    if as_json:

        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            made = dict(pairs)  # in C; only a short dict means a key came twice
            if len(made) < len(pairs):
                seen: set[str] = set()
                for key, _ in pairs:
                    if key in seen:
                        raise InvalidDocument([Problem((), f"duplicate key {key!r}")])
                    seen.add(key)
            return made

        try:
            return json.loads(text, object_pairs_hook=no_duplicates)
        except json.JSONDecodeError as exc:
            raise InvalidDocument([Problem((), f"not valid JSON: {exc.msg}", exc.lineno)]) from None
    problems = yaml_guard.scan(text)
    if problems:
        raise InvalidDocument(problems)
    return yaml.load(text, Loader=yaml_guard.Loader)


def parse_case_text(text: str, *, as_json: bool = False) -> CaseDocument:
    """Validate text as a case document; raises InvalidDocument listing every problem."""
    try:
        data = _parse(text, as_json)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "unreadable"
        raise InvalidDocument([Problem((), f"not valid YAML: {reason}", line)]) from None
    except yaml.YAMLError as exc:
        raise InvalidDocument([Problem((), f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise InvalidDocument([Problem((), "nesting is too deep to read")]) from None
    if data is None or (isinstance(data, str) and not data.strip()):
        raise InvalidDocument([Problem((), "the file is empty")])
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise InvalidDocument(
            [Problem((), f"expected a mapping with keys format, case, hypotheses…, got {kind}")]
        )
    try:
        return validate_case_data(data)
    except InvalidDocument as exc:
        raise InvalidDocument(locate.add_lines(text, exc.problems)) from None


def _too_big(name: str, size: str) -> CaseFileError:
    limit = MAX_BYTES // (1024 * 1024)
    return CaseFileError(name, [Problem((), f"{size}; the limit is {limit} MiB")])


def read_limited(path: str | Path) -> bytes:
    """A file's bytes, refusing files over MAX_BYTES; errors name the file.

    Only regular files are read: a FIFO would block for ever, a device (`/dev/zero`) never
    ends, and a folder is a mistake; each is refused before a byte is read."""
    path = Path(path)
    name = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise CaseFileError(name, [Problem((), "is a folder, not a file")])
        if not stat.S_ISREG(mode):
            kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
            message = f"is {kind}, not a regular file; save the data to a file first"
            raise CaseFileError(name, [Problem((), message)])
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(name, f"file is {size:,} bytes")
        with path.open("rb") as stream:
            return read_stream(stream, name)
    except OSError as exc:
        raise CaseFileError(name, [Problem((), f"cannot read: {exc.strerror or exc}")]) from None


def read_stream(stream: BinaryIO, name: str) -> bytes:
    """At most MAX_BYTES from a stream (standard input has the same cap as a file)."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_big(name, "too much input")
    return data


def read_case_file(path: str | Path) -> CaseDocument:
    """Read a case file; raises CaseFileError naming the file, the place and the problem."""
    return parse_case_bytes(read_limited(path), str(path))


def parse_case_bytes(raw: bytes, name: str) -> CaseDocument:
    with gc_paused():
        return _parse_case_bytes(raw, name)


def _parse_case_bytes(raw: bytes, name: str) -> CaseDocument:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem((), f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
        raise CaseFileError(name, [problem]) from None
    as_json = name.lower().endswith(".json") or (
        not name.lower().endswith((".yaml", ".yml")) and text.lstrip().startswith("{")
    )
    try:
        return parse_case_text(text, as_json=as_json)
    except CaseFileError:
        raise
    except InvalidDocument as exc:
        raise CaseFileError(name, exc.problems) from None
