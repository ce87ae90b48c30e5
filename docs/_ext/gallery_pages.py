"""The gallery: every report figure, and the notebooks of ``notebooks/`` executed by myst-nb.

Three things are generated into ``gallery/generated/`` at build time:

- the notebooks, copied in (Sphinx reads sources only below ``docs/``; copied
  only when changed, to keep rebuilds incremental). myst-nb executes them top
  to bottom on the bundled data; each writes its figures as PNG and PDF into
  ``AIDSTATS_OUTPUT_DIR`` (a folder under the build directory) and shows the
  PNG it wrote, so the page shows the file a user gets;
- ``cards.md.txt``: one card per notebook (its title, its question, the
  figures it saves and the plot functions it calls), included by the index;
- ``report_figures.md``: every figure of ``aidstats report``, built here by
  the command line itself (PNG only), with its caption, the plot function that
  draws it and the notebooks that call that function. When ``aidstats report``
  offers ``--lang``, the same page is made in Ukrainian
  (``report_figures_uk.md``); until then that page says the figures are not
  translated yet.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from _generated import GENERATED_NOTICE, md_escape, remove_stale, write_if_changed
from sphinx.application import Sphinx

PLOT_CALL = re.compile(r"\bplot_[a-z_]+\b")
SAVE_CALL = re.compile(r"""save\(\s*ax\s*,\s*["']([^"']+)["']""")
LANGUAGES = {"en": "English", "uk": "Українською"}


def _cells(notebook: Path) -> list[dict[str, Any]]:
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_card(notebook: Path) -> dict[str, Any]:
    """Title, opening question, saved figure names and plot functions of one notebook."""
    cells = _cells(notebook)
    markdown = [_source(c) for c in cells if c["cell_type"] == "markdown"]
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    first = markdown[0].strip().split("\n\n") if markdown else [notebook.stem]
    title = first[0].strip().splitlines()[0].lstrip("# ").strip()
    question = " ".join(first[1].split()) if len(first) > 1 else ""
    return {
        "doc": notebook.stem,
        "title": title,
        "question": question,
        # a name built in a loop ("02_air_defence_" + kind) is shown as its stem and an ellipsis
        "figures": [name + "…" if name.endswith("_") else name for name in SAVE_CALL.findall(code)],
        "plots": sorted(set(PLOT_CALL.findall(code))),
    }


def cards_text(cards: list[dict[str, Any]]) -> str:
    lines = [f"<!-- {GENERATED_NOTICE} -->", ""]
    for card in cards:
        plots = ", ".join(f"{{py:func}}`~aidstats.plots.{name}`" for name in card["plots"]) or "-"
        figures = ", ".join(f"`{name}`" for name in card["figures"]) or "-"
        lines += [
            f"{{doc}}`{md_escape(card['title'])} <generated/{card['doc']}>`",
            f": {md_escape(card['question'])}",
            f"  Figures: {figures}. Drawn with: {plots}.",
            "",
        ]
    return "\n".join(lines)


def _report_supports_lang() -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "aidstats", "report", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env=_report_env(),
    )
    return "--lang" in result.stdout


def _report_env() -> dict[str, str]:
    return {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}


def build_report(out: Path, lang: str) -> None:
    """Run ``aidstats report`` (PNG only) into ``out``, as a user would."""
    command = [sys.executable, "-m", "aidstats", "report", "--out", str(out), "--formats", "png"]
    if lang != "en":
        command += ["--lang", lang]
    subprocess.run(command, check=True, capture_output=True, text=True, env=_report_env())


def _drawn_with(spec: Any) -> list[str]:
    """The plot functions a report figure's builder calls (read from its source)."""
    try:
        source = inspect.getsource(spec.draw)
    except (AttributeError, OSError, TypeError):
        return []
    return sorted(set(PLOT_CALL.findall(source)))


def report_page(lang: str, folder: str, cards: list[dict[str, Any]], available: bool) -> str:
    from aidstats.report import figure_specs

    heading = "Report figures" if lang == "en" else f"Report figures: {LANGUAGES[lang]}"
    lines = [f"<!-- {GENERATED_NOTICE} -->", "", f"# {heading}", ""]
    if not available:
        lines += [
            "The figures are not translated in this version: the plot functions and",
            "`aidstats report` do not offer `--lang` yet. This page fills itself with the",
            "Ukrainian figures at the first documentation build after they do.",
            "",
        ]
        return "\n".join(lines)
    lines += [
        "Every figure of `aidstats report`, built by this documentation build with",
        f"`aidstats report --out report --formats png{'' if lang == 'en' else ' --lang ' + lang}`.",
        "Under each: the caption the report prints, the plot function that draws it and",
        "the notebooks that draw it with the public API, step by step.",
        "",
    ]
    for spec in figure_specs():
        functions = _drawn_with(spec)
        notebooks = [c for c in cards if set(functions) & set(c["plots"])]
        lines += [
            f"## {md_escape(spec.title)}",
            "",
            f"![{md_escape(spec.title)}]({folder}/figures/{spec.name}.png)",
            "",
        ]
        lines += [md_escape(spec.caption), ""]
        if functions:
            drawn = ", ".join(f"{{py:func}}`~aidstats.plots.{name}`" for name in functions)
            lines += [f"Drawn with {drawn}."]
        if notebooks:
            links = ", ".join(f"{{doc}}`{md_escape(c['title'])} <{c['doc']}>`" for c in notebooks)
            lines += [f"Code: {links}."]
        lines.append("")
    return "\n".join(lines)


def generate(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    out = srcdir / "gallery" / "generated"
    notebooks = sorted((srcdir.parent / "notebooks").glob("*.ipynb"))
    for notebook in notebooks:
        write_if_changed(out / notebook.name, notebook.read_text(encoding="utf-8"))
    remove_stale(out, {p.name for p in notebooks}, "*.ipynb")
    cards = [notebook_card(p) for p in notebooks]
    write_if_changed(out / "cards.md.txt", cards_text(cards))

    translated = _report_supports_lang()
    for lang in LANGUAGES:
        folder = "report" if lang == "en" else f"report_{lang}"
        available = lang == "en" or translated
        if available:
            build_report(out / folder, lang)
        suffix = "" if lang == "en" else f"_{lang}"
        write_if_changed(
            out / f"report_figures{suffix}.md", report_page(lang, folder, cards, available)
        )

    build = Path(app.outdir).parent
    os.environ["AIDSTATS_OUTPUT_DIR"] = str(build / "gallery-output")  # the kernels inherit it
    os.environ["IPYTHONDIR"] = str(_ipython_dir(build / "ipython"))
    # Inline figures in the executed pages (tox sets Agg for the tests; the notebooks pick Agg themselves).
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"


def _ipython_dir(folder: Path) -> Path:
    """An IPython profile of the build's own: no user start-up files, and a quiet kernel log.

    The executed pages must not depend on the builder's ``~/.ipython``; and ipykernel's
    warning that its local TCP transport is unencrypted, printed once per kernel, would
    bury the build's own messages.
    """
    config = folder / "profile_default" / "ipython_kernel_config.py"
    write_if_changed(config, 'c.IPKernelApp.log_level = "ERROR"\n')
    return folder


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
