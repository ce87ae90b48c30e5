"""The message catalogue: every text a figure, caption, finding or report page shows, in English and Ukrainian.

Texts are looked up by key with :func:`text`, which fills ``{named}``
placeholders; numbers, dates and periods are formatted per language with
:func:`number`, :func:`percent`, :func:`signed_percent`, :func:`month_label`,
:func:`day_label`, :func:`mark_date` and :func:`period_label`. The texts
themselves live in :mod:`aidstats._core.messages_en` and
:mod:`aidstats._core.messages_uk`, the report's in :mod:`aidstats._core.messages_report_en`
and :mod:`aidstats._core.messages_report_uk` (both languages hold the same keys; a test
checks it).
Labels of coded values (weapon classes, aid categories, ...) live with the
values in :mod:`aidstats._core.vocab`; :func:`label` is re-exported here so
that drawing code needs one import. Ukrainian terms follow ``GLOSSARY_UK.md``:
thousands with a narrow no-break space, decimal comma, months in the
nominative on axes and in the genitive in dates (``7 вересня 2025``).

Examples
--------
>>> from aidstats._core.messages import day_label, number, percent, text
>>> text("source", "en", sources="Kiel Institute"), text("source", "uk", sources="Kiel Institute")
('Source: Kiel Institute', 'Джерело: Kiel Institute')
>>> number(5801, "en"), number(5801, "uk")
('5,801', '5\u202f801')
>>> percent(0.875, "uk", decimals=1)
'87,5\u202f%'
>>> day_label("2025-09-07", "en"), day_label("2025-09-07", "uk")
('7 Sep 2025', '7 вересня 2025')
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from aidstats._core.messages_en import TEXTS as _EN_FIGURES
from aidstats._core.messages_report_en import TEXTS as _EN_REPORT
from aidstats._core.messages_report_uk import TEXTS as _UK_REPORT
from aidstats._core.messages_uk import TEXTS as _UK_FIGURES
from aidstats._core.vocab import LANGUAGES, label

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "check_lang",
    "day_label",
    "donor_label",
    "in_text",
    "label",
    "mark_date",
    "month_label",
    "month_name",
    "number",
    "percent",
    "period_label",
    "signed_percent",
    "text",
]

NNBSP = "\u202f"  # narrow no-break space: Ukrainian thousands separator and before %
MINUS = "\u2212"  # the minus sign of typeset numbers (matplotlib's axes use it too)
EN_DASH = "\u2013"

#: language -> key -> text. Placeholders are ``{named}``. Donor names and heavy-weapon categories
#: are translated in Ukrainian only; in English they read as the data give them.
_EN = {**_EN_FIGURES, **_EN_REPORT}
_UK = {**_UK_FIGURES, **_UK_REPORT}
CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        **_EN,
        **{k: k.split(".", 1)[1] for k in _UK if k.startswith(("donor.", "weapon_category."))},
    },
    "uk": _UK,
}

_MONTHS_UK = (
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
)
_MONTHS_UK_GENITIVE = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)
_MONTHS_UK_SHORT = (
    "січ",
    "лют",
    "бер",
    "кві",
    "тра",
    "чер",
    "лип",
    "сер",
    "вер",
    "жов",
    "лис",
    "гру",
)


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

    Examples
    --------
    >>> text("axis.launched_per_month", "uk")
    'Випущено за місяць (кількість)'
    """
    template = CATALOGUE[check_lang(lang)][key]
    return template.format(**values) if values else template


def in_text(key: str, lang: str = "en") -> str:
    """A term's label as it reads inside a sentence: first letter in lower case, abbreviations kept.

    Examples
    --------
    >>> in_text("ballistic_missiles"), in_text("glide_bombs", "uk"), in_text("nato_purl")
    ('ballistic missiles', 'керовані авіабомби (КАБ)', 'NATO PURL')
    """
    words = label(key, check_lang(lang))
    if len(words) > 1 and words[1].isupper():
        return words
    return words[:1].lower() + words[1:]


def donor_label(name: str, lang: str = "en") -> str:
    """A donor's name in ``lang`` (as the data give it where the catalogue has none)."""
    return CATALOGUE[check_lang(lang)].get(f"donor.{name}", name)


def number(value: Any, lang: str = "en", *, decimals: int = 0) -> str:
    """``value`` with thousands separators and ``decimals`` decimals, per language.

    Negative numbers take a typeset minus sign; missing values print as an en dash.

    Examples
    --------
    >>> number(-1234.5, "uk", decimals=1)
    '\u22121\u202f234,5'
    """
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return EN_DASH
    out = f"{float(value):,.{decimals}f}"
    if out.startswith("-"):
        out = out[1:] if float(out.replace(",", "")) == 0 else MINUS + out[1:]
    if check_lang(lang) == "uk":
        out = out.replace(",", NNBSP).replace(".", ",")
    return out


def percent(share: Any, lang: str = "en", *, decimals: int = 0) -> str:
    """A share (0.875) as a percentage (``87.5%``; Ukrainian ``87,5 %`` with a narrow space)."""
    if share is None or share is pd.NA or (isinstance(share, float) and math.isnan(share)):
        return EN_DASH
    body = number(100 * float(share), lang, decimals=decimals)
    return f"{body}{NNBSP}%" if lang == "uk" else f"{body}%"


def signed_percent(value: float, lang: str = "en", *, decimals: int = 1) -> str:
    """A change in percent (``value`` already in percent) with its sign: ``+3.2%``, ``−1.0%``."""
    body = percent(value / 100, lang, decimals=decimals)
    return body if body.startswith((MINUS, EN_DASH)) or float(value) == 0 else f"+{body}"


def month_name(month: int, lang: str = "en", *, short: bool = False) -> str:
    """The name of month ``month`` (1-12), nominative: ``June``/``червень`` (``Jun``/``чер`` when short)."""
    if check_lang(lang) == "uk":
        return (_MONTHS_UK_SHORT if short else _MONTHS_UK)[month - 1]
    return pd.Timestamp(year=2000, month=month, day=1).strftime("%b" if short else "%B")


def month_label(value: Any, lang: str = "en", *, short: bool = False) -> str:
    """A month for text: ``June 2025`` / ``червень 2025`` (``Jun 2025`` / ``чер 2025`` when short)."""
    stamp = pd.Timestamp(value)
    return f"{month_name(stamp.month, lang, short=short)} {stamp.year}"


def day_label(value: Any, lang: str = "en") -> str:
    """A date for text: ``7 Sep 2025`` / ``7 вересня 2025`` (Ukrainian months in the genitive)."""
    stamp = pd.Timestamp(value)
    if check_lang(lang) == "uk":
        return f"{stamp.day} {_MONTHS_UK_GENITIVE[stamp.month - 1]} {stamp.year}"
    return f"{stamp.day} {stamp:%b %Y}"


def mark_date(value: Any, lang: str = "en") -> str:
    """When a change took effect, as precisely as known, to follow "from": ``Jul 2024``, ``mid-Jul 2025``.

    The first day of a month reads as the month; a day from the 10th to the
    20th as the middle of the month; any other day as the date. Ukrainian
    takes the genitive that follows «з» (``липня 2024``, ``середини липня 2025``).

    Examples
    --------
    >>> mark_date("2024-07-01"), mark_date("2025-07-15"), mark_date("2025-07-15", "uk")
    ('Jul 2024', 'mid-Jul 2025', 'середини липня 2025')
    """
    stamp = pd.Timestamp(value)
    uk = check_lang(lang) == "uk"
    month = f"{_MONTHS_UK_GENITIVE[stamp.month - 1]} {stamp.year}" if uk else f"{stamp:%b %Y}"
    if stamp.day == 1:
        return month
    if 10 <= stamp.day <= 20:
        return text("date.mid_month", lang, month=month)
    return day_label(stamp, lang)


def period_label(start: Any, end: Any, lang: str = "en", *, short: bool = True) -> str:
    """Months ``start`` to ``end`` as one text: ``Sep 2022 – May 2026``; one month alone when they agree.

    Examples
    --------
    >>> period_label("2024-09-01", "2025-12-01"), period_label("2025-01-01", "2025-04-01")
    ('Sep 2024 – Dec 2025', 'Jan – Apr 2025')
    >>> period_label("2025-06-01", "2025-06-01", "uk")
    'чер 2025'
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if (first.year, first.month) == (last.year, last.month):
        return month_label(first, lang, short=short)
    if first.year == last.year:
        return f"{month_name(first.month, lang, short=short)} {EN_DASH} {month_label(last, lang, short=short)}"
    return (
        f"{month_label(first, lang, short=short)} {EN_DASH} {month_label(last, lang, short=short)}"
    )
