"""Run every benchmark (``python benchmarks/run.py`` or ``tox -e bench``).

Each benchmark measures aidstats against a plain pandas / matplotlib /
scipy baseline in the same process and prints the ratio and its goal.
Pass benchmark names to run a subset, e.g. ``python benchmarks/run.py import``.

The benchmarks need only what ``pip install .`` installs (the README's first
command): run them with that environment's Python, from the repository root,
so that the README's table reports what a user gets. The environment is
printed first (versions, and whether pyarrow backs pandas' strings), because
the figures depend on it.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHMARKS = {
    "import": "bench_import",
    "read_strikes": "bench_read_strikes",
    "hostile_strikes": "bench_hostile_strikes",
    "aggregate_strikes": "bench_aggregate_strikes",
    "stats": "bench_stats",
    "calibrate": "calibrate",
    "plots": "bench_plots",
    "report": "bench_report",
}


ENVIRONMENT_PACKAGES = (
    "aidstats",
    "numpy",
    "pandas",
    "pyarrow",
    "scipy",
    "statsmodels",
    "matplotlib",
)


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def describe_environment() -> str:
    """One paragraph naming the interpreter, the package versions and pandas' string storage."""
    import pandas as pd

    storage = getattr(pd.Series(["a"], dtype=str).dtype, "storage", "object (no string dtype)")
    versions = ", ".join(f"{name} {_version(name)}" for name in ENVIRONMENT_PACKAGES)
    extras = (
        "test extra installed"
        if _version("pytest") != "not installed"
        else "core install (no test extra)"
    )
    return (
        f"environment: {sys.prefix} (Python {platform.python_version()}, {extras})\n"
        f"packages: {versions}\n"
        f"pandas default strings: {storage}"
    )


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}", file=sys.stderr)
        return 2
    print(describe_environment())
    for name in chosen:
        module = importlib.import_module(BENCHMARKS[name])
        sys.argv = [f"{BENCHMARKS[name]}.py"]  # each benchmark runs with its own defaults
        module.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
