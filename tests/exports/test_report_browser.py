"""The HTML report in a real browser: headless Chromium renders it without a console message,
draws the argument map where a reader can see it, and prints it to a PDF whose first page
carries the judgement (read back with poppler's pdftotext)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from export_tools import dot, require, sample

from claimmap.formats.report_html import render_html
from claimmap.model.document import CaseDocument, Judgement

BOTTOM_LINE = "HTS gave up the south-east on purpose, to keep its fighters for a longer war."

# Loads the report in a frame (same folder, so file access is allowed with the flag below),
# scrolls to the map and writes what it finds into the page, which --dump-dom prints.
PROBE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>probe</title></head><body>
<iframe id="f" src="report.html" style="width:1200px;height:900px"></iframe>
<pre id="out">not loaded</pre>
<script>
document.getElementById("f").addEventListener("load", () => {
  const d = document.getElementById("f").contentDocument;
  const svg = d && d.querySelector(".map svg");
  const out = {found: !!svg};
  if (svg) {
    svg.scrollIntoView();
    const box = svg.getBoundingClientRect();
    const style = d.defaultView.getComputedStyle(svg);
    const nodes = Array.from(svg.querySelectorAll("g.node"));
    Object.assign(out, {
      width: box.width, height: box.height, display: style.display,
      visibility: style.visibility, opacity: style.opacity, nodes: nodes.length,
      drawn: nodes.filter(n => { const b = n.getBoundingClientRect();
                                 return b.width > 0 && b.height > 0; }).length,
    });
  }
  document.getElementById("out").textContent = JSON.stringify(out);
});
</script></body></html>
"""


def chromium() -> str:
    return require(shutil.which("chromium") or shutil.which("chromium-browser"), "Chromium")


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def console_messages(tmp_path: Path, page: Path) -> list[str]:
    """Every console message (errors, warnings, logs, failed loads) the page produced."""
    done = run_chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def judged_sample() -> CaseDocument:
    doc = sample("hts-idlib-2018")
    judgement = Judgement(
        bottom_line=BOTTOM_LINE,
        hypothesis="H1",
        likelihood="likely",
        confidence="moderate",
        basis="Mostly partisan, second-hand sources; one independent analysis.",
        date=dt.date(2026, 11, 30),
    )
    return doc.model_copy(update={"judgement": judgement})


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text(render_html(judged_sample()), encoding="utf-8")
    return path


def test_the_console_check_sees_an_error(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><title>x</title><script>nope();</script>", encoding="utf-8")
    assert any("nope is not defined" in m for m in console_messages(tmp_path, bad))


def test_the_report_renders_without_console_messages(tmp_path, report):
    assert console_messages(tmp_path, report) == []


def test_the_map_is_drawn_where_a_reader_sees_it(tmp_path, report):
    dot()
    (tmp_path / "probe.html").write_text(PROBE, encoding="utf-8")
    done = run_chromium(
        tmp_path,
        "--allow-file-access-from-files",
        "--virtual-time-budget=10000",
        "--dump-dom",
        (tmp_path / "probe.html").as_uri(),
    )
    found = re.search(r'<pre id="out">([^<]*)</pre>', done.stdout)
    assert found, done.stdout[-500:]
    seen = json.loads(found.group(1))
    assert seen["found"] is True
    assert seen["display"] != "none" and seen["visibility"] == "visible"
    assert seen["opacity"] == "1"
    assert seen["width"] > 300 and seen["height"] > 300
    assert seen["nodes"] > 5 and seen["drawn"] == seen["nodes"]


def test_the_printed_report_has_the_judgement_on_page_one(tmp_path, report):
    pdftotext = require(shutil.which("pdftotext"), "poppler-utils' pdftotext")
    pdf = tmp_path / "report.pdf"
    run_chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    first = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(first.split())
    assert "Judgement" in flat
    assert BOTTOM_LINE in flat
    assert "likely (55–80 %, ICD 203)" in flat
    assert "You judged H1 most likely" in flat
    everything = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The rest of the report made it to paper too, last section included.
    for heading in ("Ranking by every method", "Matrix", "Devil's advocacy", "Sources"):
        assert heading in everything
