"""The report's texts come from the message catalogue, complete in every language."""

from __future__ import annotations

import string

import pandas as pd
import pytest

from aidstats import datasets
from aidstats._core.messages import (
    CATALOGUE,
    LANGUAGES,
    day_label,
    mark_date,
    number,
    percent,
    period_label,
    signed_percent,
    text,
)
from aidstats.report import ReportContext, figure_specs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_holds_every_key(lang: str) -> None:
    assert set(CATALOGUE[lang]) == set(CATALOGUE["en"])


def test_placeholders_agree_across_languages() -> None:
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for lang in LANGUAGES:
        for key, template in CATALOGUE[lang].items():
            assert fields(template) == fields(CATALOGUE["en"][key]), (lang, key)


def test_ukrainian_texts_are_written_not_copied() -> None:
    # Names and codes may stay as they are; sentences may not.
    same = [k for k, v in CATALOGUE["uk"].items() if v == CATALOGUE["en"][k] and len(v.split()) > 2]
    assert same == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_titles_and_captions_are_the_catalogue_texts(lang: str) -> None:
    for spec in figure_specs(lang):
        assert spec.title == text(f"report.{spec.name}.title", lang)
        assert spec.caption == text(f"report.{spec.name}.caption", lang)


def test_numbers_and_dates_per_language() -> None:
    assert number(10043, "en") == "10,043" and number(10043, "uk") == "10\u202f043"
    assert number(-2.5, "uk", decimals=1) == "\u22122,5"
    assert (
        percent(0.917, "en", decimals=1) == "91.7%"
        and percent(0.917, "uk", decimals=1) == "91,7\u202f%"
    )
    assert signed_percent(3.2, "en") == "+3.2%" and signed_percent(-0.5, "en") == "\u22120.5%"
    assert day_label("2025-07-09", "uk") == "9 липня 2025"
    assert mark_date("2025-08-01", "uk") == "серпня 2025"
    assert (
        period_label("2025-01-01", "2025-12-01", "uk", short=False) == "січень \u2013 грудень 2025"
    )


def _caption(name: str, context: ReportContext) -> str:
    import matplotlib.pyplot as plt

    (spec,) = [s for s in figure_specs(context.lang) if s.name == name]
    fig, table = spec.draw(context)
    plt.close(fig)
    return spec.caption_for(table, context)


def test_captions_follow_the_period_shown() -> None:
    """A 2025-only report says so, and no caption keeps "since 2023"."""
    context = ReportContext(start=pd.Timestamp("2025-01-01"), end=pd.Timestamp("2025-12-01"))
    trend = _caption("05_drone_trend", context)
    assert "Jan 2025 – Dec 2025" not in trend and "Jan – Dec 2025" in trend
    assert "2023" not in trend
    assert "Jan – Dec 2025" in _caption("06_aid_by_donor", context)


def test_captions_name_the_release_of_the_data_they_show() -> None:
    """No release is typed into a caption: each comes from the sidecars of the data read."""
    context = ReportContext()
    kiel = datasets.info("aid_monthly").sources[0].release
    strikes = datasets.info("strikes_monthly").sources[0].release
    assert f"Release {kiel}" in _caption("06_aid_by_donor", context)
    assert f"release {strikes}" in _caption("01_strike_volume", context)
    assert all("Release 29" not in t and "2026-06-06" not in t for t in CATALOGUE["en"].values())


def test_ukrainian_caption_is_filled() -> None:
    caption = _caption("03_interception_rate", ReportContext(lang="uk"))
    assert (
        "{" not in caption
        and "довірчий інтервал" in caption
        and "кластеризацією за днями" in caption
    )
