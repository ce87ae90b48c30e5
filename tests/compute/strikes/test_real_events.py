"""Strike aggregation on the real Air Force file (read once per session by the conftest fixture)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from aidstats import datasets, strikes

pytestmark = pytest.mark.upstream


def _quiet_periods(events: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", strikes.RegimeChangeWarning)
        return strikes.to_periods(events, **kwargs)  # type: ignore[arg-type]


def _month(frame: pd.DataFrame, month: str) -> dict[str, float]:
    row = frame.set_index("period").loc[pd.Timestamp(month)]
    return {m: round(float(row[m]), 6) for m in ("launched", "destroyed", "not_reach_goal")}


def test_real_monthly_totals_by_end(real_events: pd.DataFrame) -> None:
    out = _quiet_periods(real_events)
    assert _month(out, "2025-06-01") == {
        "launched": 5801.0,
        "destroyed": 2978.0,
        "not_reach_goal": 1993.0,
    }
    assert _month(out, "2026-03-01")["launched"] == 7819.0
    assert out["launched"].max() == 7819.0


@pytest.mark.parametrize(
    ("attribution", "june_2025", "march_2026"),
    [
        ("end", 5801.0, 7819.0),
        ("night", 5801.0, 7819.0),
        ("start", 5374.0, 8035.0),
        ("split", 5694.25, 7913.385),
    ],
)
def test_real_totals_under_each_attribution(
    real_events: pd.DataFrame, attribution: str, june_2025: float, march_2026: float
) -> None:
    out = _quiet_periods(real_events, attribution=attribution)
    valid = real_events.loc[real_events["invalid_reason"] == "", "launched"].sum()
    assert out["launched"].sum() == pytest.approx(valid, abs=1e-6)
    assert _month(out, "2025-06-01")["launched"] == pytest.approx(june_2025, abs=0.01)
    assert _month(out, "2026-03-01")["launched"] == pytest.approx(march_2026, abs=0.01)


def test_real_largest_salvo_is_one_row(real_events: pd.DataFrame) -> None:
    valid = real_events.loc[real_events["invalid_reason"] == ""]
    per_post = valid.loc[valid["post"] != ""].groupby("post")["launched"].sum()
    top_post = per_post.idxmax()
    out = strikes.salvos(real_events)
    top = out.loc[out["post"] == top_post]
    assert len(top) == 1
    assert top["launched"].iloc[0] == per_post.max() == out["launched"].max()
    assert top["n_rows"].iloc[0] == (valid["post"] == top_post).sum()


def test_real_overlaps(real_events: pd.DataFrame) -> None:
    table = strikes.overlaps(real_events)
    mask = strikes.overlap_mask(real_events)
    assert table["regional_line"].nunique() == mask.sum() > 0
    out = _quiet_periods(real_events, dedupe=True)
    assert out.attrs["aidstats"]["deduplicated"] == mask.sum()


def test_real_volume_matches_the_bundled_dataset(bundled_events: pd.DataFrame) -> None:
    volume = strikes.volume_monthly(bundled_events).set_index("month")
    bundled = datasets.load("strike_volume_monthly").set_index("month")
    for column in (
        "missiles_cruise",
        "missiles_ballistic",
        "drones_attack",
        "drones_reconnaissance",
    ):
        assert (
            volume[column].round().astype("int64").tolist()
            == bundled[column].astype("int64").tolist()
        )
