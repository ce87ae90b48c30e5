"""The message catalogue: every text a figure, caption, finding or report page shows, in English and Ukrainian.

Texts are looked up by key with :func:`text`, which fills ``{named}``
placeholders; numbers and dates are formatted per language with
:func:`number`, :func:`percent` and :func:`month_label`. Labels of coded
values (weapon classes, aid categories, ...) live with the values in
:mod:`aidstats._core.vocab`; :func:`label` is re-exported here so that drawing
code needs one import. Both languages are to hold the same keys (a test checks it; the
report's ``report.*`` texts await their Ukrainian translation).
Ukrainian terms follow ``GLOSSARY_UK.md``: thousands with a narrow no-break
space, decimal comma, months in the nominative.

Examples
--------
>>> from aidstats._core.messages import number, percent, text
>>> text("source", "en", sources="Kiel Institute"), text("source", "uk", sources="Kiel Institute")
('Source: Kiel Institute', 'Джерело: Kiel Institute')
>>> number(5801, "en"), number(5801, "uk")
('5,801', '5\u202f801')
>>> percent(0.875, "uk", decimals=1)
'87,5\u202f%'
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from aidstats._core.vocab import LANGUAGES, label

__all__ = ["CATALOGUE", "LANGUAGES", "check_lang", "label", "month_label", "number", "percent", "text"]

_NNBSP = "\u202f"  # narrow no-break space: Ukrainian thousands separator and before %

#: key -> text, per language. Placeholders are ``{named}``.
CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "source": "Source: {sources}",
        "sources": "Sources: {sources}",
        # The report (aidstats report): how captions name the sources, then page titles and captions
        # per figure (report.<figure>.title / .caption), and titles the report gives its figures.
        "report.source.strikes": "Ukrainian Air Force daily reports as digitised by P. Ivaniuk",
        "report.source.kiel": (
            "Kiel Institute Ukraine Support Tracker, Release {kiel_release}; allocations in nominal euros by month of "
            "allocation (neither commitments nor deliveries)"
        ),
        "report.01_strike_volume.title": "Strike volume (launches per year in the summary)",
        "report.01_strike_volume.caption": (
            "Missiles (cruise incl. anti-ship types; ballistic incl. aeroballistic Kinzhal and S-300/S-400 fired "
            "at ground targets; mixed: report rows of cruise with ballistic missiles not split by model; other) "
            "and drones launched per month, counted from national and non-overlapping regional Air Force "
            "reports and dated by the end of the attack window. Attack drones follow is_shahed where a report "
            "gives it, the rest counting as decoys; before mid-July 2025 decoys sit inside the attack-drone "
            "count. Glide bombs in the lower panel are claims from official statements, missing where none "
            "covers the month. Source: {strikes}; official statements."
        ),
        "report.02_weapon_mix.title": "Weapon mix over time",
        "report.02_weapon_mix.caption": (
            "Share of each weapon class in all launches per month (all reporting commands). Decoys are split "
            "from attack drones by is_shahed as in figure 1; before mid-July 2025 the reports do not separate "
            "them and decoys sit inside the attack-drone share. Source: {strikes}."
        ),
        "report.03_interception_rate.title": "Neutralised share per month, national reports",
        "report.03_interception_rate.caption": (
            "Neutralised share = (destroyed + locationally lost) / launched, pooled as a ratio of sums per month "
            "over national Air Force reports, with 95% Wilson intervals. Vertical lines mark reporting-regime "
            "changes: 'locationally lost' is recorded only from mid-2024 to July 2025. Source: {strikes}."
        ),
        "report.03_interception_rate.figure_title": (
            "Share of missiles and drones neutralised, per month (national reports)"
        ),
        "report.04_largest_salvos.title": "The largest salvos",
        "report.04_largest_salvos.caption": (
            "One dot per salvo (one Air Force report post and one continuous attack window: a post reused for "
            "attacks 8 hours or more apart counts as several), sized by the number of weapons launched; the "
            "largest are labelled. Source: {strikes}."
        ),
        "report.05_drone_trend.title": "Drone launches: trend and change points",
        "report.05_drone_trend.caption": (
            "Attack and decoy drones launched per month in national reports since 2023, change points found by "
            "PELT on log counts (penalty in the table), and a segmented Poisson log-linear trend between them "
            "with its 95% band (intervals widened for overdispersion); the table gives the % change per month in "
            "each segment. Source: {strikes}."
        ),
        "report.05_drone_trend.figure_title": "Drones launched per month: segmented trend and change points",
        "report.05_drone_trend.ylabel": "Drones launched per month (number)",
        "report.06_aid_by_donor.title": "Aid by donor",
        "report.06_aid_by_donor.caption": (
            "Total allocations by donor, top 15 and the rest as 'Others', split into military, financial and "
            "humanitarian aid. Source: {kiel}."
        ),
        "report.07_aid_over_time.title": "Aid over time by category",
        "report.07_aid_over_time.caption": (
            "Allocations of all donors per quarter by category; complete quarters only. Source: {kiel}."
        ),
        "report.08_cumulative_aid.title": "Cumulative aid by donor group",
        "report.08_cumulative_aid.caption": (
            "Cumulative allocations of donor groups (membership tables bundled as donor_groups; EU includes EU "
            "institutions). Groups overlap and must not be added. Source: {kiel}."
        ),
        "report.09_aid_channels.title": "Military aid by channel",
        "report.09_aid_channels.caption": (
            "Military allocations from donor stocks, new procurement, NATO PURL and unspecified, per quarter "
            "(complete quarters); the channels add up to less than military allocations (the gap is shown, not "
            "forced). Source: {kiel}."
        ),
        "report.10_weapons_delivered.title": "Heavy weapons by donor and category",
        "report.10_weapons_delivered.caption": (
            "Units of heavy weapons by donor and category from the tracker's weapons table; spellings of one "
            "system merged. Source: Kiel Institute Ukraine Support Tracker, Release {kiel_release}."
        ),
        "report.11_strikes_and_aid.title": "Strikes and military aid on one time axis",
        "report.11_strikes_and_aid.caption": (
            "Top: missiles and drones launched per month (Air Force reports). Bottom: military aid allocations "
            "per month. Two panels share the time axis; no causal reading is implied. Sources: {strikes}; {kiel}."
        ),
        "report.12_claims_vs_counts.title": "Official monthly statements against the Air Force reports",
        "report.12_claims_vs_counts.caption": (
            "Each marker is one figure from a monthly official statement, placed by claimed value and by "
            "counted/claimed; its shape is the qualifier ('over', 'nearly', 'about', 'exact') and its fill "
            "whether the count is consistent with the claim. Counts: national Air Force reports (the summaries "
            "officials quote), dated by the end of the window. Glide bombs are not in the reports. Sources: "
            "official statements (compiled); Air Force reports via P. Ivaniuk."
        ),
        "report.12_claims_vs_counts.source": (
            "Source: official statements (compiled); Ukrainian Air Force reports via P. Ivaniuk"
        ),
    },
    "uk": {
        "source": "Джерело: {sources}",
        "sources": "Джерела: {sources}",
    },
}

_MONTHS_UK = ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень",
              "жовтень", "листопад", "грудень")
_MONTHS_UK_SHORT = ("січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис", "гру")


def check_lang(lang: str) -> str:
    """``lang`` if it is a supported language, else a ValueError naming them."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}; got {lang!r}")
    return lang


def text(key: str, lang: str = "en", /, **values: Any) -> str:
    """The text of ``key`` in ``lang`` with its placeholders filled from ``values``.

    Raises
    ------
    KeyError
        An unknown key (a bug: every shown text must be in the catalogue).
    """
    template = CATALOGUE[check_lang(lang)][key]
    return template.format(**values) if values else template


def number(value: float, lang: str = "en", *, decimals: int = 0) -> str:
    """``value`` with thousands separators and ``decimals`` decimals, per language.

    Missing values print as an en dash.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "\u2013"
    out = f"{value:,.{decimals}f}"
    if check_lang(lang) == "uk":
        out = out.replace(",", _NNBSP).replace(".", ",")
    return out


def percent(share: float, lang: str = "en", *, decimals: int = 0) -> str:
    """A share (0.875) as a percentage (``87.5%``; Ukrainian ``87,5 %`` with a narrow space)."""
    body = number(100 * share, lang, decimals=decimals)
    return f"{body}{_NNBSP}%" if lang == "uk" else f"{body}%"


def month_label(value: Any, lang: str = "en", *, short: bool = False) -> str:
    """A month for text: ``June 2025`` / ``червень 2025`` (``Jun 2025`` / ``чер 2025`` when short)."""
    stamp = pd.Timestamp(value)
    if check_lang(lang) == "uk":
        names = _MONTHS_UK_SHORT if short else _MONTHS_UK
        return f"{names[stamp.month - 1]} {stamp.year}"
    return stamp.strftime("%b %Y" if short else "%B %Y")
