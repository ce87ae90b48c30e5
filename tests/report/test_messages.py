"""The report's texts come from the message catalogue, complete in every language."""

from __future__ import annotations

import string

import pytest

from aidstats import datasets
from aidstats._core.messages import CATALOGUE, LANGUAGES, text
from aidstats.report import figure_specs


@pytest.mark.parametrize(
    "lang",
    [
        pytest.param(
            lang,
            marks=pytest.mark.xfail(
                strict=True, reason="the report's Ukrainian texts are not written yet"
            )
            if lang == "uk"
            else (),
        )
        for lang in LANGUAGES
    ],
)
def test_every_language_holds_every_key(lang: str) -> None:
    assert set(CATALOGUE[lang]) == set(CATALOGUE["en"])


def test_placeholders_agree_across_languages() -> None:
    def fields(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for lang in LANGUAGES:
        for key, template in CATALOGUE[lang].items():
            assert fields(template) == fields(CATALOGUE["en"][key]), (lang, key)


def test_report_titles_and_captions_are_the_catalogue_texts() -> None:
    release = {"kiel_release": datasets.info("aid_monthly").sources[0].release}
    sources = {**release, "strikes": text("report.source.strikes"), "kiel": text("report.source.kiel", **release)}
    for spec in figure_specs():
        assert spec.title == text(f"report.{spec.name}.title")
        assert spec.caption == text(f"report.{spec.name}.caption", **sources)
        assert "{" not in spec.caption and "Source" in spec.caption


def test_captions_name_the_release_of_the_data_they_show() -> None:
    """No release is typed into a caption: the Kiel release comes from the bundled tables' sidecar."""
    release = datasets.info("aid_monthly").sources[0].release
    captions = " ".join(spec.caption for spec in figure_specs())
    assert f"Release {release}" in captions
    assert all("Release 29" not in t for t in CATALOGUE["en"].values())
