from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("MPLBACKEND", "Agg")

# Property tests and fuzzing draw the same examples on every run, so that CI is
# reproducible; set HYPOTHESIS_PROFILE=explore to search afresh.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The upstream raw data; tests that need it skip where it is absent."""
    from aidstats._files import default_raw_dir

    path = default_raw_dir()
    if not (path / "aid" / "kiel_ust_r29" / "data_explorer.csv").exists():
        pytest.skip(f"upstream data not found at {path}")
    return path


@pytest.fixture(scope="session")
def bundled() -> Path:
    from aidstats._files import bundled_dir

    return bundled_dir()
