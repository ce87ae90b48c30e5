"""Bundled data cannot be tampered with silently: hash, row count, schema, damaged metadata (issue 13, item 3)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from aidstats import DataValidationError, datasets
from aidstats._files import bundled_dir
from aidstats._read import datasets as loader


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A fresh copy of the bundled datasets to damage."""
    folder = tmp_path / "datasets"
    shutil.copytree(bundled_dir(), folder)
    return folder


def _edit_line(path: Path, number: int, edit: object) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = edit(lines[number - 1])  # type: ignore[operator]
    path.write_text("".join(lines), encoding="utf-8")


def test_every_sidecar_records_its_csvs_row_count_and_hash() -> None:
    folder = bundled_dir()
    for name in datasets.names():
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        data = (folder / f"{name}.csv").read_bytes()
        assert meta["sha256"] == hashlib.sha256(data).hexdigest(), name
        assert meta["rows"] == data.count(b"\n") - 1 == datasets.info(name).rows, name


def test_a_copy_cut_short_is_refused(copy: Path) -> None:
    path = copy / "aid_monthly.csv"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:100]))
    with pytest.raises(
        DataValidationError, match=r"aid_monthly\.csv: has 99 rows, its sidecar .* says 3,237"
    ):
        datasets.load("aid_monthly", data_dir=copy)


def test_an_altered_value_that_passes_the_schema_is_caught_by_the_hash(copy: Path) -> None:
    _edit_line(
        copy / "aid_monthly.csv", 6, lambda line: re.sub(r",(\d+\.\d+)", r",1\1", line, count=1)
    )
    with pytest.raises(DataValidationError, match=r"aid_monthly\.csv: does not match the SHA-256"):
        datasets.load("aid_monthly", data_dir=copy)


@pytest.mark.parametrize("value", ["inf", "-inf", "Infinity"])
def test_infinite_values_fail_with_their_row_and_column(copy: Path, value: str) -> None:
    _edit_line(
        copy / "aid_monthly.csv", 6, lambda line: re.sub(r",(\d+\.\d+)", f",{value}", line, count=1)
    )
    with pytest.raises(DataValidationError) as caught:
        datasets.load("aid_monthly", data_dir=copy)
    failures = caught.value.failures
    assert failures[["row", "column", "value"]].values.tolist() == [[6, "eur_bn", value]]
    assert str(copy / "aid_monthly.csv") in str(caught.value)


def test_a_value_breaking_the_schema_names_row_and_column(copy: Path) -> None:
    _edit_line(
        copy / "aid_monthly.csv", 7, lambda line: line.replace(",military,", ",jewellery,", 1)
    )
    with pytest.raises(DataValidationError, match="aid_monthly") as caught:
        datasets.load("aid_monthly", data_dir=copy)
    assert caught.value.failures[["row", "column"]].values.tolist() == [[7, "category"]]


def test_not_utf8_names_the_line(copy: Path) -> None:
    path = copy / "donor_groups.csv"
    data = path.read_bytes().split(b"\n")
    data[3] = data[3] + b"\xe9"
    path.write_bytes(b"\n".join(data))
    with pytest.raises(DataValidationError, match=r"donor_groups\.csv: not UTF-8 text: line 4"):
        datasets.load("donor_groups", data_dir=copy)


@pytest.mark.parametrize(
    "damage",
    ['{"name": "aid_monthly", "columns": [', "[]", "\xff\xfe", '{"name": "aid_monthly"}'],
)
def test_a_damaged_sidecar_is_one_line_naming_it(copy: Path, damage: str) -> None:
    (copy / "aid_monthly.json").write_text(damage, encoding="latin-1")
    with pytest.raises(
        DataValidationError, match=r"aid_monthly\.json: damaged metadata file"
    ) as caught:
        datasets.load("aid_monthly", data_dir=copy)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("damage", ['{"resources": [}', '{"resources": 3}', ""])
def test_a_damaged_datapackage_is_one_line_naming_it(copy: Path, damage: str) -> None:
    (copy / "datapackage.json").write_text(damage, encoding="utf-8")
    with pytest.raises(
        DataValidationError, match=r"datapackage\.json: damaged metadata file"
    ) as caught:
        datasets.names(data_dir=copy)
    assert "\n" not in str(caught.value)


def test_a_missing_sidecar_is_named(copy: Path) -> None:
    (copy / "aid_monthly.json").unlink()
    with pytest.raises(
        DataValidationError, match=r"aid_monthly\.json: cannot read the metadata file"
    ):
        datasets.info("aid_monthly", data_dir=copy)


def test_each_file_is_checked_once_per_process(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    real = loader._read_raw

    def counting(path: Path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path)

    monkeypatch.setattr(loader, "_read_raw", counting)
    for _ in range(3):
        datasets.load("reporting_regimes", data_dir=copy)
    assert reads == [copy.resolve() / "reporting_regimes.csv"]


def test_sidecars_without_a_hash_still_load(copy: Path) -> None:
    path = copy / "reporting_regimes.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    del meta["sha256"]
    path.write_text(json.dumps(meta), encoding="utf-8")
    assert len(datasets.load("reporting_regimes", data_dir=copy)) == meta["rows"]
