"""The benchmarks stay runnable: the statistics one, at a tiny size, still checks its results against the loops."""

from __future__ import annotations

import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_stats_benchmark_agrees_with_its_reference_loops(capsys) -> None:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_stats

        result = bench_stats.main(["--series", "20", "--months", "24", "--sarimax", "2"])
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert result["mk_speedup"] > 0 and result["poisson_speedup"] > 0 and result["ar1_speedup"] > 0
    assert "results checked equal to the loops" in capsys.readouterr().out
