"""Cumulative aid by donor group: the figure applies the one membership rule that aid.by_group applies."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from aidstats import aid, datasets, plots  # noqa: E402
from aidstats.errors import DataValidationError  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _line_ends(ax) -> dict[str, float]:
    return {line.get_label(): float(line.get_ydata()[-1]) for line in ax.get_lines()}


def test_nato_line_counts_finland_and_sweden_only_after_they_joined():
    # Regression: the plot once merged donors with groups without accession dates, so NATO ended at
    # EUR 257.8bn against 253.4bn from aid.by_group (Finland and Sweden counted before they joined).
    monthly = datasets.load("aid_monthly")
    ax = plots.plot_cumulative_aid(monthly, by="group", include=["NATO"])
    expected = float(aid.by_group("NATO", data=monthly)["eur_bn"].sum())
    assert _line_ends(ax)["NATO"] == pytest.approx(expected, rel=1e-12)
    assert round(expected, 1) == 253.4


def test_every_group_line_ends_at_the_by_group_total():
    monthly = datasets.load("aid_monthly")
    ax = plots.plot_cumulative_aid(monthly, by="group")
    totals = aid.by_group(data=monthly).set_index("group")["eur_bn"]
    ends = {name.split(" (same as")[0]: value for name, value in _line_ends(ax).items()}
    labels = {
        "EU27 and EU institutions": "EU_institutions_and_members",
        "Nordic-Baltic 8": "Nordic_Baltic_8",
    }
    for label, value in ends.items():
        assert value == pytest.approx(float(totals[labels.get(label, label)]), rel=1e-12), label


def test_a_member_counts_from_the_first_month_after_it_joined():
    months = pd.to_datetime(["2024-02-01", "2024-03-01", "2024-04-01"])
    frame = pd.DataFrame(
        {"donor": "Sweden", "iso3": "SWE", "month": months, "eur_bn": [1.0, 2.0, 4.0]}
    )
    ax = plots.plot_cumulative_aid(frame, by="group", include=["NATO", "EU27"])
    ends = _line_ends(ax)
    assert ends == {"EU27": 7.0, "NATO": 4.0}  # joined NATO on 7 March 2024: counts from April


def test_membership_table_without_dates_counts_members_always():
    months = pd.to_datetime(["2024-02-01", "2024-04-01"])
    frame = pd.DataFrame({"donor": "Sweden", "iso3": "SWE", "month": months, "eur_bn": [1.0, 2.0]})
    groups = pd.DataFrame({"group": ["Friends"], "iso3": ["SWE"]})
    ax = plots.plot_cumulative_aid(frame, by="group", groups=groups)
    assert _line_ends(ax) == {"Friends": 3.0}


def test_a_by_group_table_is_drawn_as_it_is():
    monthly = datasets.load("aid_monthly")
    table = aid.by_group(["G7", "NATO"], period="month", data=monthly)
    ax = plots.plot_cumulative_aid(table, by="group")
    line = {line.get_label(): line for line in ax.get_lines()}["NATO"]
    nato = table.loc[table["group"] == "NATO", "eur_bn"].cumsum().to_numpy()
    assert list(line.get_ydata()) == pytest.approx(list(nato), rel=1e-12)


def test_unknown_group_is_a_clear_error():
    with pytest.raises(DataValidationError, match="unknown group"):
        plots.plot_cumulative_aid(datasets.load("aid_monthly"), by="group", include=["Atlantis"])
