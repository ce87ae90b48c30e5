"""Session fixtures shared by every test folder, and the hypothesis profile.

Raw upstream data are found through ``aidstats._files.default_raw_dir`` (which
honours ``AIDSTATS_SHARED_DATA``); tests that need them take ``raw_dir``,
``raw_strike_file`` or ``real_events`` and are skipped where the data are
absent. Mark them ``upstream``; mark long ones ``slow``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pandas as pd
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
def raw_strike_file(raw_dir: Path) -> Path:
    """The April 2026 strike release (the loose file; last report 2026-04-05): tests pin its numbers."""
    path = raw_dir / "strikes" / "missile_attacks_daily.csv"
    if not path.exists():
        pytest.skip(f"upstream strike file not found at {path}")
    return path


@pytest.fixture(scope="session")
def bundled_strike_file(raw_dir: Path, bundled: Path) -> Path:
    """The upstream strike file of the release the bundled datasets were built from."""
    import json

    from aidstats._read.releases import STRIKE_FILE, find_releases

    release = json.loads((bundled / "datapackage.json").read_text(encoding="utf-8"))["releases"][
        "strikes"
    ]
    found = {r.release: r for r in find_releases(raw_dir)["strikes"]}
    if release not in found:
        pytest.skip(f"strike release {release} of the bundled data not found under {raw_dir}")
    return found[release].folder / STRIKE_FILE


@pytest.fixture(scope="session")
def bundled_events(bundled_strike_file: Path) -> pd.DataFrame:
    """The strike events of the release the bundled datasets come from, read once per session."""
    from aidstats.strike_events import read_strike_events

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_strike_events(bundled_strike_file)


@pytest.fixture(scope="session")
def real_read(raw_strike_file: Path) -> tuple[pd.DataFrame, list[str]]:
    """The real strike file read once per session, with the DataQualityWarning texts it gave."""
    from aidstats.errors import DataQualityWarning
    from aidstats.strike_events import read_strike_events

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = read_strike_events(raw_strike_file)
    return events, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


@pytest.fixture
def real_events(real_read: tuple[pd.DataFrame, list[str]]) -> pd.DataFrame:
    """The real strike events (a copy per test, so that no test changes another's input)."""
    return real_read[0].copy()


@pytest.fixture(scope="session")
def bundled() -> Path:
    from aidstats._files import bundled_dir

    return bundled_dir()
