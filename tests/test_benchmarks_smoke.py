"""The benchmarks stay runnable: the statistics one, at a tiny size, still checks its results against the loops."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

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


@pytest.mark.upstream
def test_hostile_input_benchmark_runs_at_a_tiny_scale(capsys) -> None:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_hostile_strikes

        results = bench_hostile_strikes.main(
            ["--scale", "0.002", "unknown_models_10k", "huge_details"]
        )
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert [r["case"] for r in results] == ["unknown_models_10k", "huge_details"]
    assert all("time_ratio" in r for r in results)
    assert "goals: time ratio <= 3" in capsys.readouterr().out
