"""Where the bundled datasets and the upstream raw files live."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["bundled_dir", "default_raw_dir", "repo_root"]


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
