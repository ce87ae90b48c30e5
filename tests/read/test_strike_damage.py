"""Damaged rows are flagged with a reason, never accepted, and launched stays conserved (issue 11 item 7)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aidstats.strike_events import KNOWN_SCHEMAS, DataQualityWarning, read_strike_events

H22 = ",".join(KNOWN_SCHEMAS["v2026-22col"])
_NAMES = KNOWN_SCHEMAS["v2026-22col"]


def _row(**cells: str) -> list[str]:
    base = {
        "time_start": "2025-06-01 18:00",
        "time_end": "2025-06-02 08:00",
        "model": "Shahed-136/131",
        "launched": "10",
        "destroyed": "8",
        "not_reach_goal": "0",
        "source": "kpszsu/posts/a",
    }
    base.update(cells)
    return [base.get(n, "") for n in _NAMES]


def _line(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' if c else "" for c in cells)


def _read(text: str) -> tuple[pd.DataFrame, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = read_strike_events(io.BytesIO(text.encode("utf-8")))
    return events, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


def _daily_rows(n: int, start: str = "2025-03-01") -> list[str]:
    """A bulk of ``n`` reports on consecutive days."""
    days = pd.date_range(start, periods=n, freq="D")
    return [
        _line(_row(time_start=f"{d:%Y-%m-%d} 18:00", time_end=f"{d + pd.Timedelta(days=1):%Y-%m-%d} 08:00",
                   source=f"kpszsu/posts/{i}"))
        for i, d in enumerate(days)
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "rule"),
    [
        ({"time_start": "1900-01-01"}, "date_before_invasion"),
        ({"time_start": "2022-02-23 23:00"}, "date_before_invasion"),
        ({"time_end": "2099-06-02 08:00"}, "date_in_future"),
        ({"time_end": "2025-06-02 23:59:60"}, "impossible_time"),
        ({"time_start": "2025-06-01 24:00"}, "impossible_time"),
        ({"time_end": "2025-06-02 12:61"}, "impossible_time"),
        ({"launched": "1e300"}, "implausible_count"),
        ({"launched": "5000", "destroyed": "10"}, "implausible_count"),
        ({"launched": "١٢"}, "non_ascii_digits"),
        ({"destroyed": "８"}, "non_ascii_digits"),
    ],
)
def test_each_damaged_cell_is_flagged_with_its_reason(cells: dict[str, str], rule: str) -> None:
    events, messages = _read(H22 + "\n" + _line(_row()) + "\n" + _line(_row(**cells)) + "\n")
    assert events["invalid_reason"].tolist()[0] == ""
    assert rule in events["invalid_reason"].iloc[1].split("; ")
    assert len(messages) == 1 and f"{rule}: 1 row (line 3)" in messages[0]


def test_a_typo_year_far_beyond_the_bulk_is_flagged_even_as_the_latest_date() -> None:
    rows = _daily_rows(40)
    typo = _line(
        _row(time_start="2025-12-05 18:00", time_end="2025-12-06 08:00", source="kpszsu/posts/x")
    )
    events, messages = _read(H22 + "\n" + "\n".join([*rows, typo]) + "\n")
    reasons = events.set_index("line")["invalid_reason"]
    assert reasons.iloc[-1] == "date_far_beyond"
    assert (reasons.iloc[:-1] == "").all()
    assert "date_far_beyond: 1 row" in messages[0]


def test_a_small_file_with_dates_far_apart_is_left_alone() -> None:
    rows = [_line(_row()), _line(_row(time_start="2024-01-01 18:00", time_end="2024-01-02 08:00"))]
    events, messages = _read(H22 + "\n" + "\n".join(rows) + "\n")
    assert (events["invalid_reason"] == "").all() and not messages


def test_a_row_missing_its_last_fields_is_flagged_not_read_as_another_scope() -> None:
    short = _line(_row())[: -len(',"kpszsu/posts/a"')]  # the source field is gone
    events, messages = _read(H22 + "\n" + _line(_row()) + "\n" + short + "\n")
    assert events["invalid_reason"].tolist() == ["", "missing_fields"]
    assert "missing_fields: 1 row (line 3)" in messages[0]
    assert events["launched"].tolist() == [10.0, 10.0]


def test_a_bare_carriage_return_never_splits_a_record() -> None:
    cells = _row(launch_place="Kursk\roblast", target="Kyiv\r")
    text = H22 + "\n" + ",".join(cells) + "\n" + _line(_row(source="kpszsu/posts/b")) + "\n"
    events, messages = _read(text)
    assert events["line"].tolist() == [2, 3]
    assert events["launch_place"].iloc[0] == "Kursk oblast"
    assert (events["invalid_reason"] == "").all() and not messages
    assert events["launched"].sum() == 20.0


@pytest.mark.parametrize("ragged", [False, True])
def test_blank_lines_never_become_rows(ragged: bool) -> None:
    rows = [_line(_row()), "", "   ", _line(_row(source="kpszsu/posts/b")), ""]
    if ragged:  # a row longer than the header elsewhere in the file
        rows.append(_line(_row(source="kpszsu/posts/c")) + ",surplus")
    events, _ = _read(H22 + "\n" + "\n".join(rows) + "\n")
    assert events["line"].tolist() == [2, 5] + ([7] if ragged else [])
    assert events["invalid_reason"].tolist()[:2] == ["", ""]
    assert events.attrs["aidstats"]["rows_in"] == 2 + ragged


def test_launched_is_conserved_across_valid_and_flagged_rows() -> None:
    damaged = [
        _row(time_start="1900-01-01", launched="3"),
        _row(time_end="2099-01-01", launched="4"),
        _row(time_end="2025-06-02 23:59:60", launched="5"),
        _row(launched="1e300"),
        _row(launched="١٢"),
        _row(launched="7", source=""),
    ]
    text = H22 + "\n" + "\n".join(_line(r) for r in [_row(), *damaged]) + "\n\n"
    events, _ = _read(text)
    assert len(events) == 7
    assert np.nansum(events["launched"]) == pytest.approx(10 + 3 + 4 + 5 + 1e300 + 7)
    assert events.attrs["aidstats"]["launched_in"] == np.nansum(events["launched"])
    assert (events["invalid_reason"].iloc[1:6] != "").all()


def test_the_clean_fast_path_and_the_exact_slow_path_agree(tmp_path: Path) -> None:
    clean = H22 + "\n" + "\n".join(_daily_rows(5)) + "\n"
    blank = H22 + "\n" + "\n\n".join(_daily_rows(5)) + "\n"
    fast, _ = _read(clean)
    slow, _ = _read(blank)
    assert slow["line"].tolist() == [2, 4, 6, 8, 10]
    cols = [c for c in fast.columns if c != "line"]
    pd.testing.assert_frame_equal(fast[cols], slow[cols], check_like=False)
