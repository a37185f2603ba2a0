"""What every benchmark shares: timing a real process from its start to its end, reading its
peak memory, driving a real terminal (tmux), and summarising runs honestly (median AND maximum,
never the best run).

Nothing here is a timed assertion: the figures go to the report and to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable
CLAIMMAP = str(Path(sys.executable).with_name("claimmap"))
WIDTH, HEIGHT = 120, 36
# the last measured program's error output, kept for the failure message
STDERR = Path(tempfile.gettempdir()) / f"claimmap-bench-{os.getpid()}.stderr"
RSS_FILE = STDERR.with_suffix(".rss")


@dataclass
class Runs:
    """Wall seconds and peak RSS (MB) of each counted run of one thing."""

    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    cold: float | None = None  # the first run of all, warm-up included: what a user meets first

    def add(self, seconds: float, rss_mb: float = 0.0) -> None:
        self.seconds.append(seconds)
        self.rss_mb.append(rss_mb)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def max(self) -> float:
        return max(self.seconds)

    @property
    def first(self) -> float:
        return self.seconds[0] if self.cold is None else self.cold

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb) if self.rss_mb else 0.0


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without what would change the program's behaviour. That
    includes PYTHONDONTWRITEBYTECODE: an installed program keeps its compiled modules, and
    without them every start compiles claimmap's sources again."""
    dropped = ("COLUMNS", "LINES", "TMUX", "CLAIMMAP_DB", "CLAIMMAP_GC_LOG", "CLAIMMAP_ANALYST")
    env = {
        k: v for k, v in os.environ.items() if k not in dropped and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(extra)
    return env


def run_measured(
    argv: Sequence[str], env: dict[str, str], *, check: bool = True
) -> tuple[float, float]:
    """(wall seconds from spawn to exit, peak RSS in MB) of one run; output goes nowhere.

    The peak RSS comes from GNU time (`%M`) wrapped around the program: a child's own
    `wait4` figure is not usable, as Linux carries the parent's high-water mark into a
    spawned child at exec (this runner holds the big case, so every child looked 700 MB).
    """
    timed = ["/usr/bin/time", "-f", "%M", "-o", str(RSS_FILE), *argv]
    start = time.perf_counter()
    pid = os.posix_spawn(
        timed[0],
        timed,
        env,
        file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, str(STDERR), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        ],
    )
    _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if check and code != 0:
        err = STDERR.read_text(errors="replace")[-800:]
        raise RuntimeError(f"{shlex.join(argv)} failed ({code}): {err}")
    words = RSS_FILE.read_text().split()
    return seconds, (int(words[-1]) / 1024 if words and words[-1].isdigit() else 0.0)


def repeat(
    argv: Sequence[str] | Callable[[int], Sequence[str]],
    env: dict[str, str],
    runs: int,
    *,
    warmup: bool = True,
    before: Callable[[int], None] | None = None,
) -> Runs:
    """`runs` measured runs (after one warm-up run that fills the page cache, if `warmup`).
    `argv` may depend on the run number; `before(i)` prepares each run, outside the timing."""
    out = Runs()
    for i in range(-1 if warmup else 0, runs):
        if before is not None:
            before(i)
        args = argv(i) if callable(argv) else argv
        seconds, rss = run_measured(args, env)
        if out.cold is None:
            out.cold = seconds
        if i >= 0:
            out.add(seconds, rss)
    return out


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> str:
    cpu = "unknown cpu"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{cpu}, {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB, Python {sys.version.split()[0]}"


# -- a real terminal ---------------------------------------------------------------------------


class Tmux:
    """A private tmux server with one pane of WIDTH x HEIGHT. Each program is started with
    `respawn-pane`, so the server's own start-up is never part of a timing; the screen is read
    with `capture-pane` (what a user sees: text only), polled every `poll` seconds."""

    def __init__(self, env: dict[str, str], poll: float = 0.005) -> None:
        found = shutil.which("tmux")
        if found is None:
            raise RuntimeError("tmux is not installed (`apt-get install tmux`; .ci/run does)")
        self.env = env
        self.poll = poll
        self.base = [found, "-L", f"claimmap-bench-{os.getpid()}", "-f", os.devnull]
        self.target = "bench"
        env_args = [
            x for k, v in env.items() if k.startswith("CLAIMMAP_") for x in ("-e", f"{k}={v}")
        ]
        self._tmux(
            "new-session", "-d", "-s", self.target, "-x", str(WIDTH), "-y", str(HEIGHT),
            *env_args, "sleep 100000",
        )  # fmt: skip
        self._tmux("set-option", "-t", self.target, "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        out = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, env=self.env, check=True
        )
        return out.stdout

    def start(self, argv: Sequence[str], extra_env: dict[str, str] | None = None) -> float:
        """Start `argv` in the pane (killing what ran there); returns the start time."""
        env_prefix = ["env", *(f"{k}={v}" for k, v in (extra_env or {}).items())]
        command = shlex.join([*env_prefix, *argv])
        started = time.perf_counter()
        self._tmux("respawn-pane", "-k", "-t", self.target, command)
        return started

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.target)

    def wait_for(self, test: Callable[[str], bool], limit: float = 120.0) -> float:
        """perf_counter() at the first poll whose screen passed `test`."""
        deadline = time.perf_counter() + limit
        while True:
            text = self.screen()
            at = time.perf_counter()
            if test(text):
                return at
            if at > deadline:
                raise RuntimeError(f"gave up after {limit:.0f} s; the screen:\n{text}")
            time.sleep(self.poll)

    def settle(self, gap: float = 0.2, limit: float = 10.0) -> None:
        """Wait (untimed) until the screen has not changed for `gap` seconds."""
        deadline = time.perf_counter() + limit
        last, since = self.screen(), time.perf_counter()
        while time.perf_counter() < deadline:
            time.sleep(0.02)
            now = self.screen()
            if now != last:
                last, since = now, time.perf_counter()
            elif time.perf_counter() - since >= gap:
                return

    def press(self, key: str, test: Callable[[str], bool], limit: float = 120.0) -> float:
        """Send `key` and return the seconds until the screen passes `test`. If nothing passes
        within 15 s the key is taken as lost (swallowed while the screen was busy) and sent
        once more; the time then counts from the first send and LOST_KEYS records it."""
        sent = self.keys(key)
        try:
            return self.wait_for(test, limit=15.0) - sent
        except RuntimeError:
            LOST_KEYS.append(key)
            self.keys(key)
            return self.wait_for(test, limit=limit) - sent

    def keys(self, *names: str) -> float:
        """Send keys as typed; returns the time just before sending."""
        sent = time.perf_counter()
        self._tmux("send-keys", "-t", self.target, *names)
        return sent

    def pane_pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", self.target, "#{pane_pid}").strip())

    def dead(self) -> bool:
        return self._tmux("display-message", "-p", "-t", self.target, "#{pane_dead}").strip() == "1"

    def quit(self, key: str = "C-q", limit: float = 30.0) -> None:
        self.keys(key)
        deadline = time.perf_counter() + limit
        while not self.dead():
            if time.perf_counter() > deadline:
                os.kill(self.pane_pid(), 9)
                break
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, env=self.env, check=False)


LOST_KEYS: list[str] = []  # keys sent twice by Tmux.press (reported with the results)


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a running process, in MB."""
    return status_mb(pid, "VmHWM")


def status_mb(pid: int, field: str) -> float:
    """A memory figure of a running process (VmRSS, VmHWM...), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith(field))
    return kb / 1024


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"
