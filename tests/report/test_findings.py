"""Key findings: sentences computed from the report's tables, each number traceable to a table row."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from aidstats._core.messages import number  # noqa: E402
from aidstats._report.findings import (  # noqa: E402
    drone_trend,
    extra_tables,
    findings_table,
    key_findings,
    neutralised,
    us_share,
)
from aidstats.report import ReportContext, figure_specs  # noqa: E402

USED = (
    "01_strike_volume",
    "03_interception_rate",
    "04_largest_salvos",
    "05_drone_trend",
    "12_claims_vs_counts",
)


def _tables(context: ReportContext) -> dict[str, pd.DataFrame]:
    tables = {}
    for spec in figure_specs(context.lang):
        if spec.name in USED:
            fig, tables[spec.name] = spec.draw(context)
            plt.close(fig)
    return {**tables, **extra_tables(context)}


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return _tables(ReportContext())


@pytest.mark.slow
def test_findings_come_from_the_tables_and_name_their_period(
    tables: dict[str, pd.DataFrame],
) -> None:
    findings = key_findings(tables, ReportContext())
    assert 6 <= len(findings) <= 10
    keys = [f.key for f in findings]
    assert keys[:4] == ["strike_volume", "missile_volume", "drone_volume", "largest_salvo"]
    assert {"neutralised_share", "drone_trend", "us_military_aid_share", "official_claims"} <= set(
        keys
    )
    volume = tables["01_strike_volume"].set_index("month")
    may = volume.loc[pd.Timestamp("2026-05-01")]
    total = sum(may[c] for c in ("missiles_cruise", "missiles_ballistic", "missiles_other", "drones_attack",
                                 "drones_decoy_or_unknown", "drones_reconnaissance"))  # fmt: skip
    assert findings[0].sentence.startswith(
        f"May 2026: the Air Force reports counted {number(total)} "
    )
    assert "May 2025" in findings[0].sentence
    # Every number is the cell of the row it names.
    for finding in findings:
        for item in finding.evidence:
            if item.table.endswith("01_strike_volume.csv") and item.row.startswith("month="):
                month = pd.Timestamp(item.row.split("=")[1] + "-01")
                if item.quantity in volume.columns:
                    assert volume.at[month, item.quantity] == item.value
    table = findings_table(findings)
    assert list(table.columns) == [
        "finding",
        "key",
        "sentence",
        "quantity",
        "value",
        "table",
        "row",
    ]
    assert table["finding"].nunique() == len(findings)


@pytest.mark.slow
def test_weak_evidence_is_said_in_words(tables: dict[str, pd.DataFrame]) -> None:
    findings = {f.key: f.sentence for f in key_findings(tables, ReportContext())}
    # Locationally lost stopped being reported in Aug 2025: May 2026 does not compare with May 2025.
    assert (
        "A comparison with May 2025 would mislead (EW losses no longer reported from Aug 2025)"
        in findings["neutralised_share"]
    )
    assert "Against August 2025," in findings["neutralised_share"]
    # Decoys are split from mid-July 2025 only.
    assert "decoys split out from mid-Jul 2025" in findings["drone_volume"]
    # The last year is partial.
    assert "part of the year" in findings["us_military_aid_share"]
    assert "cannot be checked: the reports do not count glide bombs" in findings["official_claims"]


def _trend(pct: float, low: float, high: float, months: int) -> dict[str, pd.DataFrame]:
    start = pd.Timestamp("2025-01-01")
    table = pd.DataFrame(
        {
            "month": pd.date_range(start, periods=months, freq="MS"),
            "segment": 2,
            "segment_start": start,
            "pct_per_month": pct,
            "pct_per_month_low": low,
            "pct_per_month_high": high,
        }
    )
    return {"05_drone_trend": table}


def test_a_trend_whose_interval_holds_zero_is_no_clear_trend() -> None:
    (finding,) = drone_trend(_trend(1.0, -2.0, 4.0, 12), ReportContext())
    assert (
        "show no clear trend: +1.0% a month, with a 95% interval from −2.0% to +4.0%"
        in finding.sentence
    )
    (rising,) = drone_trend(_trend(3.2, 0.8, 5.7, 12), ReportContext())
    assert "grew by 3.2% a month over January – December 2025" in rising.sentence


def test_a_short_segment_is_read_with_care() -> None:
    (finding,) = drone_trend(_trend(10.0, 5.0, 15.0, 4), ReportContext())
    assert "only 4 months long" in finding.sentence


def test_a_wide_interval_is_said() -> None:
    months = pd.to_datetime(["2023-05-01", "2024-05-01"])  # no reporting change in between
    table = pd.DataFrame(
        {
            "month": months, "weapon_group": "missile", "successes": [10, 12], "trials": [20, 18],
            "estimate": [0.5, 0.667], "low": [0.3, 0.44], "high": [0.7, 0.84], "alpha": 0.05,
        }
    )  # fmt: skip
    (finding,) = neutralised({"03_interception_rate": table}, ReportContext())
    assert "The interval for missiles is wide" in finding.sentence
    assert "shows no clear change" in finding.sentence


@pytest.mark.slow
def test_findings_in_ukrainian() -> None:
    context = ReportContext(lang="uk")
    findings = key_findings(_tables(context), context)
    assert findings[0].sentence.startswith("За травень 2026 звіти Повітряних сил зафіксували")
    assert "10\u202f041" in findings[0].sentence
    assert all("{" not in f.sentence for f in findings)


def test_month_against_month_allows_for_the_clusters(tables: dict[str, pd.DataFrame]) -> None:
    """May 2026 against August 2025: with the months' design effects, not four bare counts.

    Counted as independent trials the drones' rise read 7.1 to 9.7 points and the missiles' fall
    was "significant"; with the clusters the table found, the interval is several times wider.
    """
    from aidstats._report.strike_findings import _clustered_comparison
    from aidstats.stats import compare_rates

    rates = tables["03_interception_rate"]
    drones = rates.loc[rates["weapon_group"] == "drone"].set_index("month")
    now, then = drones.loc[pd.Timestamp("2026-05-01")], drones.loc[pd.Timestamp("2025-08-01")]
    clustered = _clustered_comparison(now, then)
    plain = compare_rates(now["successes"], now["trials"], then["successes"], then["trials"])
    assert clustered.estimate == pytest.approx(plain.estimate)
    assert clustered.high - clustered.low > 3 * (plain.high - plain.low)
    assert "day design effects" in clustered.method


def test_a_period_without_us_allocations_gives_a_us_share_of_nothing() -> None:
    """From June 2025 the tracker records no US allocation: a share of 0 for the months shown,
    not 'no donor United States' (which failed the whole report)."""
    context = ReportContext(start=pd.Timestamp("2025-06-01"))
    table = extra_tables(context)["military_aid_us_share"]
    assert table["share"].tolist() == [0.0, 0.0] and (table["total_eur_bn"] > 0).all()
    assert table["first_month"].tolist() == [pd.Timestamp("2025-06-01"), pd.Timestamp("2026-01-01")]
    (finding,) = us_share({"military_aid_us_share": table}, context)
    assert "0% in June – December 2025 (part of the year)" in finding.sentence


def test_the_us_share_of_a_period_without_aid_data_is_no_finding() -> None:
    context = ReportContext(start=pd.Timestamp("2026-06-01"))  # the aid data end in April 2026
    table = extra_tables(context)["military_aid_us_share"]
    assert table.empty and us_share({"military_aid_us_share": table}, context) == []


def test_a_misspelt_donor_is_still_an_error() -> None:
    from aidstats import aid, datasets

    monthly = datasets.load("aid_monthly")
    with pytest.raises(ValueError, match="no donor 'Untied States'"):
        aid.share_over_time(monthly, "Untied States", freq="year")
    without = monthly[monthly["donor"] != "United States"]
    zero = aid.share_over_time(without, "United States", freq="year", absent="zero")
    assert (zero["share"] == 0).all() and (zero["total_eur_bn"] > 0).all()
