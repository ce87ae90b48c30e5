"""Corrupted copies of every bundled file fail with the file, row and column named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from aidstats import DataValidationError, datasets

NAMES = datasets.names()


def _copy(bundled: Path, tmp_path: Path) -> Path:
    for item in bundled.iterdir():
        if item.suffix in (".csv", ".json"):
            shutil.copy(item, tmp_path / item.name)
    return tmp_path


def _rewrite(folder: Path, name: str, edit) -> None:  # type: ignore[no-untyped-def]
    path = folder / f"{name}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    edit(frame)
    frame.to_csv(path, index=False, lineterminator="\n")


def _first_column_of(name: str, kinds: tuple[str, ...]) -> str | None:
    return next((c.name for c in datasets.info(name).columns if c.type in kinds), None)


def _fails(folder: Path, name: str) -> DataValidationError:
    with pytest.raises(DataValidationError) as err:
        datasets.load(name, data_dir=folder)
    assert isinstance(err.value, ValueError)
    assert f"{name}.csv" in str(err.value)
    return err.value


@pytest.mark.parametrize("name", NAMES)
def test_wrong_type_names_row_and_column(name: str, bundled: Path, tmp_path: Path) -> None:
    folder = _copy(bundled, tmp_path)
    column = _first_column_of(name, ("number", "integer", "date", "yearmonth"))
    if column is None:
        pytest.skip("no typed column")
    _rewrite(
        folder, name, lambda f: f.__setitem__(column, f[column].where(f.index != 2, "not-a-value"))
    )
    err = _fails(folder, name)
    failures = err.failures
    assert {"row", "column", "value", "rule"} <= set(failures.columns)
    assert ((failures["row"] == 4) & (failures["column"] == column)).any()


@pytest.mark.parametrize("name", NAMES)
def test_missing_column(name: str, bundled: Path, tmp_path: Path) -> None:
    folder = _copy(bundled, tmp_path)
    dropped = datasets.info(name).columns[-1].name
    _rewrite(folder, name, lambda f: f.pop(dropped))
    err = _fails(folder, name)
    assert dropped in set(err.failures["column"]) and "column missing" in set(err.failures["rule"])


@pytest.mark.parametrize("name", NAMES)
def test_duplicate_key(name: str, bundled: Path, tmp_path: Path) -> None:
    folder = _copy(bundled, tmp_path)

    def duplicate_first_row(frame: pd.DataFrame) -> None:
        frame.loc[len(frame)] = frame.iloc[0]

    _rewrite(folder, name, duplicate_first_row)
    err = _fails(folder, name)
    key = set(datasets.info(name).primary_key)
    assert set(err.failures["column"].dropna().astype(str)) & (key | {"None", "nan"}) or len(
        err.failures
    )
    assert (err.failures["row"].dropna() >= 2).all()


NEGATIVE = {
    "aid_weapons": "units",
    "eu_aid_shares": "total_pct_gdp",
    "official_statements": "missiles",
    "aid_donor_monthly": "gdp_eur_bn",
}
UNKNOWN_CATEGORY = {
    "aid_monthly": "category",
    "aid_channels": "channel",
    "aid_weapons": "category",
    "official_statements": "period_kind",
    "donor_groups": "group",
}


@pytest.mark.parametrize(("name", "column"), sorted(NEGATIVE.items()))
def test_negative_value(name: str, column: str, bundled: Path, tmp_path: Path) -> None:
    folder = _copy(bundled, tmp_path)
    _rewrite(folder, name, lambda f: f.__setitem__(column, f[column].where(f.index != 0, "-5")))
    err = _fails(folder, name)
    hit = err.failures[(err.failures["column"] == column) & (err.failures["row"] == 2)]
    assert hit["rule"].str.contains("greater_than").any(), err.failures


@pytest.mark.parametrize(("name", "column"), sorted(UNKNOWN_CATEGORY.items()))
def test_unknown_category(name: str, column: str, bundled: Path, tmp_path: Path) -> None:
    folder = _copy(bundled, tmp_path)
    _rewrite(folder, name, lambda f: f.__setitem__(column, f[column].where(f.index != 1, "bogus")))
    err = _fails(folder, name)
    hit = err.failures[(err.failures["column"] == column) & (err.failures["row"] == 3)]
    assert list(hit["value"]) == ["bogus"]


def test_every_failure_is_reported_not_just_the_first(bundled: Path, tmp_path: Path) -> None:
    folder = _copy(bundled, tmp_path)
    _rewrite(
        folder,
        "aid_monthly",
        lambda f: f.__setitem__("category", f["category"].where(f.index % 100 != 0, "x")),
    )
    err = _fails(folder, "aid_monthly")
    assert len(err.failures) == len(range(0, 3237, 100))
