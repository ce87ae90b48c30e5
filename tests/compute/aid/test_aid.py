"""Aid aggregation on the bundled Kiel Support Tracker tables (Release 29), frame first."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats import aid, datasets

TOTAL_EUR_BN = 358.399501  # all donors, all categories, 2022-01..2026-04
MILITARY_EUR_BN = 172.992996

pytestmark = pytest.mark.filterwarnings("error::DeprecationWarning")


@pytest.fixture(scope="module")
def monthly() -> pd.DataFrame:
    return datasets.load("aid_monthly")


def test_aggregations_conserve_the_total(monthly: pd.DataFrame) -> None:
    assert aid.aggregate(monthly, "donor")["eur_bn"].sum() == pytest.approx(TOTAL_EUR_BN, abs=1e-6)
    quarterly = aid.aggregate(monthly, ["donor", "category"], freq="quarter")
    assert quarterly["eur_bn"].sum() == pytest.approx(TOTAL_EUR_BN, abs=1e-6)
    mil = aid.aggregate(monthly, "category", category="military")
    assert mil["eur_bn"].item() == pytest.approx(MILITARY_EUR_BN, abs=1e-6)
    by_year = aid.aggregate(monthly, "category", freq="year")
    assert by_year["period"].dt.year.unique().tolist() == [2022, 2023, 2024, 2025, 2026]
    assert by_year["period"].dtype == "datetime64[ns]"
    top = aid.top_n(aid.aggregate(monthly, "donor", freq="year"), 5)
    assert top["eur_bn"].sum() == pytest.approx(TOTAL_EUR_BN, abs=1e-6)
    assert top.groupby("period")["donor"].nunique().max() == 6
    total = aid.aggregate(monthly, [])
    assert total["eur_bn"].item() == pytest.approx(TOTAL_EUR_BN, abs=1e-6)
    channels = aid.by_channel(datasets.load("aid_channels"))
    assert channels["eur_bn"].sum() == pytest.approx(168.046805, abs=1e-5)


@pytest.mark.parametrize(("word", "code"), [("month", "M"), ("quarter", "Q"), ("year", "Y")])
def test_freq_accepts_codes_and_words_alike(monthly: pd.DataFrame, word: str, code: str) -> None:
    pd.testing.assert_frame_equal(
        aid.aggregate(monthly, "category", freq=word), aid.aggregate(monthly, "category", freq=code)
    )
    with pytest.raises(ValueError, match="freq must be one of"):
        aid.aggregate(monthly, "category", freq="week")


def test_groups_use_membership_as_of_the_month(monthly: pd.DataFrame) -> None:
    groups = datasets.load("donor_groups")
    assert (groups["group"] == "EU27").sum() == 27
    nato = aid.by_group(monthly, "NATO", category="military", freq="month")
    per_month = aid.aggregate(monthly, ["iso3"], freq="month", category="military")
    swe = per_month.query("iso3 == 'SWE'")
    swe_before = swe.loc[swe["period"] < pd.Timestamp("2024-04-01"), "eur_bn"].sum()
    assert swe_before > 0
    members = groups.loc[groups["group"] == "NATO", "iso3"]
    raw = aid.aggregate(monthly, ["iso3"], category="military")
    always = raw.loc[raw["iso3"].isin(members), "eur_bn"].sum()
    fin = per_month.query("iso3 == 'FIN' and period < '2023-05-01'")["eur_bn"].sum()
    # Finland counts from May 2023 (joined 4 April 2023), Sweden from April 2024
    assert nato["eur_bn"].sum() == pytest.approx(always - swe_before - fin, abs=1e-9)
    g7 = aid.by_group(monthly, "G7")
    assert g7["n_donors"].item() == 7
    with pytest.raises(ValueError, match="unknown donor group"):
        aid.by_group(monthly, "G20")


def test_default_membership_is_the_bundled_table(monthly: pd.DataFrame) -> None:
    given = aid.by_group(monthly, freq="quarter", membership=datasets.load("donor_groups"))
    pd.testing.assert_frame_equal(aid.by_group(monthly, freq="quarter"), given)
    assert sorted(given["group"].unique()) == sorted(
        datasets.load("donor_groups")["group"].unique()
    )


def test_pct_gdp_is_missing_never_infinite() -> None:
    donors = datasets.load("aid_donor_monthly")
    g = aid.pct_gdp(donors)
    assert np.isfinite(g["pct_gdp"].dropna()).all()
    eu = g.loc[g["iso3"] == "EU"].iloc[0]
    assert np.isnan(eu["pct_gdp"]) and eu["gdp_note"] == "GDP unknown"
    dnk = g.loc[g["iso3"] == "DNK"].iloc[0]
    assert dnk["pct_gdp"] == pytest.approx(100 * 11.025390 / 336.763083, rel=1e-6)
    assert aid.pct_gdp(donors.assign(gdp_eur_bn=0.0))["pct_gdp"].isna().all()


def test_cumulative_shares_and_share_over_time(monthly: pd.DataFrame) -> None:
    yearly = aid.aggregate(monthly, "category", freq="year")
    cum = aid.cumulative(yearly, by="category")
    last = cum.groupby("category")["cumulative"].last()
    assert last.sum() == pytest.approx(TOTAL_EUR_BN, abs=1e-6)
    sh = aid.shares(yearly, within="period")
    assert sh.groupby("period")["share"].sum().to_numpy() == pytest.approx(np.ones(5))
    us = aid.share_over_time(monthly, "USA", freq="year")
    assert us["share"].between(0, 1).all()
    assert (us["donor_eur_bn"] / us["total_eur_bn"]).to_numpy() == pytest.approx(
        us["share"].to_numpy()
    )
    by_name = aid.share_over_time(monthly, "United States", freq="year")
    assert by_name["share"].equals(us["share"])
    with pytest.raises(ValueError, match="no donor 'Atlantis'"):
        aid.share_over_time(monthly, "Atlantis")


def test_share_over_time_marks_zero_totals() -> None:
    frame = pd.DataFrame(
        {
            "donor": ["A", "B", "A"],
            "iso3": ["AAA", "BBB", "AAA"],
            "category": "military",
            "month": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01"]),
            "eur_bn": [1.0, 3.0, 0.0],
        }
    )
    out = aid.share_over_time(frame, "AAA")
    assert out["share"].iloc[0] == 0.25 and np.isnan(out["share"].iloc[1])
    assert out.attrs["zero_totals"] == [pd.Timestamp("2024-02-01")]


def test_us_share_of_military_aid_before_and_after_january_2025(monthly: pd.DataFrame) -> None:
    r = aid.share_before_after(monthly, "USA", "military", "2025-01")
    # Kiel R29: US military allocations 64.134bn of 125.680bn in 2022-01..2024-12,
    # 0.483bn of 47.313bn in 2025-01..2026-04
    assert r.donor_before_eur_bn == pytest.approx(64.133968, abs=1e-6)
    assert r.total_before_eur_bn == pytest.approx(125.680093, abs=1e-6)
    assert r.donor_after_eur_bn == pytest.approx(0.482918, abs=1e-6)
    assert r.total_after_eur_bn == pytest.approx(47.312903, abs=1e-6)
    assert r.share_before == pytest.approx(0.5102953575949375, rel=1e-9)
    assert r.share_after == pytest.approx(0.010206898528293646, rel=1e-9)
    assert r.estimate == pytest.approx(0.010206898528293646 - 0.5102953575949375, rel=1e-9)
    assert (r.months_before, r.months_after) == (36, 16)
    # seeded month bootstrap: reproducible percentile intervals
    assert r.share_before_low == pytest.approx(0.4211401188043854, rel=1e-9)
    assert r.share_before_high == pytest.approx(0.586227957430326, rel=1e-9)
    assert (r.low, r.high) == pytest.approx((-0.5785728168249156, -0.40699256703381964), rel=1e-9)
    plain = aid.share_before_after(monthly, "USA", "military", "2025-01", interval="none")
    assert plain.low is None and plain.share_before == r.share_before
    short = aid.share_before_after(
        monthly, "USA", at="2025-01", before=12, after=6, interval="none"
    )
    assert (short.months_before, short.months_after) == (12, 6)
    with pytest.raises(ValueError, match="interval must be"):
        aid.share_before_after(monthly, interval="jackknife")  # type: ignore[arg-type]


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "D"]),
            st.sampled_from(["military", "financial"]),
            st.integers(0, 5),
            st.floats(0, 50),
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 3),
)
def test_property_aggregation_conserves_totals(
    rows: list[tuple[str, str, int, float]], n: int
) -> None:
    months = pd.date_range("2024-01-01", periods=6, freq="MS")
    frame = pd.DataFrame(
        [
            {"donor": d, "iso3": d * 3, "category": c, "month": months[m], "eur_bn": v}
            for d, c, m, v in rows
        ]
    )
    total = frame["eur_bn"].sum()
    for by in ("donor", "category", ["donor", "category"]):
        assert aid.aggregate(frame, by, freq="quarter")["eur_bn"].sum() == pytest.approx(total)
    top = aid.top_n(aid.aggregate(frame, "donor"), n)
    assert top["eur_bn"].sum() == pytest.approx(total)
    # adding a month with zero allocations changes no total and no share
    extra = pd.DataFrame(
        {
            "donor": ["A"],
            "iso3": ["AAA"],
            "category": ["military"],
            "month": [pd.Timestamp("2024-07-01")],
            "eur_bn": [0.0],
        }
    )
    more = pd.concat([frame, extra], ignore_index=True)
    a = aid.aggregate(frame, "donor").set_index("donor")["eur_bn"]
    b = aid.aggregate(more, "donor").set_index("donor")["eur_bn"]
    assert b.reindex(a.index).to_numpy() == pytest.approx(a.to_numpy())


def test_monthly_aggregate_has_every_month_so_quiet_months_count(monthly: pd.DataFrame) -> None:
    dense = aid.aggregate(monthly, "iso3", category="military", freq="month")
    sparse = aid.aggregate(monthly, "iso3", category="military", freq="month", fill_grid=False)
    assert dense["eur_bn"].sum() == pytest.approx(sparse["eur_bn"].sum(), abs=1e-12)
    usa = dense[dense["iso3"] == "USA"]
    assert len(usa) == 52  # 2022-01 .. 2026-04, zeros where the tracker lists nothing
    assert len(sparse[sparse["iso3"] == "USA"]) < 52


def test_complete_is_renamed_fill_grid_with_a_warning(monthly: pd.DataFrame) -> None:
    with pytest.warns(DeprecationWarning, match="fill_grid"):
        old = aid.aggregate(monthly, "category", freq="month", complete=False)
    pd.testing.assert_frame_equal(
        old, aid.aggregate(monthly, "category", freq="month", fill_grid=False)
    )


def test_years_and_quarters_say_whether_the_release_covers_them(monthly: pd.DataFrame) -> None:
    """The release ends inside 2026: that year (and its last quarter) is partial, never a full year."""
    last = pd.Timestamp(monthly["month"].max())
    yearly = aid.aggregate(monthly, "category", freq="year")
    assert not yearly.loc[yearly["period"] == pd.Timestamp(last.year, 1, 1), "complete"].any()
    assert yearly.loc[yearly["period"] < pd.Timestamp(last.year, 1, 1), "complete"].all()
    monthly_totals = aid.aggregate(monthly, "category", freq="month")
    assert monthly_totals["complete"].all()  # every month of the data is a whole month of it
