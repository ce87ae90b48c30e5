"""A chart desk's controls: house_style options, web-sized PNGs, SVG, alt text, Ukrainian figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from aidstats import datasets, plots  # noqa: E402
from aidstats._draw.style import colour_for, current_lang, cycle_colour  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_house_style_takes_rc_font_palette_and_language() -> None:
    with plots.house_style(rc={"font.size": 12.0}, font="Liberation Sans", palette=["#111111", "#222222"],
                           lang="uk"):  # fmt: skip
        assert matplotlib.rcParams["font.size"] == 12.0
        assert matplotlib.rcParams["font.sans-serif"][:2] == ["Liberation Sans", "DejaVu Sans"]
        assert cycle_colour(1) == "#222222" and current_lang() == "uk"
        ax = plots.plot_aid_channels(datasets.load("aid_channels"))
        assert ax.get_ylabel().startswith("млрд євро за квартал")
    assert current_lang() == "en" and matplotlib.rcParams["font.size"] != 12.0


def test_a_palette_mapping_overrides_fixed_colours() -> None:
    with plots.house_style(palette={"drone": "#123456"}):
        assert colour_for("drone") == "#123456" and colour_for("missile") == "#D55E00"


def test_the_house_style_starts_from_defaults_unless_told_to_inherit() -> None:
    with matplotlib.rc_context({"axes.facecolor": "#FAFAFA", "lines.linewidth": 7.0}):
        with plots.house_style():
            assert matplotlib.rcParams["axes.facecolor"] == "white"
        with plots.house_style(inherit=True):
            assert (
                matplotlib.rcParams["axes.facecolor"] == "#FAFAFA"
            )  # the house style does not set it
            assert matplotlib.rcParams["lines.linewidth"] == 1.6  # the house style does


def test_plot_functions_keep_the_style_they_are_drawn_in() -> None:
    with plots.house_style(rc={"axes.titlesize": 15.0}):
        ax = plots.plot_aid_channels(datasets.load("aid_channels"))
    assert ax.title.get_fontsize() == 15.0


def test_web_png_svg_and_alt_text(tmp_path) -> None:
    from PIL import Image
    from pypdf import PdfReader

    ax = plots.plot_aid_channels(datasets.load("aid_channels"))
    files = plots.save_figure(
        ax, tmp_path / "web", formats=("png", "pdf", "svg"), dpi=96, alt="Bars per quarter"
    )
    assert [p.suffix for p in files] == [".png", ".pdf", ".svg"]
    with Image.open(files[0]) as png:
        assert png.info["Description"] == "Bars per quarter"
        assert png.size[0] == round(6.5 * 96)
    assert PdfReader(files[1]).metadata.subject == "Bars per quarter"
    assert "<desc>Bars per quarter</desc>" in files[2].read_text()
    redrawn = plots.plot_aid_channels(datasets.load("aid_channels"))
    again = plots.save_figure(
        redrawn, tmp_path / "again", formats=("svg",), dpi=96, alt="Bars per quarter"
    )
    assert again[0].read_bytes() == files[2].read_bytes()


def test_ukrainian_figures_use_the_catalogue(tmp_path) -> None:
    ax = plots.plot_strike_volume(datasets.load("strike_volume_monthly"), lang="uk")
    assert ax.get_title(loc="left") == "Ракети й дрони, випущені по Україні, за місяць"
    ax.figure.canvas.draw()
    assert any("\u202f" in t.get_text() for t in ax.get_yticklabels())  # 10 000
    labels = [t.get_text() for t in ax.figure.axes[1].get_legend().get_texts()]
    assert labels == ["Заява за повний місяць", "Оцінка за тижневими заявами", "Діапазон"]
