"""Fuzzing read_strike_events: any input either loads (bad rows flagged) or raises DataValidationError.

Launched is conserved across valid and flagged rows, whatever the damage: impossible or
implausible dates and times, counts beyond any salvo or in non-ASCII digits, rows missing
their last fields, blank lines, bare carriage returns, withheld rows.
"""

from __future__ import annotations

import csv
import io
import math
import re
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
    st.sampled_from(
        [
            "",
            "1.0",
            "-1",
            "1e400",
            "NaN",
            "nan",
            " 7 ",
            "1,000",
            "0x10",
            "1e300",
            "99999",
            "١٢",
            "８",
            "0",
        ]
    ),
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
            "2026-04-04 23:59:60",
            "2026-04-04 24:00",
            "1900-01-01",
            "2021-12-31 23:00",
            "2099-04-04 12:00",
            "２０２６-04-04",
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
        [
            "Shahed-136/131",
            "X-101/X-555 and Kalibr",
            "Молнія",
            '"',
            '""',
            "a\nb",
            "\r",
            "a\rb",
            "Geran-3",
        ]
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


def _cell_for_status() -> st.SearchStrategy[str]:
    return st.sampled_from(["", "hidden", "HIDDEN", "shown", "hidden "])


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = list(_COLUMNS22)
    if draw(st.booleans()):
        drop = draw(st.lists(st.sampled_from(header), max_size=4, unique=True))
        header = [c for c in header if c not in drop]
    if draw(st.booleans()):
        header += draw(st.lists(st.text(min_size=1, max_size=8), max_size=2))
    if draw(st.booleans()):
        header.append("status_data")
    header = draw(st.permutations(header)) if draw(st.booleans()) else header
    n_rows = draw(st.integers(min_value=0, max_value=6))
    rows = []
    for _ in range(n_rows):
        row = [draw(_cell_for_status() if c == "status_data" else _cell_for(c)) for c in header]
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))] + draw(
                st.lists(st.text(max_size=5), max_size=2)
            )
        rows.append(row)
    return header, rows


def _render(
    header: list[str], rows: list[list[str]], *, quote_all: bool, blank_lines: bool = False
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n"
    )
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if blank_lines:
            buffer.write("\n")
    return buffer.getvalue()


_ASCII_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")


def _is_blank(row: list[str]) -> bool:
    return not row or (len(row) == 1 and not row[0].replace("\r", " ").strip())


def _launched_written(header: list[str], rows: list[list[str]]) -> tuple[int, float]:
    """(records, launched) as written: what the loader must account for, row by row."""
    at = header.index("launched") if header.count("launched") == 1 else None
    records, total = 0, 0.0
    for row in rows:
        if _is_blank(row):
            continue
        records += 1
        cell = row[at].replace("\r", " ").strip() if at is not None and at < len(row) else ""
        if _ASCII_NUMBER.match(cell) and math.isfinite(float(cell)):
            total += float(cell)
    return records, total


def _load(source: object) -> pd.DataFrame | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        try:
            return read_strike_events(source)  # type: ignore[arg-type]
        except DataValidationError:
            return None


def _check_frame(events: pd.DataFrame) -> None:
    assert list(events.columns)[: len(COLUMNS)] == list(COLUMNS)
    n_in = events.attrs["aidstats"]["rows_in"]
    assert events["line"].nunique() == n_in
    assert np.nansum(events["launched"].to_numpy()) == events.attrs["aidstats"]["launched_in"]
    assert np.isfinite(events["launched"].fillna(0)).all()
    valid = events["invalid_reason"] == ""
    withheld = events["withheld"].to_numpy(dtype=bool)
    assert not events.loc[valid, ["time_start", "time_end"]].isna().any().any()
    assert not events.loc[valid & ~withheld, "launched"].isna().any()
    assert (events.loc[valid, "launched"].dropna() >= 0).all()
    assert (events.loc[valid, "launched"].dropna() <= 2_000).all()  # implausible counts are flagged
    assert (events.loc[valid, "time_start"] >= pd.Timestamp("2022-02-24")).all()
    assert (events.loc[valid, "time_end"] <= pd.Timestamp.now() + pd.Timedelta(days=2)).all()
    assert (events.loc[withheld, "launched"] != 0).all()  # withheld zeros are missing, never 0
    assert (events["salvo"] != "").all()


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.booleans(), st.booleans())
def test_random_tables(
    table: tuple[list[str], list[list[str]]], quote_all: bool, blank_lines: bool
) -> None:
    header, rows = table
    events = _load(io.StringIO(_render(header, rows, quote_all=quote_all, blank_lines=blank_lines)))
    if events is not None:
        _check_frame(events)
        records, launched = _launched_written(header, rows)
        assert events.attrs["aidstats"]["rows_in"] == records  # blank lines never become rows
        assert np.nansum(events["launched"].to_numpy()) == pytest.approx(launched, rel=1e-12)


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
            st.sampled_from([b'"', b",", b"\n", b"", b"\xff", b"\x00", b"\r", b"'", b"\n\n", b"9"])
        )
    events = _load(io.BytesIO(bytes(raw)))
    if events is not None:
        _check_frame(events)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    events = _load(io.BytesIO(data))
    if events is not None:
        assert list(events.columns)[: len(COLUMNS)] == list(COLUMNS)
