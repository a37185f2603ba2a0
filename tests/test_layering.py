"""The core never imports the terminal UI."""

from __future__ import annotations

import subprocess
import sys


def test_core_layers_do_not_import_textual_or_the_cli():
    code = (
        "import sys\n"
        "import claimmap.model, claimmap.scoring, claimmap.formats, claimmap.store\n"
        "import claimmap.formats.casefile_read, claimmap.formats.casefile_write\n"
        "import claimmap.store.case_store, claimmap.scoring.matrix\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'"
        " or m.startswith('claimmap.cli') or m.startswith('claimmap.tui') or m == 'click')\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_model_and_scoring_do_not_touch_the_database():
    code = (
        "import sys\n"
        "import claimmap.model, claimmap.scoring\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('sqlalchemy', 'sqlmodel', 'alembic') or m.startswith('claimmap.store'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
