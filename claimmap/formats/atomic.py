"""Writing files that appear whole or not at all, and writing to standard output.

A file is written to a hidden temporary file beside its target, flushed to disk, given the
mode the user expects (the mode of the file it replaces, else what the umask allows, as any
program creating a file would) and renamed over the target. Only regular files are written:
a device, a FIFO, a folder or (when the caller names them) the open database and its journal
files are refused before anything is written. Every error names the target the user gave.

Temporary files carry the writer's process id; one left behind by a killed export is removed
by the next export to the same folder once that process is gone."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from claimmap.formats.errors import ExportError

_TEMP = re.compile(r"^\..+\.claimmap-(\d+)-[^.]+\.tmp$")
_REASONS = {
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EACCES: "permission denied (the folder or file is not writable)",
    errno.EPERM: "permission denied",
    errno.EROFS: "the folder is on a read-only file system",
    errno.ENOSPC: "the disk is full; nothing was written",
    errno.EDQUOT: "the disk quota is used up; nothing was written",
    errno.EISDIR: "it is a folder; give a file name inside it",
    errno.ENAMETOOLONG: "the file name is too long",
}


def _umask() -> int:
    """The process umask, read without changing it where the system allows (threads share
    the umask, so setting it to read it could leak a wrong one into another thread's file)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _kind(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "a folder; give a file name inside it"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe); claimmap writes regular files only (-o - is standard output)"
    if not stat.S_ISREG(mode):
        return "a device or socket; claimmap writes regular files only (-o - is standard output)"
    return None


def _same_file(path: Path, protected: Iterable[Path]) -> Path | None:
    real = os.path.realpath(path)
    for other in protected:
        if real == os.path.realpath(other):
            return other
    return None


def _remove_stale_temps(directory: Path) -> None:
    """Temporary files of exports whose process is gone (killed mid-write)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            match = _TEMP.match(entry.name)
            if not match or int(match.group(1)) == os.getpid():
                continue
            try:
                os.kill(int(match.group(1)), 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            except OSError:
                pass  # alive under another user: not ours to touch


def _check_target(path: Path, name: str, protected: Iterable[Path]) -> int | None:
    """The mode of the file to replace (None if new); refuses what must not be written."""
    if not name.strip():
        raise ExportError("no file name given to -o (use -o - for standard output)")
    clash = _same_file(path, protected)
    if clash is not None:
        raise ExportError(
            f"{name}: that is the open database ({clash.name}); writing there would destroy it"
        )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise ExportError(f"{name}: the folder {path.parent} does not exist") from None
        return None
    except OSError as exc:
        raise _error(name, exc) from None
    kind = _kind(mode)
    if kind is not None:
        raise ExportError(f"{name}: is {kind}")
    return stat.S_IMODE(mode)


def _error(name: str, exc: OSError) -> ExportError:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return ExportError(f"cannot write {name}: {reason}")


def write_atomically(path: Path, data: bytes, protected: Iterable[Path] = ()) -> None:
    """Write `data` to `path` whole or not at all; `protected` files are never written."""
    name = str(path)
    path = path.expanduser()
    old_mode = _check_target(path, name, list(protected))
    directory = path.parent if str(path.parent) else Path(".")
    _remove_stale_temps(directory)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.claimmap-{os.getpid()}-", suffix=".tmp", dir=directory
        )
    except OSError as exc:
        raise _error(name, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), old_mode if old_mode is not None else 0o666 & ~_umask())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _sync_folder(directory)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _error(name, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sync_folder(directory: Path) -> None:
    """Make the rename itself durable (a crash right after could otherwise undo it)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def quiet_stdout() -> None:
    """After standard output broke: Python flushes it again at exit, and a closed pipe would
    then print a second, Python-worded error. Point it at nowhere so only ours is seen."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def emit(text: str, target: str, protected: Iterable[Path] = ()) -> None:
    emit_bytes(text.encode("utf-8"), target, protected=protected)


def emit_bytes(
    data: bytes, target: str, *, binary: bool = False, protected: Iterable[Path] = ()
) -> None:
    """Write to the file `target`, or to standard output for `-`; a binary format is not
    poured into a terminal, and a closed standard output is an error, not a silent loss."""
    if not target.strip():
        raise ExportError("no file name given to -o (use -o - for standard output)")
    if target != "-":
        write_atomically(Path(target), data, protected)
        return
    stream = sys.stdout
    if stream is None:
        raise ExportError("standard output is closed; give -o FILE")
    if binary and stream.isatty():
        raise ExportError(
            "this format is binary and would garble the terminal; "
            "give -o FILE or redirect standard output to a file"
        )
    try:
        stream.buffer.write(data)
        stream.flush()
    except (OSError, ValueError):
        quiet_stdout()
        raise ExportError(
            "standard output was closed before everything was written; give -o FILE"
        ) from None
