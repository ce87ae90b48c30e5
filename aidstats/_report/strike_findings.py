"""Key findings from the strike tables: volume, the largest salvo, the neutralised share, the drone trend, glide bombs.

Each function reads one table the report writes and returns its findings
(none when the table is not in the build). See :mod:`aidstats._report.findings`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from aidstats._compute.stats.rate_compare import RateComparisonResult, compare_counts
from aidstats._core.messages import (
    day_label,
    in_text,
    month_label,
    number,
    percent,
    period_label,
    signed_percent,
    text,
)
from aidstats._core.periods import shift_months
from aidstats._core.regimes import regime_changes
from aidstats._core.vocab import AIR_FORCE_VOLUME, WEAPON_GROUPS, group_of, label
from aidstats._draw.marks import regime_label
from aidstats._report.evidence import Evidence, Finding, Tables, csv_path, month_row
from aidstats._report.spec import ReportContext
from aidstats.stats import compare_rates

__all__ = ["drone_trend", "glide_bombs", "largest_salvo", "neutralised", "volume"]

WIDE = 0.15  # an interval of a share wider than this is called wide
SHORT_SEGMENT = 6  # months: a trend segment shorter than this is called short


# --------------------------------------------------------------------------- strike volume


def _volume_parts(
    row: pd.Series, group: str, lang: str
) -> tuple[float, str, list[tuple[str, float]]]:
    columns = [
        c for c in AIR_FORCE_VOLUME if group_of(c) == group and c in row.index and pd.notna(row[c])
    ]
    total = float(sum(row[c] for c in columns))
    shown = [(c, float(row[c])) for c in columns if row[c] > 0]
    words = ", ".join(
        text("finding.part", lang, label=in_text(c, lang), n=number(v, lang)) for c, v in shown
    )
    return total, words, shown


def volume(tables: Tables, context: ReportContext) -> list[Finding]:
    """Launches in the latest complete month against a year earlier: all, missiles by class, drones."""
    table = tables.get("01_strike_volume")
    if table is None or table.empty:
        return []
    lang, name = context.lang, "01_strike_volume"
    rows = table.set_index("month")
    latest = pd.Timestamp(rows.index.max())
    ago = shift_months(latest, -12)
    now = rows.loc[latest]
    then = rows.loc[ago] if ago in rows.index else None
    found = []
    columns = [c for c in AIR_FORCE_VOLUME if c in rows.columns]
    total = float(now[columns].sum())
    evidence = [Evidence("missiles_and_drones_launched", total, csv_path(name), month_row(latest))]
    if then is None:
        sentence = text(
            "finding.volume_alone", lang, month=month_label(latest, lang), total=number(total, lang)
        )
    else:
        before = float(then[columns].sum())
        evidence.append(
            Evidence("missiles_and_drones_launched", before, csv_path(name), month_row(ago))
        )
        sentence = text(
            "finding.volume", lang, month=month_label(latest, lang), total=number(total, lang),
            change=_change(total, before, lang), month_ago=month_label(ago, lang), total_ago=number(before, lang),
        )  # fmt: skip
    found.append(Finding("strike_volume", sentence, tuple(evidence)))
    for group in ("missile", "drone"):
        found.append(_group_finding(group, now, then, latest, ago, name, lang))
    return found


def _change(now: float, before: float, lang: str) -> str:
    if before <= 0:
        return text("finding.change_from_none", lang)
    ratio = now / before
    if ratio >= 1.5:
        return text("finding.times_as_many", lang, ratio=number(ratio, lang, decimals=1))
    if abs(ratio - 1) < 0.05:
        return text("finding.about_as_many", lang)
    key = "finding.more_than" if ratio > 1 else "finding.fewer_than"
    return text(key, lang, pct=percent(abs(ratio - 1), lang))


def _group_finding(
    group: str,
    now: pd.Series,
    then: pd.Series | None,
    latest: pd.Timestamp,
    ago: pd.Timestamp,
    name: str,
    lang: str,
) -> Finding:
    total, words, shown = _volume_parts(now, group, lang)
    evidence = [Evidence(c, v, csv_path(name), month_row(latest)) for c, v in shown]
    values = {"group": label(group, lang), "month": month_label(latest, lang), "total": number(total, lang),
              "parts": words}  # fmt: skip
    if then is None:
        return Finding(
            f"{group}_volume", text("finding.group_alone", lang, **values), tuple(evidence)
        )
    before, words_before, shown_before = _volume_parts(then, group, lang)
    evidence += [Evidence(c, v, csv_path(name), month_row(ago)) for c, v in shown_before]
    values.update(
        month_ago=month_label(ago, lang), total_ago=number(before, lang), parts_ago=words_before
    )
    sentence = text("finding.group", lang, **values)
    split = regime_changes(ago, latest + pd.offsets.MonthEnd(0), "is_shahed")
    if group == "drone" and len(split):
        change = split.iloc[0]
        sentence += " " + text(
            "finding.split_not_comparable", lang,
            change=regime_label("is_shahed", str(change["after"]), change["date"], lang),
        )  # fmt: skip
    return Finding(f"{group}_volume", sentence, tuple(evidence))


# --------------------------------------------------------------------------- salvos, rates, trend


def largest_salvo(tables: Tables, context: ReportContext) -> list[Finding]:
    """The largest salvo of the period, with its weapon groups."""
    table = tables.get("04_largest_salvos")
    if table is None or table.empty:
        return []
    lang = context.lang
    ordered = table.sort_values(["launched", "time_end"], ascending=[False, True], kind="mergesort")
    top = ordered.iloc[0]
    row = f"salvo={top['salvo']}" if "salvo" in table.columns else f"time_end={top['time_end']}"
    parts = [
        (g, float(top[f"launched_{g}"])) for g in WEAPON_GROUPS if f"launched_{g}" in top.index
    ]
    parts = [(g, v) for g, v in parts if v > 0]
    words = ", ".join(
        text("finding.part", lang, label=in_text(g, lang), n=number(v, lang)) for g, v in parts
    )
    sentence = text(
        "finding.salvo", lang, period=period_label(table["time_end"].min(), table["time_end"].max(), lang, short=False),
        n=number(top["launched"], lang), date=day_label(top["time_end"], lang), parts=words,
    )  # fmt: skip
    csv = csv_path("04_largest_salvos")
    evidence = [Evidence("launched", float(top["launched"]), csv, row)]
    evidence += [Evidence(f"launched_{g}", v, csv, row) for g, v in parts]
    return [Finding("largest_salvo", sentence, tuple(evidence))]


def neutralised(tables: Tables, context: ReportContext) -> list[Finding]:
    """The neutralised share of drones and missiles in the latest month, with intervals and how it moved.

    The comparison is with a year earlier; where a reporting change lies in
    between, the sentence says so and compares with the first month after it.
    """
    table = tables.get("03_interception_rate")
    if table is None or table.empty:
        return []
    lang, csv = context.lang, csv_path("03_interception_rate")
    latest = pd.Timestamp(table["month"].max())
    groups = {
        g: table[table["weapon_group"] == g].set_index("month")
        for g in ("drone", "missile")
        if latest in set(table.loc[table["weapon_group"] == g, "month"])
    }
    if not groups:
        return []
    parts, wide, evidence = [], [], []
    for group, rows in groups.items():
        now = rows.loc[latest]
        row = f"{month_row(latest)}, weapon_group={group}"
        evidence += [
            Evidence(q, float(now[q]), csv, row)
            for q in ("estimate", "low", "high", "successes", "trials")
        ]
        parts.append(text("finding.share_part", lang, share=percent(now["estimate"], lang, decimals=1),
                          group=in_text(group, lang), low=percent(now["low"], lang, decimals=1),
                          high=percent(now["high"], lang, decimals=1), interval=_level(now, lang)))  # fmt: skip
        if float(now["high"]) - float(now["low"]) > WIDE:
            wide.append(in_text(group, lang))
    sentences = [text("finding.neutralised", lang, month=month_label(latest, lang),
                      parts=text("finding.and", lang).join(parts))]  # fmt: skip
    if wide:
        sentences.append(
            text("finding.share_wide", lang, groups=text("finding.and", lang).join(wide))
        )
    sentences.append(_movement(groups, latest, csv, evidence, lang))
    return [Finding("neutralised_share", " ".join(s for s in sentences if s), tuple(evidence))]


def _level(row: pd.Series, lang: str) -> str:
    alpha = float(row["alpha"]) if "alpha" in row.index and pd.notna(row["alpha"]) else 0.05
    return text("interval.level", lang, level=percent(1 - alpha, lang))


def _movement(
    groups: Mapping[str, pd.DataFrame],
    latest: pd.Timestamp,
    csv: str,
    evidence: list[Evidence],
    lang: str,
) -> str:
    """How the shares moved from a year earlier; from the first month after a reporting change in between."""
    ago = shift_months(latest, -12)
    changes = regime_changes(ago, latest + pd.offsets.MonthEnd(0), "not_reach_goal")
    prefix, base = "", ago
    if len(changes):
        change = changes.iloc[-1]
        base = pd.Timestamp(change["date"]).to_period("M").to_timestamp()
        if pd.Timestamp(change["date"]).day != 1:
            base = shift_months(base, 1)
        prefix = text("finding.not_comparable", lang, month_ago=month_label(ago, lang),
                      change=regime_label("not_reach_goal", str(change["after"]), change["date"], lang))  # fmt: skip
    moves = [
        _compare(rows, latest, base, group, csv, evidence, lang) for group, rows in groups.items()
    ]
    moves = [m for m in moves if m]
    if not moves:
        return prefix
    against = text(
        "finding.against",
        lang,
        month=month_label(base, lang),
        moves=text("finding.and", lang).join(moves),
    )
    return f"{prefix} {against}".strip()


def _clustered_comparison(now: pd.Series, then: pd.Series) -> RateComparisonResult:
    """The two months' shares compared with the design effects the rate table found for them.

    Four bare counts would treat every launch as an independent trial, an
    interval several times too narrow; the table's clusters (days or salvos)
    and design effects carry over.
    """
    x = np.array([now["successes"], then["successes"]], dtype=float)
    n = np.array([now["trials"], then["trials"]], dtype=float)
    if "design_effect" not in now.index or "n_salvos" not in now.index:
        return compare_rates(x[0], n[0], x[1], n[1])
    deff = np.array([now["design_effect"], then["design_effect"]], dtype=float)
    clusters = np.array([now["n_salvos"], then["n_salvos"]], dtype=float)
    unit = "day" if "by day" in str(now.get("method", "")) else "salvo"
    return compare_counts(x, n, deff, clusters, 0.05, clustered=True, unit=unit)


def _compare(
    rows: pd.DataFrame, latest: pd.Timestamp, base: pd.Timestamp, group: str, csv: str,
    evidence: list[Evidence], lang: str,
) -> str:  # fmt: skip
    if base not in rows.index or base >= latest:
        return ""
    now, then = rows.loc[latest], rows.loc[base]
    result = _clustered_comparison(now, then)
    evidence.append(
        Evidence(
            "estimate", float(then["estimate"]), csv, f"{month_row(base)}, weapon_group={group}"
        )
    )
    points = {
        "low": number(100 * result.low, lang, decimals=1),
        "high": number(100 * result.high, lang, decimals=1),
    }
    if result.low > 0 or result.high < 0:
        way = "finding.rose" if result.estimate > 0 else "finding.fell"
        move = text(
            way, lang, points=number(abs(100 * result.estimate), lang, decimals=1), **points
        )
    else:
        move = text("finding.no_clear_change", lang, **points)
    return text("finding.share_moved", lang, group=in_text(group, lang),
                share=percent(then["estimate"], lang, decimals=1), move=move)  # fmt: skip


def drone_trend(tables: Tables, context: ReportContext) -> list[Finding]:
    """The drone trend of the latest segment, with its interval."""
    table = tables.get("05_drone_trend")
    if table is None or table.empty:
        return []
    lang, csv = context.lang, csv_path("05_drone_trend")
    last = table[table["segment"] == table["segment"].max()]
    first = last.iloc[0]
    months = len(last)
    low, high = float(first["pct_per_month_low"]), float(first["pct_per_month_high"])
    pct = float(first["pct_per_month"])
    segment = period_label(first["segment_start"], last["month"].max(), lang, short=False)
    values = {"segment": segment, "months": number(months, lang),
              "pct": signed_percent(pct, lang), "size": percent(abs(pct) / 100, lang, decimals=1),
              "low": signed_percent(low, lang),
              "high": signed_percent(high, lang)}  # fmt: skip
    if low > 0 or high < 0:
        key = "finding.trend_up" if low > 0 else "finding.trend_down"
    else:
        key = "finding.trend_unclear"
    sentence = text(key, lang, **values)
    if months < SHORT_SEGMENT:
        sentence += " " + text("finding.trend_short", lang, months=number(months, lang))
    row = f"segment={int(first['segment'])}"
    evidence = tuple(
        Evidence(q, float(first[q]), csv, row)
        for q in ("pct_per_month", "pct_per_month_low", "pct_per_month_high")
    )
    return [Finding("drone_trend", sentence, evidence)]


def glide_bombs(tables: Tables, context: ReportContext) -> list[Finding]:
    """The latest month with a glide-bomb figure, its kind and range, and how many months have none."""
    table = tables.get("01_strike_volume")
    if table is None or "glide_bombs" not in table.columns:
        return []
    lang, csv = context.lang, csv_path("01_strike_volume")
    known = table[table["glide_bombs"].notna()]
    if known.empty:
        return []
    last = known.iloc[-1]
    kind = str(last.get("glide_bombs_source", "") or "")
    row = month_row(last["month"])
    sentence = text(
        "finding.glide_bombs", lang, month=month_label(last["month"], lang), n=number(last["glide_bombs"], lang),
        kind=text("finding.glide_weekly" if kind.startswith("weekly") else "finding.glide_full_month", lang),
        low=number(last.get("glide_bombs_low", last["glide_bombs"]), lang),
        high=number(last.get("glide_bombs_high", last["glide_bombs"]), lang),
        missing=number(int(table["glide_bombs"].isna().sum()), lang), months=number(len(table), lang),
    )  # fmt: skip
    evidence = tuple(
        Evidence(q, float(last[q]), csv, row)
        for q in ("glide_bombs", "glide_bombs_low", "glide_bombs_high")
        if q in last.index
    )
    return [Finding("glide_bombs", sentence, evidence)]
