"""The report folder is whole or untouched: staging, swap, recovery, lock, refusal (issue 13, item 2)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import aidstats._report.build as build
from aidstats import OutputPathError
from aidstats._report import staging
from aidstats._report.staging import staged_folder
from aidstats.cli import main
from aidstats.errors import UsageError
from aidstats.report import FigureSpec, ReportContext, build_report


def _tiny_figure(context: ReportContext):  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1], [1, 2])
    return fig, pd.DataFrame({"x": ["=1+1", "b"], "y": [1, -2]})


def _failing_figure(context: ReportContext):  # type: ignore[no-untyped-def]
    raise RuntimeError("the third figure fails")


TWO = [
    FigureSpec("01_one", "One", "The first.", _tiny_figure),
    FigureSpec("02_two", "Two", "The second.", _tiny_figure),
]


def report_state(folder: Path) -> str:
    """'missing', or the manifest's parameters as JSON after checking it matches every file."""
    if not folder.exists():
        return "missing"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {r["path"]: r["sha256"] for r in manifest["outputs"]}
    files = {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert files == listed, f"{folder}: the files do not match the manifest"
    return json.dumps(manifest["parameters"], sort_keys=True)


def _beside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


def test_a_new_report_replaces_the_old_whole(tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report(out, formats=["png", "pdf"], specs=TWO, progress=None)
    (out / "figures" / "stale.png").write_bytes(b"left by an older version")
    build_report(out, formats=["png"], specs=TWO, progress=None)
    assert report_state(out) != "missing"  # no stale PDF or foreign file outside the manifest
    assert (
        not list((out / "figures").glob("*.pdf")) and not (out / "figures" / "stale.png").exists()
    )
    assert _beside(out) == []  # no staging folder, lock or old folder left


def test_a_failing_run_leaves_the_previous_report_untouched(tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report(out, start="2025-01", specs=TWO, progress=None)
    before = report_state(out)
    failing = [*TWO, FigureSpec("03_fails", "Fails", "Fails.", _failing_figure)]
    with pytest.raises(RuntimeError, match="third figure"):
        build_report(out, start="2024-01", specs=failing, progress=None)
    assert report_state(out) == before and _beside(out) == []


def test_a_full_disk_while_a_table_is_written_leaves_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    build_report(out, specs=TWO, progress=None)
    before = report_state(out)
    real = build.atomic_write_text

    def disk_full(path: Path, text: str) -> Path:
        if Path(path).parent.name == "tables":
            raise OSError(errno.ENOSPC, f"cannot write {path}: {os.strerror(errno.ENOSPC)}")
        return real(path, text)

    monkeypatch.setattr(build, "atomic_write_text", disk_full)
    monkeypatch.setattr(build, "figure_specs", lambda lang="en": TWO)
    assert main(["report", "--out", str(out), "--from", "2024-01"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "01_one.csv: No space left on device" in err
    assert report_state(out) == before and _beside(out) == []


def test_files_and_folders_get_the_umask_modes(tmp_path: Path) -> None:
    before = os.umask(0o022)
    try:
        build_report(tmp_path / "report", specs=TWO, progress=None)
    finally:
        os.umask(before)
    modes = {
        p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for p in (tmp_path / "report", *(tmp_path / "report").rglob("*"))
    }
    assert {m for p, m in modes.items() if Path(tmp_path / p).is_dir()} == {0o755}
    assert {m for p, m in modes.items() if Path(tmp_path / p).is_file()} == {0o644}


def test_the_manifest_says_tables_are_spreadsheet_safe(tmp_path: Path) -> None:
    build_report(tmp_path / "r", specs=TWO, progress=None)
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text(encoding="utf-8"))
    assert "OWASP" in manifest["tables_spreadsheet_safe"]
    assert (tmp_path / "r" / "tables" / "01_one.csv").read_text().splitlines()[1] == "'=1+1,1"


def test_a_folder_of_other_files_is_refused_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("my own work")
    with pytest.raises(OutputPathError, match="not a report folder.*--force"):
        build_report(out, specs=TWO, progress=None)
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"] and _beside(out) == []
    build_report(out, specs=TWO, progress=None, force=True)
    assert report_state(out) != "missing" and not (out / "thesis.docx").exists()


@pytest.mark.parametrize("own", ["notes.txt", "figures/sketch.jpg", "tables/sub/mine.csv", "data/"])
def test_a_report_folder_holding_the_users_files_is_refused_unless_forced(
    tmp_path: Path, own: str
) -> None:
    out = tmp_path / "report"
    build_report(out, specs=TWO, progress=None)
    mine = out / own
    mine.parent.mkdir(parents=True, exist_ok=True)
    if own.endswith("/"):
        mine.mkdir()
    else:
        mine.write_text("mine")
    with pytest.raises(
        OutputPathError, match=f"holds a file aidstats did not write \\({own.rstrip('/')}\\)"
    ):
        build_report(out, specs=TWO, progress=None)
    assert mine.exists() and _beside(out) == []
    build_report(out, specs=TWO, progress=None, force=True)
    assert not mine.exists() and report_state(out) != "missing"


def test_an_input_inside_the_output_folder_is_refused_even_when_forced(tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report(out, specs=TWO, progress=None)
    events = out / "tables" / "strikes.csv"
    events.write_text(
        "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\n"
        "2024-02-28,2024-02-28,Kalibr,Black Sea,Odesa,,4,2,kpszsu/p/2\n"
    )
    with pytest.raises(OutputPathError, match="inside the output folder"):
        build_report(out, specs=TWO, progress=None, events=events, force=True)
    assert events.exists()


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    build_report(tmp_path, specs=TWO, progress=None)
    assert report_state(tmp_path) != "missing"


@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_out_is_a_usage_error(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="--out must name a folder"):
        build_report(name, specs=TWO, progress=None)
    assert list(tmp_path.iterdir()) == []
    assert main(["report", "--out", name]) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_second_run_into_the_same_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    with staged_folder(out):  # a first run, still going
        assert main(["report", "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "another aidstats report is being written" in err
    assert not out.exists() or not any(out.iterdir())


def test_runs_into_different_folders_do_not_block_each_other(tmp_path: Path) -> None:
    with staged_folder(tmp_path / "a"):
        build_report(tmp_path / "b", specs=TWO, progress=None)
    assert report_state(tmp_path / "b") != "missing"


def test_leftovers_of_killed_runs_are_removed_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report(out, specs=TWO, progress=None)
    killed = tmp_path / ".report.aidstats-new-0123456789ab"
    (killed / "figures").mkdir(parents=True)
    (killed / "figures" / ".01_one.png.abc.tmp").write_bytes(b"half")
    (tmp_path / ".report.aidstats-lock").write_text("")  # a lock file no process holds
    build_report(out, specs=TWO, progress=None)
    assert _beside(out) == []


def test_a_swap_cut_short_between_two_renames_is_undone_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report(out, start="2025-01", specs=TWO, progress=None)
    previous = report_state(out)
    # What a kill -9 between the two renames leaves: the previous report moved aside, the new one staged.
    out.rename(tmp_path / ".report.aidstats-old-0123456789ab")
    (tmp_path / ".report.aidstats-new-0123456789ab").mkdir()
    with staged_folder(out) as staged:
        assert report_state(out) == previous  # restored before anything else happens
        (staged.folder / "manifest.json").write_text(
            '{"aidstats_report": 1, "outputs": [], "parameters": {}}'
        )
    assert report_state(out) == "{}" and _beside(out) == []


def test_without_an_atomic_exchange_two_renames_do_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    out = tmp_path / "report"
    build_report(out, start="2025-01", specs=TWO, progress=None)
    build_report(out, start="2025-02", specs=TWO, progress=None)
    assert json.loads(report_state(out))["from"] == "2025-02" and _beside(out) == []


def test_the_exchange_is_atomic_where_linux_offers_it(tmp_path: Path) -> None:
    if staging.swap_method() != "renameat2":
        pytest.skip("no renameat2 here: the two-rename swap is used")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "from_a").touch()
    if not staging._exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("this file system does not support RENAME_EXCHANGE")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from_a"]
    assert list((tmp_path / "a").iterdir()) == []


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report").write_text("a file")
    with pytest.raises(OutputPathError, match="is not a folder"):
        build_report(tmp_path / "report", specs=TWO, progress=None)


def test_a_previous_report_with_tables_as_a_file_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "report"
    build_report(out, specs=TWO, progress=None)
    for path in (out / "tables").iterdir():
        path.unlink()
    (out / "tables").rmdir()
    (out / "tables").write_text("a file where the folder was")
    build_report(out, specs=TWO, progress=None)
    assert (out / "tables").is_dir() and report_state(out) != "missing"


def test_a_very_long_folder_name_gets_short_staging_names(tmp_path: Path) -> None:
    out = tmp_path / ("r" * 250)
    build_report(out, specs=TWO, progress=None)
    assert report_state(out) != "missing" and _beside(out) == []


# ------------------------------------------------------------------ the kill test

_ONLY = "01_strike_volume,06_aid_by_donor"  # two figures: quick, from bundled data


def _start(out: Path, month: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, AIDSTATS_REPORT_ONLY=_ONLY, MPLBACKEND="Agg")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aidstats",
            "report",
            "--out",
            str(out),
            "--from",
            month,
            "--formats",
            "png",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


@pytest.mark.slow
def test_killed_at_random_points_the_folder_holds_one_whole_report(tmp_path: Path) -> None:
    """SIGTERM and SIGKILL at random delays: the folder is the previous report or the new one, whole."""
    out = tmp_path / "report"
    started = time.perf_counter()
    first = _start(out, "2024-01")
    assert first.wait() == 0, first.stderr.read() if first.stderr else ""
    duration = time.perf_counter() - started
    states = {report_state(out)}
    rng = random.Random(13)
    outcomes = []
    for run in range(8):
        month = f"2024-{run + 2:02d}"
        process = _start(out, month)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        sig = rng.choice([signal.SIGTERM, signal.SIGKILL])
        process.send_signal(sig)
        code = process.wait()
        state = report_state(out)  # asserts the manifest matches every file
        new = json.dumps(
            {"data": None, "dpi": 200, "events": None, "formats": ["png"], "from": month,
             "lang": "en", "to": None},
            sort_keys=True,
        )  # fmt: skip
        assert state in states | {new}, f"run {run}: {state}"
        outcomes.append((sig.name, code, "new" if state == new else "previous"))
        states = {state}
    # A last run finishes and clears what the killed ones left beside the folder.
    final = _start(out, "2025-01")
    assert final.wait() == 0
    assert json.loads(report_state(out))["from"] == "2025-01" and _beside(out) == []
    print(outcomes)
