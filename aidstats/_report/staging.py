"""The report folder: built beside ``DIR``, swapped in whole, one run at a time.

A report is written into a staging folder beside the output folder ``DIR``
(``.DIR.aidstats-new-XXXX`` in the same parent, so on the same file system)
and swapped in only when every file, the manifest last, is written. After any
interruption (an error, Ctrl-C, SIGTERM, ``kill -9``, a full disk) ``DIR``
holds either the complete previous report or the complete new one, its
``manifest.json`` matching every file in it.

The swap: on Linux, where the C library offers ``renameat2`` and the file
system supports ``RENAME_EXCHANGE`` (ext4, xfs, btrfs, tmpfs, ...), one
system call exchanges the two folders atomically. Elsewhere Python has no
atomic exchange of folders, so the swap is two renames (``DIR`` to
``.DIR.aidstats-old-XXXX``, then the staging folder to ``DIR``) with Ctrl-C
and SIGTERM held back between them; a run killed outright (``kill -9``,
power loss) in that instant leaves no ``DIR``, and the next run restores the
previous report from ``.DIR.aidstats-old-XXXX`` before anything else.

Every run first finishes such an interrupted swap, then deletes what killed
runs left behind (staging folders, old folders). A lock file beside ``DIR``
(``.DIR.aidstats-lock``, removed at the end) refuses a second run into the
same folder while one is going. A ``DIR`` that holds files but no aidstats
``manifest.json``, or a report folder holding a file aidstats does not write
(a user's notes beside the report), is not replaced unless ``force`` is
given, so that a user's own files are never deleted by mistake.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "report"
>>> with staged_folder(target) as staging:
...     _ = (staging.folder / "manifest.json").write_text('{"aidstats_report": 1}')
>>> sorted(p.name for p in target.iterdir()), staging.target == target.resolve()
(['manifest.json'], True)
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path

from aidstats._files import why_not_written
from aidstats.errors import OutputPathError, UsageError

__all__ = ["MANIFEST", "StagedFolder", "is_report_folder", "staged_folder", "swap_method"]

MANIFEST = "manifest.json"
# What a report folder holds: the files aidstats writes in it, and the suffixes in its folders.
_OWN_FILES = (MANIFEST, "report.pdf")
_OWN_FOLDERS = {"figures": (".png", ".pdf", ".svg"), "tables": (".csv",)}
_NEW, _OLD, _LOCK = "aidstats-new-", "aidstats-old-", "aidstats-lock"
_NAME_CHARS = (
    100  # of DIR's name in the names of its staging, old and lock files (names <= 255 bytes)
)
_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100
_EXCHANGE_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


@dataclasses.dataclass(frozen=True)
class StagedFolder:
    """Where a run writes (``folder``) and the output folder it becomes (``target``)."""

    folder: Path
    target: Path


def _target(out_dir: str | os.PathLike[str]) -> Path:
    text = os.fspath(out_dir)
    if not str(text).strip():
        raise UsageError("--out must name a folder; an empty name would mean the current folder")
    target = Path(text).resolve()
    if target.parent == target:
        raise OutputPathError(f"cannot use {target} as the output folder: it has no parent folder")
    return target


def _prefix(target: Path) -> str:
    """The start of the names of ``target``'s staging, old and lock files (beside it)."""
    name = target.name
    if len(name.encode("utf-8", "surrogateescape")) > _NAME_CHARS:
        digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:12]
        name = f"{name[: _NAME_CHARS // 2]}-{digest}"
    return f".{name}."


def is_report_folder(folder: Path) -> bool:
    """Whether ``folder`` holds an aidstats report (its ``manifest.json`` says so)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "aidstats_report" in manifest


def _foreign_file(folder: Path) -> Path | None:
    """A file in a report folder that aidstats does not write there (the user's own), if any."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_dir() and not path.is_symlink() and relative.parts[0] in _OWN_FOLDERS:
            continue
        if relative.name.startswith(".") and relative.name.endswith(".tmp"):
            continue  # a temporary file of a killed run
        if len(relative.parts) == 1 and relative.name in (*_OWN_FILES, *_OWN_FOLDERS):
            continue  # its own names, even as the wrong kind (a file called tables)
        if len(relative.parts) == 2 and relative.suffix in _OWN_FOLDERS.get(relative.parts[0], ()):
            continue
        return relative
    return None


def _check_replaceable(target: Path, force: bool) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputPathError(f"output folder {target} exists and is not a folder")
    if force or not any(target.iterdir()):
        return
    if not is_report_folder(target):
        problem = f"holds files but no aidstats {MANIFEST}, so it is not a report folder"
    else:
        foreign = _foreign_file(target)
        if foreign is None:
            return
        problem = f"holds a file aidstats did not write ({foreign.as_posix()})"
    raise OutputPathError(
        f"{target} {problem}: the report replaces the whole folder, so choose another folder, "
        "move your files out, or pass --force to replace it and everything in it "
        "(force=True in Python)"
    )


@contextlib.contextmanager
def _lock(target: Path) -> Iterator[None]:
    """Hold the lock of ``target`` (a lock file beside it) or refuse at once."""
    path = target.parent / f"{_prefix(target)}{_LOCK}"
    try:
        fd = _acquire(path)
    except BlockingIOError:
        raise OutputPathError(
            f"another aidstats report is being written to {target} (lock {path.name}); "
            "wait for it to finish"
        ) from None
    except OSError as exc:
        raise OutputPathError(
            f"cannot create the lock file {path}: {exc.strerror or exc}"
        ) from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still locked: a run waiting on this file will see it is gone
        os.close(fd)


def _acquire(path: Path) -> int:
    """An open, exclusively locked descriptor of the lock file at ``path``."""
    try:
        import fcntl
    except ImportError:  # no flock: the file's existence is the lock
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise BlockingIOError(errno.EAGAIN, "locked", str(path)) from None
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            current = os.stat(path)
        except FileNotFoundError:
            os.close(fd)  # the holder removed the file between our open and lock: try again
            continue
        except OSError:
            os.close(fd)
            raise
        if os.path.samestat(current, os.fstat(fd)):
            return fd
        os.close(fd)


def _leftovers(target: Path, kind: str) -> list[Path]:
    prefix = f"{_prefix(target)}{kind}"
    with os.scandir(target.parent) as entries:
        return sorted(target.parent / e.name for e in entries if e.name.startswith(prefix))


def _remove(path: Path) -> None:
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def _new_folder(target: Path) -> Path:
    """A new empty staging folder beside ``target``, with the mode the umask gives a new folder."""
    while True:
        folder = target.parent / f"{_prefix(target)}{_NEW}{secrets.token_hex(6)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def _recover(target: Path) -> None:
    """Finish what a killed run left: restore ``target`` if a swap was cut short, delete leftovers."""
    if not target.exists():
        previous = [p for p in _leftovers(target, _OLD) if is_report_folder(p)]
        if previous:
            os.rename(previous[-1], target)
    for path in _leftovers(target, _NEW) + _leftovers(target, _OLD):
        _remove(path)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with ``renameat2(RENAME_EXCHANGE)``; False where it is not offered."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in _EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # no C library to load by that name (e.g. Windows)
        return None


def swap_method() -> str:
    """How this platform swaps a finished report in: ``"renameat2"`` or ``"two renames"``.

    Whether the file system supports the exchange is known only when it is
    tried; a refusal falls back to two renames.
    """
    return "renameat2" if getattr(_libc(), "renameat2", None) is not None else "two renames"


def _swap_in(staging: Path, target: Path) -> None:
    """Put the finished ``staging`` folder at ``target``; whatever was there ends up deleted."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        _remove(staging)  # it now holds the previous report
        return
    old = target.parent / f"{_prefix(target)}{_OLD}{secrets.token_hex(6)}"
    with _signals_held():
        os.rename(target, old)
        os.rename(staging, target)
    _remove(old)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM (delivered afterwards) between the two renames of a swap."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextlib.contextmanager
def staged_folder(
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    keep: Sequence[str | os.PathLike[str]] = (),
) -> Iterator[StagedFolder]:
    """Give a fresh staging folder beside ``out_dir``; swap it in if the block completes.

    The block writes the report into ``StagedFolder.folder``; when it ends
    without an exception the folder replaces ``out_dir`` whole. On an
    exception (or a signal the caller turns into one) ``out_dir`` is left as it
    was and the staging folder is deleted. ``keep`` names files the run reads
    (an input file), which must not lie inside ``out_dir``.

    Raises
    ------
    UsageError
        ``out_dir`` is empty.
    OutputPathError
        ``out_dir`` is a file; holds files but no aidstats manifest (unless
        ``force``); holds a file of ``keep``; another run is writing to it; or
        no folder can be made beside it.
    """
    target = _target(out_dir)
    for path in keep:
        if Path(path).resolve().is_relative_to(target):
            raise OutputPathError(
                f"{path} is inside the output folder {target}, which the report replaces whole: "
                "move it, or choose another output folder"
            )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = why_not_written(target, exc)
        raise OutputPathError(f"cannot write to output folder {target}: {reason}") from None
    with _lock(target):
        _recover(target)
        _check_replaceable(target, force)
        try:
            folder = _new_folder(target)
        except OSError as exc:
            raise OutputPathError(
                f"cannot write the report beside {target} (in {target.parent}): "
                f"{exc.strerror or exc}"
            ) from None
        try:
            yield StagedFolder(folder, target)
            _swap_in(folder, target)
        finally:
            _remove(folder)
