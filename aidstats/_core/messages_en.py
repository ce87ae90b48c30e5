"""English texts of the message catalogue (:mod:`aidstats._core.messages`); placeholders are ``{named}``.

Keys by prefix: ``source``: source lines; ``title``/``axis``/``legend``/``note``:
figure texts of the ``plot_*`` functions; ``regime``: reporting changes as
readers should read them; ``method``/``interval``: statistics named for
readers; ``report``: the report's pages, captions and findings;
``column``: headers of the report's summary tables.
"""

from __future__ import annotations

from aidstats._core.sources import SOURCES

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ sources and dates
    # English charts say "Source:" before one source or several (as the dataset sidecars do).
    "source": "Source: {sources}",
    "sources": "Source: {sources}",
    **{f"source.short.{name}": record["short"] for name, record in SOURCES.items()},
    "source.file": "(file {file})",
    "source.release.kiel_ust": "R{release}",
    "date.mid_month": "mid-{month}",
    # ------------------------------------------------------------------ strike figures
    "title.strike_volume": "Missiles and drones launched at Ukraine, per month",
    "axis.launched_per_month": "Launched per month (number)",
    "axis.glide_bombs_per_month": "Glide bombs per\nmonth (number)",
    "legend.glide_bombs_line": "Glide bombs (claimed in official statements; not stacked)",
    "legend.glide_bombs_full_month": "Full-month statement",
    "legend.glide_bombs_weekly_estimate": "Estimate from weekly statements",
    "legend.glide_bombs_range": "Range",
    "note.glide_bombs_line": "Glide bombs: claimed in official statements, not Air Force counts.",
    "note.glide_bombs_panel": (
        "Glide bombs (lower panel): claimed in official statements, not Air Force counts; a full-month statement "
        "where one exists, else an estimate from weekly statements covering at least half the month. "
        "Bars show the figure, lines its range (qualifiers, uncovered days). Months without enough "
        "coverage are blank, not zero."
    ),
    "title.weapon_mix": "Weapon mix: share of each type in the month's launches",
    "axis.share_of_launches": "Share of launches (%)",
    "note.withheld": "Lower bounds: figures withheld by the Air Force in {months} (missing, not 0).",
    "note.weapon_mix_blank": "Months with no reported launches are left blank.",
    "title.interception_rate": "Share of launched weapons intercepted, per month",
    "axis.share_of_launched": "Share of launched (%)",
    "legend.rate_default": "Destroyed \u00f7 launched",
    "legend.interval_band": "Shaded: {interval}",
    "interval.level": "{level} interval",
    "interval.plain": "interval",
    "note.rate_ratio_of_sums": "Each share is a ratio of monthly sums.",
    "note.rate_regime_marks": "Dashed lines mark the reporting changes named beside them.",
    "note.rate_lines_left_out": "Not shown: {names} (no month with {min_trials} or more launched).",
    "note.rate_months_left_out": "{months} month(s) with fewer than {min_trials} launched are not drawn.",
    "regime.not_reach_goal.recorded": "EW losses reported from {date}",
    "regime.not_reach_goal.zero": "EW losses no longer reported from {date}",
    "regime.is_shahed.split": "decoys split out from {date}",
    "method.wilson": "Wilson",
    "method.jeffreys": "Jeffreys",
    "method.clopper_pearson": "Clopper-Pearson",
    "method.agresti_coull": "Agresti-Coull",
    "method.poisson": "Poisson GLM",
    "method.negbin": "negative-binomial GLM",
    "method.quasipoisson": "quasi-Poisson",
    "method.ols": "OLS with HAC errors",
    "method.theil_sen": "Theil-Sen",
    "method.pelt": "PELT",
    "method.clustered": "clustered by salvo",
    "method.clustered_by_day": "clustered by day",
    "method.ar1": "log-linear, AR(1) errors",
    "title.salvos": "Salvo size: weapons launched per report",
    "axis.launched_per_report": "Launched in one report (number)",
    "legend.salvo_sizes": "Launched per report",
    "note.salvos": "One dot per report; dot area is proportional to the number launched.",
    "title.trend": "Trend with change points",
    "legend.observed": "Observed",
    "legend.fitted_trend": "Fitted trend",
    "legend.trend_interval": "Trend interval",
    "legend.change_point": "Change point",
    "axis.value_per_month": "{value} per month (number)",
    "title.claims": "Official claims against counts from the reports",
    "axis.counted_over_claimed": "Counted in the reports \u00f7 claimed (log scale)",
    "legend.consistent": "Count consistent with the claim",
    "legend.not_consistent": "Count contradicts the claim",
    "legend.count_range": "The count's range (other datings, all reporters)",
    "legend.claim_allows": "What the claim allows (its qualifier)",
    "legend.counted_equals_claimed": "Counted = claimed",
    "label.claim": "{said} {n} {measure}",
    "label.counted": "{count} counted",
    "note.claims_rows": (
        "One row per claim, as made; beside it the count from the reports and who made the claim. "
        "'Over' allows up to a quarter more, 'nearly' a tenth less, 'about' a tenth either way."
    ),
    "note.claims_dropped": "{n} claim(s) without a positive claimed and counted figure not shown.",
    "note.claims_not_checkable": (
        "Not shown: {n} claim(s) the reports cannot check, or without a count ({measures})."
    ),
    "qualifier.over": "over",
    "qualifier.nearly": "nearly",
    "qualifier.about": "about",
    "qualifier.exact": "",
    "qualifier.up_to": "up to",
    # ------------------------------------------------------------------ aid and combined figures
    "freq.month": "month",
    "freq.quarter": "quarter",
    "freq.year": "year",
    "title.aid_by_donor": "Aid to Ukraine by donor: top {n}",
    "title.aid_over_time": "Aid to Ukraine allocated per {period}, by category",
    "title.aid_channels": "Military aid by channel: from stocks or newly procured",
    "axis.eur_bn_allocations": "EUR bn (allocations, nominal)",
    "axis.eur_bn_per_period": "EUR bn per {period} (allocations, nominal)",
    "label.others_donors": "Others ({n} donors)",
    "note.aid_allocations": (
        "Values are allocations (aid delivered or earmarked) by month of allocation, in nominal EUR; "
        "not commitments or deliveries."
    ),
    "note.aid_channels_gap": (
        "The channels add up to EUR {split}bn of EUR {total}bn military allocations (gap EUR {gap}bn, as "
        "in the source)."
    ),
    "title.cumulative_by_donor": "Cumulative aid by donor",
    "title.cumulative_by_group": "Cumulative aid by donor group",
    "title.cumulative_category": "{title} ({category})",
    "axis.cumulative_eur_bn": "Cumulative EUR bn (allocations, nominal)",
    "note.groups_overlap": "Groups overlap (a donor can be in several), so the lines do not add up.",
    "label.same_as": "(same as {other})",
    "title.weapons_delivered": "Heavy weapons for Ukraine by donor and category (units)",
    "axis.units": "Units (number)",
    "note.weapons_delivered": "Units listed in the tracker's heavy-weapons table; blank: none listed.",
    "title.strikes_and_aid": "Strikes on Ukraine and {aid} to it, per {period}",
    "axis.launched_per_period": "Launched per {period}\n(number)",
    "axis.aid_per_period": "{aid}, EUR bn per\n{period} (allocations)",
    "phrase.aid_category": "{category} aid",
    "phrase.aid_all": "aid",
    "label.no_strike_data": "no strike data before {month}",
    "note.strike_data_begin": "The strike data begin in {month}: the shaded months have none, not zero strikes.",
    # ------------------------------------------------------------------ table headers and values
    "column.year": "Year",
    "column.months": "Months",
    "column.month": "Month",
    "column.weapon_group": "Weapons",
    "column.successes": "Neutralised",
    "column.trials": "Launched",
    "column.estimate": "Share",
    "column.low": "Interval low",
    "column.high": "Interval high",
    "column.time_end": "Attack ended",
    "column.launched": "Launched",
    "column.launched_missile": "Missiles",
    "column.launched_drone": "Drones",
    "column.n_models": "Models",
    "column.segment": "Segment",
    "column.segment_start": "From",
    "column.pct_per_month": "% per month",
    "column.pct_per_month_low": "Interval low",
    "column.pct_per_month_high": "Interval high",
    "column.break_low": "Break from",
    "column.break_high": "Break to",
    "column.donor": "Donor",
    "column.total": "Total",
    "column.period_start": "Month",
    "column.measure": "Measure",
    "column.qualifier": "Qualifier",
    "column.claimed": "Claimed",
    "column.computed": "Counted",
    "column.verdict": "Verdict",
    "column.speaker": "Speaker",
    "column.dataset": "Dataset",
    "column.version": "Version",
    "column.rows": "Rows",
    "value.yes": "yes",
    "value.no": "no",
    "value.consistent": "consistent",
    "value.not consistent": "not consistent",
    "value.not checkable": "not checkable",
    "value.over": "over",
    "value.nearly": "nearly",
    "value.about": "about",
    "value.exact": "exact",
    "value.up_to": "up to",
}
