"""Files: where they live, deterministic atomic writes, CSVs for people, and hashing.

The one place aidstats touches the file system for output. Every writer
(report, figures, tables, manifest, dataset build, export) goes through
:func:`atomic_path`, so that an interrupted write leaves the earlier file (or
nothing) behind, never half a file, and the file gets the permissions the
user's umask gives any new file (0644 under umask 022). Every CSV written for
people to open (report tables, exports, release diffs) goes through
:func:`csv_for_people`, which neutralises text a spreadsheet would run as a
formula.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CSV_FOR_PEOPLE_NOTE",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "bundled_dir",
    "csv_for_people",
    "default_raw_dir",
    "dump_json",
    "repo_root",
    "sha256_file",
    "spreadsheet_safe",
    "why_not_written",
]

#: Text cells starting with one of these would run as a formula in a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: What the report manifest says about its tables.
CSV_FOR_PEOPLE_NOTE = (
    "Text cells beginning with =, +, -, @, a tab or a carriage return are prefixed with a single "
    "quote (') so that spreadsheets do not run them as formulas (OWASP, CSV injection); numbers, "
    "including negative ones, are written as numbers."
)
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_NEW_FILE_MODE = 0o666  # the kernel applies the umask (and any default ACL), as for any new file
_TEMP_NAME_CHARS = 100  # of the target's name, in the temporary name (names are at most 255 bytes)


def repo_root() -> Path:
    """The source checkout this module sits in (meaningful only in a checkout)."""
    return Path(__file__).resolve().parent.parent


def bundled_dir() -> Path:
    """The folder holding the bundled dataset CSVs and sidecars.

    In an installed wheel the top-level ``datasets/`` folder is the package
    ``aidstats._bundled``; in a bare source checkout it is ``<repo>/datasets``.
    """
    installed = Path(__file__).resolve().parent / "_bundled"
    if (installed / "datapackage.json").exists():
        return installed
    return repo_root() / "datasets"


def default_raw_dir() -> Path:
    """The upstream raw files.

    ``$AIDSTATS_SHARED_DATA`` if set; else ``../shared/data`` beside the source
    checkout this package runs from; else ``../shared/data`` from the working
    directory (an installed package has no checkout to look beside).
    """
    env = os.environ.get("AIDSTATS_SHARED_DATA")
    if env:
        return Path(env)
    beside_checkout = repo_root().parent / "shared" / "data"
    if (repo_root() / "setup.cfg").exists() or beside_checkout.exists():
        return beside_checkout
    return Path.cwd().parent / "shared" / "data"


def _temporary_beside(target: Path) -> Path:
    """A new empty file beside ``target``, created with the mode the umask gives a new file."""
    while True:
        tmp = target.parent / f".{target.name[:_TEMP_NAME_CHARS]}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only on success.

    An interrupted or failed write leaves any earlier file untouched and no
    half-written file behind. The file gets the permissions the umask gives a
    new file (``0o666 & ~umask``: 0644 under umask 022), as a file saved by
    any other program would.

    Raises
    ------
    OSError
        The folder cannot be made or the file cannot be written (disk full,
        read-only, a file where a folder should be); the message says
        ``cannot write <path>: <reason>`` (the path asked for, not the
        temporary file), with the system's ``errno``.

    Examples
    --------
    >>> import os, stat, tempfile
    >>> from pathlib import Path
    >>> target = Path(tempfile.mkdtemp()) / "notes.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("hello")
    >>> target.read_text(), stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_current_umask()
    ('hello', True)
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temporary_beside(target)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write {target}: {why_not_written(target, exc)}") from exc
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        if exc.errno is None or exc.filename not in (None, str(tmp), tmp):
            raise  # not the system's report on this file
        raise OSError(exc.errno, f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def why_not_written(path: Path, exc: OSError) -> str:
    """The reason a folder for ``path`` could not be made: a file in the way, or the system's word."""
    existing = next((p for p in path.parents if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        return f"{existing} is a file, not a folder"
    return str(exc.strerror or exc)


def _current_umask() -> int:
    """The process umask (for tests and examples; reading it briefly sets it, so not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 ``text`` with ``\\n`` line ends to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def dump_json(obj: Any) -> str:
    """Serialise ``obj`` as stable, human-readable JSON (sorted keys, trailing newline)."""
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def spreadsheet_safe(value: Any) -> Any:
    """``value``, with text a spreadsheet would run as a formula made inert (OWASP, CSV injection).

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading single quote, which spreadsheets show as text; text that
    is a plain number (``-3.5``) and every non-text value stay as they are.

    Examples
    --------
    >>> spreadsheet_safe('=HYPERLINK("http://example.com")')
    '\\'=HYPERLINK("http://example.com")'
    >>> spreadsheet_safe("-3.5"), spreadsheet_safe(-3.5), spreadsheet_safe("Kyiv")
    ('-3.5', -3.5, 'Kyiv')
    """
    return "'" + value if _runs_as_formula(value) else value


def _runs_as_formula(value: Any) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and _NUMBER.fullmatch(value) is None
    )


def csv_for_people(frame: pd.DataFrame) -> str:
    """The CSV text of ``frame`` as aidstats writes it for people: the one writer of such CSVs.

    No index, ``\\n`` line ends, and every text cell (and column name) passed
    through :func:`spreadsheet_safe`; numbers, dates and booleans are written
    as ``DataFrame.to_csv`` writes them.

    Examples
    --------
    >>> import pandas as pd
    >>> print(csv_for_people(pd.DataFrame({"post": ["=1+2", "kpszsu/1"], "launched": [-1, 3]})), end="")
    post,launched
    '=1+2,-1
    kpszsu/1,3
    """
    safe = frame
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        if values.dtype.kind in "biufcmM":
            continue
        # eq(True), not fillna(False): pandas 2.2 warns about downcasting object fills.
        unsafe = values.map(_runs_as_formula, na_action="ignore").eq(True)
        if bool(unsafe.any()):
            safe = frame.copy() if safe is frame else safe
            safe.isetitem(position, values.map(spreadsheet_safe, na_action="ignore"))
    names = [spreadsheet_safe(c) for c in frame.columns]
    if names != list(frame.columns):
        safe = frame.copy() if safe is frame else safe
        safe.columns = names
    return str(safe.to_csv(index=False, lineterminator="\n"))
