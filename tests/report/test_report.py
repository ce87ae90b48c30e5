"""``aidstats report``: every figure, the PDF, tables and manifest; byte-identical reruns; safe output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from aidstats import AidstatsError, OutputPathError
from aidstats.cli import main
from aidstats.report import FigureSpec, ReportContext, build_report, figure_specs


def _tiny_figure(context: ReportContext):  # type: ignore[no-untyped-def]
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["a", "b"], [1, 2])
    return fig, pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})


TINY = [FigureSpec("01_tiny", "Tiny", "A tiny figure.", _tiny_figure, lambda t: t)]


def _hashes(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _cli_report(out: Path, *args: str) -> None:
    """Run ``aidstats report`` as a user would: a fresh process, so no state is shared."""
    done = subprocess.run(
        [sys.executable, "-m", "aidstats", "report", "--out", str(out), *args],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_full_report_is_complete_valid_and_byte_identical_on_rerun(tmp_path: Path) -> None:
    # The suite's only full builds: one, and a second to compare bytes with.
    first, second = tmp_path / "first", tmp_path / "second"
    _cli_report(first)
    _cli_report(second)
    assert _hashes(second) == _hashes(first)
    check_every_output(first)
    check_pdf_text_copies_as_typed(first)
    check_pdf_is_structurally_valid(first)


def check_every_output(full_report: Path) -> None:
    names = [spec.name for spec in figure_specs()]
    assert len(names) == 12
    for name in names:
        for suffix in ("png", "pdf"):
            assert (full_report / "figures" / f"{name}.{suffix}").stat().st_size > 1000
        assert len(pd.read_csv(full_report / "tables" / f"{name}.csv")) > 0
    pdf = (full_report / "report.pdf").read_bytes()
    assert (
        pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 13
    )
    manifest = json.loads((full_report / "manifest.json").read_text())
    listed = {o["path"] for o in manifest["outputs"]}
    assert "report.pdf" in listed and "figures/01_strike_volume.png" in listed
    assert {i["path"] for i in manifest["inputs"]} >= {
        "datasets/aid_monthly.csv",
        "datasets/strikes_monthly.csv",
    }
    assert manifest["packages"]["pandas"] == pd.__version__
    assert manifest["parameters"] == {
        "data": None,
        "dpi": 200,
        "events": None,
        "formats": ["png", "pdf"],
        "from": None,
        "lang": "en",
        "to": None,
    }
    assert manifest["releases"] == {
        "aid": "29",
        "statements": "2026-11-30",
        "strikes": "2026-06-06",
    }
    findings = pd.read_csv(full_report / "tables" / "key_findings.csv")
    assert 6 <= findings["finding"].nunique() <= 10
    assert [f["sentence"] for f in manifest["key_findings"]] == list(
        findings.drop_duplicates("finding")["sentence"]
    )
    for row in findings.itertuples(index=False):  # every number points at a table the report wrote
        assert (full_report / row.table).exists(), row.table
    assert set(manifest["alt_texts"]) == set(names)
    from aidstats._files import sha256_file

    for record in manifest["outputs"]:
        assert sha256_file(full_report / record["path"]) == record["sha256"]


def _table(name: str) -> pd.DataFrame:
    """The table the report writes for one figure (drawn alone)."""
    import matplotlib.pyplot as plt

    (spec,) = [spec for spec in figure_specs() if spec.name == name]
    fig, table = spec.draw(ReportContext())
    plt.close(fig)
    return table


def test_strike_figures_leave_out_the_partial_last_month() -> None:
    volume = _table("01_strike_volume")
    assert volume["month"].max() == pd.Timestamp("2026-05-01")  # data end on 2026-06-07


def test_reconciliation_says_glide_bombs_cannot_be_checked() -> None:
    table = _table("12_claims_vs_counts")
    glide = table[table["measure"] == "glide_bombs"]
    assert (
        len(glide) and set(glide["verdict"]) == {"not checkable"} and glide["computed"].isna().all()
    )
    june = table[(table["period_start"] == "2025-06-01") & (table["measure"] == "missiles")]
    assert list(june["claimed"]) == [330] and list(june["verdict"]) == ["not consistent"]


def test_period_and_format_options(tmp_path: Path) -> None:
    manifest = build_report(
        tmp_path, start="2025-01", end="2025-06", formats=["png"], specs=TINY, progress=None
    )
    assert manifest.parameters == {
        "data": None,
        "dpi": 200,
        "events": None,
        "formats": ["png"],
        "from": "2025-01",
        "lang": "en",
        "to": "2025-06",
    }
    assert (tmp_path / "figures" / "01_tiny.png").exists() and not (
        tmp_path / "figures" / "01_tiny.pdf"
    ).exists()


def test_context_clips_months() -> None:
    context = ReportContext(start=pd.Timestamp("2025-02-01"), end=pd.Timestamp("2025-03-01"))
    frame = pd.DataFrame(
        {"month": pd.date_range("2025-01-01", periods=4, freq="MS"), "v": range(4)}
    )
    assert context.clip(frame)["v"].tolist() == [1, 2]


def test_progress_is_printed(tmp_path: Path) -> None:
    lines: list[str] = []
    build_report(tmp_path, specs=TINY, progress=lines.append)
    assert lines[0].startswith("[1/1] 01_tiny") and lines[-1].startswith("done")


def test_refuses_to_write_outside_the_folder(tmp_path: Path) -> None:
    evil = [FigureSpec("../../escaped", "Evil", "Writes outside.", _tiny_figure)]
    with pytest.raises(OutputPathError, match="outside the output folder"):
        build_report(tmp_path / "out", specs=evil, progress=None)
    assert not (tmp_path / "escaped.png").exists()


def test_unwritable_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["report", "--out", str(blocker)]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert main(["report", "--out", str(blocker / "sub")]) == 1
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message", "status"),
    [
        (["--from", "June"], "--from must be a month", 2),
        (["--from", "2025-13"], "--from must be a month", 2),
        (["--from", "2025-06", "--to", "2025-01"], "before --from", 2),
        (["--from", "2026-05", "--to", "2026-05"], "the drone trend would cover 1 month", 2),
        (["--from", "2025-07"], "would cover 11 months (2025-07 to 2026-05)", 2),
        (["--to", "2023-10"], "without --from it starts in 2023-01; it needs at least 12", 2),
        (["--formats", "png,jpg"], "formats must be among", 2),
        (["--events", "no/such/file.csv"], "no such --events file", 1),
        (["--dpi", "50"], "--dpi must be at least 72", 2),
        (["--dpi", "100000"], "--dpi must be at most 1200", 2),  # was "out of memory", exit 1
        (["--data", ""], "argument --data: an empty name would mean the current folder", 2),
        (["--events", " "], "argument --events: an empty name", 2),
        (["--data", "no/such/folder"], "not a folder written by", 2),
    ],
)
def test_bad_options(
    args: list[str],
    message: str,
    status: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["report", "--out", str(tmp_path), *args]) == status
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not any(tmp_path.iterdir())  # refused before any output


def test_missing_out_is_a_usage_error() -> None:
    assert main(["report"]) == 2


def test_errors_are_aidstats_errors(tmp_path: Path) -> None:
    with pytest.raises(AidstatsError):
        build_report(tmp_path, formats=[], specs=TINY, progress=None)


# Intervals depend on the cluster (salvo vs day), and rows lacking not_reach_goal are counted per
# event row in one source and per day and class in the other.
CLUSTER_DEPENDENT = [
    "low",
    "high",
    "design_effect",
    "effective_n",
    "n_salvos",
    "not_reach_goal_missing",
]


@pytest.mark.slow
@pytest.mark.upstream
@pytest.mark.filterwarnings("ignore::aidstats.errors.DataQualityWarning")
def test_events_option_rebuilds_the_strike_figures_from_the_raw_file(
    bundled_strike_file: Path, tmp_path: Path
) -> None:
    raw_strike_file = bundled_strike_file
    # The raw file gives the same numbers as the bundled tables built from it (only these figures are built).
    names = ("01_strike_volume", "03_interception_rate", "04_largest_salvos", "12_claims_vs_counts")
    specs = [spec for spec in figure_specs() if spec.name in names]
    build_report(tmp_path / "bundled", formats=["png"], specs=specs, progress=None)
    manifest = build_report(
        tmp_path / "fresh", formats=["png"], events=raw_strike_file, specs=specs, progress=None
    )
    assert manifest.parameters["events"] == raw_strike_file.name
    assert any(i["path"] == raw_strike_file.name for i in manifest.inputs)
    for name in names:
        fresh = pd.read_csv(tmp_path / "fresh" / "tables" / f"{name}.csv")
        bundled = pd.read_csv(tmp_path / "bundled" / "tables" / f"{name}.csv")
        columns = bundled.select_dtypes("number").columns.intersection(fresh.columns)
        if name == "03_interception_rate":  # raw events cluster by salvo, the daily table by day
            columns = columns.difference(CLUSTER_DEPENDENT)
        for column in columns:
            assert fresh[column].sum() == pytest.approx(bundled[column].sum()), (name, column)


def test_session_styles_do_not_change_the_report(tmp_path: Path) -> None:
    import matplotlib as mpl

    build_report(tmp_path / "plain", specs=TINY, progress=None)
    with mpl.rc_context({"font.size": 20, "axes.facecolor": "black", "lines.linewidth": 7}):
        build_report(tmp_path / "styled", specs=TINY, progress=None)
    assert _hashes(tmp_path / "plain") == _hashes(tmp_path / "styled")


@pytest.mark.parametrize(
    ("lang", "spec"),
    [(lang, spec) for lang in ("en", "uk") for spec in figure_specs(lang)],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_no_text_is_cut_off_at_the_figure_edge(lang: str, spec: FigureSpec, tmp_path: Path) -> None:
    # Titles, axis labels, legends, labels of points and footer lines must lie wholly inside the
    # saved figure, in every language.
    import matplotlib.pyplot as plt

    from aidstats._draw.save import texts_of as _texts_of
    from aidstats.plots import house_style, save_figure

    with house_style(lang=lang):
        fig, _table = spec.draw(ReportContext(lang=lang))
    try:
        save_figure(fig, tmp_path / spec.name, formats=("png",))
        # Keep the saved layout; draw at the figure's own dpi to measure.
        fig.set_layout_engine("none")
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        # Tick labels count where their tick is shown (the claims chart names each claim in one).
        hidden_ticks = {
            id(label)
            for ax in fig.axes
            for axis in (ax.xaxis, ax.yaxis)
            for tick in (*axis.majorTicks, *axis.minorTicks)
            for label in (tick.label1, tick.label2)
            if not _tick_shown(axis, tick)
        }
        box = fig.bbox
        cut = []
        for text in _texts_of(fig):
            if id(text) in hidden_ticks or not text.get_visible() or not text.get_text().strip():
                continue
            extent = text.get_window_extent(renderer)
            if (
                extent.x0 < box.x0 - 1
                or extent.x1 > box.x1 + 1
                or extent.y0 < box.y0 - 1
                or extent.y1 > box.y1 + 1
            ):
                cut.append(text.get_text())
        assert not cut, f"{spec.name}: text outside the figure: {cut}"
    finally:
        plt.close(fig)


def _tick_shown(axis, tick) -> bool:  # type: ignore[no-untyped-def]
    low, high = sorted(axis.get_view_interval())
    return bool(tick.get_visible()) and low - 1e-9 <= tick.get_loc() <= high + 1e-9


def _fonts(resources: object, seen: dict[str, object]) -> None:
    """Collect every font reachable from a resource dictionary, descending into form XObjects."""
    resources = resources.get_object() if hasattr(resources, "get_object") else resources
    if not isinstance(resources, dict):
        return
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        seen[str(font["/BaseFont"])] = font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            _fonts(xobject.get("/Resources"), seen)


def check_pdf_text_copies_as_typed(full_report: Path, words: str = "official statements") -> None:
    # No ligature glyphs anywhere (figures, captions, summary tables): a glyph mapped to
    # several characters, such as 'fi', would not copy or search as typed.
    import re

    from pypdf import PdfReader

    reader = PdfReader(full_report / "report.pdf")
    fonts: dict[str, object] = {}
    for page in reader.pages:
        _fonts(page.get("/Resources"), fonts)
    assert fonts
    ligatures = {}
    for name, font in fonts.items():
        cmap = font["/ToUnicode"].get_object().get_data()  # type: ignore[index]
        many = re.findall(rb"<([0-9a-fA-F]{8,})>", cmap.split(b"endcodespacerange")[-1])
        if many:
            ligatures[name] = many
    assert not ligatures
    text = "".join(page.extract_text() for page in reader.pages)
    assert words in text.lower()


def check_pdf_is_structurally_valid(full_report: Path) -> None:
    # Viewers forgive a lot; qpdf (through pikepdf) does not: every page must be readable.
    pikepdf = pytest.importorskip("pikepdf")
    from pypdf import PdfReader

    reader = PdfReader(full_report / "report.pdf")
    with pikepdf.open(full_report / "report.pdf") as pdf:
        problems = pdf.check_pdf_syntax() if hasattr(pdf, "check_pdf_syntax") else pdf.check()
        assert problems == []
        assert len(pdf.pages) == len(reader.pages) >= 15
        assert {tuple(map(float, page.mediabox)) for page in reader.pages} == {
            (0.0, 0.0, 595.44, 841.68)
        }
        figures_per_page = [
            [
                name
                for name in map(str, sorted(page.Resources.XObject.keys()))
                if name.startswith("/AidstatsFigure")
            ]
            if "/XObject" in page.Resources
            else []
            for page in pdf.pages
        ]
        # The title page has none; twelve pages show one figure each, and list only that one.
        first = next(i for i, names in enumerate(figures_per_page) if names)
        assert (
            figures_per_page[0] == []
            and [len(n) for n in figures_per_page[first : first + 12]] == [1] * 12
        )
        assert sum(len(n) for n in figures_per_page) == 12
    # A document: title, outline of sections, figures and tables, page numbers.
    assert reader.metadata.title.startswith("The air war against Ukraine")
    assert reader.metadata.creation_date is not None and reader.metadata.subject
    outline = [
        item.title if not isinstance(item, list) else [i.title for i in item]
        for item in reader.outline
    ]
    assert outline[0] == "Key findings" and "Figures" in outline and "Data and releases" in outline
    figures = outline[outline.index("Figures") + 1]
    assert len(figures) == 12 and figures[0].startswith("1. ")
    assert str(first + 1) in reader.pages[first].extract_text().split()  # its page number


def _figure_forms(path: Path) -> dict[str, bytes]:
    from pypdf import PdfReader

    forms = {}
    for page in PdfReader(path).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for name, ref in xobjects.items():
            if name.startswith("/AidstatsFigure"):
                forms[name] = ref.get_object().get_data()
    return forms


@pytest.mark.slow
def test_png_only_report_pages_show_the_same_figures(tmp_path: Path) -> None:
    # Without figure PDFs on disk the report renders them in memory, keeping the layout just saved.
    specs = [
        spec for spec in figure_specs() if spec.name in ("01_strike_volume", "06_aid_by_donor")
    ]
    build_report(tmp_path / "both", specs=specs, progress=None)
    build_report(tmp_path / "png", formats=["png"], specs=specs, progress=None)
    assert not list((tmp_path / "png" / "figures").glob("*.pdf"))
    forms = _figure_forms(tmp_path / "png" / "report.pdf")
    assert len(forms) == 2 and forms == _figure_forms(tmp_path / "both" / "report.pdf")


def test_report_options_reach_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import aidstats.cli

    seen: dict[str, object] = {}
    monkeypatch.setattr(aidstats.cli, "build_report", lambda out, **kw: seen.update(kw))
    args = ["--formats", "png,svg", "--dpi", "120", "--lang", "uk", "--data", str(tmp_path)]
    assert main(["report", "--out", str(tmp_path / "out"), *args]) == 0
    assert seen["formats"] == ["png", "svg"] and seen["dpi"] == 120 and seen["lang"] == "uk"
    assert seen["data_dir"] == str(tmp_path)
    assert main(["report", "--out", str(tmp_path), "--lang", "de"]) == 2


def _data_folder(tmp_path: Path, kiel_release: str) -> Path:
    """A copy of the bundled datasets as ``datasets build`` writes them, with another Kiel release."""
    import shutil

    from aidstats._files import bundled_dir

    folder = tmp_path / "built"
    shutil.copytree(bundled_dir(), folder)
    for sidecar in folder.glob("*.json"):
        meta = json.loads(sidecar.read_text())
        for source in meta.get("sources", []):
            if source.get("name") == "kiel_ust" or source.get("title", "").startswith(
                "Kiel Institute"
            ):
                source["release"] = kiel_release
        sidecar.write_text(json.dumps(meta))
    return folder


def test_a_data_folder_names_its_releases(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = _data_folder(tmp_path, "31")
    specs = [spec for spec in figure_specs() if spec.name == "06_aid_by_donor"]
    manifest = build_report(
        tmp_path / "out", data_dir=folder, formats=["png"], specs=specs, progress=None
    )
    assert manifest.releases["aid"] == "31" and manifest.parameters["data"] == "built"
    assert "built/aid_monthly.csv" in {record["path"] for record in manifest.inputs}
    text = " ".join(
        page.extract_text() for page in PdfReader(tmp_path / "out" / "report.pdf").pages
    )
    assert "Tracker, release 31" in " ".join(text.split()) and "Release 31" in " ".join(
        text.split()
    )


@pytest.mark.slow
def test_ukrainian_report_is_byte_identical_on_rerun(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _cli_report(first, "--lang", "uk", "--formats", "png,svg", "--dpi", "96", "--from", "2025-01")
    _cli_report(second, "--lang", "uk", "--formats", "png,svg", "--dpi", "96", "--from", "2025-01")
    assert _hashes(second) == _hashes(first)
    check_pdf_text_copies_as_typed(first, words="офіційні заяви")
    from pypdf import PdfReader

    reader = PdfReader(first / "report.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "uk"
    assert reader.outline[0].title == "Основні висновки"


def test_a_period_without_claims_keeps_its_page_and_says_so(tmp_path: Path) -> None:
    """September 2022 - August 2023 has no official statement the reports count: the claims
    figure failed the whole report ('the frame is empty'); it now says there is none."""
    (claims_spec,) = [s for s in figure_specs() if s.name == "12_claims_vs_counts"]
    manifest = build_report(
        tmp_path / "r", start="2022-09", end="2023-08", formats=("png",), specs=[claims_spec],
        progress=None,
    )  # fmt: skip
    said = "No monthly official statement in September 2022 – August 2023 gives a figure"
    assert manifest.alt_texts["12_claims_vs_counts"].startswith(
        f"Chart: {claims_spec.title}. {said}"
    )
    assert (tmp_path / "r" / "figures" / "12_claims_vs_counts.png").stat().st_size > 0
    assert not [f for f in manifest.key_findings if f["key"] == "official_claims"]


def test_checkable_claims_that_cannot_be_drawn_are_not_called_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A claim counted as 0 has no ratio to draw; the notice said there was no claim to check."""
    from aidstats._report import strike_figures

    real = strike_figures.claim_verdicts

    def counted_none(context: ReportContext) -> pd.DataFrame:
        table = real(context)
        checkable = table[table["verdict"] != strike_figures.NOT_CHECKABLE].head(1)
        return checkable.assign(computed=0.0)

    monkeypatch.setattr(strike_figures, "claim_verdicts", counted_none)
    (spec,) = [s for s in figure_specs() if s.name == "12_claims_vs_counts"]
    context = ReportContext()
    fig, table = spec.draw(context)
    said = " ".join(" ".join(t.get_text().split()) for t in fig.axes[0].texts)
    assert "cannot be drawn on this ratio scale" in said
    assert "cannot be drawn on a ratio scale" in spec.caption_for(table, context)
