"""Tests of aidstats.plots: what each figure shows, the house style, errors, deterministic saving."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

from aidstats._compute.tables import top_labels

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from aidstats import datasets, plots  # noqa: E402
from aidstats._core import vocab  # noqa: E402
from aidstats._draw import footer as _footer  # noqa: E402
from aidstats.errors import (  # noqa: E402
    DataValidationError,
    InsufficientDataError,
    OutputPathError,
)

KIEL = "Source: Kiel Institute Ukraine Support Tracker R29"
AIR_FORCE = "Ukrainian Air Force reports via P. Ivaniuk"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def footer(ax) -> str:
    texts = [t.get_text() for t in ax.figure.texts if t.get_gid() == _footer.SOURCE_GID]
    assert len(texts) == 1, "exactly one source line per figure"
    return " ".join(texts[0].split())  # the footer wraps to the figure's width


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def bands(ax) -> list[PolyCollection]:
    return [c for c in ax.collections if isinstance(c, PolyCollection)]


# --------------------------------------------------------------------------- synthetic frames


MONTHS = pd.date_range("2024-01-01", periods=6, freq="MS")


def rates_frame() -> pd.DataFrame:
    est = np.array([0.55, 0.57, 0.60, 0.58, 0.84, 0.86])
    one = pd.DataFrame(
        {"period": MONTHS, "definition": "destroyed_share", "estimate": est,
         "low": est - 0.03, "high": est + 0.03, "alpha": 0.05}
    )  # fmt: skip
    two = one.assign(definition="neutralised_share", estimate=0.86, low=0.83, high=0.89)
    return pd.concat([one, two], ignore_index=True)


def salvos_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "time_end": pd.to_datetime(
                ["2024-01-02", "2024-02-10", "2024-03-05", "2024-05-01", "2024-06-30"]
            ),
            "launched": [100.0, 500.0, 50.0, 800.0, 20.0],
            "launched_missile": [10.0, 450.0, 0.0, 100.0, 20.0],
            "launched_drone": [90.0, 50.0, 50.0, 700.0, 0.0],
            "launched_glide_bomb": 0.0,
            "launched_other": 0.0,
        }
    )


def reconciliation_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "statement_id": [1, 2, 3, 4],
            "measure": ["missiles", "drones", "drones", "glide_bombs"],
            "claimed": [330.0, 5000.0, 1300.0, 3000.0],
            "computed": [352.0, 5300.0, 800.0, np.nan],
            "qualifier": ["over", "about", "nearly", "over"],
            "consistent": pd.array([True, True, False, pd.NA], dtype="boolean"),
        }
    )


# --------------------------------------------------------------------------- strikes


def test_strike_volume_wide_splits_missiles_and_puts_glide_bombs_in_own_panel():
    vol = datasets.load("strike_volume_monthly")
    ax = plots.plot_strike_volume(vol)
    assert legend_texts(ax) == [
        "Reconnaissance drones", "Decoy or unknown drones", "Attack drones",
        "Other missiles", "Mixed missiles", "Ballistic missiles", "Cruise missiles",
    ]  # fmt: skip
    assert ax.get_ylabel() == "Launched per month (number)"
    assert ax.get_ylim()[0] == 0
    glide_ax = ax.figure.axes[1]
    assert len(glide_ax.patches) == int(vol["glide_bombs"].notna().sum()) == 19
    # Full-month statements and weekly estimates are told apart; the range is drawn.
    assert legend_texts(glide_ax) == [
        "Full-month statement", "Estimate from weekly statements", "Range",
    ]  # fmt: skip
    weekly = (
        vol["glide_bombs_source"].astype("string").str.startswith("weekly_estimate").fillna(False)
    )
    (full, estimated) = glide_ax.containers
    assert len(estimated) == int(weekly.sum()) and len(full) == 19 - int(weekly.sum())
    # The value axis has room above the tallest month (May 2026 tops 10,000).
    assert ax.get_ylim()[1] > 1.05 * float(vol[list(vocab.AIR_FORCE_VOLUME)].sum(axis=1).max())
    text = footer(ax)
    assert text.startswith("Source: ") and AIR_FORCE in text
    assert "claimed in official statements" in text
    # The stack's heights add up to the Air Force columns of the month.
    top_month = vol.loc[vol["month"] == pd.Timestamp("2025-07-01")]
    expected = float(top_month[list(vocab.AIR_FORCE_VOLUME)].sum(axis=1).iloc[0])
    heights = [
        p.get_height() for p in ax.patches
        if abs(p.get_x() + p.get_width() / 2 - matplotlib.dates.date2num(pd.Timestamp("2025-07-16"))) < 2
    ]  # fmt: skip
    assert sum(heights) == pytest.approx(expected)


def test_strike_volume_on_given_ax_draws_glide_bombs_as_marked_line():
    fig, ax = plt.subplots()
    out = plots.plot_strike_volume(datasets.load("strike_volume_monthly"), ax=ax)
    assert out is ax and len(fig.axes) == 1
    line_labels = [line.get_label() for line in ax.get_lines()]
    assert line_labels == ["Glide bombs (claimed in official statements; not stacked)"]


def test_strike_volume_long_by_group():
    sm = datasets.load("strikes_monthly")
    nat = sm[sm["scope"] == "national"]
    ax = plots.plot_strike_volume(nat)
    assert legend_texts(ax) == ["Glide bombs", "Drones", "Missiles"]
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(
        float(nat["launched"].sum()), rel=1e-12
    )
    # 108,453 before five rows whose source is a full https://t.me/kpszsu/ URL (251 launched)
    # counted as national reports.
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(108_453.0 + 251)


def test_interception_rate_band_limits_and_regimes():
    from aidstats import strikes

    ax = plots.plot_interception_rate(rates_frame(), by="definition", regimes=strikes.regimes())
    assert len(bands(ax)) == 2
    assert ax.get_ylim()[0] == 0.0 and 1.0 < ax.get_ylim()[1] < 1.1  # 100% stays inside the frame
    assert list(ax.get_yticks())[-1] == 1.0
    assert ax.get_ylabel() == "Share of launched (%)"
    assert ax.yaxis.get_major_formatter()(0.5, 0) == "50%"
    assert legend_texts(ax) == [
        "Destroyed ÷ launched", "(Destroyed + lost to EW) ÷ launched", "Shaded: 95% interval",
    ]  # fmt: skip
    # Regime changes inside 2024-01..2024-06 + one month: none; use a mapping inside the range.
    ax2 = plots.plot_interception_rate(rates_frame(), by="definition",
                                       regimes={"2024-05-01": "not_reach_goal: zero"})  # fmt: skip
    assert [t.get_text() for t in ax2.texts] == [
        "not_reach_goal: zero"
    ]  # a mapping's labels as given
    assert AIR_FORCE in footer(ax)


def test_interception_rate_marks_changes_from_reporting_regimes_table():
    from aidstats import strikes

    months = pd.date_range("2024-05-01", "2025-10-01", freq="MS")
    est = np.full(len(months), 0.7)
    frame = pd.DataFrame({"period": months, "estimate": est, "low": est - 0.05, "high": est + 0.05})
    ax = plots.plot_interception_rate(frame, regimes=strikes.regimes())
    assert sorted(t.get_text() for t in ax.texts) == [
        "EW losses no longer reported from Aug 2025", "EW losses reported from Jul 2024",
        "decoys split out from mid-Jul 2025",
    ]  # fmt: skip


def test_interception_rate_rejects_percentages():
    bad = rates_frame().assign(estimate=55.0)
    with pytest.raises(DataValidationError, match=r"shares in \[0, 1\]"):
        plots.plot_interception_rate(bad)


def test_weapon_mix_shares_fill_the_axis():
    sm = datasets.load("strikes_monthly")
    ax = plots.plot_weapon_mix(sm[sm["scope"] == "national"])
    assert len(ax.collections) == 12  # one area per weapon class with launches
    assert ax.get_ylim() == (0.0, 1.0)
    assert legend_texts(ax)[-1] == "Cruise missiles"
    assert AIR_FORCE in footer(ax)


def test_salvos_one_dot_per_report_sized_by_volume():
    ax = plots.plot_salvos(salvos_frame(), by="weapon_group", label_top=2)
    offsets = np.concatenate([c.get_offsets() for c in ax.collections])
    assert len(offsets) == 5
    sizes = {
        float(v): float(s)
        for c in ax.collections
        for (_, v), s in zip(c.get_offsets(), c.get_sizes(), strict=True)
    }
    assert sizes[800.0] > sizes[500.0] > sizes[100.0]
    assert [t.get_text() for t in ax.texts] == ["800\n1 May 2024", "500\n10 Feb 2024"]
    assert legend_texts(ax)[:2] == ["Missiles", "Drones"]
    assert ax.get_ylabel() == "Launched in one report (number)"


def test_trend_draws_data_fit_band_and_change_points():
    months = pd.date_range("2024-01-01", periods=6, freq="MS")
    series = pd.Series([100.0, 120, 150, 160, 210, 220], index=months, name="launched")
    fitted = pd.DataFrame({"time": months, "observed": series.to_numpy(),
                           "fitted": [100.0, 125, 150, 175, 200, 225]})  # fmt: skip
    fitted["low"], fitted["high"] = fitted["fitted"] - 10, fitted["fitted"] + 10
    ax = plots.plot_trend(series, fitted, change_points=[pd.Period("2024-04", "M")])
    assert legend_texts(ax) == ["Observed", "Fitted trend", "Trend interval", "Change point"]
    assert len(bands(ax)) == 1
    vline = [line for line in ax.get_lines() if line.get_label() == "Change point"][0]
    assert vline.get_xdata()[0] == pd.Timestamp("2024-04-01")
    assert ax.get_ylabel() == "Launched per month (number)"


def test_trend_accepts_stats_results():
    from aidstats import stats

    sm = datasets.load("strikes_monthly")
    nat = sm[(sm["scope"] == "national") & (sm["weapon_group"] == "drone")]
    series = nat.groupby("month")["launched"].sum().astype(float)
    # PELT (by name) puts breaks in this series; the default tested search finds none at 5%
    breaks = stats.change_points(series, method="pelt", log=True)
    ax = plots.plot_trend(series, stats.trend(series), change_points=breaks)
    assert len(bands(ax)) == 1
    assert "Change point" in legend_texts(ax)


def test_reconciliation_shows_one_labelled_row_per_claim():
    ax = plots.plot_reconciliation(reconciliation_frame(), hue="measure", label="statement_id")
    assert ax.get_xscale() == "log"
    # Every claim that the counts can check is a row that names it as it was made.
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "over 330 missiles", "about 5,000 drones", "nearly 1,300 drones",
    ]  # fmt: skip
    beside = [t.get_text() for t in ax.texts]
    assert beside == ["352 counted · 1", "5,300 counted · 2", "800 counted · 3"]
    texts = legend_texts(ax)
    assert {
        "Count consistent with the claim",
        "Count contradicts the claim",
        "Drones",
        "Missiles",
    } <= set(texts)
    hollow = [
        c
        for c in ax.collections
        if len(c.get_facecolor()) and tuple(c.get_facecolor()[0]) == (1, 1, 1, 1)
    ]
    assert sum(len(c.get_offsets()) for c in hollow) == 1
    assert "Not shown: 1 claim(s)" in footer(ax) and "glide bombs" in footer(ax)


def test_reconciliation_rows_show_the_range_and_the_claim_asked_for():
    table = reconciliation_frame().assign(
        period_start=pd.to_datetime(["2025-06-01", "2025-06-01", "2025-07-01", "2025-06-01"]),
        lower=[330.0, 4500, 1170, 3000], upper=[412.5, 5500, 1300, 3750],
        speaker=["Minister A (post on X)", "Minister A (post on X)", "President B (Telegram)", "X"],
    )  # fmt: skip
    ax = plots.plot_reconciliation(table, highlight="2025-06")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Jun 2025 · over 330 missiles"
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == labels[:2]  # the two June claims that the counts can check
    assert [t.get_text().split(" · ")[1] for t in ax.texts] == [
        "Minister A",
        "Minister A",
        "President B",
    ]
    (ranges,) = [
        c for c in ax.collections if c.get_label() == "What the claim allows (its qualifier)"
    ]
    assert len(ranges.get_segments()) == 3


def test_reconciliation_in_ukrainian():
    ax = plots.plot_reconciliation(reconciliation_frame(), lang="uk")
    assert ax.get_yticklabels()[1].get_text() == "безпілотники: близько 5\u202f000"
    assert footer(ax).startswith("Джерело: офіційні заяви (зібрані)")


# --------------------------------------------------------------------------- aid


def test_aid_by_donor_top_n_and_others():
    aid = datasets.load("aid_monthly")
    ax = plots.plot_aid_by_donor(aid, top=15)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "United States" and labels[0] == "Others (27 donors)"
    assert len(labels) == 16
    assert len(ax.patches) == 16 * 3
    assert legend_texts(ax) == ["Military", "Financial", "Humanitarian"]
    assert ax.get_xlabel() == "EUR bn (allocations, nominal)"
    assert ax.texts[-1].get_text() == "115.4"
    total = sum(p.get_width() for p in ax.patches)
    assert total == pytest.approx(float(aid["eur_bn"].sum()))
    assert footer(ax).startswith(KIEL) and "allocations" in footer(ax)


def test_aid_over_time_by_category():
    ax = plots.plot_aid_over_time(datasets.load("aid_totals_monthly"), freq="year")
    assert len(ax.patches) == 15  # 5 years x 3 categories
    assert ax.get_ylabel() == "EUR bn per year (allocations, nominal)"
    assert legend_texts(ax) == [
        "Military",
        "Financial",
        "Humanitarian",
    ]  # below the axes, in stack order
    assert "nominal EUR" in footer(ax)


def test_cumulative_aid_by_donor_and_group():
    aid = datasets.load("aid_monthly")
    ax = plots.plot_cumulative_aid(aid, top=5)
    assert legend_texts(ax)[:2] == ["United States", "EU (Commission and Council)"]
    assert len(ax.get_lines()) == 5
    us = ax.get_lines()[0].get_ydata()
    assert us[-1] == pytest.approx(float(aid.loc[aid["donor"] == "United States", "eur_bn"].sum()))
    ax2 = plots.plot_cumulative_aid(aid, by="group", category="military")
    texts = legend_texts(ax2)
    assert len(texts) == 6
    assert "EU27 and EU institutions (same as EU27)" in texts
    assert "Groups overlap" in footer(ax2)


def test_aid_channels_states_the_gap():
    ax = plots.plot_aid_channels(
        datasets.load("aid_channels"), military_total=datasets.load("aid_totals_monthly")
    )
    assert legend_texts(ax) == ["From stockpiles", "New procurement", "Unspecified", "NATO PURL"]
    assert "EUR 168.0bn of EUR 173.0bn" in footer(ax) and "gap EUR 4.9bn" in footer(ax)


def test_weapons_heat_map_writes_counts():
    weapons = datasets.load("aid_weapons")
    ax = plots.plot_weapons_delivered(weapons)
    table = weapons.groupby(["donor", "category"])["units"].sum()
    assert len(ax.texts) == len(table) == 61
    assert ax.get_yticklabels()[0].get_text() == "United States"
    numbers = sorted(int(t.get_text().replace(",", "")) for t in ax.texts)
    assert numbers == sorted(int(v) for v in table)
    assert ax.figure.axes[1].get_ylabel() == "Units (number)"


def test_strikes_and_aid_two_aligned_panels():
    ax = plots.plot_strikes_and_aid(
        datasets.load("strike_volume_monthly"), datasets.load("aid_monthly")
    )
    fig = ax.figure
    assert len(fig.axes) == 2
    bottom = fig.axes[1]
    assert ax.get_shared_x_axes().joined(ax, bottom)
    assert ax.get_xlim() == bottom.get_xlim()
    assert legend_texts(ax) == ["Drones", "Missiles"]
    assert "EUR bn" in bottom.get_ylabel()
    text = footer(ax)
    assert AIR_FORCE in text and "Kiel Institute Ukraine Support Tracker R29" in text
    assert text.count("Source:") == 1


# --------------------------------------------------------------------------- errors


CALLS = {
    "strike_volume": lambda d: plots.plot_strike_volume(d),
    "interception_rate": lambda d: plots.plot_interception_rate(d),
    "weapon_mix": lambda d: plots.plot_weapon_mix(d),
    "salvos": lambda d: plots.plot_salvos(d),
    "trend": lambda d: plots.plot_trend(d),
    "aid_by_donor": lambda d: plots.plot_aid_by_donor(d),
    "aid_over_time": lambda d: plots.plot_aid_over_time(d),
    "cumulative_aid": lambda d: plots.plot_cumulative_aid(d),
    "aid_channels": lambda d: plots.plot_aid_channels(d),
    "weapons_delivered": lambda d: plots.plot_weapons_delivered(d),
    "reconciliation": lambda d: plots.plot_reconciliation(d),
}
GOOD = {
    "strike_volume": lambda: datasets.load("strikes_monthly"),
    "interception_rate": rates_frame,
    "weapon_mix": lambda: datasets.load("strikes_monthly"),
    "salvos": salvos_frame,
    "trend": lambda: pd.DataFrame({"month": MONTHS, "launched": np.arange(6.0)}),
    "aid_by_donor": lambda: datasets.load("aid_monthly"),
    "aid_over_time": lambda: datasets.load("aid_monthly"),
    "cumulative_aid": lambda: datasets.load("aid_monthly"),
    "aid_channels": lambda: datasets.load("aid_channels"),
    "weapons_delivered": lambda: datasets.load("aid_weapons"),
    "reconciliation": reconciliation_frame,
}
VALUE = {
    "strike_volume": "launched", "interception_rate": "estimate", "weapon_mix": "launched",
    "salvos": "launched", "trend": "launched", "aid_by_donor": "eur_bn",
    "aid_over_time": "eur_bn", "cumulative_aid": "eur_bn", "aid_channels": "eur_bn",
    "weapons_delivered": "units", "reconciliation": "computed",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CALLS))
def test_empty_input_is_a_clear_error(name):
    empty = GOOD[name]().iloc[0:0]
    with pytest.raises((InsufficientDataError, DataValidationError), match="empty|no |missing"):
        CALLS[name](empty)
    assert plt.get_fignums() == []  # no blank figure left behind


@pytest.mark.parametrize("name", sorted(CALLS))
def test_all_missing_values_are_a_clear_error(name):
    frame = GOOD[name]().copy()
    frame[VALUE[name]] = np.nan
    with pytest.raises(InsufficientDataError):
        CALLS[name](frame)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_not_a_frame_or_missing_columns(name):
    with pytest.raises(DataValidationError):
        CALLS[name](pd.DataFrame({"unrelated": [1.0, 2.0]}))


def test_strikes_and_aid_empty_aid():
    with pytest.raises(InsufficientDataError):
        plots.plot_strikes_and_aid(
            datasets.load("strikes_monthly"), datasets.load("aid_monthly").iloc[0:0]
        )


# --------------------------------------------------------------------------- style


def test_import_is_light_and_style_does_not_leak():
    code = "import sys, aidstats, aidstats.datasets; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    before = dict(matplotlib.rcParams)
    plots.plot_aid_over_time(datasets.load("aid_monthly"))
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def test_house_style_context():
    with plots.house_style():
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
        assert matplotlib.rcParams["pdf.fonttype"] == 42
    assert matplotlib.rcParams["pdf.fonttype"] == matplotlib.rcParamsDefault["pdf.fonttype"]


def test_fixed_colours_are_distinct_within_a_family():
    families = [
        ("missile", "drone", "glide_bomb"),
        ("military", "financial", "humanitarian"),
        ("stockpile", "procurement", "unspecified", "nato_purl"),
        ("missiles_cruise", "missiles_ballistic", "missiles_other", "drones_attack",
         "drones_decoy_or_unknown", "drones_reconnaissance", "glide_bombs"),
    ]  # fmt: skip
    for family in families:
        colours = [vocab.colour(k) for k in family]
        assert len(set(colours)) == len(colours)


def test_thousands_separators_on_value_axes():
    ax = plots.plot_aid_by_donor(datasets.load("aid_monthly"))
    ax.figure.canvas.draw()
    ax2 = plots.plot_strike_volume(datasets.load("strikes_monthly"))
    ax2.figure.canvas.draw()
    labels = [t.get_text() for t in ax2.get_yticklabels()]
    assert any("," in lab for lab in labels), labels
    assert all(t.get_fontname() == "DejaVu Sans" for t in ax2.get_yticklabels())


@given(st.lists(st.text(min_size=1, max_size=12).filter(lambda s: ";" not in s and s.strip() and
                                                          not s.strip().lower().startswith("source:")),
                min_size=1, max_size=5))  # fmt: skip
@settings(max_examples=50, deadline=None)
def test_merged_source_line_lists_each_source_once(parts):
    merged = _footer.merge_source_lines(["Source: " + "; ".join(parts), "Source: " + parts[0]])
    body = merged[len("Source: ") :].split("; ") if merged else []
    expected = list(dict.fromkeys(p.strip().rstrip(".") for p in parts))
    assert body == [e for e in expected if e]


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.floats(0, 1e6), min_size=1, max_size=30),
       st.integers(1, 10))  # fmt: skip
@settings(max_examples=50, deadline=None)
def test_top_n_is_the_largest(values, top):
    names = [str(k) for k in top_labels(pd.Series(values, dtype=float), top)]
    assert len(names) == min(top, len([k for k in values if k != "Others"]))
    chosen = [values[n] for n in names]
    rest = [v for k, v in values.items() if k not in names and k != "Others"]
    assert chosen == sorted(chosen, reverse=True)
    assert not rest or min(chosen) >= max(rest)


# --------------------------------------------------------------------------- saving


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def draw_channels():
    return plots.plot_aid_channels(datasets.load("aid_channels")).figure


def test_png_and_pdf_are_byte_identical_across_runs(tmp_path, monkeypatch):
    first = plots.save_figure(draw_channels(), tmp_path / "a" / "channels")
    plt.close("all")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    second = plots.save_figure(draw_channels(), tmp_path / "b" / "channels.png")
    assert [p.name for p in first] == [p.name for p in second] == ["channels.png", "channels.pdf"]
    for a, b in zip(first, second, strict=True):
        assert sha(a) == sha(b)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["channels.pdf", "channels.png"]


def test_saving_leaves_the_figure_as_it_was(tmp_path):
    # save_figure lays out once and freezes date ticks while it writes; the figure must come back intact.
    ax = plots.plot_strike_volume(datasets.load("strike_volume_monthly"))
    fig = ax.figure
    engine = fig.get_layout_engine()
    locators = [(a.xaxis.get_major_locator(), a.xaxis.get_minor_locator()) for a in fig.axes]
    plots.save_figure(fig, tmp_path / "volume")
    assert fig.get_layout_engine() is engine
    assert [
        (a.xaxis.get_major_locator(), a.xaxis.get_minor_locator()) for a in fig.axes
    ] == locators
    first = (tmp_path / "volume.png").read_bytes()
    plots.save_figure(fig, tmp_path / "again")
    assert (tmp_path / "again.png").read_bytes() == first


def test_pdf_embeds_truetype_and_no_dates(tmp_path):
    (pdf,) = plots.save_figure(draw_channels(), tmp_path / "c", formats=("pdf",))
    data = pdf.read_bytes()
    assert b"/FontFile2" in data and b"/Type3" not in data
    assert b"CreationDate" not in data and b"ModDate" not in data
    assert b"DejaVuSans" in data
    assert b"(aidstats)" in data


def test_png_resolution_and_metadata(tmp_path):
    from PIL import Image

    (png,) = plots.save_figure(draw_channels(), tmp_path / "c", formats=("png",), dpi=200)
    with Image.open(png) as image:
        assert image.size == (1300, 800)  # 6.5 x 4 in at 200 dpi
        assert round(image.info["dpi"][0]) == 200
        assert "Software" not in image.info


def test_save_figure_refuses_low_dpi_and_unknown_format(tmp_path):
    fig = draw_channels()
    with pytest.raises(DataValidationError, match="dpi"):
        plots.save_figure(fig, tmp_path / "x", dpi=50)
    with pytest.raises(DataValidationError, match="formats"):
        plots.save_figure(fig, tmp_path / "x", formats=("jpg",))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputPathError):
        plots.save_figure(fig, blocker / "x")
    assert not any(p.name.endswith(".tmp") for p in tmp_path.rglob("*"))


def test_save_failure_leaves_old_file_untouched(tmp_path, monkeypatch):
    target = tmp_path / "fig"
    (old,) = plots.save_figure(draw_channels(), target, formats=("png",))
    before = sha(old)
    fig = draw_channels()

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(fig, "savefig", boom)
    with pytest.raises(OutputPathError):
        plots.save_figure(fig, target, formats=("png",))
    assert sha(old) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]


def test_no_warnings_when_drawing_everything():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plots.plot_aid_by_donor(datasets.load("aid_monthly"))
        plots.plot_strike_volume(datasets.load("strike_volume_monthly"))
        plots.plot_weapons_delivered(datasets.load("aid_weapons"))


def test_pdf_text_has_no_ligature_glyphs(tmp_path):
    """Text in the PDFs copies and searches as typed ('official', not a ligature glyph), with one font subset."""
    import re

    ax = plots.plot_strike_volume(datasets.load("strike_volume_monthly"))
    (pdf,) = plots.save_figure(ax.figure, tmp_path / "volume", formats=("pdf",))
    data = pdf.read_bytes()
    assert len(set(re.findall(rb"/BaseFont /(\w+\+DejaVuSans)", data))) == 1


def test_saving_keeps_matplotlibs_own_date_labels_and_defaults(tmp_path):
    # Freezing the date ticks while saving must not re-point an AutoDateFormatter or mark the axis non-default.
    import re

    fig, ax = plt.subplots(figsize=(6, 3))
    days = pd.date_range("2019-01-01", "2025-12-31", freq="D")
    ax.plot(days, np.arange(len(days)))
    (pdf,) = plots.save_figure(fig, tmp_path / "dates", formats=("pdf",))
    assert ax.xaxis.isDefault_majloc
    text = (
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        if _has("pdftotext")
        else " ".join(t.get_text() for t in ax.get_xticklabels())
    )
    years = re.findall(r"\b20\d\d\b", text)
    assert years and not re.search(r"20\d\d-\d\d-\d\d", text)


def test_tick_labels_have_no_ligatures_either(tmp_path):
    import re

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar(["official", "flight", "offline", "fifty"], [1, 2, 3, 4])
    (pdf,) = plots.save_figure(fig, tmp_path / "words", formats=("pdf",))
    assert len(set(re.findall(rb"/BaseFont /(\w+\+DejaVuSans)", pdf.read_bytes()))) == 1


def _has(program: str) -> bool:
    import shutil

    return shutil.which(program) is not None


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_every_source_line_of_the_catalogue_reads_as_a_source_line(lang: str) -> None:
    """Merging a catalogue source line alone gives it back: 'Sources: a; b' (not the house
    prefix) became 'Source: Sources: a; b' under figure 12."""
    from aidstats._core.messages import CATALOGUE, text
    from aidstats._draw.footer import merge_source_lines

    for key in [k for k in CATALOGUE[lang] if k.endswith(".source")]:
        line = text(key, lang).strip().rstrip(".")
        assert merge_source_lines([line], lang) == line, key
