"""Exports are honest files: the user's mode, whole or not at all, never over the database or
a device, safe to open in a spreadsheet, and drawable however long the text."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import time

import openpyxl
import pytest

from claimmap.formats import atomic, registry
from claimmap.formats.casefile_read import parse_case_text
from claimmap.formats.csv_matrix import dump_csv
from claimmap.formats.csv_read import parse_csv
from claimmap.formats.errors import ExportError
from claimmap.formats.xlsx_matrix import dump_xlsx
from tests.conftest import SMALL_CASE


@pytest.fixture
def imported(cli, small_file):
    assert cli("import", str(small_file)).exit_code == 0


@pytest.fixture
def umask():
    def set_to(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_to
    os.umask(old)


def test_a_new_export_gets_the_mode_the_umask_allows(cli, imported, tmp_path, umask):
    for mask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        umask(mask)
        out = tmp_path / f"case-{mask:o}.yaml"
        assert cli("export", "1", "-o", str(out)).exit_code == 0
        assert out.stat().st_mode & 0o777 == mode


def test_a_replaced_file_keeps_its_mode(cli, imported, tmp_path, umask):
    out = tmp_path / "case.yaml"
    out.write_text("old", "utf-8")
    out.chmod(0o640)
    assert cli("export", "1", "-o", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_text("utf-8").startswith("format: claimmap/1")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("missing/case.yaml", "missing/case.yaml: the folder missing does not exist"),
        (".", ".: is a folder; give a file name inside it"),
        ("", "no file name given to -o"),
        ("null", "null: is a device or socket; claimmap writes regular files only"),
    ],
)
def test_errors_name_the_target_not_a_temporary_file(
    cli, imported, tmp_path, monkeypatch, target, expected
):
    monkeypatch.chdir(tmp_path)
    if target == "null":
        # a device of our own, not the machine's /dev/null: a regression that wrote through
        # would otherwise replace the system's (seen once, as root)
        if os.geteuid() == 0:
            os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:
            os.symlink("/dev/null", tmp_path / "null")
    result = cli("export", "1", "-o", target)
    assert result.exit_code == 1
    assert expected.format(tmp=tmp_path) in result.output
    assert ".tmp" not in result.output and "unexpected" not in result.output
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_named(cli, imported, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    result = cli("export", "1", "-o", str(folder / "x.yaml"))
    folder.chmod(0o755)
    assert result.exit_code == 1
    assert f"cannot write {folder / 'x.yaml'}: permission denied" in result.output


def test_fifos_and_links_to_them_are_refused(cli, imported, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.yaml"
    link.symlink_to(fifo)
    for target in (fifo, link):
        result = cli("export", "1", "-o", str(target))
        assert result.exit_code == 1
        assert "is a FIFO (named pipe); claimmap writes regular files only" in result.output
    assert fifo.exists() and link.is_symlink()


@pytest.mark.parametrize(
    "db", ["sqlite"], indirect=True
)  # the database's own files exist only on SQLite
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_open_database_is_never_an_export_target(cli, imported, db_path, suffix):
    before = db_path.read_bytes()
    result = cli("export", "1", "-o", f"{db_path}{suffix}")
    assert result.exit_code == 1
    assert "that is the open database" in result.output
    assert db_path.read_bytes() == before
    assert cli("show", "1").exit_code == 0
    result = cli("schema", "-o", str(db_path))
    assert result.exit_code == 1 and "open database" in result.output


def test_binary_formats_refuse_a_terminal(monkeypatch):
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal(io.BytesIO()))
    with pytest.raises(ExportError, match="binary and would garble the terminal"):
        atomic.emit_bytes(b"PK\x03\x04", "-", binary=True)
    atomic.emit_bytes(b"text is fine", "-", binary=False)


def test_a_closed_standard_output_is_an_error(tmp_path):
    db = tmp_path / "c.db"
    done = subprocess.run(
        f"{sys.executable} -m claimmap.cli --db {db} list >&-",
        shell=True,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "standard output is closed" in done.stderr


_SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from claimmap.formats import atomic
def slow_fsync(fd):
    Path(sys.argv[2]).touch()
    time.sleep(60)
atomic.os.fsync = slow_fsync
atomic.write_atomically(Path(sys.argv[1]), b"new contents")
"""


def test_a_killed_export_leaves_the_target_whole_and_its_temp_file_is_cleared_later(
    cli, imported, tmp_path
):
    target = tmp_path / "case.yaml"
    target.write_text("the old export\n", "utf-8")
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target), str(ready)])
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and target.read_text("utf-8") == "the old export\n"
    live = tmp_path / f".other.claimmap-{os.getpid()}-x.tmp"  # a live writer's: kept
    live.write_bytes(b"")
    assert cli("export", "1", "-o", str(tmp_path / "other.yaml")).exit_code == 0
    assert not temps[0].exists()
    assert live.exists()


HOSTILE_CELLS = [
    "=1+1",
    "+SUM(A1)",
    "-2+3",
    "@cmd",
    "\tTAB",
    "\rCR",
    "'quoted",
    "'=x",
    "'",
    "plain",
]


def test_csv_and_xlsx_exports_neutralise_formulas_and_read_back_exactly():
    doc = parse_case_text(SMALL_CASE)
    evidence = [
        ev.model_copy(update={"summary": text})
        for ev, text in zip(doc.evidence * 4, HOSTILE_CELLS, strict=False)
    ]
    evidence = [ev.model_copy(update={"id": f"E{i}"}) for i, ev in enumerate(evidence, 1)]
    doc = doc.model_copy(update={"evidence": evidence})
    text = dump_csv(doc)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    summaries = [row[1] for row in rows[1:]]
    assert all(not s.startswith(("=", "+", "-", "@", "\t", "\r")) for s in summaries)
    assert summaries[0] == "'=1+1" and summaries[6] == "''quoted" and summaries[9] == "plain"
    back = parse_csv(text.encode("utf-8"), "m.csv")
    assert [ev.summary for ev in back.evidence] == HOSTILE_CELLS

    sheet = openpyxl.load_workbook(io.BytesIO(dump_xlsx(doc)))["matrix"]
    cells = [sheet.cell(row=r, column=2) for r in range(2, 2 + len(HOSTILE_CELLS))]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula
    assert [c.value for c in cells] == HOSTILE_CELLS


def _long_case() -> str:
    long = json.dumps('x&\\"ش🧭\n' * 4000, ensure_ascii=False)
    return (
        SMALL_CASE.replace("summary: Cat hair was found on the table.", f"summary: {long}")
        .replace("question: Who broke the vase in the hall?", f"question: {'q' * 20000}")
        .replace('title: "Who broke the vase? من كسر المزهرية؟"', f"title: {'ت' * 30000}")
        .replace("label: The cat,", f"label: {long},")
    )


@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "pdf"])
def test_maps_survive_text_past_graphvizs_string_limit(tmp_path, fmt):
    doc = parse_case_text(_long_case())
    data = registry.export_format(fmt).render(doc)
    if fmt == "dot":  # the DOT itself must be drawable by the real program
        path = tmp_path / "map.dot"
        path.write_bytes(data)
        done = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True)
        assert done.returncode == 0, done.stderr
        assert "…" in data.decode("utf-8")
    else:
        assert len(data) > 1000


def test_the_html_report_says_when_the_map_could_not_be_drawn(monkeypatch):
    from claimmap.formats import report_data

    def broken(source: str, fmt: str) -> bytes:
        raise ExportError("Graphviz `dot -Tsvg` failed: it was told to")

    monkeypatch.setattr(report_data, "run_dot", broken)
    page = registry.export_format("html").render(parse_case_text(SMALL_CASE)).decode("utf-8")
    assert "The argument map could not be drawn: Graphviz `dot -Tsvg` failed" in page


@pytest.mark.parametrize(
    "db", ["sqlite"], indirect=True
)  # the database's own files exist only on SQLite
def test_the_tui_export_never_writes_over_the_database(store, small_file):
    from claimmap.formats.casefile_read import read_case_file
    from claimmap.tui.transfer import TransferError, TransferRequest, export_case

    case = store.import_document(read_case_file(small_file)).id
    db = store.engine.url.database
    with pytest.raises(TransferError, match="that is the open database"):
        export_case(store, case, TransferRequest(f"{db}-wal", "yaml"))
    assert store.export_document(case).case.title.startswith("Who broke the vase")
