from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The upstream raw data; tests that need it skip where it is absent."""
    from aidstats._paths import default_raw_dir

    path = default_raw_dir()
    if not (path / "aid" / "kiel_ust_r29" / "data_explorer.csv").exists():
        pytest.skip(f"upstream data not found at {path}")
    return path


@pytest.fixture(scope="session")
def bundled() -> Path:
    from aidstats._paths import bundled_dir

    return bundled_dir()
