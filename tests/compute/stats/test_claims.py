"""One call from a claim to a verdict: check_claim, claims_table, qualifiers as bounds."""

from __future__ import annotations

import pandas as pd
import pytest
from factories import make_events

from aidstats._core.vocab import QUALIFIER_BOUNDS, QUALIFIERS
from aidstats.stats import TOLERANCES, check_claim, claim_period, claims_table, computed_for_claims


def test_qualifier_bounds_are_the_vocabulary_and_tolerances_derive_from_them() -> None:
    assert tuple(QUALIFIER_BOUNDS) == QUALIFIERS
    assert TOLERANCES["exact"] == pytest.approx((0.98, 1.02))
    assert TOLERANCES["over"] == pytest.approx((0.98, 1.275))
    assert TOLERANCES["up_to"] == pytest.approx((0.0, 1.02))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025-06", "2025-06-01", "2025-06-30"),
        ("2025-W25", "2025-06-16", "2025-06-22"),
        ("2025-06-01/2025-06-15", "2025-06-01", "2025-06-15"),
        ("2025-06-17", "2025-06-17", "2025-06-17"),
    ],
)
def test_claim_periods(text: str, start: str, end: str) -> None:
    assert claim_period(text) == (pd.Timestamp(start), pd.Timestamp(end))
    assert claim_period(pd.Period("2025-06", "M")) == claim_period("2025-06")


def test_the_june_2025_statement_against_the_bundled_data() -> None:
    missiles = check_claim("missiles", "2025-06", 330, qualifier="over")
    assert missiles.counted == 240 and (missiles.low, missiles.high) == (233, 249)
    assert (missiles.verdict, missiles.direction) == ("inconsistent", "claim above the count")
    ballistic = check_claim("ballistic_missiles", "2025-06", 80, qualifier="nearly")
    assert ballistic.verdict == "inconsistent" and ballistic.claim_low == pytest.approx(72.0)
    drones = check_claim("drones", "2025-06", 5000, qualifier="over")
    assert drones.verdict == "consistent" and drones.low <= 5000 * 1.25
    glide = check_claim("glide_bombs", "2025-06", 5000, qualifier="about")
    assert glide.verdict == "not checkable" and pd.isna(glide.counted)
    assert "glide bombs" in glide.reason
    assert "not a confidence interval" in glide.summary()


def test_the_sensitivity_range_spans_dating_and_scope() -> None:
    events = make_events(
        {"start": "2025-05-31 20:00", "end": "2025-06-01 05:00", "launched": 100},
        {"start": "2025-06-30 20:00", "end": "2025-07-01 05:00", "launched": 40},
        {
            "start": "2025-06-15 10:00",
            "end": "2025-06-15 12:00",
            "command": "PvKPivden",
            "launched": 7,
        },
    )
    r = check_claim("drones", "2025-06", 100, events=events)
    assert r.counted == 100 and (r.low, r.high) == (40, 107)
    assert r.verdict == "consistent"
    below = check_claim("drones", "2025-06", 30, qualifier="up_to", events=events)
    assert below.direction == "claim below the count"


def test_claims_table_gives_every_claim_a_verdict() -> None:
    table = claims_table()
    assert set(table["verdict"]) <= {"consistent", "inconsistent", "not checkable"}
    early = table.loc[table["period_start"] < pd.Timestamp("2022-09-28")]
    assert (early["verdict"] == "not checkable").all()
    assert early["reason"].str.contains("not covered").all()
    june = claims_table("2025-06")
    assert set(june["measure"]) == {"missiles", "ballistic_missiles", "drones", "glide_bombs"}


def test_daily_tables_count_by_the_end_of_the_window_only() -> None:
    from aidstats import datasets

    daily = datasets.load("strikes_daily")
    claims = pd.DataFrame(
        {
            "statement_id": ["x"],
            "measure": ["missiles"],
            "period_start": [pd.Timestamp("2025-06-01")],
            "period_end": [pd.Timestamp("2025-06-30")],
        }
    )
    out = computed_for_claims(daily, claims)
    assert out["computed"].item() == 240 and out["computed_high"].item() >= 240
    with pytest.raises(ValueError, match="end of the window"):
        computed_for_claims(daily, claims, date_by="start")


def test_a_period_the_data_do_not_cover_has_no_count() -> None:
    """It read '0 counted' beside the 'not checkable' verdict."""
    r = check_claim("ballistic_missiles", "2030-01", 80)
    assert r.verdict == "not checkable" and "not covered by the data" in r.reason
    assert pd.isna(r.counted) and pd.isna(r.estimate) and pd.isna(r.low) and pd.isna(r.high)
    # Nor does anything computed from a count stand: the table's difference still told it.
    table = claims_table()
    uncovered = table[table["reason"].str.contains("not covered by the data")]
    assert len(uncovered) >= 5
    derived = ["computed", "computed_low", "computed_high", "difference", "ratio", "lower", "upper"]
    assert uncovered[derived].isna().all().all() and uncovered["consistent"].isna().all()


@pytest.mark.parametrize("value", [-5, float("nan"), float("inf")])
def test_a_claimed_figure_must_be_a_number_of_zero_or_more(value: float) -> None:
    with pytest.raises(ValueError, match="the claimed figure must be a number of 0 or more"):
        check_claim("drones", "2025-06", value)
