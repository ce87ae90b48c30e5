"""Public helpers of aidstats.plots: save and close, date marks, volume groups; freq and time vocabulary."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from aidstats import aid, datasets, plots, stats  # noqa: E402
from aidstats._core.vocab import CLASS_VOLUME, group_of  # noqa: E402
from aidstats._draw.prep import MEASURE_VOLUME  # noqa: E402
from aidstats.errors import DataValidationError  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _time_axes():
    fig, ax = plt.subplots()
    ax.plot(pd.date_range("2024-01-01", "2025-12-01", freq="MS"), np.arange(24))
    return ax


# --------------------------------------------------------------------------- save_figure(close=True)


def test_save_figure_takes_an_axes_and_closes_the_figure(tmp_path):
    ax = plots.plot_aid_channels(datasets.load("aid_channels"))
    written = plots.save_figure(ax, tmp_path / "channels", close=True)
    assert [p.name for p in written] == ["channels.png", "channels.pdf"]
    assert plt.get_fignums() == []


def test_save_figure_keeps_the_figure_open_by_default(tmp_path):
    ax = plots.plot_aid_channels(datasets.load("aid_channels"))
    plots.save_figure(ax.figure, tmp_path / "channels", formats=("png",))
    assert plt.get_fignums() == [ax.figure.number]


# --------------------------------------------------------------------------- mark_dates


def test_mark_dates_from_a_mapping_labels_each_line():
    ax = plots.mark_dates(
        _time_axes(), {"2025-01-01": "US administration change", "2024-07-01": "pause"}
    )
    assert [t.get_text() for t in ax.texts] == ["pause", "US administration change"]
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert [pd.Timestamp(ln.get_xdata()[0]) for ln in dashed] == [
        pd.Timestamp("2024-07-01"),
        pd.Timestamp("2025-01-01"),
    ]


def test_mark_dates_lines_only_and_outside_marks_left_out():
    ax = plots.mark_dates(_time_axes(), ["2024-03-01", "2030-01-01"], labels=False)
    assert len(ax.texts) == 0
    assert len([ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]) == 1


def test_mark_dates_at_the_top_hang_from_the_top():
    ax = plots.mark_dates(_time_axes(), {"2025-01-01": "change"}, position="top")
    (label,) = ax.texts
    assert label.xy[1] == 0.98 and label.get_va() == "top"


def test_mark_dates_reads_the_reporting_regimes_table():
    ax = _time_axes()
    ax.set_xlim(pd.Timestamp("2024-05-01"), pd.Timestamp("2025-10-01"))
    plots.mark_dates(ax, datasets.load("reporting_regimes"))
    # Each reporting change says what changed, not its code name.
    assert sorted(t.get_text() for t in ax.texts) == [
        "EW losses no longer reported from Aug 2025",
        "EW losses reported from Jul 2024",
        "decoys split out from mid-Jul 2025",
    ]


def test_mark_dates_refuses_a_bare_string_and_an_unknown_position():
    with pytest.raises(DataValidationError):
        plots.mark_dates(_time_axes(), "2025-01-01")
    with pytest.raises(DataValidationError, match="position"):
        plots.mark_dates(_time_axes(), {"2025-01-01": "x"}, position="middle")


# --------------------------------------------------------------------------- volume_groups


def test_volume_groups_by_weapon_group_add_up_to_the_columns():
    volume = datasets.load("strike_volume_monthly")
    groups = plots.volume_groups(volume)
    assert list(groups.columns) == ["missile", "drone", "other", "glide_bomb"]
    assert groups.index.name == "month"
    v = volume.set_index("month")
    missiles = v[["missiles_cruise", "missiles_ballistic", "missiles_mixed", "missiles_other"]].sum(
        axis=1
    )
    assert groups["other"].to_numpy() == pytest.approx(v["unclassified"].to_numpy())
    drones = v[["drones_attack", "drones_decoy_or_unknown", "drones_reconnaissance"]].sum(axis=1)
    assert groups["missile"].to_numpy() == pytest.approx(missiles.to_numpy())
    assert groups["drone"].to_numpy() == pytest.approx(drones.to_numpy())
    assert groups["glide_bomb"].isna().sum() == v["glide_bombs"].isna().sum()


def test_volume_groups_by_measure_count_what_statements_count():
    volume = datasets.load("strike_volume_monthly")
    measures = plots.volume_groups(volume, by="measure")
    v = volume.set_index("month")
    assert measures["drones"].to_numpy() == pytest.approx(
        (v["drones_attack"] + v["drones_decoy_or_unknown"]).to_numpy()
    )
    assert measures["ballistic_missiles"].to_numpy() == pytest.approx(
        v["missiles_ballistic"].to_numpy()
    )


def test_measure_columns_follow_the_classes_of_stats_measures():
    for measure, (kind, keys) in stats.MEASURES.items():
        if measure == "glide_bombs":
            continue
        classes = [
            c for c in CLASS_VOLUME if (group_of(c) if kind == "weapon_group" else c) in keys
        ]
        assert set(MEASURE_VOLUME[measure]) == {CLASS_VOLUME[c] for c in classes}, measure


def test_volume_groups_refuses_an_unknown_grouping():
    with pytest.raises(DataValidationError, match="by must be"):
        plots.volume_groups(datasets.load("strike_volume_monthly"), by="class")


# --------------------------------------------------------------------------- freq and time


def test_freq_codes_and_words_draw_the_same_bars():
    monthly = datasets.load("aid_monthly")
    words = plots.plot_aid_over_time(monthly, freq="quarter")
    codes = plots.plot_aid_over_time(monthly, freq="Q")
    assert [p.get_height() for p in words.patches] == [p.get_height() for p in codes.patches]
    assert codes.get_ylabel() == "EUR bn per quarter (allocations, nominal)"


def test_unknown_freq_is_a_clear_error():
    with pytest.raises(DataValidationError, match="freq must be"):
        plots.plot_aid_over_time(datasets.load("aid_monthly"), freq="fortnight")


def test_aid_tables_with_a_period_column_are_drawn():
    table = aid.aggregate("category", period="month", data=datasets.load("aid_monthly"))
    ax = plots.plot_aid_over_time(table, freq="year")
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(float(table["eur_bn"].sum()))
    channels = datasets.load("aid_channels").rename(columns={"month": "period"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plots.plot_aid_channels(channels, time="period")
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(float(channels["eur_bn"].sum()))
