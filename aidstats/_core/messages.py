"""The message catalogue: every text a figure, caption, finding or report page shows, in English and Ukrainian.

Texts are looked up by key with :func:`text`, which fills ``{named}``
placeholders; numbers and dates are formatted per language with
:func:`number`, :func:`percent` and :func:`month_label`. Labels of coded
values (weapon classes, aid categories, ...) live with the values in
:mod:`aidstats._core.vocab`; :func:`label` is re-exported here so that drawing
code needs one import. Both languages hold the same keys (a test checks it).
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
