"""One line, the right exit code, everywhere: the command line never shows a traceback (issue 13, item 4)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import aidstats.cli as cli
from aidstats._files import bundled_dir
from aidstats._read import datasets as loader
from aidstats.cli import main

HEADER = "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\n"
ROW = "2024-02-28,2024-02-28 08:00,Kalibr,Black Sea,Odesa,,4,2,kpszsu/p/2\n"


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The error line; any line before it must be a one-line warning."""
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith("aidstats: warning: ") for line in lines[:-1]), lines
    assert lines[-1].startswith("aidstats: ") and not any("Traceback" in line for line in lines)
    return lines[-1] + "\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--out", "x", "--from", "2025-13"], "--from must be a month"),
        (["report", "--out", "x", "--formats", "png,xlsx"], "formats must be among"),
        (["report", "--out", ""], "argument --out: an empty name would mean the current folder"),
        # It built every dataset into the current folder:
        (["datasets", "build", "--out", ""], "argument --out: an empty name"),
        (["datasets", "export", "aid_monthly", "--to", ""], "argument --to: an empty name"),
        (["datasets", "diff", "", "x.csv"], "argument old: an empty name"),
        (["claims", "--events", ""], "argument --events: an empty name"),
        (["check", "drones", "2025-06", "--", "-5"], "the claimed figure must be a number of 0"),
        (["check", "drones", "2025-06", "nan"], "the claimed figure must be a number of 0"),
        (["report"], "the following arguments are required: --out"),
        (["report", "--out", "x", "--colour", "red"], "unrecognized arguments: --colour red"),
        (["nonsense"], "invalid choice: 'nonsense'"),
        (["datasets", "export", "aid_monthly", "--to", "x.xlsx"], "use a .csv or .parquet file"),
        (["datasets", "info", "no_such_dataset"], "unknown dataset 'no_such_dataset'"),
        (["datasets", "build", "--release", "strikes"], "--release takes SOURCE=RELEASE"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert message in _one_line(capsys)
    assert list(tmp_path.iterdir()) == []


def _events_file(folder: Path, kind: str) -> Path:
    text = HEADER + ROW
    path = folder / "strikes.csv"
    if kind == "gzip":
        path.write_bytes(gzip.compress(text.encode()))
    elif kind == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("strikes.csv", text)
    elif kind == "utf-16":
        path.write_bytes(text.encode("utf-16"))
    elif kind == "utf-16-no-bom":
        path.write_bytes(text.encode("utf-16-le"))
    elif kind == "latin-1":
        path.write_bytes((HEADER + ROW + ROW.replace("Odesa", "Odes\xe9")).encode("latin-1"))
    elif kind == "header-only":
        path.write_text(HEADER)
    elif kind == "all-flagged":
        path.write_text(HEADER + ROW.replace(",4,2,", ",-4,2,") * 3)
    elif kind == "empty":
        path.write_text("")
    elif kind == "no-columns":
        path.write_text("a,b\n1,2\n")
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("gzip", "this is a gzip file, not UTF-8 CSV text: decompress it first"),
        ("zip", "this is a zip file, not UTF-8 CSV text: extract the CSV"),
        ("utf-16", "this is a UTF-16 file, not UTF-8 CSV text: save it as UTF-8"),
        ("utf-16-no-bom", "this is a UTF-16 file"),
        ("latin-1", "not UTF-8 text: line 3 holds the byte 0xe9 (byte 50 of the line)"),
        ("header-only", "no strike reports in the file (only a header)"),
        ("all-flagged", "every one of the 3 rows breaks a rule"),
        ("empty", "empty file or empty header line"),
        ("no-columns", "required columns missing"),
    ],
)
def test_unusable_events_files_are_one_line_naming_the_file(
    kind: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _events_file(tmp_path, kind)
    out = tmp_path / "report"
    assert main(["report", "--out", str(out), "--events", str(events)]) == 1
    err = _one_line(capsys)
    assert f"{events}: " in err and message in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["strikes.csv"]


@pytest.mark.parametrize(
    ("path", "message"),
    [("/dev/null", "not a regular file"), (".", "is a folder"), ("no/such.csv", "no such")],
)
def test_events_that_are_not_files(
    path: str, message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["report", "--out", str(tmp_path / "r"), "--events", path]) == 1
    assert message in _one_line(capsys)


def test_an_unreadable_events_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    events = _events_file(tmp_path, "header-only")
    real_open = open

    def refusing(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(events):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing)
    assert main(["report", "--out", str(tmp_path / "r"), "--events", str(events)]) == 1
    assert "cannot read the --events file: Permission denied" in _one_line(capsys)


@pytest.mark.upstream
@pytest.mark.parametrize("name", ["math_$\\foo$.csv", os.fsdecode(b"bad\xff name.csv")])
def test_events_file_names_are_drawn_as_they_are(
    name: str, bundled_strike_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = tmp_path / name
    shutil.copyfile(bundled_strike_file, events)
    monkeypatch.setenv("AIDSTATS_REPORT_ONLY", "01_strike_volume")
    out = tmp_path / "report"
    assert main(["report", "--out", str(out), "--events", str(events), "--formats", "png"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["events"] == os.fsencode(name).decode("utf-8", "replace")


def test_datasets_build_with_missing_raw_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "raw" / "strikes").mkdir(parents=True)
    assert (
        main(["datasets", "build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "out")])
        == 1
    )
    assert "aidstats: error:" in _one_line(capsys)
    assert (
        main(["datasets", "build", "--raw", str(tmp_path / "none"), "--out", str(tmp_path / "out")])
        == 1
    )
    assert "does not exist" in _one_line(capsys)


def test_datasets_build_into_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("x")
    assert (
        main(["datasets", "build", "--raw", str(tmp_path), "--out", str(tmp_path / "a-file")]) == 1
    )
    assert "is a file, not a folder" in _one_line(capsys)


def test_damaged_metadata_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "datasets"
    shutil.copytree(bundled_dir(), copy)
    (copy / "aid_monthly.json").write_text('{"name": ', encoding="utf-8")
    monkeypatch.setattr(loader, "bundled_dir", lambda: copy)
    assert main(["datasets", "info", "aid_monthly"]) == 1
    assert "aid_monthly.json: damaged metadata file" in _one_line(capsys)
    (copy / "datapackage.json").write_text("{", encoding="utf-8")
    loader._package.cache_clear()
    assert main(["datasets", "list"]) == 1
    assert "datapackage.json: damaged metadata file" in _one_line(capsys)
    loader._package.cache_clear()


def test_a_validation_error_shows_its_first_failure_on_the_same_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "strikes.csv"
    events.write_text(HEADER.replace("model,", "modle,") + ROW)
    assert main(["report", "--out", str(tmp_path / "r"), "--events", str(events)]) == 1
    err = _one_line(capsys)
    assert "strikes.csv: required columns missing: ['model']" in err
    assert (
        "(1 failing cell(s); first: line 1, column 'model', value None, rule 'missing_column')"
        in err
    )


def test_disk_errors_name_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["datasets", "export", "aid_channels", "--to", str(blocker / "c.csv")]) == 1
    assert f"cannot write {blocker / 'c.csv'}: {blocker} is a file, not a folder" in _one_line(
        capsys
    )


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (RuntimeError("boom"), 1, "unexpected RuntimeError: boom (a bug: please report it"),
        (MemoryError(), 1, "out of memory"),
        (UnicodeEncodeError("ascii", "é", 0, 1, "no"), 1, "text that is not valid UTF-8"),
        (OSError(5, "Input/output error", "/data/x.csv"), 1, "/data/x.csv: Input/output error"),
        (KeyboardInterrupt(), 130, "aidstats: interrupted"),
    ],
)
def test_anything_else_is_one_line_too(
    error: BaseException,
    code: int,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def fail(args: object) -> int:
        raise error

    monkeypatch.setattr(cli, "_cmd_datasets_list", fail)
    assert main(["datasets", "list"]) == code
    assert message in _one_line(capsys)


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_cmd_datasets_list", fail)
    assert main(["datasets", "list", "--debug"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("aidstats: error: unexpected RuntimeError: boom") and "Traceback" in err


def test_warnings_are_one_line_each_and_bounded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import warnings

    from aidstats.errors import DataQualityWarning

    def warn(args: object) -> int:
        warnings.warn("x" * 100_000 + "\nsecond line", DataQualityWarning, stacklevel=1)
        return 0

    monkeypatch.setattr(cli, "_cmd_datasets_list", warn)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main(["datasets", "list"]) == 0
    err = _one_line(capsys)
    assert err.startswith("aidstats: warning: xxx") and len(err) <= cli.MAX_MESSAGE + 40


def test_sigterm_exits_143_after_cleaning_up(tmp_path: Path) -> None:
    code = (
        "import os, signal\n"
        "import aidstats.cli as cli\n"
        "def stop(args):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return 0\n"
        "cli._cmd_datasets_list = stop\n"
        "raise SystemExit(cli.main(['datasets', 'list']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 143 and done.stderr == "aidstats: terminated\n"


def test_csv_outputs_of_diff_are_spreadsheet_safe(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_text(HEADER + ROW)
    new = tmp_path / "new.csv"
    rows = list(csv.reader(io.StringIO(HEADER + ROW)))
    rows[1][4] = '=HYPERLINK("http://x")'
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    new.write_text(buffer.getvalue())
    assert main(["datasets", "diff", str(old), str(new), "--out", str(tmp_path / "d.csv")]) == 0
    text = (tmp_path / "d.csv").read_text()
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
