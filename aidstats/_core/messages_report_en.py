"""English texts of the report: its key findings, pages and figure captions (:mod:`aidstats._core.messages`).

Kept apart from :mod:`aidstats._core.messages_en` (the texts of figures, tables
and vocabulary) only for length; :mod:`aidstats._core.messages` merges the two.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    # ------------------------------------------------------------------ key findings (report)
    "finding.part": "{n} {label}",
    "finding.and_last": " and ",
    "finding.and": " and ",
    "finding.volume_alone": (
        "{month}: the Air Force reports counted {total} missiles and drones launched at Ukraine "
        "(national and non-overlapping regional reports)."
    ),
    "finding.volume": (
        "{month}: the Air Force reports counted {total} missiles and drones launched at Ukraine, "
        "{change} {month_ago} ({total_ago}; national and non-overlapping regional reports)."
    ),
    "finding.times_as_many": "{ratio} times as many as in",
    "finding.more_than": "{pct} more than in",
    "finding.fewer_than": "{pct} fewer than in",
    "finding.about_as_many": "about as many as in",
    "finding.change_from_none": "against none in",
    "finding.group_alone": "{group} in {month}: {total} ({parts}).",
    "finding.group": "{group} in {month}: {total} ({parts}); in {month_ago}: {total_ago} ({parts_ago}).",
    "finding.split_not_comparable": (
        "Attack drones and decoys do not compare between the two months ({change}); the totals do."
    ),
    "finding.salvo": (
        "The largest salvo of {period}: {n} missiles and drones in one Air Force report, ending on "
        "{date} ({parts})."
    ),
    "finding.share_part": "{share} of {group} ({interval} {low}–{high})",
    "finding.neutralised": (
        "{month}: national Air Force reports counted {parts} as neutralised (shot down, or lost to "
        "electronic warfare where that is reported)."
    ),
    "finding.share_wide": "The interval for {groups} is wide: few were launched.",
    "finding.not_comparable": "A comparison with {month_ago} would mislead ({change}).",
    "finding.against": "Against {month}, {moves}.",
    "finding.share_moved": "the share of {group} ({share} then) {move}",
    "finding.rose": "rose by {points} points (95% interval {low} to {high})",
    "finding.fell": "fell by {points} points (95% interval {low} to {high})",
    "finding.no_clear_change": "shows no clear change (difference {low} to {high} points, 95% interval)",
    "finding.trend_up": (
        "Drone launches in national reports grew by {size} a month over {segment}, the latest segment of "
        "the trend ({months} months; 95% interval {low} to {high})."
    ),
    "finding.trend_down": (
        "Drone launches in national reports fell by {size} a month over {segment}, the latest segment of "
        "the trend ({months} months; 95% interval {low} to {high})."
    ),
    "finding.trend_unclear": (
        "Over {segment}, the latest segment of the trend ({months} months), drone launches in national "
        "reports show no clear trend: {pct} a month, with a 95% interval from {low} to {high}."
    ),
    "finding.trend_short": "That segment is only {months} months long: read the trend with care.",
    "finding.partial_year": "{months} (part of the year)",
    "finding.share_in": "{share} in {year}",
    "finding.us_share": (
        "The US share of all military aid allocated to Ukraine (Kiel Institute Support Tracker, "
        "release {release}; allocations, not deliveries): {parts}."
    ),
    "finding.claims": (
        "Of {n} figures in monthly official statements ({period}), the counts from the Air Force "
        "reports support {consistent} (the count lies in the range the qualifier allows) and "
        "contradict {contradicted}."
    ),
    "finding.claims_direction": (
        "Of the contradicted figures, {above} claim more than the reports count and {below} less "
        "(the count's range allows for dating attacks by their start or night and adding regional "
        "reports)."
    ),
    "finding.claims_unchecked": "{n} cannot be checked: the reports do not count {measures}.",
    "finding.glide_bombs": (
        "Glide bombs, from official statements only: the latest month with a figure is {month}, "
        "{n} ({kind}; range {low}–{high}); {missing} of the {months} months shown have no figure with "
        "enough coverage."
    ),
    "finding.glide_weekly": "an estimate from weekly statements",
    "finding.glide_full_month": "a full-month statement",
    # ------------------------------------------------------------------ the report (aidstats report)
    "report.title": "The air war against Ukraine and the military aid that answers it",
    "report.title_page.kicker": "aidstats report",
    "report.key_findings": "Key findings",
    "report.title_page.releases": (
        "Data: Ukrainian Air Force reports as digitised by P. Ivaniuk, release {strikes}; official "
        "statements, compilation {statements}; Kiel Institute Ukraine Support Tracker, release {aid}."
    ),
    "report.title_page.tables_note": (
        "Every number above is computed, not typed: tables/key_findings.csv gives each with the table "
        "and row it comes from. Strike counts are as the Air Force reports them; aid values are "
        "allocations in nominal euros (neither commitments nor deliveries); official statements are "
        "claims, judged with their qualifiers."
    ),
    "report.section.figures": "Figures",
    "report.section.tables": "Summary tables",
    "report.section.data": "Data and releases",
    "report.figure_caption": "Figure {number}. {caption}",
    "report.table_continued": "{title} (continued)",
    "report.data_page.intro": (
        "The report is a pure function of these datasets and its parameters: a rebuild gives the same "
        "bytes. manifest.json lists every input and output with its SHA-256."
    ),
    "report.data_page.parameters": "Parameters: {parameters}.",
    "report.data_page.caveats": (
        "Counts are as the Ukrainian Air Force reports them: 'destroyed' is a claim, and 'locationally "
        "lost' is reported only from July 2024 to July 2025. Glide bombs are not in the reports: their "
        "figures are official statements. Aid values are Kiel Institute allocations by month of "
        "allocation, in nominal euros."
    ),
    "report.subject": "Strikes on Ukraine from the Air Force reports, official claims checked, and aid to Ukraine",
    "report.keywords": "Ukraine; air war; missiles; drones; glide bombs; air defence; military aid; Kiel Institute",
    "report.alt": "Chart: {title}. {caption}",
    "report.source.strikes": "Ukrainian Air Force daily reports as digitised by P. Ivaniuk, release {release}",
    "report.source.statements": "official statements (compiled), compilation {release}",
    "report.source.kiel": (
        "Kiel Institute Ukraine Support Tracker, Release {release}; allocations in nominal euros by month "
        "of allocation (neither commitments nor deliveries)"
    ),
    "report.01_strike_volume.title": "Strike volume (launches per year in the summary)",
    "report.01_strike_volume.caption": (
        "Missiles and drones launched per month, {period}: {classes}, counted from national and "
        "non-overlapping regional Air Force reports and dated by the end of the attack window (complete "
        "months only). Ballistic missiles include the aeroballistic Kinzhal and S-300/S-400 fired at ground "
        "targets; anti-ship types count as cruise missiles; mixed = report rows of cruise with ballistic "
        "missiles that the file does not split by model. Attack drones follow is_shahed where a report gives "
        "it, the rest counting as decoys; before mid-July 2025 decoys sit inside the attack-drone count. "
        "Glide bombs (lower panel) are claims from official statements, not Air Force "
        "counts: a full-month statement for {glide_full} months, an estimate from weekly statements "
        "covering at least half the month for {glide_weekly}, each with the range its qualifiers and "
        "uncovered days allow; {glide_missing} months without enough coverage are blank, not zero. "
        "Sources: {strikes}; {statements}."
    ),
    "report.02_weapon_mix.title": "Weapon mix over time",
    "report.02_weapon_mix.caption": (
        "Share of each weapon class in all launches per month, {period} (all reporting commands). "
        "Decoys are split from attack drones by is_shahed as in figure 1; before mid-July 2025 the "
        "reports do not separate them and decoys sit inside the attack-drone share. Source: {strikes}."
    ),
    "report.03_interception_rate.title": "Neutralised share per month, national reports",
    "report.03_interception_rate.caption": (
        "Neutralised share = (shot down + locationally lost) \u00f7 launched, pooled as a ratio of sums "
        "per month over national Air Force reports, {period}, with the {interval}; months with fewer "
        "than {min_trials} launched are not drawn. Dashed lines mark reporting changes: 'locationally "
        "lost' (mostly to electronic warfare) is reported only from July 2024 to July 2025, so shares "
        "before, during and after that compare only with care. Source: {strikes}."
    ),
    "report.03_interception_rate.figure_title": (
        "Share of missiles and drones neutralised, per month (national reports)"
    ),
    "report.04_largest_salvos.title": "The largest salvos",
    "report.04_largest_salvos.caption": (
        "One dot per salvo (one Air Force report post and one continuous attack window: a post reused "
        "for attacks 8 hours or more apart counts as several), {n_salvos} salvos, {period}, sized by "
        "the number of weapons launched; the {n_labelled} largest are labelled with their size and the "
        "day the attack ended. Source: {strikes}."
    ),
    "report.05_drone_trend.title": "Drone launches: trend and change points",
    "report.05_drone_trend.caption": (
        "Attack and decoy drones launched per month in national reports, {period}, on a log scale "
        "in the model: a change of level or growth is kept only if a test against autocorrelated "
        "(AR(1)) noise finds it at the 5% level (bootstrap), and each kept break carries a 95% range "
        "of dates; the segmented trend between breaks ({method}) is drawn with its 95% band. "
        "Segments: {segments}. The summary table gives the % change per month in each segment with "
        "its interval.{candidate} Source: {strikes}."
    ),
    "report.05_drone_trend.candidate": (
        " The strongest single break, from {month}, is not kept (p = {p}): the growth drawn is the "
        "average over the whole period; a change there is possible, but the data do not establish it."
    ),
    "report.05_drone_trend.figure_title": "Drones launched per month: segmented trend and change points",
    "report.05_drone_trend.ylabel": "Drones launched per month (number)",
    "report.05_drone_trend.default_method": "log-linear, AR(1) errors",
    "report.06_aid_by_donor.title": "Aid by donor",
    "report.06_aid_by_donor.caption": (
        "Total allocations by donor, {period}: the 15 largest and the rest as 'Others', split into "
        "military, financial and humanitarian aid. Source: {kiel}."
    ),
    "report.07_aid_over_time.title": "Aid over time by category",
    "report.07_aid_over_time.caption": (
        "Allocations of all donors per quarter by category, {period}; complete quarters only. Source: "
        "{kiel}."
    ),
    "report.08_cumulative_aid.title": "Cumulative aid by donor group",
    "report.08_cumulative_aid.caption": (
        "Cumulative allocations of donor groups, {period} (membership tables bundled as donor_groups, a "
        "donor counted from the month it joined; EU includes EU institutions). Groups overlap and must "
        "not be added. Source: {kiel}."
    ),
    "report.09_aid_channels.title": "Military aid by channel",
    "report.09_aid_channels.caption": (
        "Military allocations from donor stocks, new procurement, NATO PURL and unspecified, per "
        "quarter, {period} (complete quarters); the channels add up to less than military allocations "
        "(the gap is shown, not forced). Source: {kiel}."
    ),
    "report.10_weapons_delivered.title": "Heavy weapons by donor and category",
    "report.10_weapons_delivered.caption": (
        "Units of heavy weapons by donor and category from the tracker's weapons table (which has no "
        "dates); spellings of one system merged. Source: Kiel Institute Ukraine Support Tracker, "
        "Release {kiel_release}."
    ),
    "report.11_strikes_and_aid.title": "Strikes and military aid on one time axis",
    "report.11_strikes_and_aid.caption": (
        "{period}. Top: missiles and drones launched per month (Air Force reports; the strike data "
        "begin in {strikes_begin}: earlier months are shaded, not zero). Bottom: military aid "
        "allocations per month, to the last month of the aid data. The panels share the time axis; "
        "no causal reading is implied. Sources: {strikes}; {kiel}."
    ),
    "report.12_claims_vs_counts.title": "Official monthly statements against the Air Force reports",
    "report.12_claims_vs_counts.caption": (
        "Each row is one figure from a monthly official statement ({n_claims} in {period}, of which the "
        "reports can check {n_checkable}): the grey bar is the range its qualifier allows ('over 330' "
        "allows 330 to 412), the dot the count from the national Air Force reports (the summaries "
        "officials quote), dated by the end of the attack window, and the black line the count's range "
        "when attacks are dated by their start or night and regional reports are added; a filled dot "
        "(the two ranges meet) is consistent with the claim, a hollow one is not, the claim lying above "
        "or below the count. Glide bombs are not in the reports. Sources: {statements}; "
        "{strikes}."
    ),
    "report.12_claims_vs_counts.none": (
        "No monthly official statement in {period} gives a figure the Air Force reports count: "
        "there is no claim to check in this period."
    ),
    "report.12_claims_vs_counts.none_caption": (
        "No monthly official statement in {period} gives a figure the Air Force reports count, so "
        "there is no claim to check in this period. Sources: {statements}; {strikes}."
    ),
    "report.12_claims_vs_counts.none_drawn": (
        "The claims of {period} that the reports can check cannot be drawn on this ratio scale: "
        "each claimed or counted figure is 0. The table beside the figure lists them."
    ),
    "report.12_claims_vs_counts.none_drawn_caption": (
        "The claims of {period} that the reports can check ({n_checkable}) cannot be drawn on a "
        "ratio scale: each claimed or counted figure is 0; tables/12_claims_vs_counts.csv lists "
        "them with their verdicts. Sources: {statements}; {strikes}."
    ),
    "report.12_claims_vs_counts.source": (
        "Source: official statements (compiled); Ukrainian Air Force reports via P. Ivaniuk"
    ),
}
