"""What each caption says about the data drawn: period, releases, definitions and methods, from the tables.

Every function here takes the table a figure was drawn from and the report
context and returns the values that fill that figure's caption template
(``report.<figure>.caption`` in the message catalogue), so that a caption
follows the period shown, the data releases read and the methods the
tables name, instead of repeating what was true when it was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from aidstats._core.messages import in_text, mark_date, number, period_label, text
from aidstats._core.vocab import AIR_FORCE_VOLUME
from aidstats._draw.rates import MIN_TRIALS, interval_name, method_name
from aidstats._draw.strikes import WEEKLY_ESTIMATE
from aidstats._report import inputs
from aidstats._report.strike_figures import NOT_CHECKABLE, NOTICE, SALVO_LABELS

if TYPE_CHECKING:
    from aidstats._report.spec import ReportContext

__all__ = ["DESCRIBE", "sources"]

_TIME = ("month", "time_end", "period_start", "period")


def sources(context: ReportContext) -> dict[str, str]:
    """The sources as captions name them, each with the release read."""
    lang, found = context.lang, inputs.releases(context)
    return {
        "strikes": text("report.source.strikes", lang, release=found["strikes"]),
        "statements": text("report.source.statements", lang, release=found["statements"]),
        "kiel": text("report.source.kiel", lang, release=found["aid"]),
        "kiel_release": found["aid"],
    }


def _period(table: pd.DataFrame, lang: str) -> str:
    column = next((c for c in _TIME if c in table.columns), None)
    if column is None or table.empty:
        return ""
    times = pd.to_datetime(table[column])
    return period_label(times.min(), times.max(), lang)


def _common(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    return {**sources(context), "period": _period(table, context.lang)}


def strike_volume(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 1: the classes stacked and how many months have which kind of glide-bomb figure."""
    lang = context.lang
    stacked = [in_text(c, lang) for c in AIR_FORCE_VOLUME if c in table.columns]
    glide = table["glide_bombs"] if "glide_bombs" in table.columns else pd.Series(dtype=float)
    kind = (
        table.get("glide_bombs_source", pd.Series("", index=table.index))
        .astype("string")
        .fillna("")
    )
    weekly = int((glide.notna() & kind.str.startswith(WEEKLY_ESTIMATE)).sum())
    full = int(glide.notna().sum()) - weekly
    return {
        **_common(table, context),
        "classes": ", ".join(stacked),
        "glide_full": number(full, lang),
        "glide_weekly": number(weekly, lang),
        "glide_missing": number(int(glide.isna().sum()), lang),
    }


def interception_rate(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 3: the interval the table gives and the smallest month drawn."""
    return {
        **_common(table, context),
        "interval": interval_name(table, context.lang),
        "min_trials": number(MIN_TRIALS, context.lang),
    }


def salvos(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 4: how many reports and how many are labelled."""
    return {
        **_common(table, context),
        "n_salvos": number(len(table), context.lang),
        "n_labelled": number(min(SALVO_LABELS, len(table)), context.lang),
    }


def drone_trend(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 5: where the trend starts and which methods the table names."""
    lang = context.lang
    method = (
        ", ".join(method_name(m, lang) for m in table["method"].dropna().astype(str).unique())
        if "method" in table.columns
        else text("report.05_drone_trend.default_method", lang)
    )
    return {
        **_common(table, context),
        "method": method,
        "segments": number(int(table["segment"].nunique()), lang),
        "candidate": _candidate(table, lang),
    }


def _candidate(table: pd.DataFrame, lang: str) -> str:
    """The sentence on the best break tested when no break is kept ("" otherwise)."""
    if table["segment"].nunique() > 1 or "candidate_break" not in table.columns:
        return ""
    month, p = table["candidate_break"].iloc[0], table["candidate_p_value"].iloc[0]
    if pd.isna(month) or pd.isna(p):
        return ""
    return text(
        "report.05_drone_trend.candidate", lang, month=mark_date(month, lang), p=f"{float(p):.2f}"
    )


def strikes_and_aid(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 11: where the strike data begin."""
    strikes = table.dropna(
        subset=[c for c in ("missile", "drone") if c in table.columns], how="all"
    )
    begin = mark_date(strikes["month"].min(), context.lang) if len(strikes) else ""
    return {**_common(table, context), "strikes_begin": begin}


def claims(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 12: how many claims, and how many the reports can check."""
    checkable = (
        table["verdict"] != NOT_CHECKABLE
        if "verdict" in table.columns
        else table["computed"].notna()
    )
    filled = {
        **_common(table, context),
        "n_claims": number(len(table), context.lang),
        "n_checkable": number(int(checkable.sum()), context.lang),
    }
    notice = table.attrs.get("aidstats", {}).get(NOTICE)
    if notice:
        filled["period"] = inputs.period_shown(context)
        filled["caption"] = text(f"{notice}_caption", context.lang)
    return filled


def aid_totals(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Figure 6: the table is summed over months; its period is that of the aid data shown."""
    return {**_common(table, context), "period": _period(inputs.aid_monthly(context), context.lang)}


def plain(table: pd.DataFrame, context: ReportContext) -> dict[str, str]:
    """Period and sources only."""
    return _common(table, context)


#: Figure name -> the function that describes its table.
DESCRIBE = {
    "01_strike_volume": strike_volume,
    "02_weapon_mix": plain,
    "03_interception_rate": interception_rate,
    "04_largest_salvos": salvos,
    "05_drone_trend": drone_trend,
    "06_aid_by_donor": aid_totals,
    "07_aid_over_time": plain,
    "08_cumulative_aid": plain,
    "09_aid_channels": plain,
    "10_weapons_delivered": plain,
    "11_strikes_and_aid": strikes_and_aid,
    "12_claims_vs_counts": claims,
}
