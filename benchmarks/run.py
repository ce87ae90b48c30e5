"""Run every benchmark (``python benchmarks/run.py`` or ``tox -e bench``).

Each benchmark measures aidstats against a plain pandas / matplotlib /
scipy baseline in the same process and prints the ratio and its goal.
Pass benchmark names to run a subset, e.g. ``python benchmarks/run.py import``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHMARKS = {
    "import": "bench_import",
    "read_strikes": "bench_read_strikes",
    "hostile_strikes": "bench_hostile_strikes",
    "aggregate_strikes": "bench_aggregate_strikes",
    "stats": "bench_stats",
    "plots": "bench_plots",
    "report": "bench_report",
}


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}", file=sys.stderr)
        return 2
    for name in chosen:
        module = importlib.import_module(BENCHMARKS[name])
        sys.argv = [f"{BENCHMARKS[name]}.py"]  # each benchmark runs with its own defaults
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
