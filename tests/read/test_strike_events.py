"""read_strike_events: the real file, every schema version, every rule, composites, structural errors."""

from __future__ import annotations

import io
import math
import os
import threading
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aidstats.errors import DataValidationError
from aidstats.strike_events import COLUMNS, KNOWN_SCHEMAS, DataQualityWarning, read_strike_events

H9 = "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source"
H22 = ",".join(KNOWN_SCHEMAS["v2026-22col"])
H_2024 = (
    "time_start,time_end,model,launch_place,target,target_main,carrier,launched,destroyed,not_reach_goal,"
    "cross_border_belarus,back_russia,still_attacking,affected region,destroyed_details,launched_details,"
    "launch_place_details,source"
)
H_2025 = (
    "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,not_reach_goal,still_attacking,"
    "border_crossing,is_shahed,affected_region,destroyed_details,launched_details,launch_place_details,source"
)


def _row22(**cells: str) -> str:
    """One 22-column data line; unspecified cells are empty; cells are quoted."""
    names = KNOWN_SCHEMAS["v2026-22col"]
    base = {
        "time_start": "2025-06-01 18:00",
        "time_end": "2025-06-02 08:00",
        "model": "Shahed-136/131",
        "launched": "10.0",
        "destroyed": "8.0",
        "not_reach_goal": "1.0",
        "source": "kpszsu/posts/a",
    }
    base.update(cells)
    return ",".join(
        '"' + base.get(n, "").replace('"', '""') + '"' if base.get(n) else "" for n in names
    )


def _file22(*rows: str) -> io.StringIO:
    return io.StringIO(H22 + "\n" + "\n".join(rows) + "\n")


def _read_quiet(source: object, **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return read_strike_events(source, **kwargs)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the real file
# The file is read once per session by the ``real_read`` fixture (tests/conftest.py).


@pytest.mark.upstream
def test_real_every_row_accounted_for(
    real_read: tuple[pd.DataFrame, list[str]], raw_strike_file: Path
) -> None:
    events, _ = real_read
    raw = pd.read_csv(raw_strike_file, dtype=str, keep_default_na=False)
    assert len(raw) == 3585
    assert sorted(events["line"].unique().tolist()) == list(range(2, 3587))
    # Two composites mixing Iskander-M/KN-23 with cruise missiles (July and November 2025) give
    # their split by model in launched_details: each becomes three rows; four stay whole.
    assert len(events) == 3585 + 4
    assert events.attrs["aidstats"]["composites_kept_whole"] == 4
    split = events.loc[events["split_from_composite"]]
    assert sorted(set(split["line"])) == [510, 866]
    assert split.loc[split["weapon_class"] == "ballistic_missile", "launched"].tolist() == [
        25.0,
        12.0,
    ]


@pytest.mark.upstream
def test_real_launched_conserved(
    real_read: tuple[pd.DataFrame, list[str]], raw_strike_file: Path
) -> None:
    events, _ = real_read
    raw = pd.read_csv(raw_strike_file, dtype=str, keep_default_na=False)
    launched_in = pd.to_numeric(raw["launched"].replace("", np.nan)).sum()
    assert launched_in == 99570.0
    assert events["launched"].sum() == launched_in
    # The two composites split by launched alone leave destroyed missing on their parts (their
    # destroyed_details are keyed by region): 26 destroyed are unknown per model.
    split = events.loc[events["split_from_composite"]].drop_duplicates("line")
    raw_destroyed = pd.to_numeric(raw["destroyed"].replace("", np.nan))
    assert raw_destroyed.iloc[split["line"] - 2].sum() == 26
    assert events["destroyed"].sum() == raw_destroyed.sum() - 26


@pytest.mark.upstream
def test_real_no_nat_and_time_flags(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events = real_read[0].drop_duplicates("line")
    assert not events["time_start"].isna().any()
    assert not events["time_end"].isna().any()
    assert (
        int(events["start_has_time"].sum()) == 1427
    )  # 1,420 'HH:MM' + 6 'H:MM' + 1 with trailing space
    assert int(events["end_has_time"].sum()) == 2200


@pytest.mark.upstream
def test_real_june_2025_sums(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events, _ = real_read
    month = events["time_end"].dt.to_period("M")
    june = events.loc[
        month == pd.Period("2025-06", "M"), ["launched", "destroyed", "not_reach_goal"]
    ].sum()
    assert june.to_dict() == {"launched": 5801.0, "destroyed": 2978.0, "not_reach_goal": 1993.0}


@pytest.mark.upstream
def test_real_flags_and_warning(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events, messages = real_read
    flagged = events.loc[events["invalid_reason"] != "", ["line", "invalid_reason"]]
    assert flagged.to_dict("records") == [
        {"line": 1620, "invalid_reason": "neutralised_exceeds_launched"},
        {"line": 2785, "invalid_reason": "missing_launched"},
        {"line": 2791, "invalid_reason": "missing_launched"},
        {"line": 2842, "invalid_reason": "missing_launched"},
    ]
    assert len(messages) == 1
    assert "4 of 3,585 rows flagged" in messages[0]
    assert "missing_launched: 3 rows (lines 2785, 2791, 2842)" in messages[0]
    assert "neutralised_exceeds_launched: 1 row (line 1620)" in messages[0]


@pytest.mark.upstream
def test_real_every_model_known(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events, _ = real_read
    assert events.attrs["aidstats"]["unknown_models"] == {}
    assert (events["weapon_class"] == "unknown").sum() == 0
    unclassified = events["weapon_class"] == "unclassified_missile"
    assert unclassified.sum() == 26 and set(events.loc[unclassified, "model"]) == {
        "Unknown Missile"
    }


@pytest.mark.upstream
def test_real_columns_and_dtypes(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events, _ = real_read
    assert list(events.columns) == list(COLUMNS)
    assert events["line"].dtype == np.int64
    assert events["time_start"].dtype == "datetime64[ns]"
    for name in ("launched", "destroyed", "not_reach_goal", "still_attacking", "is_shahed"):
        assert events[name].dtype == np.float64
    for name in ("start_has_time", "end_has_time", "is_composite", "split_from_composite"):
        assert events[name].dtype == bool
    for name in ("post", "model", "weapon_class", "invalid_reason", "carrier"):
        assert (events[name] == events[name].astype(str)).all()
    assert (events["schema_version"] == "v2026-22col").all()


@pytest.mark.upstream
def test_real_commands_scopes_and_classes(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events = real_read[0].drop_duplicates("line")
    # Four rows whose source is a full t.me/kpszsu URL are national (they were 'other').
    assert events["scope"].value_counts().to_dict() == {
        "national": 2078 + 4,
        "regional": 1475,
        "other": 32 - 4,
    }
    assert (events["reporting_command"] == "kpszsu").sum() == 2078 + 4
    events = real_read[0]
    by_class = events.groupby("weapon_class")["launched"].sum()
    assert by_class["attack_drone"] == 87041 + 355 + 811 + 2 + 1 + 16 + 8
    kinzhal = events[events["model_raw"] == "X-47 Kinzhal"]
    assert (
        set(kinzhal["weapon_class"]) == {"aeroballistic_missile"}
        and kinzhal["launched"].sum() == 225
    )
    assert set(events.loc[events["model_raw"] == "C-300", "model"]) == {"S-300"}
    composite = events[events["model_raw"] == "Iskander-M/KN-23 and Iskander-K and Kalibr"].iloc[0]
    assert composite["weapon_class"] == "ballistic_missile"
    assert bool(composite["split_from_composite"]) and composite["launched"] == 25
    assert composite["launched_details"] == {"Iskander-M/KN-23": 25, "Iskander-K": 10, "Kalibr": 3}
    for raw_model in (
        "C-400 and Iskander-M",
        "C-300 and Iskander-M",
        "X-47 Kinzhal and Iskander-M",
    ):
        assert set(events.loc[events["model_raw"] == raw_model, "weapon_class"]) == {
            "ballistic_missile"
        }


@pytest.mark.upstream
def test_real_literal_columns(real_read: tuple[pd.DataFrame, list[str]]) -> None:
    events = real_read[0].drop_duplicates("line")
    first = events.iloc[0]
    assert first["destroyed_details"]["south"] == 30 and math.isnan(
        first["destroyed_details"]["north"]
    )
    assert first["affected_regions"] == ()
    assert sum(len(r) > 0 for r in events["affected_regions"]) == 212
    assert events["destroyed_details"].notna().sum() == 778
    assert events["launch_place_details"].notna().sum() == 7


# ----------------------------------------------------------------------------- schema versions


def test_v2023_9col_integer_counts() -> None:
    text = (
        H9 + "\n"
        "2023-05-15 20:00,2023-05-16 3:30,X-101/X-555,Caspian Sea,Kyiv,Tu-95MS,8,8,kpszsu/posts/1\n"
        "2023-05-16,2023-05-16,Kalibr,Black Sea,Odesa,,3,2,kpszsu/posts/1\n"
    )
    events = read_strike_events(io.StringIO(text))
    assert events["schema_version"].tolist() == ["v2023-9col"] * 2
    assert events["launched"].tolist() == [8.0, 3.0]
    assert events["time_end"].iloc[0] == pd.Timestamp("2023-05-16 03:30")
    assert events["not_reach_goal"].isna().all() and events["is_shahed"].isna().all()
    assert events["affected_regions"].tolist() == [(), ()]
    assert events["launched_details"].isna().all()
    assert events["carrier"].tolist() == ["Tu-95MS", ""]
    assert (events["invalid_reason"] == "").all()


def test_v2024_cross_border_columns() -> None:
    text = (
        H_2024 + "\n"
        "2024-05-01 19:00,2024-05-02 07:00,Shahed-136/131,Kursk oblast,Ukraine,,,20.0,15.0,3.0,2.0,,0.0,"
        "\"['Kyiv oblast', 'Sumy oblast']\",,,,kpszsu/posts/b\n"
    )
    events = read_strike_events(io.StringIO(text))
    row = events.iloc[0]
    assert row["schema_version"] == "v2024-cross-border"
    assert row["affected_regions"] == ("Kyiv oblast", "Sumy oblast")
    assert (row["launched"], row["destroyed"], row["not_reach_goal"], row["still_attacking"]) == (
        20,
        15,
        3,
        0,
    )


def test_v2025_border_crossing_and_affected_region_underscore() -> None:
    text = (
        H_2025 + "\n"
        "2025-08-01 18:00,2025-08-02 08:00,Shahed-136/131,Kursk oblast,Ukraine,,100.0,80.0,0.0,0.0,{},60.0,"
        "\"['Odesa oblast']\",\"{'south': 30, 'east': NaN}\",,,kpszsu/posts/c\n"
    )
    events = read_strike_events(io.StringIO(text))
    row = events.iloc[0]
    assert row["schema_version"] == "v2025-border-crossing"
    assert row["is_shahed"] == 60.0
    assert row["affected_regions"] == ("Odesa oblast",)
    assert row["destroyed_details"]["south"] == 30 and math.isnan(row["destroyed_details"]["east"])


def test_v2026_22col_and_an_unknown_column_kept_with_a_warning() -> None:
    header = H22 + ",my_extra_column"
    text = header + "\n" + _row22() + ",whatever\n"
    with pytest.warns(DataQualityWarning, match="'my_extra_column'") as record:
        events = read_strike_events(io.StringIO(text))
    assert len(record) == 1 and "kept in the event frame" in str(record[0].message)
    assert events["schema_version"].iloc[0] == "v2026-22col"
    assert list(events.columns) == [*COLUMNS, "my_extra_column"]
    assert events["my_extra_column"].tolist() == ["whatever"]


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("cell", "stamp", "has_time"),
    [
        ("2026-04-04 18:00", "2026-04-04 18:00", True),
        ("2026-04-04", "2026-04-04 00:00", False),
        ("2023-05-16 3:30", "2023-05-16 03:30", True),
        ("2026-04-04 ", "2026-04-04 00:00", False),
        ("2026-04-04 18:00 ", "2026-04-04 18:00", True),
        ("2026-04-04T18:00:30", "2026-04-04 18:00:30", True),
    ],
)
def test_date_forms(cell: str, stamp: str, has_time: bool) -> None:
    events = read_strike_events(_file22(_row22(time_start="2023-01-01", time_end=cell)))
    assert events["time_end"].iloc[0] == pd.Timestamp(stamp)
    assert bool(events["end_has_time"].iloc[0]) is has_time


@pytest.mark.parametrize(
    "cell",
    ["", "04/04/2026", "2026-13-01", "2026-02-30", "yesterday", "9999-01-01", "２０２６-04-04"],
)
def test_unparseable_date_flags_row(cell: str) -> None:
    with pytest.warns(DataQualityWarning, match="unparseable_date"):
        events = read_strike_events(_file22(_row22(time_start=cell)))
    assert events["invalid_reason"].iloc[0] == "unparseable_date"
    assert pd.isna(events["time_start"].iloc[0])


def test_end_before_start_compares_days_when_a_time_is_missing() -> None:
    rows = [
        _row22(
            time_start="2025-06-02 18:00", time_end="2025-06-02 08:00"
        ),  # same day, earlier: flagged
        _row22(
            time_start="2025-06-02 18:00", time_end="2025-06-02"
        ),  # date-only end, same day: fine
        _row22(time_start="2025-06-03", time_end="2025-06-02 23:00"),  # a day earlier: flagged
    ]
    events = _read_quiet(_file22(*rows))
    assert events["invalid_reason"].tolist() == ["end_before_start", "", "end_before_start"]


# ----------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"model": ""}, "missing_model"),
        ({"launched": ""}, "missing_launched"),
        ({"launched": "-5"}, "negative_count"),
        ({"destroyed": "-1"}, "negative_count"),
        ({"launched": "10.5"}, "not_whole_count"),
        ({"still_attacking": "0.5"}, "not_whole_count"),
        ({"launched": "ten"}, "unparseable_count"),
        ({"is_shahed": "inf"}, "unparseable_count"),
        ({"launched": "1e400"}, "unparseable_count"),
        ({"destroyed": "9", "not_reach_goal": "2"}, "neutralised_exceeds_launched"),
        ({"destroyed_details": "{'south': 1"}, "unparseable_details"),
        ({"launched_details": "['not', 'a dict']"}, "unparseable_details"),
        ({"affected region": "{'a': 1}"}, "unparseable_details"),
        ({"launch_place_details": "os.system('x')"}, "unparseable_details"),
    ],
)
def test_each_rule(cells: dict[str, str], reason: str) -> None:
    with pytest.warns(DataQualityWarning, match=reason) as record:
        events = read_strike_events(_file22(_row22(), _row22(**cells)))
    assert len(record) == 1
    assert events["invalid_reason"].tolist() == ["", reason]
    assert events["line"].tolist() == [2, 3]
    assert "line 3" in str(record[0].message)


def test_several_rules_on_one_row_are_joined() -> None:
    events = _read_quiet(_file22(_row22(launched="-1.5", model="")))
    assert events["invalid_reason"].iloc[0] == "missing_model; negative_count; not_whole_count"


def test_flagged_counts_keep_the_number() -> None:
    events = _read_quiet(_file22(_row22(launched="-5"), _row22(launched="ten")))
    assert events["launched"].iloc[0] == -5.0
    assert math.isnan(events["launched"].iloc[1])


def test_raise_lists_every_failing_row() -> None:
    rows = [
        _row22(),
        _row22(launched="-5"),
        _row22(model=""),
        _row22(time_end="bad"),
        _row22(launched=""),
    ]
    with pytest.raises(DataValidationError) as info:
        read_strike_events(_file22(*rows), on_invalid="raise")
    failures = info.value.failures
    assert set(failures.columns) == {"line", "column", "value", "rule"}
    got = sorted(
        zip(
            failures["line"].tolist(),
            failures["column"].tolist(),
            failures["rule"].tolist(),
            strict=True,
        )
    )
    assert (3, "launched", "negative_count") in got
    assert (4, "model", "missing_model") in got
    assert (5, "time_end", "unparseable_date") in got
    assert (6, "launched", "missing_launched") in got
    assert sorted(set(failures["line"])) == [3, 4, 5, 6]
    assert "4 of 5 rows" in str(info.value)


def test_raise_mode_without_failures_returns_frame() -> None:
    events = read_strike_events(_file22(_row22()), on_invalid="raise")
    assert len(events) == 1


def test_bad_on_invalid_argument() -> None:
    with pytest.raises(ValueError, match="on_invalid"):
        read_strike_events(_file22(_row22()), on_invalid="drop")  # type: ignore[arg-type]


def test_no_warning_for_a_clean_file() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_strike_events(_file22(_row22()))


# ----------------------------------------------------------------------------- models


def test_unknown_model_kept_with_warning() -> None:
    with pytest.warns(DataQualityWarning, match="'Mystery-9'") as record:
        events = read_strike_events(_file22(_row22(), _row22(model="Mystery-9")))
    assert "models not in the weapon catalogue" in str(record[0].message)
    assert "'Mystery-9' as unknown: 1 row, 10 launched (line 3)" in str(record[0].message)
    row = events.iloc[1]
    assert (row["model"], row["weapon_class"], row["weapon_group"], row["invalid_reason"]) == (
        "Mystery-9",
        "unknown",
        "other",
        "",
    )


def test_spelling_variants_resolve() -> None:
    rows = [
        _row22(model=m, destroyed="1", not_reach_goal="0")
        for m in (
            "Kh-22",
            "Х-22",
            "x-22",
            "S-300",
            "С-300",
            "Молнія",
            "Фенікс",
            "Картограф",
            "Привет-82",
            "  X-59/X-69 ",
        )
    ]
    events = read_strike_events(_file22(*rows))
    assert events["model"].tolist() == ["Kh-22"] * 3 + ["S-300"] * 2 + [
        "Molniya",
        "Feniks",
        "Kartograf",
        "Privet-82",
        "Kh-59/Kh-69",
    ]
    assert events["model_raw"].iloc[-1] == "X-59/X-69"


def test_unknown_composite_of_known_parts_gets_derived_class() -> None:
    rows = [
        _row22(model="Kalibr and X-47 Kinzhal", destroyed="1"),
        _row22(model="Kalibr and X-59", destroyed="1"),
        _row22(model="Shahed-136/131 and Orlan-10", destroyed="1"),
    ]
    events = read_strike_events(_file22(*rows))
    assert events["model"].tolist() == [
        "Kalibr and Kh-47 Kinzhal",
        "Kalibr and Kh-59",
        "Shahed-136/131 and Orlan-10",
    ]
    assert events["weapon_class"].tolist() == [
        "mixed_missiles",
        "cruise_missile",
        "unclassified_drone",
    ]
    assert events["weapon_group"].tolist() == ["missile", "missile", "drone"]
    assert events["is_composite"].tolist() == [True, True, True]


def test_composite_with_an_unknown_part_warns() -> None:
    with pytest.warns(DataQualityWarning, match="Kalibr and Mystery"):
        events = read_strike_events(_file22(_row22(model="Kalibr and Mystery", destroyed="1")))
    assert (events["weapon_class"].iloc[0], events["weapon_group"].iloc[0]) == ("unknown", "other")


# ----------------------------------------------------------------------------- composites


def test_composite_split_when_every_count_splits() -> None:
    row = _row22(
        model="X-101/X-555 and Kalibr",
        launched="62.0",
        destroyed="55.0",
        not_reach_goal="0.0",
        launched_details="{'X-101/X-555': 50, 'Kalibr': 12}",
        destroyed_details="{'X-101/X-555': 45, 'Kalibr': 10}",
        launch_place_details="{'X-101/X-555': 'Volgograd oblast', 'Kalibr': 'Black Sea'}",
        launch_place="Volgograd oblast and Black Sea",
    )
    events = read_strike_events(_file22(_row22(), row, _row22()))
    assert events["line"].tolist() == [2, 3, 3, 4]
    split = events[events["line"] == 3]
    assert split["model"].tolist() == ["Kh-101/Kh-555", "Kalibr"]
    assert split["launched"].tolist() == [50.0, 12.0]
    assert split["destroyed"].tolist() == [45.0, 10.0]
    assert split["not_reach_goal"].tolist() == [0.0, 0.0]
    assert split["weapon_class"].tolist() == ["cruise_missile", "cruise_missile"]
    assert split["launch_place"].tolist() == ["Volgograd oblast", "Black Sea"]
    assert split["split_from_composite"].all() and not split["is_composite"].any()
    assert (split["model_raw"] == "X-101/X-555 and Kalibr").all()
    assert events["launched"].sum() == 10 + 62 + 10


def test_composite_split_with_missing_destroyed_and_nan_counts() -> None:
    row = _row22(
        model="Iskander-M/KN-23 and Iskander-K and Kalibr",
        launched="38.0",
        destroyed="0.0",
        not_reach_goal="",
        launched_details="{'Iskander-M/KN-23': 25, 'Iskander-K': 10, 'Kalibr': 3}",
    )
    events = read_strike_events(_file22(row))
    assert events["weapon_class"].tolist() == [
        "ballistic_missile",
        "cruise_missile",
        "cruise_missile",
    ]
    assert events["launched"].tolist() == [25.0, 10.0, 3.0]
    assert events["destroyed"].tolist() == [0.0, 0.0, 0.0]
    assert events["not_reach_goal"].isna().all()


@pytest.mark.parametrize(
    "cells",
    [
        # destroyed given, details keyed by region: cannot split destroyed -> kept whole
        {"destroyed": "9.0", "destroyed_details": "{'south': 5, 'west': 4}"},
        # launched_details do not sum to launched
        {
            "destroyed": "0.0",
            "launched_details": "{'Iskander-M/KN-23': 20, 'Iskander-K': 10, 'Kalibr': 3}",
        },
        # a key that is not a part of the composite
        {
            "destroyed": "0.0",
            "launched_details": "{'Iskander-M/KN-23': 25, 'Iskander-K': 10, 'Kh-22': 3}",
        },
        # a part missing from the details
        {"destroyed": "0.0", "launched_details": "{'Iskander-M/KN-23': 28, 'Iskander-K': 10}"},
        # a NaN count in the details
        {
            "destroyed": "0.0",
            "launched_details": "{'Iskander-M/KN-23': 28, 'Iskander-K': 10, 'Kalibr': NaN}",
        },
        # not_reach_goal non-zero and no details for it
        {"destroyed": "0.0", "not_reach_goal": "2.0"},
    ],
)
def test_composite_kept_whole_when_a_count_cannot_be_split(cells: dict[str, str]) -> None:
    base = {
        "model": "Iskander-M/KN-23 and Iskander-K and Kalibr",
        "launched": "38.0",
        "not_reach_goal": "0.0",
        "launched_details": "{'Iskander-M/KN-23': 25, 'Iskander-K': 10, 'Kalibr': 3}",
    }
    events = read_strike_events(_file22(_row22(**{**base, **cells})), split_composites="exact")
    assert len(events) == 1
    row = events.iloc[0]
    assert (row["model"], row["weapon_class"], bool(row["is_composite"])) == (
        "Iskander-M/KN-23 and Iskander-K and Kalibr",
        "mixed_missiles",
        True,
    )
    assert row["launched"] == 38.0
    assert events.attrs["aidstats"]["composites_kept_whole"] == 1


def test_flagged_composite_is_not_split() -> None:
    row = _row22(
        model="X-101/X-555 and Kalibr",
        launched="62.0",
        destroyed="70.0",
        not_reach_goal="0.0",
        launched_details="{'X-101/X-555': 50, 'Kalibr': 12}",
        destroyed_details="{'X-101/X-555': 60, 'Kalibr': 10}",
    )
    events = _read_quiet(_file22(row))
    assert len(events) == 1 and events["invalid_reason"].iloc[0] == "neutralised_exceeds_launched"


# ----------------------------------------------------------------------------- payloads


@pytest.mark.parametrize(
    "column", ["launched_details", "destroyed_details", "launch_place_details", "affected region"]
)
def test_payload_not_executed_and_row_flagged(column: str, tmp_path: Path) -> None:
    marker = tmp_path / "x"
    payload = f"__import__('os').system('touch {marker}')"
    with pytest.warns(DataQualityWarning, match="unparseable_details"):
        events = read_strike_events(_file22(_row22(**{column: payload})))
    assert not marker.exists()
    assert events["invalid_reason"].iloc[0] == "unparseable_details"
    with pytest.raises(DataValidationError) as info:
        read_strike_events(_file22(_row22(**{column: payload})), on_invalid="raise")
    assert info.value.failures["column"].tolist() == [column]
    assert not marker.exists()


# ----------------------------------------------------------------------------- sources and structure


def test_path_text_and_binary_sources_agree(tmp_path: Path) -> None:
    text = H22 + "\n" + _row22() + "\n" + _row22(model="Kalibr", destroyed="1") + "\n"
    path = tmp_path / "a.csv"
    path.write_text(text, encoding="utf-8")
    frames = [
        read_strike_events(path),
        read_strike_events(str(path)),
        read_strike_events(io.StringIO(text)),
        read_strike_events(io.BytesIO(text.encode("utf-8"))),
        read_strike_events(io.BytesIO(b"\xef\xbb\xbf" + text.encode("utf-8"))),
    ]
    for frame in frames[1:]:
        pd.testing.assert_frame_equal(frame, frames[0])
    with open(path, encoding="utf-8") as fh:
        pd.testing.assert_frame_equal(read_strike_events(fh), frames[0])


def test_crlf_line_endings() -> None:
    text = (H22 + "\r\n" + _row22() + "\r\n" + _row22() + "\r\n").encode("utf-8")
    events = read_strike_events(io.BytesIO(text))
    assert events["line"].tolist() == [2, 3]


def test_embedded_newline_and_blank_lines_keep_true_line_numbers() -> None:
    text = (
        H22
        + "\n"
        + _row22(launch_place_details="{\n 'Kalibr': 'Black Sea'\n}")
        + "\n"
        + "\n"
        + _row22(launched="-1")
        + "\n"
    )
    events = _read_quiet(io.StringIO(text))
    assert events["line"].tolist() == [2, 6]
    assert events["launch_place_details"].iloc[0] == {"Kalibr": "Black Sea"}
    assert events["invalid_reason"].tolist() == ["", "negative_count"]


def test_ragged_rows_are_kept_and_flagged() -> None:
    text = (
        H9 + "\n2023-05-16,2023-05-16,Kalibr,Black Sea,Odesa,,3,2,kpszsu/p/1,surplus,more\n"
        "2023-05-16,2023-05-16,Kalibr\n"
    )
    events = _read_quiet(io.StringIO(text))
    assert events["line"].tolist() == [2, 3]
    assert events["invalid_reason"].tolist() == ["extra_fields", "missing_launched; missing_fields"]


def test_missing_required_columns_raise_with_expected_and_versions() -> None:
    text = "time_start,time_end,launched,source\n2025-01-01,2025-01-01,1,kpszsu\n"
    with pytest.raises(DataValidationError) as info:
        read_strike_events(io.StringIO(text))
    message = str(info.value)
    assert "required columns missing" in message
    for name in KNOWN_SCHEMAS:
        assert name in message
    assert "'model'" in message and "'destroyed'" in message
    assert set(info.value.failures["column"]) == {
        "model",
        "launch_place",
        "target",
        "carrier",
        "destroyed",
    }
    assert set(info.value.failures["rule"]) == {"missing_column"}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b'{"json": true}',
        (
            "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\n"
            "2023-05-16,2023-05-16,Kalibr,x,y,,3,2,\xff\xfe\n"
        ).encode("latin-1"),
        "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\n".encode(
            "utf-16"
        ),
        (H9 + ",model\n").encode(),
        (H9 + '\n2023-05-16,2023-05-16,"Kalibr,x,y,,3,2,k\n').encode(),
    ],
    ids=[
        "empty",
        "blank",
        "png",
        "json",
        "latin1",
        "utf16",
        "duplicate-column",
        "unterminated-quote",
    ],
)
@pytest.mark.parametrize("via", ["buffer", "path"])
def test_structural_errors_raise(data: bytes, via: str, tmp_path: Path) -> None:
    # A path is scanned through a memory map and parsed from disk: it must fail the same way.
    path = tmp_path / "input.csv"
    path.write_bytes(data)
    with pytest.raises(DataValidationError, match="Known schema versions"):
        read_strike_events(io.BytesIO(data) if via == "buffer" else path)


@pytest.mark.parametrize(
    "text",
    [
        H22 + "\r\n" + _row22() + "\r\n" + _row22(launched="-1") + "\r\n",
        H22
        + "\n"
        + _row22(launch_place_details="{\n 'Kalibr': 'Black Sea'\n}")
        + "\n\n"
        + _row22()
        + "\n",
        "\ufeff" + H22 + "\n" + _row22() + "\n" + _row22(model="  Kalibr ") + "\n",
        H9
        + "\n2023-05-16,2023-05-16,Kalibr,Black Sea,Odesa,,3,2,kpszsu/p/1,surplus\n2023-05-16,2023-05-16,Kalibr\n",
        H22 + "\n" + _row22(),  # no final newline
    ],
    ids=["crlf", "embedded-newline", "bom", "ragged", "no-final-newline"],
)
def test_path_and_buffer_read_the_same(text: str, tmp_path: Path) -> None:
    path = tmp_path / "input.csv"
    path.write_bytes(text.encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        from_path = read_strike_events(path)
        from_buffer = read_strike_events(io.BytesIO(text.encode("utf-8")))
    from_path.attrs.clear()
    from_buffer.attrs.clear()
    pd.testing.assert_frame_equal(from_path, from_buffer)


def test_missing_file_raises_data_validation_error(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError):
        read_strike_events(tmp_path / "nope.csv")


def test_header_only_file_gives_empty_typed_frame() -> None:
    events = read_strike_events(io.StringIO(H22 + "\n"))
    assert len(events) == 0 and list(events.columns) == list(COLUMNS)
    assert events["time_start"].dtype == "datetime64[ns]"


def test_attrs_provenance() -> None:
    events = _read_quiet(_file22(_row22(), _row22(launched="")))
    meta = events.attrs["aidstats"]
    assert meta["rows_in"] == 2 and meta["launched_in"] == 10.0
    assert meta["flagged"] == {"missing_launched": 1}
    assert meta["schema_version"] == "v2026-22col"


def test_command_and_scope() -> None:
    rows = [
        _row22(source=s)
        for s in (
            "kpszsu/posts/1",
            "PvKPivden/posts/2",
            "pvkshid/posts/3",
            "PvkZahid/x",
            "GeneralStaff.ua/posts/4",
            "https://t.me/kpszsu/123",
            "",
        )
    ]
    events = read_strike_events(_file22(*rows))
    assert events["reporting_command"].tolist() == [
        "kpszsu",
        "PvKPivden",
        "pvkshid",
        "PvkZahid",
        "GeneralStaff.ua",
        "kpszsu",
        "",
    ]
    assert events["scope"].tolist() == [
        "national",
        "regional",
        "regional",
        "regional",
        "other",
        "national",
        "other",
    ]
    assert events["post"].tolist()[0] == "kpszsu/posts/1"


@pytest.mark.parametrize("suffix", [".csv.gz", ".zip", ".bz2", ".xz", ".zst", ".tar"])
def test_a_plain_csv_is_read_whatever_its_name(suffix: str, tmp_path: Path) -> None:
    # pandas guesses compression from a path's suffix; a path is now parsed by pandas directly.
    text = H22 + "\n" + _row22() + "\n"
    path = tmp_path / f"strikes{suffix}"
    path.write_text(text, encoding="utf-8")
    events = read_strike_events(path)
    assert len(events) == 1 and events["line"].tolist() == [2]


def test_several_unnamed_columns_are_ignored() -> None:
    # Trailing commas in the header give several columns named ''.
    text = H9 + ",,\n2023-05-16,2023-05-16,Kalibr,Black Sea,Odesa,,3,2,kpszsu/p/1,,\n"
    events = read_strike_events(io.StringIO(text))
    assert len(events) == 1 and float(events["launched"].iloc[0]) == 3.0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_a_named_pipe_is_read_once(tmp_path: Path) -> None:
    fifo = tmp_path / "strikes.pipe"
    os.mkfifo(fifo)
    text = H22 + "\n" + _row22() + "\n" + _row22(model="Kalibr", destroyed="1") + "\n"

    def write() -> None:
        with open(fifo, "w", encoding="utf-8") as fh:
            fh.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        events = read_strike_events(fifo)
    finally:
        writer.join(timeout=10)
    expected = read_strike_events(io.StringIO(text))
    events.attrs.clear()
    expected.attrs.clear()
    pd.testing.assert_frame_equal(events, expected)
