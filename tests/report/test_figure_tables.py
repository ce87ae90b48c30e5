"""Figure = table: every report figure shows the numbers of the table the report writes beside it.

Each test draws one figure as the report does (its spec's ``draw``), turns the
table returned with it into the CSV text the report writes to
``tables/<figure>.csv``, reads that back and compares the plotted numbers
(bar heights, line and point coordinates, cell labels) with it. One test
checks, through a real build, that the report writes the table ``draw`` returned.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from aidstats._core import vocab  # noqa: E402
from aidstats._report.build import table_csv  # noqa: E402
from aidstats.report import FigureSpec, ReportContext, build_report, figure_specs  # noqa: E402

SPECS = {spec.name: spec for spec in figure_specs()}
DATES = [
    "month",
    "period",
    "time_start",
    "time_end",
    "period_start",
    "period_end",
    "segment_start",
    "start",
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def built(name: str) -> tuple[Any, pd.DataFrame]:
    """Draw one report figure; return it and the table the report writes for it (read back)."""
    fig, table = SPECS[name].draw(ReportContext())
    return fig, read_back(table_csv(table))


def read_back(text: str) -> pd.DataFrame:
    table = pd.read_csv(io.StringIO(text))
    for column in DATES:
        if column in table and not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = pd.to_datetime(table[column])
    return table


def test_the_report_writes_the_table_the_figure_was_drawn_from(tmp_path: Path) -> None:
    spec = SPECS["09_aid_channels"]
    returned: dict[str, pd.DataFrame] = {}

    def draw(context):  # type: ignore[no-untyped-def]
        fig, table = spec.draw(context)
        returned["table"] = table
        return fig, table

    build_report(
        tmp_path,
        specs=[FigureSpec(spec.name, spec.title, spec.caption, draw)],
        formats=["png"],
        progress=None,
    )
    written = (tmp_path / "tables" / f"{spec.name}.csv").read_text()
    assert written == table_csv(returned["table"])


def bars(ax, label: str) -> list[float]:
    """Heights (widths for horizontal bars) of the bar container with ``label``."""
    (container,) = [c for c in ax.containers if c.get_label() == label]
    horizontal = container.orientation == "horizontal"
    return [p.get_width() if horizontal else p.get_height() for p in container]


def line(ax, label: str) -> np.ndarray:
    (found,) = [ln for ln in ax.get_lines() if ln.get_label() == label]
    return np.asarray(found.get_ydata(), dtype=float)


def per_period(table: pd.DataFrame, key: str, value: str, rule: str) -> pd.DataFrame:
    """``value`` summed per ``rule`` period (QS, MS) and ``key``, wide; periods of the table only."""
    wide = table.pivot_table(index="month", columns=key, values=value, aggfunc="sum")
    return wide.resample(rule).sum(min_count=1)


def close(drawn: Any, expected: Any) -> None:
    assert np.asarray(drawn, dtype=float) == pytest.approx(
        np.asarray(expected, dtype=float), rel=1e-9, abs=1e-12
    )


def test_every_report_figure_has_a_test() -> None:
    assert set(SPECS) == set(CHECKS)


def check_strike_volume(fig, table: pd.DataFrame) -> None:
    top, glide = fig.axes
    for column in vocab.AIR_FORCE_VOLUME:
        if table[column].fillna(0).any():
            close(bars(top, vocab.label(column)), table[column].fillna(0))
    # Full-month statements and weekly estimates are two sets of bars: together, every month with a figure.
    claimed = table.dropna(subset=["glide_bombs"])
    bars_drawn = sorted((p.get_x(), p.get_height()) for c in glide.containers for p in c)
    close([h for _x, h in bars_drawn], claimed["glide_bombs"])
    (ranges,) = [c for c in glide.collections if c.get_label() == "Range"]
    ranged = claimed[claimed["glide_bombs_high"] > claimed["glide_bombs_low"]]
    close(
        [seg[:, 1] for seg in ranges.get_segments()],
        ranged[["glide_bombs_low", "glide_bombs_high"]],
    )


def check_weapon_mix(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    counts = table.pivot_table(
        index="month", columns="weapon_class", values="launched", aggfunc="sum"
    ).fillna(0)
    counts = counts[vocab.ordered(c for c in counts.columns if counts[c].sum() > 0)]
    shares = counts.div(counts.sum(axis=1), axis=0)
    layers = ax.collections
    assert len(layers) == shares.shape[1]
    for layer, column in zip(layers, shares.columns, strict=True):
        assert layer.get_label() == vocab.label(column)
        close(_band_height(layer, len(shares)), shares[column])


def _band_height(collection, n: int) -> np.ndarray:
    """Upper minus lower edge of a fill_between band at each of its ``n`` x positions."""
    y = collection.get_paths()[0].vertices[:, 1]
    lower, upper = y[1 : n + 1], y[n + 2 : 2 * n + 2][::-1]
    return upper - lower


def check_interception_rate(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    drawn = table[
        table["trials"] >= 10
    ]  # months with fewer launched are not drawn (footer says so)
    for group, part in drawn.sort_values("month").groupby("weapon_group"):
        values = line(ax, vocab.label(str(group)))
        close(values[~np.isnan(values)], part["estimate"])  # gaps where a month is not drawn


def check_salvos(fig, table: pd.DataFrame) -> None:
    (points,) = fig.axes[0].collections
    offsets = np.asarray(points.get_offsets())
    expected = table.dropna(subset=["time_end", "launched"]).sort_values(
        ["time_end", "launched"], kind="mergesort"
    )
    close(offsets[:, 1], expected["launched"])
    close(offsets[:, 0], mdates.date2num(expected["time_end"]))


def check_drone_trend(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    close(line(ax, "Observed"), table["launched"])
    close(line(ax, "Fitted trend"), table["fitted"])
    marks = [pd.Timestamp(ln.get_xdata()[0]) for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert marks == list(table.drop_duplicates("segment")["segment_start"].iloc[1:])


def check_aid_by_donor(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    wide = table.pivot_table(
        index="donor", columns="category", values="eur_bn", aggfunc="sum"
    ).fillna(0)
    names = [t.get_text() for t in ax.get_yticklabels()][::-1]  # largest first
    shown = [n for n in names if not n.startswith("Others")]
    rest = wide.drop(index=shown)
    assert names[-1] == f"Others ({len(rest)} donors)"
    for category in wide.columns:
        expected = [*wide.loc[shown, category], rest[category].sum()]
        close(bars(ax, vocab.label(category))[::-1], expected)


def check_aid_over_time(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    quarters = per_period(table, "category", "eur_bn", "QS").fillna(0)
    for category in quarters.columns:
        close(bars(ax, vocab.label(category)), quarters[category])


def check_cumulative_aid(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    for group, part in table.groupby("group"):
        (found,) = [
            ln for ln in ax.get_lines() if ln.get_label().startswith(vocab.label(str(group)))
        ]
        close(found.get_ydata(), part.sort_values("period")["eur_bn"].cumsum())


def check_aid_channels(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    quarters = per_period(table, "channel", "eur_bn", "QS").fillna(0)
    for channel in quarters.columns:
        if quarters[channel].any():
            close(bars(ax, vocab.label(channel)), quarters[channel])


def check_weapons(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    units = table.groupby(["donor", "category"])["units"].sum()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    columns = [t.get_text() for t in ax.get_xticklabels()]
    cells = {
        (rows[round(t.get_position()[1])], columns[round(t.get_position()[0])]): t.get_text()
        for t in ax.texts
    }
    assert cells == {key: f"{value:,.0f}" for key, value in units.items()}


def check_strikes_and_aid(fig, table: pd.DataFrame) -> None:
    top, bottom = fig.axes
    strikes = table.dropna(subset=["missile", "drone"], how="all")
    for group in ("missile", "drone"):
        close(bars(top, vocab.label(group)), strikes[group].fillna(0))
    close(bars(bottom, vocab.label("military")), table["military_eur_bn"].fillna(0))


def check_reconciliation(fig, table: pd.DataFrame) -> None:
    ax = fig.axes[0]
    usable = table[(table["claimed"] > 0) & (table["computed"] > 0)].sort_values(
        "period_start", kind="mergesort"
    )
    # One row per checkable claim, the first on top: the dot is counted / claimed.
    points = np.concatenate(
        [np.asarray(c.get_offsets()) for c in ax.collections if c.get_offsets().size]
    )
    by_row = dict(zip(points[:, 1].round().astype(int), points[:, 0], strict=True))
    rows = len(usable)
    close([by_row[rows - 1 - k] for k in range(rows)], usable["computed"] / usable["claimed"])
    assert len(ax.get_yticklabels()) == rows
    assert set(table["verdict"]) <= {"consistent", "not consistent", "not checkable"}


CHECKS: dict[str, Callable[[Any, pd.DataFrame], None]] = {
    "01_strike_volume": check_strike_volume,
    "02_weapon_mix": check_weapon_mix,
    "03_interception_rate": check_interception_rate,
    "04_largest_salvos": check_salvos,
    "05_drone_trend": check_drone_trend,
    "06_aid_by_donor": check_aid_by_donor,
    "07_aid_over_time": check_aid_over_time,
    "08_cumulative_aid": check_cumulative_aid,
    "09_aid_channels": check_aid_channels,
    "10_weapons_delivered": check_weapons,
    "11_strikes_and_aid": check_strikes_and_aid,
    "12_claims_vs_counts": check_reconciliation,
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_figure_shows_the_table_written_for_it(name: str) -> None:
    fig, table = built(name)
    CHECKS[name](fig, table)
