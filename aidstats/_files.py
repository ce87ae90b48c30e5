"""Files: where they live, deterministic atomic writes, and hashing.

The one place aidstats touches the file system for output. Every writer
(report, figures, tables, manifest, dataset build, export) goes through
:func:`atomic_path`, so that an interrupted write leaves the earlier file (or
nothing) behind, never half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "bundled_dir",
    "default_raw_dir",
    "dump_json",
    "repo_root",
    "sha256_file",
]


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


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only on success.

    An interrupted or failed write leaves any earlier file untouched and no
    half-written file behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


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
