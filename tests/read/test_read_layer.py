"""The reading layer: its facades keep their public names, its modules' examples run."""

from __future__ import annotations

import doctest
import importlib

import pytest

import aidstats
from aidstats import datasets, errors, strike_events
from aidstats._core import weapons
from aidstats._read import dataset_info, strike_file
from aidstats._read import datasets as read_datasets

READ_MODULES = [
    "aidstats._read.dataset_info",
    "aidstats._read.datasets",
    "aidstats._read.literal",
    "aidstats._read.strike_file.columns",
    "aidstats._read.strike_file.scan",
    "aidstats._read.strike_file.header",
    "aidstats._read.strike_file.table",
    "aidstats._read.strike_file.coded",
    "aidstats._read.strike_file.cells",
    "aidstats._read.strike_file.rules",
    "aidstats._read.strike_file.composites",
    "aidstats._read.strike_file.reader",
]


@pytest.mark.parametrize("module_name", READ_MODULES)
def test_docstring_examples_run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_datasets_facade_keeps_its_names() -> None:
    assert datasets.__all__ == [
        "ColumnInfo",
        "DatasetInfo",
        "Release",
        "ReleaseDiff",
        "SourceInfo",
        "compare_releases",
        "find_releases",
        "info",
        "load",
        "names",
    ]
    assert datasets.load is read_datasets.load and datasets.DatasetInfo is dataset_info.DatasetInfo
    # Re-exported objects live at the public path: reprs, help() and doctests find them there.
    assert datasets.DatasetInfo.__module__ == "aidstats.datasets"
    assert repr(datasets.DatasetInfo) == "<class 'aidstats.datasets.DatasetInfo'>"


def test_strike_events_facade_keeps_its_names() -> None:
    assert strike_events.__all__ == [
        "COLUMNS",
        "KNOWN_SCHEMAS",
        "DataQualityWarning",
        "combine_classes",
        "normalise_model_key",
        "read_strike_events",
        "split_model_name",
    ]
    assert strike_events.read_strike_events is strike_file.read_strike_events
    assert strike_events.read_strike_events.__module__ == "aidstats.strike_events"
    assert aidstats.read_strike_events is strike_events.read_strike_events
    assert strike_events.DataQualityWarning is errors.DataQualityWarning
    assert strike_events.normalise_model_key is weapons.normalise_model_key
    assert strike_events.COLUMNS is strike_file.COLUMNS
