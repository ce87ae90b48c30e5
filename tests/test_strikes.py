"""Tests of aidstats.strikes: attribution rules, conservation, scope, salvos, overlaps, regimes."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidstats import strikes
from aidstats._core.regimes import regimes_frame
from aidstats._files import default_raw_dir
from aidstats.errors import DataValidationError

COLUMNS = [
    "line",
    "post",
    "reporting_command",
    "scope",
    "time_start",
    "time_end",
    "start_has_time",
    "end_has_time",
    "model",
    "weapon_class",
    "weapon_group",
    "launched",
    "destroyed",
    "not_reach_goal",
    "is_shahed",
    "invalid_reason",
]
_CLASS = {
    "Shahed-136/131": ("attack_drone", "drone"),
    "Iskander-M": ("ballistic_missile", "missile"),
    "X-101/X-555": ("cruise_missile", "missile"),
    "Orlan-10": ("reconnaissance_drone", "drone"),
}


def ev(*rows: dict[str, Any]) -> pd.DataFrame:
    """Events following the read_strike_events contract; each row gives start, end, launched..."""
    records = []
    for i, row in enumerate(rows):
        start, end = row["start"], row.get("end", row["start"])
        command = row.get("command", "kpszsu")
        model = row.get("model", "Shahed-136/131")
        wclass, group = _CLASS[model]
        scope = "national" if command == "kpszsu" else "regional" if command.lower().startswith("pvk") else "other"
        records.append(
            {
                "line": i + 2,
                "post": row.get("post", f"{command}/posts/{i}"),
                "reporting_command": command,
                "scope": scope,
                "time_start": pd.Timestamp(start),
                "time_end": pd.Timestamp(end),
                "start_has_time": ":" in start,
                "end_has_time": ":" in end,
                "model": model,
                "weapon_class": wclass,
                "weapon_group": group,
                "launched": float(row.get("launched", 10)),
                "destroyed": float(row.get("destroyed", row.get("launched", 10))),
                "not_reach_goal": float(row.get("nrg", np.nan)),
                "is_shahed": np.nan,
                "invalid_reason": row.get("invalid", ""),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for col in ("time_start", "time_end"):
        frame[col] = frame[col].astype("datetime64[ns]")
    return frame


def totals(frame: pd.DataFrame) -> dict[str, float]:
    return {f"{p:%Y-%m-%d}": v for p, v in zip(frame["period"], frame["launched"], strict=True)}


def quiet(call: Any, *args: Any, **kwargs: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", strikes.RegimeChangeWarning)
        return call(*args, **kwargs)


# ---------------------------------------------------------------------------
# Attribution rules, with numbers
# ---------------------------------------------------------------------------

ACROSS_MONTHS = ev({"start": "2025-01-31 19:00", "end": "2025-02-01 09:00", "launched": 140, "destroyed": 70})


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        ("end", {"2025-02-01": 140.0}),
        ("start", {"2025-01-01": 140.0}),
        ("night", {"2025-02-01": 140.0}),
        # 14 hours: 5 in January, 9 in February.
        ("split", {"2025-01-01": 50.0, "2025-02-01": 90.0}),
    ],
)
def test_window_across_month_boundary(attribution: str, expected: dict[str, float]) -> None:
    out = strikes.to_periods(ACROSS_MONTHS, attribution=attribution)
    assert totals(out) == pytest.approx(expected)
    assert out["launched"].sum() == pytest.approx(140.0, abs=1e-9)


@pytest.mark.parametrize(
    ("start", "end", "night"),
    [
        ("2025-07-08 20:00", "2025-07-09 08:30", "2025-07-09"),  # overnight: the morning it ended
        ("2023-11-05 20:00", "2023-11-05 23:59", "2023-11-06"),  # wholly in the evening: next night
        ("2025-10-31 18:00", "2025-10-31 18:00", "2025-11-01"),  # 18:00 is already the next night
        ("2025-01-03 12:00", "2025-01-03 20:00", "2025-01-03"),  # daytime start: its own date
        ("2025-10-31 17:59", "2025-10-31 23:00", "2025-10-31"),
        ("2025-07-12 14:00", "2025-07-13 01:00", "2025-07-13"),
        ("2026-04-04", "2026-04-04", "2026-04-04"),  # date only
        ("2026-04-04", "2026-04-04 20:00", "2026-04-04"),  # start without a time of day
    ],
)
def test_night_rule(start: str, end: str, night: str) -> None:
    out = strikes.to_periods(ev({"start": start, "end": end}), freq="D", attribution="night")
    assert totals(out) == {night: 10.0}


def test_night_moves_an_evening_raid_into_the_next_month() -> None:
    events = ev(
        {"start": "2025-10-31 18:30", "end": "2025-10-31 22:00", "launched": 3},
        {"start": "2025-10-31 18:30", "end": "2025-11-01 09:30", "launched": 223},
        {"start": "2025-10-30 10:00", "end": "2025-10-30 12:00", "launched": 5},
    )
    assert totals(strikes.to_periods(events, attribution="end")) == {"2025-10-01": 8.0, "2025-11-01": 223.0}
    assert totals(strikes.to_periods(events, attribution="night")) == {"2025-10-01": 5.0, "2025-11-01": 226.0}
    assert totals(strikes.to_periods(events, attribution="start")) == {"2025-10-01": 231.0}


def test_split_counts_date_only_windows_as_whole_days() -> None:
    events = ev({"start": "2024-06-29", "end": "2024-07-01", "launched": 30})  # 3 whole days
    out = strikes.to_periods(events, freq="D", attribution="split")
    assert totals(out) == pytest.approx({"2024-06-29": 10.0, "2024-06-30": 10.0, "2024-07-01": 10.0})
    monthly = strikes.to_periods(events, attribution="split")
    assert totals(monthly) == pytest.approx({"2024-06-01": 20.0, "2024-07-01": 10.0})
    assert monthly["n_reports"].tolist() == [1, 1]  # rows touching each period


def test_split_zero_length_window_falls_in_its_instant() -> None:
    out = strikes.to_periods(ev({"start": "2025-03-31 23:59", "end": "2025-03-31 23:59"}), attribution="split")
    assert totals(out) == {"2025-03-01": 10.0}


def test_weeks_run_monday_to_sunday() -> None:
    events = ev(
        {"start": "2025-06-01 10:00", "launched": 1},  # Sunday
        {"start": "2025-06-02 10:00", "launched": 2},  # Monday
    )
    out = strikes.to_periods(events, freq="W")
    assert totals(out) == {"2025-05-26": 1.0, "2025-06-02": 2.0}


@pytest.mark.parametrize("freq", ["M", "ME", "MS"])
def test_month_aliases(freq: str) -> None:
    assert totals(strikes.to_periods(ACROSS_MONTHS, freq=freq)) == {"2025-02-01": 140.0}


# ---------------------------------------------------------------------------
# Conservation (property test)
# ---------------------------------------------------------------------------

_BASE = pd.Timestamp("2024-01-01").value
_MINUTE = 60 * 10**9


@st.composite
def event_frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 25))
    rows = []
    for i in range(n):
        start_min = draw(st.integers(0, 60 * 24 * 400))
        length = draw(st.sampled_from([0, 1, 30, 600, 900, 1440, 2 * 1440 + 7, 40 * 1440]))
        timed = draw(st.booleans())
        start = pd.Timestamp(_BASE + start_min * _MINUTE)
        end = start + pd.Timedelta(minutes=length)
        if not timed:
            start, end = start.normalize(), end.normalize()
        fmt = "%Y-%m-%d %H:%M" if timed else "%Y-%m-%d"
        launched = draw(st.integers(0, 900))
        rows.append(
            {
                "start": start.strftime(fmt),
                "end": end.strftime(fmt),
                "launched": launched,
                "destroyed": draw(st.integers(0, launched)),
                "nrg": draw(st.sampled_from([np.nan, 0.0, 1.0])),
                "command": draw(st.sampled_from(["kpszsu", "PvKPivden", "CinCAFU"])),
                "model": draw(st.sampled_from(sorted(_CLASS))),
                "invalid": draw(st.sampled_from(["", "", "", "negative_count"])),
                "post": f"p{i % 4}",
            }
        )
    return ev(*rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events=event_frames(), freq=st.sampled_from(["D", "W", "M"]), by=st.sampled_from([None, "weapon_group", ["model", "scope"]]))
def test_totals_conserved_under_every_attribution(events: pd.DataFrame, freq: str, by: Any) -> None:
    valid = events.loc[events["invalid_reason"] == ""]
    want = {m: valid[m].sum() for m in ("launched", "destroyed")}
    want["not_reach_goal"] = valid["not_reach_goal"].fillna(0).sum()
    for attribution in strikes.ATTRIBUTIONS:
        out = quiet(strikes.to_periods, events, freq=freq, by=by, attribution=attribution)
        assert out.attrs["aidstats"]["excluded_rows"] == len(events) - len(valid)
        for measure, total in want.items():
            if attribution == "split":
                assert out[measure].sum() == pytest.approx(total, abs=1e-9, rel=1e-12)
            else:
                assert out[measure].sum() == total
        assert out["neutralised"].sum() == pytest.approx(want["destroyed"] + want["not_reach_goal"], abs=1e-9)
        if attribution != "split":
            assert out["n_reports"].sum() == len(valid)


# ---------------------------------------------------------------------------
# Flagged rows, scope, not_reach_goal regimes
# ---------------------------------------------------------------------------


def test_flagged_rows_left_out_and_counted() -> None:
    events = ev(
        {"start": "2025-06-10 20:00", "end": "2025-06-11 08:00", "launched": 100},
        {"start": "2025-06-12", "launched": 7, "invalid": "negative_count"},
        {"start": "2025-06-13", "launched": 9, "invalid": "end_before_start; not_whole_count"},
    )
    out = strikes.to_periods(events)
    assert out["launched"].tolist() == [100.0]
    meta = out.attrs["aidstats"]
    assert meta["excluded_rows"] == 2
    assert meta["excluded_lines"] == [3, 4]
    assert meta["excluded_reasons"] == {"negative_count": 1, "end_before_start": 1, "not_whole_count": 1}
    assert meta["summary"].startswith("2 flagged row(s) left out")


def test_scope_filter() -> None:
    events = ev(
        {"start": "2025-06-10", "launched": 100},
        {"start": "2025-06-11", "launched": 20, "command": "PvKPivden"},
        {"start": "2025-06-12", "launched": 3, "command": "GeneralStaff.ua"},
    )
    got = {scope: strikes.to_periods(events, scope=scope)["launched"].sum() for scope in strikes.SCOPES}
    assert got == {"all": 123.0, "national": 100.0, "regional": 20.0, "other": 3.0}
    by_scope = strikes.to_periods(events, by="scope")
    assert by_scope["scope"].tolist() == ["national", "other", "regional"]
    with pytest.raises(ValueError, match="scope must be one of"):
        strikes.to_periods(events, scope="kpszsu")


def test_missing_not_reach_goal_follows_the_regime() -> None:
    events = ev(
        {"start": "2023-05-10", "launched": 10, "destroyed": 8},  # not recorded: counts as 0
        {"start": "2025-01-10", "launched": 10, "destroyed": 5, "nrg": 3},
        {"start": "2025-01-11", "launched": 4, "destroyed": 1},  # recorded regime: unknown
        {"start": "2025-09-10", "launched": 10, "destroyed": 9},  # zero regime: counts as 0
    )
    out = strikes.to_periods(events).set_index("period")
    assert out["neutralised"].tolist() == [8.0, 9.0, 9.0]
    assert out["not_reach_goal_missing"].tolist() == [0, 1, 0]
    strict = strikes.to_periods(events, strict_neutralised=True)
    assert strict["neutralised"].isna().tolist() == [False, True, False]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="freq"):
        strikes.to_periods(ACROSS_MONTHS, freq="Q")
    with pytest.raises(ValueError, match="attribution"):
        strikes.to_periods(ACROSS_MONTHS, attribution="middle")
    with pytest.raises(ValueError, match="no column"):
        strikes.to_periods(ACROSS_MONTHS, by="oblast")
    with pytest.raises(DataValidationError, match="lacks columns"):
        strikes.to_periods(ACROSS_MONTHS.drop(columns=["invalid_reason"]))


# ---------------------------------------------------------------------------
# Salvos
# ---------------------------------------------------------------------------


def test_one_post_is_one_salvo_even_with_different_windows() -> None:
    post = "kpszsu/posts/big"
    events = ev(
        {"start": "2025-09-06 17:00", "end": "2025-09-07 09:30", "launched": 810, "post": post},
        {"start": "2025-09-07 02:00", "end": "2025-09-07 06:00", "launched": 9, "model": "X-101/X-555", "post": post},
        {"start": "2025-09-07 03:00", "end": "2025-09-07 05:00", "launched": 4, "model": "Iskander-M", "post": post},
        {"start": "2025-09-07 10:00", "end": "2025-09-07 12:00", "launched": 5, "command": "PvKPivden", "post": ""},
        {"start": "2025-09-07 10:00", "end": "2025-09-07 12:00", "launched": 2, "command": "PvKPivden", "post": "", "model": "Orlan-10"},
        {"start": "2025-09-08 10:00", "end": "2025-09-08 12:00", "launched": 1, "command": "PvKPivden", "post": ""},
    )
    out = strikes.salvos(events)
    assert len(out) == 3
    big = out.loc[out["post"] == post].iloc[0]
    assert (big["launched"], big["launched_drone"], big["launched_missile"]) == (823.0, 810.0, 13.0)
    assert (big["launched_cruise_missile"], big["launched_ballistic_missile"]) == (9.0, 4.0)
    assert (big["n_rows"], big["n_models"]) == (3, 3)
    assert (big["time_start"], big["time_end"]) == (pd.Timestamp("2025-09-06 17:00"), pd.Timestamp("2025-09-07 09:30"))
    postless = out.loc[out["post"] == ""]
    assert postless["launched"].tolist() == [7.0, 1.0]  # grouped by (command, start, end)
    assert out["launched"].sum() == events["launched"].sum()


# ---------------------------------------------------------------------------
# Overlaps
# ---------------------------------------------------------------------------

OVERLAP_EVENTS = ev(
    {"start": "2025-07-05 20:30", "end": "2025-07-06 08:30", "launched": 157, "destroyed": 98},  # line 2
    {"start": "2025-07-06", "launched": 6, "command": "PvKPivden"},  # 3: same date, whole day -> overlaps
    {"start": "2025-07-07", "launched": 4, "command": "PvKPivden"},  # 4: other date
    {"start": "2025-07-06", "launched": 2, "command": "PvKPivden", "model": "Orlan-10"},  # 5: other model
    {"start": "2025-07-06 09:00", "end": "2025-07-06 11:00", "launched": 5, "command": "PvKPivden"},  # 6: after it
    {"start": "2025-07-06 08:30", "end": "2025-07-06 08:40", "launched": 1, "command": "pvkshid"},  # 7: touches its end
    {"start": "2025-07-06", "launched": 3, "command": "PvKPivden", "invalid": "negative_count"},  # 8: flagged
)


def test_overlaps_table() -> None:
    table = strikes.overlaps(OVERLAP_EVENTS)
    assert table["regional_line"].tolist() == [3, 7]
    assert table["national_line"].tolist() == [2, 2]
    assert table["regional_launched"].tolist() == [6.0, 1.0]
    assert table["national_launched"].tolist() == [157.0, 157.0]
    assert strikes.overlap_mask(OVERLAP_EVENTS).tolist() == [False, True, False, False, False, True, False]


def test_overlaps_counted_and_deduplicated() -> None:
    assert strikes.to_periods(OVERLAP_EVENTS).attrs["aidstats"]["overlapping_regional_rows"] is None
    plain = strikes.to_periods(OVERLAP_EVENTS, count_overlaps=True)
    assert plain.attrs["aidstats"]["overlapping_regional_rows"] == 2
    assert plain["launched"].sum() == 157 + 6 + 4 + 2 + 5 + 1
    deduped = strikes.to_periods(OVERLAP_EVENTS, dedupe=True)
    assert deduped["launched"].sum() == 157 + 4 + 2 + 5
    assert deduped.attrs["aidstats"]["deduplicated"] == 2
    regional = strikes.to_periods(OVERLAP_EVENTS, scope="regional", dedupe=True)
    assert regional["launched"].sum() == 4 + 2 + 5
    assert strikes.to_periods(OVERLAP_EVENTS, scope="national").attrs["aidstats"]["overlapping_regional_rows"] is None


def test_overlap_mask_matches_pairwise_rule_on_random_frames() -> None:
    rng = np.random.default_rng(7)
    rows = []
    for _ in range(300):
        start = pd.Timestamp("2025-03-01") + pd.Timedelta(minutes=int(rng.integers(0, 60 * 24 * 6)))
        end = start + pd.Timedelta(minutes=int(rng.choice([0, 45, 300, 900])))
        rows.append(
            {
                "start": start.strftime("%Y-%m-%d %H:%M"),
                "end": end.strftime("%Y-%m-%d %H:%M"),
                "command": str(rng.choice(["kpszsu", "PvKPivden"])),
                "model": str(rng.choice(["Shahed-136/131", "Iskander-M"])),
            }
        )
    events = ev(*rows)
    expected = np.zeros(len(events), dtype=bool)
    expected[strikes.overlaps(events)["regional_line"].to_numpy() - 2] = True
    assert (strikes.overlap_mask(events) == expected).all()
    assert expected.sum() > 10


# ---------------------------------------------------------------------------
# Regimes
# ---------------------------------------------------------------------------


def test_regime_table_and_changes() -> None:
    table = regimes_frame()
    assert table[["measure", "regime"]].apply(tuple, axis=1).tolist() == [
        ("not_reach_goal", "not_recorded"),
        ("not_reach_goal", "recorded"),
        ("not_reach_goal", "zero"),
        ("is_shahed", "not_split"),
        ("is_shahed", "split"),
    ]
    changes = strikes.regime_changes("2022-01-01", "2027-01-01")
    assert [f"{d:%Y-%m-%d}" for d in changes["date"]] == ["2024-07-01", "2025-07-15", "2025-08-01"]
    assert len(strikes.regime_changes("2025-07-01", "2025-07-31", "not_reach_goal")) == 0
    assert strikes.regime_changes("2025-07-01", "2025-07-31")["measure"].tolist() == ["is_shahed"]


def test_regime_warning_for_a_straddling_week() -> None:
    events = ev({"start": "2025-07-30 20:00", "end": "2025-07-31 08:00"}, {"start": "2025-08-05"})
    with pytest.warns(strikes.RegimeChangeWarning, match="2025-07-28 .not_reach_goal: recorded -> zero on 2025-08-01"):
        out = strikes.to_periods(events, freq="W")
    assert out.attrs["aidstats"]["straddling_periods"] == ["2025-07-28"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", strikes.RegimeChangeWarning)
        monthly = strikes.to_periods(events)  # months align with the not_reach_goal regimes
    assert [c["date"] for c in monthly.attrs["aidstats"]["regime_changes"]] == ["2025-07-15", "2025-08-01"]


def test_warn_regime_changes_returns_the_periods() -> None:
    with pytest.warns(strikes.RegimeChangeWarning):
        hits = strikes.warn_regime_changes(["2025-07-01", "2025-08-01"], "M")
    assert hits["measure"].tolist() == ["is_shahed"]
    assert hits["period"].tolist() == [pd.Timestamp("2025-07-01")]


# ---------------------------------------------------------------------------
# The real file
# ---------------------------------------------------------------------------


def _real_events() -> pd.DataFrame:
    path = default_raw_dir() / "strikes" / "missile_attacks_daily.csv"
    if not path.exists():
        pytest.skip(f"raw data not found at {path}")
    read = pytest.importorskip("aidstats.strike_events").read_strike_events
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read(path)


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return _real_events()


def _month(frame: pd.DataFrame, month: str) -> dict[str, float]:
    row = frame.set_index("period").loc[pd.Timestamp(month)]
    return {m: round(float(row[m]), 6) for m in ("launched", "destroyed", "not_reach_goal")}


@pytest.mark.upstream
def test_real_monthly_totals_by_end(real: pd.DataFrame) -> None:
    out = quiet(strikes.to_periods, real)
    assert _month(out, "2025-06-01") == {"launched": 5801.0, "destroyed": 2978.0, "not_reach_goal": 1993.0}
    assert _month(out, "2026-03-01")["launched"] == 7819.0
    assert out["launched"].max() == 7819.0


@pytest.mark.upstream
@pytest.mark.parametrize(
    ("attribution", "june_2025", "march_2026"),
    [("end", 5801.0, 7819.0), ("night", 5801.0, 7819.0), ("start", 5374.0, 8035.0), ("split", 5694.25, 7913.385)],
)
def test_real_totals_under_each_attribution(
    real: pd.DataFrame, attribution: str, june_2025: float, march_2026: float
) -> None:
    out = quiet(strikes.to_periods, real, attribution=attribution)
    valid = real.loc[real["invalid_reason"] == "", "launched"].sum()
    assert out["launched"].sum() == pytest.approx(valid, abs=1e-6)
    assert _month(out, "2025-06-01")["launched"] == pytest.approx(june_2025, abs=0.01)
    assert _month(out, "2026-03-01")["launched"] == pytest.approx(march_2026, abs=0.01)


@pytest.mark.upstream
def test_real_largest_salvo_is_one_row(real: pd.DataFrame) -> None:
    valid = real.loc[real["invalid_reason"] == ""]
    per_post = valid.loc[valid["post"] != ""].groupby("post")["launched"].sum()
    top_post = per_post.idxmax()
    out = strikes.salvos(real)
    top = out.loc[out["post"] == top_post]
    assert len(top) == 1
    assert top["launched"].iloc[0] == per_post.max() == out["launched"].max()
    assert top["n_rows"].iloc[0] == (valid["post"] == top_post).sum()


@pytest.mark.upstream
def test_real_overlaps(real: pd.DataFrame) -> None:
    table = strikes.overlaps(real)
    mask = strikes.overlap_mask(real)
    assert table["regional_line"].nunique() == mask.sum() > 0
    out = quiet(strikes.to_periods, real, dedupe=True)
    assert out.attrs["aidstats"]["deduplicated"] == mask.sum()

