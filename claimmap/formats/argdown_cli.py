"""The Argdown reference implementation, run as a program: its `json` export is how claimmap
reads Argdown, so that a document means to claimmap exactly what it means to Argdown.

The CLI is found, in this order, at $CLAIMMAP_NODE_MODULES/.bin/argdown, in the source
tree's .ci/node (where `.ci/run` installs it), and as `argdown` on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from claimmap.formats.casefile_read import CaseFileError
from claimmap.model.problems import Problem

ARGDOWN_VERSION = "1.7.5"
INSTALL_HINT = (
    "reading Argdown needs the Argdown command-line tool, which was not found; install "
    f"Node.js 18 or later and then `npm install -g @argdown/cli@{ARGDOWN_VERSION}` "
    "(or set CLAIMMAP_NODE_MODULES to a node_modules folder that has it)"
)
TIMEOUT_SECONDS = 300
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_AT = re.compile(r"^At (\d+):(\d+)\s*$")


def node_modules() -> Path:
    """Where the Node tools live: $CLAIMMAP_NODE_MODULES, else the source tree's .ci/node."""
    configured = os.environ.get("CLAIMMAP_NODE_MODULES")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / ".ci" / "node" / "node_modules"


def argdown_program() -> str | None:
    local = node_modules() / ".bin" / "argdown"
    if local.exists():
        return str(local)
    return shutil.which("argdown")


def syntax_problems(output: str) -> list[Problem]:
    """The Argdown CLI's error report ('At 12:3' then the message) as located problems."""
    problems: list[Problem] = []
    lines = [_ANSI.sub("", line).rstrip() for line in output.splitlines()]
    for n, line in enumerate(lines):
        match = _AT.match(line.strip())
        if not match:
            continue
        message = next((m.strip() for m in lines[n + 1 :] if m.strip()), "syntax error")
        place = f"column {match[2]}"
        problems.append(Problem((place,), f"Argdown syntax error: {message}", int(match[1])))
    return problems


def argdown_json(data: bytes, filename: str) -> dict[str, Any]:
    """What the Argdown CLI's JSON export makes of `data`; CaseFileError naming the file and
    the line for a syntax error, or saying what to install when the CLI is missing."""
    program = argdown_program()
    if program is None:
        raise CaseFileError(filename, [Problem((), INSTALL_HINT)])
    with tempfile.TemporaryDirectory(prefix="claimmap-argdown-") as folder:
        source = Path(folder) / "map.argdown"
        source.write_bytes(data)
        try:
            done = subprocess.run(
                [program, "json", str(source), "--stdout"],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                cwd=folder,  # an Argdown config file next to the user's file is not read
            )
        except subprocess.TimeoutExpired:
            message = f"the Argdown CLI took more than {TIMEOUT_SECONDS} s; refused"
            raise CaseFileError(filename, [Problem((), message)]) from None
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0 or not out.lstrip().startswith("{"):
        problems = syntax_problems(out + "\n" + err)
        if not problems:
            said = [_ANSI.sub("", t).strip() for t in (err + out).splitlines() if t.strip()]
            problems = [Problem((), f"the Argdown CLI refused it: {said[0] if said else '?'}")]
        raise CaseFileError(filename, problems)
    start = out.index("{")  # the CLI prints a success notice after the JSON
    try:
        result: dict[str, Any] = json.JSONDecoder().raw_decode(out, start)[0]
    except json.JSONDecodeError as exc:
        message = f"the Argdown CLI wrote JSON that cannot be read: {exc.msg}"
        raise CaseFileError(filename, [Problem((), message)]) from None
    return result
