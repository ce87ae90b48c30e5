"""to_periods: attribution rules with numbers, conservation, flagged rows, scope, regimes."""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd
import pytest
from factories import event_frames, make_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aidstats import strikes
from aidstats.errors import DataValidationError


def totals(frame: pd.DataFrame) -> dict[str, float]:
    return {f"{p:%Y-%m-%d}": v for p, v in zip(frame["period"], frame["launched"], strict=True)}


def quiet(call: Any, *args: Any, **kwargs: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", strikes.RegimeChangeWarning)
        return call(*args, **kwargs)


ACROSS_MONTHS = make_events(
    {"start": "2025-01-31 19:00", "end": "2025-02-01 09:00", "launched": 140, "destroyed": 70}
)


# ---------------------------------------------------------------------------
# Attribution rules, with numbers
# ---------------------------------------------------------------------------


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
    out = strikes.to_periods(
        make_events({"start": start, "end": end}), freq="D", attribution="night"
    )
    assert totals(out) == {night: 10.0}


def test_night_moves_an_evening_raid_into_the_next_month() -> None:
    events = make_events(
        {"start": "2025-10-31 18:30", "end": "2025-10-31 22:00", "launched": 3},
        {"start": "2025-10-31 18:30", "end": "2025-11-01 09:30", "launched": 223},
        {"start": "2025-10-30 10:00", "end": "2025-10-30 12:00", "launched": 5},
    )
    assert totals(strikes.to_periods(events, attribution="end")) == {
        "2025-10-01": 8.0,
        "2025-11-01": 223.0,
    }
    assert totals(strikes.to_periods(events, attribution="night")) == {
        "2025-10-01": 5.0,
        "2025-11-01": 226.0,
    }
    assert totals(strikes.to_periods(events, attribution="start")) == {"2025-10-01": 231.0}


def test_split_counts_date_only_windows_as_whole_days() -> None:
    events = make_events(
        {"start": "2024-06-29", "end": "2024-07-01", "launched": 30}
    )  # 3 whole days
    out = strikes.to_periods(events, freq="D", attribution="split")
    assert totals(out) == pytest.approx(
        {"2024-06-29": 10.0, "2024-06-30": 10.0, "2024-07-01": 10.0}
    )
    monthly = strikes.to_periods(events, attribution="split")
    assert totals(monthly) == pytest.approx({"2024-06-01": 20.0, "2024-07-01": 10.0})
    assert monthly["n_reports"].tolist() == [1, 1]  # rows touching each period


def test_split_zero_length_window_falls_in_its_instant() -> None:
    events = make_events({"start": "2025-03-31 23:59", "end": "2025-03-31 23:59"})
    assert totals(strikes.to_periods(events, attribution="split")) == {"2025-03-01": 10.0}


def test_weeks_run_monday_to_sunday() -> None:
    events = make_events(
        {"start": "2025-06-01 10:00", "launched": 1},  # Sunday
        {"start": "2025-06-02 10:00", "launched": 2},  # Monday
    )
    out = strikes.to_periods(events, freq="W")
    assert totals(out) == {"2025-05-26": 1.0, "2025-06-02": 2.0}


@pytest.mark.parametrize("freq", ["M", "ME", "MS", "month"])
def test_month_aliases(freq: str) -> None:
    assert totals(strikes.to_periods(ACROSS_MONTHS, freq=freq)) == {"2025-02-01": 140.0}
    assert strikes.FREQS[freq] == "M"


# ---------------------------------------------------------------------------
# Conservation (property test)
# ---------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events=event_frames(),
    freq=st.sampled_from(["D", "W", "M"]),
    by=st.sampled_from([None, "weapon_group", ["model", "scope"]]),
)
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
        assert out["neutralised"].sum() == pytest.approx(
            want["destroyed"] + want["not_reach_goal"], abs=1e-9
        )
        if attribution != "split":
            assert out["n_reports"].sum() == len(valid)


# ---------------------------------------------------------------------------
# Flagged rows, scope, not_reach_goal regimes
# ---------------------------------------------------------------------------


def test_flagged_rows_left_out_and_counted() -> None:
    events = make_events(
        {"start": "2025-06-10 20:00", "end": "2025-06-11 08:00", "launched": 100},
        {"start": "2025-06-12", "launched": 7, "invalid": "negative_count"},
        {"start": "2025-06-13", "launched": 9, "invalid": "end_before_start; not_whole_count"},
    )
    out = strikes.to_periods(events)
    assert out["launched"].tolist() == [100.0]
    meta = out.attrs["aidstats"]
    assert meta["excluded_rows"] == 2
    assert meta["excluded_lines"] == [3, 4]
    assert meta["excluded_reasons"] == {
        "negative_count": 1,
        "end_before_start": 1,
        "not_whole_count": 1,
    }
    assert meta["summary"].startswith("2 flagged row(s) left out")


def test_scope_filter() -> None:
    events = make_events(
        {"start": "2025-06-10", "launched": 100},
        {"start": "2025-06-11", "launched": 20, "command": "PvKPivden"},
        {"start": "2025-06-12", "launched": 3, "command": "GeneralStaff.ua"},
    )
    got = {
        scope: strikes.to_periods(events, scope=scope)["launched"].sum() for scope in strikes.SCOPES
    }
    assert got == {"all": 123.0, "national": 100.0, "regional": 20.0, "other": 3.0}
    by_scope = strikes.to_periods(events, by="scope")
    assert by_scope["scope"].tolist() == ["national", "other", "regional"]
    with pytest.raises(ValueError, match="scope must be one of"):
        strikes.to_periods(events, scope="kpszsu")


def test_missing_not_reach_goal_follows_the_regime() -> None:
    events = make_events(
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
    with pytest.raises(ValueError, match="'period' is the name"):
        strikes.to_periods(ACROSS_MONTHS.assign(period=1), by="period")
    with pytest.raises(DataValidationError, match="lacks columns") as caught:
        strikes.to_periods(ACROSS_MONTHS.drop(columns=["invalid_reason"]))
    assert caught.value.failures["column"].tolist() == ["invalid_reason"]
    with pytest.raises(DataValidationError, match="expected the DataFrame"):
        strikes.to_periods([1, 2, 3])  # type: ignore[arg-type]


def test_empty_selection_gives_an_empty_typed_table() -> None:
    events = make_events({"start": "2025-06-10", "launched": 5, "invalid": "negative_count"})
    out = strikes.to_periods(events, by="weapon_group")
    assert out.empty
    assert list(out.columns[:2]) == ["period", "weapon_group"]
    assert out["period"].dtype == "datetime64[ns]"
    assert out.attrs["aidstats"]["regime_changes"] == []


# ---------------------------------------------------------------------------
# Regime changes in attrs and as a warning
# ---------------------------------------------------------------------------


def test_regime_warning_for_a_straddling_week() -> None:
    events = make_events(
        {"start": "2025-07-30 20:00", "end": "2025-07-31 08:00"}, {"start": "2025-08-05"}
    )
    with pytest.warns(
        strikes.RegimeChangeWarning,
        match="2025-07-28 .not_reach_goal: recorded -> zero on 2025-08-01",
    ):
        out = strikes.to_periods(events, freq="W")
    assert out.attrs["aidstats"]["straddling_periods"] == ["2025-07-28"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", strikes.RegimeChangeWarning)
        monthly = strikes.to_periods(events)  # months align with the not_reach_goal regimes
    assert [c["date"] for c in monthly.attrs["aidstats"]["regime_changes"]] == [
        "2025-07-15",
        "2025-08-01",
    ]


def test_regime_changes_in_attrs_stop_at_the_last_period() -> None:
    # July 2025 only: the August change lies after the data and is not listed.
    july = strikes.to_periods(make_events({"start": "2025-07-20"}))
    assert [c["date"] for c in july.attrs["aidstats"]["regime_changes"]] == ["2025-07-15"]
    # A change on the first day of the first period is listed.
    august = strikes.to_periods(make_events({"start": "2025-08-10"}))
    assert [c["date"] for c in august.attrs["aidstats"]["regime_changes"]] == ["2025-08-01"]
