"""Fuzzing read_strike_events: any input either loads (bad rows flagged) or raises DataValidationError."""

from __future__ import annotations

import csv
import io
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidstats.errors import DataValidationError
from aidstats.strike_events import COLUMNS, KNOWN_SCHEMAS, DataQualityWarning, read_strike_events

_COLUMNS22 = list(KNOWN_SCHEMAS["v2026-22col"])
_NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", "1.0", "-1", "1e400", "NaN", "nan", " 7 ", "1,000", "0x10"]),
)
_DATES = st.one_of(
    st.sampled_from(
        [
            "2026-04-04 18:00",
            "2026-04-04",
            "2023-05-16 3:30",
            "2026-04-04 ",
            "",
            "2026-02-30",
            "99999-01-01",
            "2026-04-04 24:61",
        ]
    ),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
)
_LITERALS = st.one_of(
    st.sampled_from(
        [
            "",
            "{}",
            "[]",
            "{'south': 30, 'east': NaN}",
            "['Kyiv oblast']",
            "{'a': ",
            "__import__('os').system('true')",
            "{'X-101/X-555': 50, 'Kalibr': 12}",
        ]
    ),
    st.text(max_size=30),
)
_CELL = st.one_of(
    st.text(max_size=25),
    _NUMBERS,
    _DATES,
    _LITERALS,
    st.sampled_from(
        ["Shahed-136/131", "X-101/X-555 and Kalibr", "Молнія", '"', '""', "a\nb", "\r"]
    ),
)


def _cell_for(column: str) -> st.SearchStrategy[str]:
    if column in ("launched", "destroyed", "not_reach_goal", "still_attacking", "is_shahed"):
        return st.one_of(_NUMBERS, _CELL)
    if column in ("time_start", "time_end"):
        return st.one_of(_DATES, _CELL)
    if column.endswith("details") or column == "affected region":
        return st.one_of(_LITERALS, _CELL)
    return _CELL


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = list(_COLUMNS22)
    if draw(st.booleans()):
        drop = draw(st.lists(st.sampled_from(header), max_size=4, unique=True))
        header = [c for c in header if c not in drop]
    if draw(st.booleans()):
        header += draw(st.lists(st.text(min_size=1, max_size=8), max_size=2))
    header = draw(st.permutations(header)) if draw(st.booleans()) else header
    n_rows = draw(st.integers(min_value=0, max_value=6))
    rows = []
    for _ in range(n_rows):
        row = [draw(_cell_for(c)) for c in header]
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))] + draw(
                st.lists(st.text(max_size=5), max_size=2)
            )
        rows.append(row)
    return header, rows


def _render(header: list[str], rows: list[list[str]], *, quote_all: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n"
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _load(source: object) -> pd.DataFrame | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        try:
            return read_strike_events(source)  # type: ignore[arg-type]
        except DataValidationError:
            return None


def _check_frame(events: pd.DataFrame) -> None:
    assert list(events.columns) == list(COLUMNS)
    n_in = events.attrs["aidstats"]["rows_in"]
    assert events["line"].nunique() == n_in
    assert np.nansum(events["launched"].to_numpy()) == events.attrs["aidstats"]["launched_in"]
    assert np.isfinite(events["launched"].fillna(0)).all()
    valid = events["invalid_reason"] == ""
    assert not events.loc[valid, ["time_start", "time_end"]].isna().any().any()
    assert not events.loc[valid, "launched"].isna().any()
    assert (events.loc[valid, "launched"] >= 0).all()


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.booleans())
def test_random_tables(table: tuple[list[str], list[list[str]]], quote_all: bool) -> None:
    header, rows = table
    events = _load(io.StringIO(_render(header, rows, quote_all=quote_all)))
    if events is not None:
        _check_frame(events)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.data())
def test_mangled_bytes(table: tuple[list[str], list[list[str]]], data: st.DataObject) -> None:
    header, rows = table
    raw = bytearray(_render(header, rows, quote_all=False).encode("utf-8"))
    for _ in range(data.draw(st.integers(0, 4))):
        if not raw:
            break
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at : at + 1] = data.draw(
            st.sampled_from([b'"', b",", b"\n", b"", b"\xff", b"\x00", b"\r", b"'"])
        )
    events = _load(io.BytesIO(bytes(raw)))
    if events is not None:
        _check_frame(events)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    events = _load(io.BytesIO(data))
    if events is not None:
        assert list(events.columns) == list(COLUMNS)
