"""The figures of ``aidstats report``: what each draws, from which data, with which caption."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pandas as pd

from aidstats import datasets
from aidstats.report import FigureSpec, ReportContext

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Which weapon group each class belongs to (from the bundled monthly table).
_NATIONAL = "national"


def _last_complete_month(context: ReportContext) -> pd.Timestamp:
    """The start of the last month the strike data cover to its end (a partial month would read as a drop)."""
    if context.events is not None:
        last_day = context.events["time_end"].max().normalize()
    else:
        last_day = datasets.load("strikes_daily")["day"].max()
    month = last_day.to_period("M")
    complete = month if last_day == month.end_time.normalize() else month - 1
    return pd.Timestamp(complete.start_time)


def _complete(context: ReportContext, frame: pd.DataFrame, column: str = "month") -> pd.DataFrame:
    out = context.clip(frame, column)
    out = out.loc[out[column] <= _last_complete_month(context)]
    out.attrs = frame.attrs
    return out


def _monthly(context: ReportContext) -> pd.DataFrame:
    """Strikes per month x group x class x scope (complete months): bundled, or from the raw file given."""
    if context.events is None:
        return _complete(context, datasets.load("strikes_monthly"))
    from aidstats.strikes import to_periods

    periods = to_periods(context.events, freq="M", by=["weapon_group", "weapon_class", "scope"])
    table = periods.rename(columns={"period": "month"})
    table.attrs = {"aidstats": {**periods.attrs.get("aidstats", {}), **_provenance(context)}}
    return _complete(context, table)


def _provenance(context: ReportContext) -> dict[str, object]:
    """What the strike figures' source line says: the bundled tables, or the raw file given."""
    if context.events_path is None:
        return dict(datasets.load("strikes_monthly").attrs["aidstats"])
    return {"source_line": f"Source: Ukrainian Air Force reports via P. Ivaniuk (file {context.events_path.name})"}


def _volume(context: ReportContext) -> pd.DataFrame:
    """Monthly volumes; from the raw file given, glide-bomb claims joined from the bundled table."""
    bundled = datasets.load("strike_volume_monthly")
    if context.events is None:
        return _complete(context, bundled)
    from aidstats.strikes import volume_monthly

    fresh = volume_monthly(context.events)
    table = fresh.merge(bundled[["month", "glide_bombs", "glide_bombs_source"]], on="month", how="left")
    line = str(_provenance(context)["source_line"]) + "; official Ukrainian statements (compiled)"
    table.attrs = {"aidstats": {"source_line": line}}
    return _complete(context, table)


def _figure(ax: Axes) -> Figure:
    return ax.figure  # type: ignore[return-value]  # a SubFigure only inside subfigures


def _per_year(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    years = frame.assign(year=frame["month"].dt.year).groupby("year")[columns].sum(min_count=1)
    return years.reset_index()


# ----------------------------------------------------------------------------- strikes


def draw_strike_volume(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_strike_volume

    volume = _volume(context)
    ax = plot_strike_volume(volume)
    return _figure(ax), volume


_VOLUME_LABELS = {
    "missiles_cruise": "cruise missiles",
    "missiles_ballistic": "ballistic missiles",
    "missiles_other": "other missiles",
    "drones_attack": "attack drones",
    "drones_decoy_or_unknown": "decoy/unknown drones",
    "drones_reconnaissance": "recon. drones",
}


def _volume_summary(volume: pd.DataFrame) -> pd.DataFrame:
    """Launches per year from the reports (glide-bomb claims cover too few months to add up)."""
    years = _per_year(volume, list(_VOLUME_LABELS))
    years["months"] = volume.groupby(volume["month"].dt.year)["month"].count().to_numpy()
    return years.rename(columns=_VOLUME_LABELS)


def draw_weapon_mix(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_weapon_mix

    monthly = _monthly(context)
    table = monthly.groupby(["month", "weapon_class"], as_index=False)["launched"].sum()
    table.attrs = monthly.attrs
    ax = plot_weapon_mix(table, by="weapon_class")
    return _figure(ax), table


def _national_rates(context: ReportContext) -> pd.DataFrame:
    from aidstats.stats import rate_table

    monthly = _monthly(context)
    keep = monthly[monthly["weapon_group"].isin(["missile", "drone"]) & monthly["weapon_class"].ne("reconnaissance_drone")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the figure marks the regime changes instead
        rates = rate_table(keep, "neutralised_share", by="weapon_group", scope=_NATIONAL, time="month")
    rates.attrs = monthly.attrs
    return rates


def draw_interception_rate(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_interception_rate
    from aidstats.strikes import regimes

    rates = _national_rates(context)
    ax = plot_interception_rate(
        rates,
        regimes=regimes(),
        time="month",
        by="weapon_group",
        title="Share of missiles and drones neutralised, per month (national reports)",
    )
    return _figure(ax), rates


def _rates_summary(rates: pd.DataFrame) -> pd.DataFrame:
    recent = rates.sort_values("month").groupby("weapon_group").tail(6)
    return recent[["month", "weapon_group", "successes", "trials", "estimate", "low", "high"]]


def _salvo_table(context: ReportContext) -> pd.DataFrame:
    if context.events is not None:
        from aidstats.strikes import salvos

        table = salvos(context.events)
        table.attrs = {"aidstats": _provenance(context)}
    else:
        table = datasets.load("strike_salvos")
    return context.clip(table.assign(month=table["time_end"].dt.to_period("M").dt.start_time), "month").drop(columns="month")


def draw_salvos(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_salvos

    table = _salvo_table(context)
    ax = plot_salvos(table, value="launched", time="time_end", label_top=5)
    return _figure(ax), table


def _salvo_summary(table: pd.DataFrame) -> pd.DataFrame:
    top = table.nlargest(12, "launched")
    columns = [c for c in ("time_start", "time_end", "launched", "launched_missile", "launched_drone", "n_models") if c in top]
    return top[columns]


def _drone_series(context: ReportContext) -> pd.Series:
    monthly = _monthly(context)
    drones = monthly[(monthly["weapon_group"] == "drone") & monthly["weapon_class"].ne("reconnaissance_drone") & (monthly["scope"] == _NATIONAL)]
    series = drones.groupby("month")["launched"].sum().astype(float)
    full = pd.date_range(series.index.min(), series.index.max(), freq="MS")
    return series.reindex(full, fill_value=0.0).rename("launched").rename_axis("month")


def draw_drone_trend(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_trend
    from aidstats.stats import change_points, segmented_trend

    series = _drone_series(context)
    series = series[series.index >= pd.Timestamp("2023-01-01")] if context.start is None else series
    breaks = change_points(series, log=True)
    fit = segmented_trend(series, breaks=list(breaks.breaks))
    data = series.reset_index()
    data.attrs = {"aidstats": _provenance(context)}
    ax = plot_trend(
        data,
        fit.fitted,
        change_points=breaks,
        value="launched",
        ylabel="Drones launched per month (number)",
        title="Drones launched per month: segmented trend and change points",
    )
    segments = fit.segments.assign(penalty=breaks.penalty, penalty_rule=breaks.penalty_rule)
    return _figure(ax), segments


def _segments_summary(table: pd.DataFrame) -> pd.DataFrame:
    return table[["segment", "start", "pct_per_month", "low", "high"]].rename(
        columns={"pct_per_month": "% per month", "low": "95% low", "high": "95% high"}
    )


# ----------------------------------------------------------------------------- aid


def _aid(context: ReportContext) -> pd.DataFrame:
    return context.clip(datasets.load("aid_monthly"))


def draw_aid_by_donor(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_aid_by_donor

    aid = _aid(context)
    ax = plot_aid_by_donor(aid, top=15)
    table = aid.groupby(["donor", "category"], as_index=False)["eur_bn"].sum()
    return _figure(ax), table


def _donor_summary(table: pd.DataFrame) -> pd.DataFrame:
    wide = table.pivot_table(index="donor", columns="category", values="eur_bn", aggfunc="sum", fill_value=0.0)
    wide["total"] = wide.sum(axis=1)
    return wide.sort_values("total", ascending=False).head(15).round(2).reset_index()


def _complete_quarters(aid: pd.DataFrame) -> pd.DataFrame:
    """Months up to the last complete quarter (a partial quarter would read as a drop)."""
    last = aid["month"].max()
    if last.month % 3 == 0:
        return aid
    out = aid.loc[aid["month"] < last.to_period("Q").start_time]
    out.attrs = aid.attrs
    return out


def draw_aid_over_time(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_aid_over_time

    aid = _complete_quarters(_aid(context))
    ax = plot_aid_over_time(aid, freq="quarter")
    table = aid.groupby(["month", "category"], as_index=False)["eur_bn"].sum()
    return _figure(ax), table


def draw_cumulative_aid(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.aid import by_group
    from aidstats.plots import plot_cumulative_aid

    aid = _aid(context)
    ax = plot_cumulative_aid(aid, by="group", include=["EU_institutions_and_members", "G7", "Nordic_Baltic_8"])
    table = by_group(["EU_institutions_and_members", "G7", "Nordic_Baltic_8"], period="month", data=aid)
    return _figure(ax), table


def draw_aid_channels(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_aid_channels

    channels = _complete_quarters(context.clip(datasets.load("aid_channels")))
    totals = _complete_quarters(context.clip(datasets.load("aid_totals_monthly")))
    ax = plot_aid_channels(channels, military_total=totals)
    return _figure(ax), channels


def draw_weapons(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_weapons_delivered

    weapons = datasets.load("aid_weapons")
    ax = plot_weapons_delivered(weapons)
    return _figure(ax), weapons


def draw_strikes_and_aid(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_strikes_and_aid

    volume, aid = _volume(context), _aid(context)
    ax = plot_strikes_and_aid(volume, aid)
    military = aid[aid["category"] == "military"].groupby("month", as_index=False)["eur_bn"].sum()
    table = volume[["month", "missiles_cruise", "missiles_ballistic", "missiles_other", "drones_attack_incl_decoys"]].merge(
        military.rename(columns={"eur_bn": "military_aid_eur_bn"}), on="month", how="outer"
    )
    return _figure(ax), table


# ----------------------------------------------------------------------------- claims


def _daily_counts(context: ReportContext) -> pd.DataFrame:
    return context.events if context.events is not None else datasets.load("strikes_daily")


def reconciliation_table(context: ReportContext) -> pd.DataFrame:
    """Monthly official statements against the Air Force reports, judged by qualifier."""
    from aidstats.stats import claims_from_statements, computed_for_claims, reconcile

    claims = claims_from_statements(period_kind="month")
    # The Air Force reports do not count glide bombs: those claims cannot be checked here.
    claims = claims[claims["measure"] != "glide_bombs"]
    if context.start is not None:
        claims = claims[claims["period_start"] >= context.start]
    if context.end is not None:
        claims = claims[claims["period_start"] <= context.end]
    computed = computed_for_claims(_daily_counts(context), claims, scope="national")
    table = reconcile(computed, claims)
    return table[table["computed"].notna()].reset_index(drop=True)


def draw_reconciliation(context: ReportContext) -> tuple[Figure, pd.DataFrame]:
    from aidstats.plots import plot_reconciliation

    table = reconciliation_table(context)
    table.attrs = {"aidstats": {"source_line": "Source: official statements (compiled); Ukrainian Air Force reports via P. Ivaniuk"}}
    ax = plot_reconciliation(table)
    return _figure(ax), table


def _reconciliation_summary(table: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in ("period_start", "measure", "qualifier", "claimed", "computed", "ratio", "consistent") if c in table]
    return table[columns]


_STRIKES = "Ukrainian Air Force daily reports as digitised by P. Ivaniuk"
_KIEL = "Kiel Institute Ukraine Support Tracker, Release 29; allocations in nominal euros by month of allocation (neither commitments nor deliveries)"

SPECS: tuple[FigureSpec, ...] = (
    FigureSpec(
        "01_strike_volume",
        "Strike volume (launches per year in the summary)",
        "Missiles (cruise, ballistic incl. aeroballistic Kinzhal, other) and drones launched per month, counted "
        "from national and non-overlapping regional Air Force reports and dated by the end of the attack window; "
        f"glide bombs in the lower panel are claims from official statements, missing where none covers the month. Source: {_STRIKES}; official statements.",
        draw_strike_volume,
        _volume_summary,
    ),
    FigureSpec(
        "02_weapon_mix",
        "Weapon mix over time",
        f"Share of each weapon class in all launches per month (all reporting commands). Shahed-type counts include decoys before mid-July 2025, when the reports begin to separate them. Source: {_STRIKES}.",
        draw_weapon_mix,
    ),
    FigureSpec(
        "03_interception_rate",
        "Neutralised share per month, national reports",
        "Neutralised share = (destroyed + locationally lost) / launched, pooled as a ratio of sums per month over "
        "national Air Force reports, with 95% Wilson intervals. Vertical lines mark reporting-regime changes: "
        f"'locationally lost' is recorded only from mid-2024 to July 2025. Source: {_STRIKES}.",
        draw_interception_rate,
        _rates_summary,
    ),
    FigureSpec(
        "04_largest_salvos",
        "The largest salvos",
        f"One dot per Air Force report (one post = one salvo), sized by the number of weapons launched; the largest are labelled. Source: {_STRIKES}.",
        draw_salvos,
        _salvo_summary,
    ),
    FigureSpec(
        "05_drone_trend",
        "Drone launches: trend and change points",
        "Attack and decoy drones launched per month in national reports since 2023, change points found by PELT "
        "on log counts (penalty in the table), and a segmented Poisson log-linear trend between them with its 95% "
        f"band (intervals widened for overdispersion); the table gives the % change per month in each segment. Source: {_STRIKES}.",
        draw_drone_trend,
        _segments_summary,
    ),
    FigureSpec(
        "06_aid_by_donor",
        "Aid by donor",
        f"Total allocations by donor, top 15 and the rest as 'Others', split into military, financial and humanitarian aid. Source: {_KIEL}.",
        draw_aid_by_donor,
        _donor_summary,
    ),
    FigureSpec(
        "07_aid_over_time",
        "Aid over time by category",
        f"Allocations of all donors per quarter by category; complete quarters only. Source: {_KIEL}.",
        draw_aid_over_time,
    ),
    FigureSpec(
        "08_cumulative_aid",
        "Cumulative aid by donor group",
        f"Cumulative allocations of donor groups (membership tables bundled as donor_groups; EU includes EU institutions). Groups overlap and must not be added. Source: {_KIEL}.",
        draw_cumulative_aid,
    ),
    FigureSpec(
        "09_aid_channels",
        "Military aid by channel",
        f"Military allocations from donor stocks, new procurement, NATO PURL and unspecified, per quarter (complete quarters); the channels add up to less than military allocations (the gap is shown, not forced). Source: {_KIEL}.",
        draw_aid_channels,
    ),
    FigureSpec(
        "10_weapons_delivered",
        "Heavy weapons by donor and category",
        "Units of heavy weapons by donor and category from the tracker's weapons table; spellings of one system merged. "
        "Source: Kiel Institute Ukraine Support Tracker, Release 29.",
        draw_weapons,
    ),
    FigureSpec(
        "11_strikes_and_aid",
        "Strikes and military aid on one time axis",
        f"Top: missiles and drones launched per month (Air Force reports). Bottom: military aid allocations per month. Two panels share the time axis; no causal reading is implied. Sources: {_STRIKES}; {_KIEL}.",
        draw_strikes_and_aid,
    ),
    FigureSpec(
        "12_claims_vs_counts",
        "Official monthly statements against the Air Force reports",
        "Each marker is one figure from a monthly official statement, placed by claimed value and by counted/claimed; "
        "its shape is the qualifier ('over', 'nearly', 'about', 'exact') and its fill whether the count is consistent "
        "with the claim. Counts: national Air Force reports (the summaries officials quote), dated by the end of the window. Glide bombs are not in the reports. "
        "Sources: official statements (compiled); Air Force reports via P. Ivaniuk.",
        draw_reconciliation,
        _reconciliation_summary,
    ),
)
