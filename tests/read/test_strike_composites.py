"""Composite rows: kept whole unless every count splits, or split by launched on request."""

from __future__ import annotations

import io
import math

import pytest

from aidstats import read_strike_events

HEADER = "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source,launched_details,destroyed_details\n"
ROW = (
    "2024-08-26 04:00,2024-08-26 12:00,X-101/X-555 and Kalibr,,Ukraine,,77,70,kpszsu/p/1,"
    "\"{'X-101/X-555': 50, 'Kalibr': 27}\",\"{'south': 40, 'east': 30}\"\n"
)


def _read(mode: str):  # type: ignore[no-untyped-def]
    return read_strike_events(io.StringIO(HEADER + ROW), split_composites=mode)  # type: ignore[arg-type]


def test_exact_keeps_a_row_whole_when_destroyed_cannot_be_split() -> None:
    events = _read("exact")
    assert len(events) == 1 and bool(events["is_composite"].iloc[0])
    assert events["weapon_class"].iloc[0] == "cruise_missile"
    assert events.attrs["aidstats"]["composites_kept_whole"] == 1


def test_launched_mode_splits_launched_and_leaves_unknown_counts_missing() -> None:
    events = _read("launched")
    assert list(events["model"]) == ["Kh-101/Kh-555", "Kalibr"]
    assert list(events["launched"]) == [50.0, 27.0]
    assert events["launched"].sum() == 77  # conserved
    assert all(math.isnan(v) for v in events["destroyed"])
    assert events["split_from_composite"].all() and (events["line"] == 2).all()


def test_never_keeps_every_composite_whole() -> None:
    assert len(_read("never")) == 1


def test_bad_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="split_composites"):
        _read("sometimes")


def test_unknown_destroyed_is_left_out_of_rates_not_counted_as_a_miss() -> None:
    from aidstats import stats, strikes

    whole = (
        ROW.replace("kpszsu/p/1", "kpszsu/p/2")
        .replace("X-101/X-555 and Kalibr", "Kalibr")
        .replace(",77,70,", ",10,5,")
    )
    text = HEADER + ROW + whole.replace("\"{'X-101/X-555': 50, 'Kalibr': 27}\"", "")
    events = read_strike_events(io.StringIO(text), split_composites="launched")
    periods = strikes.to_periods(events, freq="M")
    assert periods["launched"].sum() == 87 and periods["destroyed_missing"].sum() == 77
    rates = stats.rate_table(periods, "destroyed_share", scope=None)
    assert rates["trials"].tolist() == [10.0] and rates["estimate"].tolist() == [0.5]
