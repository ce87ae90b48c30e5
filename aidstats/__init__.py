"""aidstats: the air war against Ukraine and the military aid that answers it.

Typed, bundled datasets (:mod:`aidstats.datasets`), loaders for the raw upstream
files (:func:`read_strike_events`), strike aggregation (:mod:`aidstats.strikes`),
statistics with uncertainty (:mod:`aidstats.stats`), aid aggregation
(:mod:`aidstats.aid`) and house-style figures (:mod:`aidstats.plots`).

Importing :mod:`aidstats` is light: submodules, and with them matplotlib,
scipy, statsmodels and pandera, load on first use.

Examples
--------
>>> import aidstats
>>> "aid_monthly" in aidstats.datasets.names()
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from aidstats._version import __version__
from aidstats.errors import (
    AidstatsError,
    DataValidationError,
    InsufficientDataError,
    OutputPathError,
    UnknownDatasetError,
)

if TYPE_CHECKING:
    import aidstats.aid as aid
    import aidstats.datasets as datasets
    import aidstats.plots as plots
    import aidstats.report as report
    import aidstats.stats as stats
    import aidstats.strikes as strikes
    from aidstats.strike_events import DataQualityWarning, read_strike_events

__all__ = [
    "AidstatsError",
    "DataQualityWarning",
    "DataValidationError",
    "InsufficientDataError",
    "OutputPathError",
    "UnknownDatasetError",
    "__version__",
    "aid",
    "datasets",
    "plots",
    "read_strike_events",
    "report",
    "stats",
    "strikes",
]

_SUBMODULES = {"aid", "datasets", "plots", "stats", "strikes", "report"}
_ATTRIBUTES = {
    "read_strike_events": "aidstats.strike_events",
    "DataQualityWarning": "aidstats.strike_events",
}


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"aidstats.{name}")
    if name in _ATTRIBUTES:
        return getattr(importlib.import_module(_ATTRIBUTES[name]), name)
    raise AttributeError(f"module 'aidstats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(__all__) | set(globals()))
