"""The collector around bulk work: paused while it runs, resumed as it was; a module imported
mid-session is frozen with the collector paused."""

from __future__ import annotations

import subprocess
import sys

# In a child process: freezing is process-wide and would outlive a test here.
SCRIPT = """
import gc, sys
from claimmap.bulk import gc_paused, import_lasting
gc.enable()
with gc_paused():
    assert not gc.isenabled()
assert gc.isenabled()  # resumed
gc.disable()
with gc_paused():
    pass
assert not gc.isenabled()  # left as it was
gc.enable()
seen = []
gc.callbacks.append(lambda phase, info: seen.append(info["generation"]) if phase == "start" else None)
before = gc.get_freeze_count()
assert "networkx" not in sys.modules
module = import_lasting("networkx")
assert seen == [], seen  # no collection while the import ran
assert gc.get_freeze_count() > before + 10_000  # what it made is out of the collector's sight
assert gc.isenabled()
frozen = gc.get_freeze_count()
assert import_lasting("networkx") is module and gc.get_freeze_count() == frozen  # once only
print("ok")
"""


def test_bulk_work_pauses_the_collector_and_a_lasting_import_is_frozen() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "ok"
