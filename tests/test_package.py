"""Packaging promises: light import, Frictionless-valid data package, CLI behaviour, doctests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import aidstats
from aidstats.cli import main

HEAVY = (
    "matplotlib",
    "scipy",
    "statsmodels",
    "pandera",
    "ruptures",
    "pypdf",
    "aidstats._read.strike_file.reader",  # loaded by datasets.compare_releases on first use
)


def test_import_is_light() -> None:
    code = (
        "import sys, aidstats, aidstats.datasets, aidstats.errors; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_release_comparison_loads_on_first_use() -> None:
    from aidstats import datasets
    from aidstats._read import release_diff

    assert {"compare_releases", "ReleaseDiff"} <= set(dir(datasets))  # help() and completion
    assert datasets.compare_releases is release_diff.compare_releases
    assert datasets.ReleaseDiff.__module__ == "aidstats.datasets"
    with pytest.raises(AttributeError, match="no attribute 'no_such_thing'"):
        datasets.no_such_thing  # noqa: B018


def test_public_api_is_curated() -> None:
    assert "__version__" in aidstats.__all__
    for name in ("AidstatsError", "DataValidationError", "datasets"):
        assert name in aidstats.__all__
    assert issubclass(aidstats.DataValidationError, ValueError)
    assert issubclass(aidstats.DataValidationError, aidstats.AidstatsError)
    with pytest.raises(AttributeError):
        aidstats.no_such_thing  # noqa: B018


def test_datapackage_is_frictionless_valid(bundled: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(bundled / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_data_is_shipped_in_the_package(bundled: Path) -> None:
    # In an installed wheel the data live inside the package, not in the checkout.
    assert (bundled / "aid_monthly.csv").exists() and (bundled / "aid_monthly.json").exists()


def test_cli_lists_datasets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    assert "aid_monthly" in out and "3,237" in out and "2022-01..2026-04" in out and "Kiel" in out


def test_cli_info(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "info", "aid_weapons"]) == 0
    assert "D-30" in capsys.readouterr().out


def test_cli_unknown_dataset_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "info", "nope"]) == 2
    assert "valid names" in capsys.readouterr().err


def test_cli_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["datasets", "export", "aid_monthly"]) == 2  # --to missing
    assert main(["no-such-command"]) == 2
    assert main(["datasets", "export", "aid_monthly", "--to", "x.xlsx"]) == 2  # a bad argument
    assert ".csv or .parquet" in capsys.readouterr().err


def test_cli_export_csv_and_parquet(tmp_path: Path) -> None:
    import pandas as pd

    assert main(["datasets", "export", "aid_channels", "--to", str(tmp_path / "c.csv")]) == 0
    assert len(pd.read_csv(tmp_path / "c.csv")) == 208
    pytest.importorskip("pyarrow")
    assert main(["datasets", "export", "aid_channels", "--to", str(tmp_path / "c.parquet")]) == 0
    assert len(pd.read_parquet(tmp_path / "c.parquet")) == 208


def test_cli_export_to_unwritable_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["datasets", "export", "aid_channels", "--to", str(blocker / "sub" / "c.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_python_dash_m(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "aidstats", "datasets"], capture_output=True, text=True, cwd=tmp_path
    )
    assert out.returncode == 0 and "aid_monthly" in out.stdout


def _modules() -> list[str]:
    """Every module of the package (its ``__main__`` runs the command line: not imported)."""
    found = pkgutil.walk_packages(aidstats.__path__, "aidstats.")
    return ["aidstats", *sorted(m.name for m in found if not m.name.endswith("__main__"))]


DOCTEST_MODULES = _modules()


@pytest.mark.parametrize("module_name", DOCTEST_MODULES)
def test_docstring_examples_run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_every_package_is_in_the_wheel() -> None:
    """setup.cfg lists packages one by one: a new subpackage missing there would be left out of the wheel."""
    import configparser

    root = Path(__file__).resolve().parents[1]
    config = configparser.ConfigParser()
    config.read(root / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    found = {
        ".".join(init.parent.relative_to(root).parts)
        for init in (root / "aidstats").rglob("__init__.py")
    }
    assert found <= listed, f"add to setup.cfg [options] packages: {sorted(found - listed)}"


def test_core_install_is_lean() -> None:
    """Jupyter is an extra (notebooks, pulled in by test): the core is what import and report need."""
    import configparser
    import re

    root = Path(__file__).resolve().parents[1]
    config = configparser.ConfigParser()
    config.read(root / "setup.cfg")

    def names(requirements: str) -> set[str]:
        lines = [line.strip() for line in requirements.splitlines() if line.strip()]
        return {re.split(r"[<>=!~; \[]", line)[0].lower() for line in lines}

    core = names(config["options"]["install_requires"])
    assert not core & {"jupyter", "jupyterlab", "notebook", "nbclient", "nbformat", "ipykernel"}
    assert "pyarrow" in core, "pandas 3 strings and the strike reader need pyarrow to be fast"
    extras = config["options.extras_require"]
    assert {"jupyter", "nbclient", "nbformat", "ipykernel"} <= names(extras["notebooks"])
    assert "aidstats[notebooks]" in extras["test"].split()
