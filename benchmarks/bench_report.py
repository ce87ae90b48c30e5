"""The whole ``aidstats report`` against the sum of its parts, measured in the same run.

Parts: each report figure drawn and saved as PNG and PDF with ``save_figure``,
nothing else. Whole: ``build_report`` (the same figures, plus the tables, the
captioned multi-page PDF and the manifest). Goal: whole <= 1.3 x parts.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from _timing import print_table


def _figures_alone(out: Path) -> float:
    import matplotlib.pyplot as plt

    from aidstats.plots import house_style, save_figure
    from aidstats.report import ReportContext, figure_specs

    context = ReportContext()
    start = time.perf_counter()
    for spec in figure_specs():
        with house_style():
            fig, _table = spec.draw(context)
            save_figure(fig, out / spec.name, formats=("png", "pdf"))
            plt.close(fig)
    return time.perf_counter() - start


def _whole_report(out: Path) -> float:
    from aidstats.report import build_report

    start = time.perf_counter()
    build_report(out, progress=None)
    return time.perf_counter() - start


def main(repeat: int = 3) -> dict[str, float]:
    import matplotlib

    matplotlib.use("Agg")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _figures_alone(root / "warm-up")  # imports, dataset caches, font cache
        parts = whole = float("inf")
        for i in range(repeat):  # alternate, so that both see the same machine load
            parts = min(parts, _figures_alone(root / f"parts{i}"))
            whole = min(whole, _whole_report(root / f"whole{i}"))
    print_table(
        f"report build (12 figures, PNG + PDF; best of {repeat})",
        [("aidstats report vs its figures alone", whole, parts, 1.3)],
    )
    return {"report_s": whole, "figures_s": parts, "ratio": whole / parts}


if __name__ == "__main__":
    main()
