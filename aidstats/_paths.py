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
    """The upstream raw files: ``$AIDSTATS_SHARED_DATA`` or ``<repo>/../shared/data``."""
    env = os.environ.get("AIDSTATS_SHARED_DATA")
    return Path(env) if env else repo_root().parent / "shared" / "data"
