"""Files aidstats writes: readable by others (the umask's mode), atomic, and spreadsheet-safe CSVs (issue 13)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from aidstats import OutputPathError
from aidstats._build.dataset import BuiltDataset, Column, write_dataset
from aidstats._files import atomic_path, atomic_write_text, csv_for_people, spreadsheet_safe
from aidstats.cli import main


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_mode_the_umask_gives(tmp_path: Path, mask: int, mode: int) -> None:
    before = os.umask(mask)
    try:
        atomic_write_text(tmp_path / "a.txt", "text")
    finally:
        os.umask(before)
    assert _mode(tmp_path / "a.txt") == mode


def test_a_failed_write_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("earlier")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


def test_a_full_disk_names_the_file_not_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "tables" / "01.csv"
    full = r"cannot write .*01\.csv: No space left"
    with pytest.raises(OSError, match=full) as caught, atomic_path(target) as tmp:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
    assert caught.value.errno == errno.ENOSPC and ".tmp" not in str(caught.value)
    assert list((tmp_path / "tables").iterdir()) == []


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "tables").write_text("a file, not a folder")
    with pytest.raises(OSError, match="tables is a file, not a folder"):
        atomic_write_text(tmp_path / "tables" / "01.csv", "x")


def test_save_figure_writes_files_others_can_read(tmp_path: Path, umask_022: None) -> None:
    import matplotlib.pyplot as plt

    from aidstats.plots import save_figure

    fig, _ = plt.subplots()
    written = save_figure(fig, tmp_path / "figure", formats=("png", "pdf", "svg"), close=True)
    assert [_mode(p) for p in written] == [0o644] * 3


@pytest.mark.parametrize("stem", ["figures/", "figures" + os.sep, "existing"])
def test_save_figure_refuses_a_folder(
    tmp_path: Path, stem: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import matplotlib.pyplot as plt

    from aidstats.plots import save_figure

    monkeypatch.chdir(tmp_path)
    (tmp_path / "existing").mkdir()
    fig, _ = plt.subplots()
    with pytest.raises(OutputPathError, match="names a folder"):
        save_figure(fig, stem)
    plt.close(fig)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]


def test_dataset_build_writes_readable_files_with_their_hash_and_row_count(
    tmp_path: Path, umask_022: None
) -> None:
    import hashlib

    frame = pd.DataFrame({"month": ["2025-01", "2025-02"], "value": [1.5, -2.0]})
    built = BuiltDataset(
        name="demo",
        title="Demo",
        description="A demo.",
        columns=(Column("month", "yearmonth", "Month"), Column("value", "number", "Value")),
        primary_key=("month",),
        frame=frame,
        sources=({"licence": "MIT", "title": "Demo", "url": ""},),
        version="1",
    )
    meta = write_dataset(built, tmp_path)
    csv = tmp_path / "demo.csv"
    assert meta["rows"] == 2 and meta["sha256"] == hashlib.sha256(csv.read_bytes()).hexdigest()
    assert _mode(csv) == _mode(tmp_path / "demo.json") == 0o644


# ---------------------------------------------------------------- CSV injection (OWASP)

HOSTILE = ["=1+2", "+1-1", "-2+3", "@SUM(A1)", "\t=1", "\rx", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_made_inert(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["-3", "+4.5", "-1e-3", "Kyiv", "", "1=1", -3, 2.5, None])
def test_numbers_and_plain_text_stay_as_they_are(value: object) -> None:
    assert spreadsheet_safe(value) == value


def test_people_csv_quotes_formulas_and_keeps_numbers_numbers() -> None:
    frame = pd.DataFrame(
        {
            "post": pd.array(["=cmd|' /C calc'!A0", "kpszsu/1", None], dtype="string"),
            "kind": pd.Categorical(["@x", "drone", "drone"]),
            "launched": [-1.5, 3.0, float("nan")],
            "count": pd.array([-2, 5, None], dtype="Int64"),
            "note": ["-5", "- a dash", "+"],
        }
    )
    lines = csv_for_people(frame).splitlines()
    assert lines[1] == "'=cmd|' /C calc'!A0,'@x,-1.5,-2,-5"
    assert lines[2] == "kpszsu/1,drone,3.0,5,'- a dash"
    assert lines[3] == ",drone,,,'+"


def test_people_csv_is_plain_to_csv_when_nothing_is_unsafe() -> None:
    frame = pd.DataFrame(
        {"month": pd.date_range("2025-01-01", periods=3, freq="MS"), "v": [1, -2, 3]}
    )
    assert csv_for_people(frame) == frame.to_csv(index=False, lineterminator="\n")


def test_people_csv_neutralises_column_names() -> None:
    assert csv_for_people(pd.DataFrame({"=x": [1]})).splitlines()[0] == "'=x"


def test_export_writes_a_readable_spreadsheet_safe_csv(
    tmp_path: Path, umask_022: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aidstats.cli as cli

    hostile = pd.DataFrame({"donor": ["=1+1", "Finland"], "eur_bn": [-1.0, 2.0]})
    monkeypatch.setattr(cli.datasets, "load", lambda name: hostile)
    target = tmp_path / "out.csv"
    assert main(["datasets", "export", "aid_monthly", "--to", str(target)]) == 0
    assert target.read_text().splitlines() == ["donor,eur_bn", "'=1+1,-1.0", "Finland,2.0"]
    assert _mode(target) == 0o644
