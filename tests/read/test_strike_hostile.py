"""Hostile sizes stay bounded (issue 13 item 7), each case at a small scale.

A ragged row no longer sends the whole file through the csv module (only its
line is read again), many distinct unknown models are grouped in one pass and
listed up to twenty in the warning, a huge model name is neither looked up
nor quoted whole, large detail cells are read as JSON. The merged fast path
gives the frame the exact slow path gives.
"""

from __future__ import annotations

import csv
import gzip
import io
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidstats._read.strike_file import table
from aidstats.errors import DataValidationError
from aidstats.strike_events import KNOWN_SCHEMAS, DataQualityWarning, read_strike_events

_NAMES = list(KNOWN_SCHEMAS["v2026-22col"])
_WARNING_LIMIT = 10_000


def _row(i: int = 0, **cells: str) -> list[str]:
    base = {
        "time_start": "2025-06-01 18:00",
        "time_end": "2025-06-02 08:00",
        "model": "Shahed-136/131",
        "launched": str(10 + i % 7),
        "destroyed": "8",
        "not_reach_goal": "0",
        "destroyed_details": "{'south': 3, 'east': NaN}",
        "source": f"kpszsu/posts/{i}",
    }
    base.update(cells)
    return [base.get(n, "") for n in _NAMES]


def _text(rows: list[list[str]], header: list[str] = _NAMES) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _read(text: str, **kwargs: Any) -> tuple[pd.DataFrame, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = read_strike_events(io.BytesIO(text.encode("utf-8")), **kwargs)
    return events, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


def _read_slowly(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[pd.DataFrame, list[str]]:
    """The same read through the exact slow path alone (the reference)."""
    with monkeypatch.context() as patch:
        patch.setattr(table, "_fast_read", lambda source, header: None)
        return _read(text)


def _assert_same(
    fast: tuple[pd.DataFrame, list[str]], slow: tuple[pd.DataFrame, list[str]]
) -> None:
    (a, wa), (b, wb) = fast, slow
    assert list(a.columns) == list(b.columns) and list(a.dtypes) == list(b.dtypes)
    for name in a.columns:
        if a[name].dtype == object:
            assert [repr(v) for v in a[name]] == [repr(v) for v in b[name]], name
        else:
            pd.testing.assert_series_equal(a[name], b[name], obj=name)
    assert repr(a.attrs) == repr(b.attrs)
    assert wa == wb


# ----------------------------------------------------------------------------- ragged rows


def _ragged_text(n: int, ragged: dict[int, list[str]]) -> str:
    rows = [_row(i) for i in range(n)]
    for at, surplus in ragged.items():
        rows[at] = rows[at] + surplus
    return _text(rows)


@pytest.mark.parametrize(
    "ragged",
    [
        {500: ["one field too many"]},
        {0: ["x", "y"], 999: ["z"], 100: [""], 200: ["", "w"]},  # the first and last rows too
        {0: ["x"], 1: ["y"]},  # two long rows first: the slow path
        {300: ["a,b", 'c"d']},
    ],
)
def test_a_long_row_is_merged_back_as_the_slow_path_reads_it(
    ragged: dict[int, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _ragged_text(1000, ragged)
    fast = _read(text)
    _assert_same(fast, _read_slowly(text, monkeypatch))
    events, messages = fast
    flagged = sorted(at + 2 for at, surplus in ragged.items() if any(surplus))
    assert events.loc[events["invalid_reason"] != "", "line"].tolist() == flagged
    assert len(events) == 1000


def test_one_long_row_reads_only_its_line_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    slow = table._slow_read
    monkeypatch.setattr(table, "_slow_read", lambda *a: calls.append(1) or slow(*a))
    events, messages = _read(_ragged_text(1000, {500: ["surplus"]}))
    assert not calls
    assert events["line"].tolist() == list(range(2, 1002))
    assert "extra_fields: 1 row (line 502)" in messages[0]


def test_short_rows_blank_lines_and_long_rows_together(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _text([_row(i) for i in range(50)]).splitlines()
    lines[10] = lines[10].rsplit(",", 1)[0]  # the source field gone
    lines[20] = ""
    lines[30] = "   "
    lines[40] += ",surplus"
    lines[45] = lines[45].rsplit(",", 3)[0]
    text = "\n".join(lines) + "\n\n"
    fast = _read(text)
    _assert_same(fast, _read_slowly(text, monkeypatch))
    events = fast[0]
    assert len(events) == 48 and 21 not in events["line"].tolist()
    reasons = dict(zip(events["line"], events["invalid_reason"], strict=True))
    assert reasons[11] == "missing_fields" and reasons[41] == "extra_fields"
    assert "missing_fields" in reasons[46]


def test_a_long_row_with_an_unparseable_count_is_still_flagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [_row(i) for i in range(20)]
    rows[7] = _row(7, launched="ten") + ["surplus"]
    text = _text(rows)
    fast = _read(text)
    _assert_same(fast, _read_slowly(text, monkeypatch))
    assert fast[0].loc[7, "invalid_reason"] == "unparseable_count; extra_fields"


_CELLS = st.one_of(
    st.sampled_from(["", "1", "12.5", "x", "Kalibr", "{'a': 1}", "kpszsu/p/1", "2025-06-01", " "]),
    st.text(alphabet='ab ,"1.', max_size=6),
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(-3, 3), st.lists(_CELLS, min_size=22, max_size=22)),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_the_merged_fast_path_and_the_slow_path_agree(
    rows: list[tuple[int, list[str]]], trailing_blank: bool
) -> None:
    """Rows longer or shorter than the header, blank or not, anywhere: the same frame either way."""
    body = []
    for change, cells in rows:
        body.append(cells[: 22 + change] if change < 0 else cells + ["s"] * change)
    text = _text(body) + ("\n" if trailing_blank else "")
    with pytest.MonkeyPatch.context() as patch:
        try:
            fast = _read(text)
        except DataValidationError as exc:
            with pytest.raises(DataValidationError) as slow_error:
                _read_slowly(text, patch)
            assert str(slow_error.value) == str(exc)
            return
        _assert_same(fast, _read_slowly(text, patch))


# ----------------------------------------------------------------------------- unknown models


def test_many_unknown_models_stay_linear_and_the_warning_short() -> None:
    n = 4000
    rows = [_row(i, model=f"Unlisted model {i:06d}") for i in range(n)]
    start = time.perf_counter()
    events, messages = _read(_text(rows))
    assert time.perf_counter() - start < 10  # quadratic took ~1 s at 4,000 names, 30 s at 40,000
    info = events.attrs["aidstats"]
    assert len(info["unknown_models"]) == n and len(info["unknown_launched"]) == n
    (message,) = messages
    assert len(message) < _WARNING_LIMIT
    assert f"and {n - 20:,} more (all in attrs['aidstats']['unknown_models'])" in message
    assert message.count("'Unlisted model") == 20
    # The twenty with the most launches: launched is 10 + i % 7, so i % 7 == 6.
    assert "'Unlisted model 000006' as unknown: 1 row, 16 launched (line 8)" in message


def test_an_unknown_model_in_many_rows_keeps_its_lines_in_file_order() -> None:
    rows = [_row(i, model="Geran-9" if i % 3 == 0 else "Kalibr") for i in range(30)]
    events, messages = _read(_text(rows))
    assert events.attrs["aidstats"]["unknown_models"] == {"Geran-9": 10}
    assert (
        "'Geran-9' as unclassified_drone: 10 rows, 130 launched (lines 2, 5, 8, 11" in messages[0]
    )


def test_the_unknown_names_in_attrs_are_shared_by_what_pandas_makes_of_the_frame() -> None:
    """pandas deep-copies attrs into every result: 400,000 names in two dicts made each
    ``events.loc[...]`` take a second or more. The read-only tallies are shared instead."""
    rows = [_row(i, model=f"Unlisted model {i:06d}") for i in range(300)]
    events, _ = _read(_text(rows))
    tallies = (
        events.attrs["aidstats"]["unknown_models"],
        events.attrs["aidstats"]["unknown_launched"],
    )
    for derived in (events.loc[events["launched"] > 12], events[["model"]], events.copy()):
        info = derived.attrs["aidstats"]
        assert info["unknown_models"] is tallies[0] and info["unknown_launched"] is tallies[1]
        assert info is not events.attrs["aidstats"]  # the rest is still copied
    assert dict(tallies[0]) == {f"Unlisted model {i:06d}": 1 for i in range(300)}
    assert tallies[1]["Unlisted model 000006"] == 16.0
    with pytest.raises(TypeError):
        tallies[0]["Kalibr"] = 1  # type: ignore[index]


def test_names_the_catalogue_does_not_know_are_their_own_model_column() -> None:
    rows = [_row(i, model=f"Unlisted model {i:03d}") for i in range(50)]
    rows[7] = _row(7, model=" X-59 ")
    events, _ = _read(_text(rows))
    assert events["model"].tolist() == [
        "Kh-59" if i == 7 else f"Unlisted model {i:03d}" for i in range(50)
    ]
    assert events["model_raw"].iloc[7] == "X-59"
    # Columns built as views of another never share an edit with it.
    events.loc[0, "model"] = "edited"
    events.loc[0, "post"] = "edited"
    assert events.loc[0, "model_raw"] == "Unlisted model 000" and events.loc[0, "salvo"] != "edited"


# ----------------------------------------------------------------------------- huge names and cells


def test_a_huge_model_name_is_not_looked_up_nor_quoted_whole() -> None:
    name = "X" * 1_000_000
    rows = [_row(i) for i in range(10)]
    rows[4] = _row(4, model=name)
    rows[5] = _row(5, model="Y" * 150 + " and Kalibr")  # long, but under the limit: looked up
    events, messages = _read(_text(rows))
    row = events.iloc[4]
    assert row["model_raw"] == name  # nothing lost
    assert row["model"] == "X" * 80 + "… (1,000,000 characters)"
    assert (row["weapon_class"], row["weapon_group"], bool(row["is_composite"])) == (
        "unknown",
        "other",
        False,
    )
    assert events.iloc[5]["is_composite"]
    assert events.attrs["aidstats"]["unknown_models"][name] == 1
    (message,) = messages
    assert len(message) < _WARNING_LIMIT and "(1,000,000 characters)" in message


def test_large_detail_cells_are_read_fast_and_alike() -> None:
    def cell(i: int) -> str:
        regions = ", ".join(f"'region {k}': {k % 7}" for k in range(5000))
        return f"{{'row': {i}, {regions}}}"

    rows = [_row(i, launched_details=cell(i)) for i in range(20)]
    start = time.perf_counter()
    events, messages = _read(_text(rows))
    assert time.perf_counter() - start < 5  # the syntax tree alone took ~0.5 s per 100 KB cell
    assert not messages
    details = events["launched_details"]
    assert [d["row"] for d in details] == list(range(20))
    assert details.iloc[3]["region 4999"] == 4999 % 7
    # Each region name is one string, not one per cell: 20 MB of such cells held 135 MB of values.
    last_keys = [list(d)[-1] for d in details]
    assert all(key is last_keys[0] for key in last_keys)


def test_region_names_are_shared_between_cells() -> None:
    cells = [f"['Kyiv oblast', 'Odesa oblast', 'Sumy oblast {i}']" for i in range(6)]
    events, _ = _read(_text([_row(i, **{"affected region": c}) for i, c in enumerate(cells)]))
    regions = events["affected_regions"]
    assert regions.iloc[4] == ("Kyiv oblast", "Odesa oblast", "Sumy oblast 4")
    assert regions.iloc[0][0] is regions.iloc[1][0] is regions.iloc[5][0]


def test_every_warning_of_a_damaged_file_stays_short() -> None:
    """Every rule broken in many rows, many long unknown names, and an unknown long column name."""
    rows = []
    for i in range(600):
        rows.append(
            _row(
                i * 100_000,
                model=f"{'Z' * 300} {i % 40}",
                time_start="1900-01-01" if i % 2 else "2025-06-01 24:00",
                time_end="garbage",
                launched=("-1", "1.5", "١٢", "ten", "5000")[i % 5],
                destroyed_details="{'a': ",
            )
        )
    header = [*_NAMES, "c" * 50_000]
    events, messages = _read(_text([r + ["v"] for r in rows], header))
    assert len(events) == 600 and len(messages) == 2
    assert max(len(m) for m in messages) < _WARNING_LIMIT


def test_the_warning_lists_every_name_when_few() -> None:
    rows = [_row(i, model=f"Geran-{i}") for i in range(20, 40)]
    _, messages = _read(_text(rows))
    assert messages[0].count("'Geran-") == 20 and "more" not in messages[0]


def test_line_numbers_stay_true_with_a_long_first_row() -> None:
    rows = [_row(i) for i in range(5)]
    rows[0] = rows[0] + ["surplus"]
    events, messages = _read(_text(rows))
    assert events["line"].tolist() == [2, 3, 4, 5, 6]
    assert events["invalid_reason"].tolist() == ["extra_fields", "", "", "", ""]
    assert np.nansum(events["launched"]) == sum(10 + i % 7 for i in range(5))


# ----------------------------------------------------------------------------- not text at all


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gzip.compress(_text([_row()]).encode()), "this is a gzip file, not UTF-8 CSV text"),
        (_text([_row()]).encode("utf-16"), "this is a UTF-16 file, not UTF-8 CSV text"),
        (_text([_row()]).encode("utf-16-le"), "this is a UTF-16 file"),
        (
            (_text([_row(), _row(1, target="Odes\xe9")])).encode("latin-1"),
            "not UTF-8 text: line 3 holds the byte 0xe9",
        ),
        (_text([_row()]).replace("model", "mod\xe9l").encode("latin-1"), "line 1 holds the byte"),
    ],
)
def test_files_that_are_not_utf8_text_are_named_as_the_command_line_names_them(
    data: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "strikes.csv"
    path.write_bytes(data)
    for source in (path, io.BytesIO(data)):
        with pytest.raises(DataValidationError, match=message) as error:
            read_strike_events(source)
        assert "\n" not in str(error.value)


def test_a_compressed_file_on_disk_gets_the_command_that_fixes_it(tmp_path: Path) -> None:
    path = tmp_path / "strikes.csv"
    path.write_bytes(gzip.compress(_text([_row()]).encode()))
    with pytest.raises(
        DataValidationError, match=r"decompress it first \(gunzip -k strikes\.csv\)"
    ):
        read_strike_events(path)
