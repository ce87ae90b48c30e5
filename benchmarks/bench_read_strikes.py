"""Benchmark: read_strike_events on >= 1,000,000 rows vs a bare pandas.read_csv of the same file.

Goals (issues 3 and 16): at least 1,000,000 rows/s in the environment the
README's first command installs, at most 3x the time of a bare
``pandas.read_csv`` with the same (C) engine measured in the same run, peak
memory at most 4x the file size. The file is the real upstream file repeated (in a temporary folder; the
raw data are never copied into the repository). Times are the best of
``--repeat`` alternating runs; peak memory is the growth of the resident set
(``VmHWM``, else ``ru_maxrss``) in a fresh child process, so that the baseline's and the
parent's allocations do not count.

Run ``python benchmarks/bench_read_strikes.py [--rows N] [--repeat K]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from _timing import HIGH_WATER

ROWS_PER_S_GOAL = 1_000_000

_CHILD = (
    """
import resource, sys, warnings
import pandas as pd
from aidstats.strike_events import read_strike_events

"""
    + HIGH_WATER
    + """

before = high_water()
warnings.simplefilter("ignore")
if sys.argv[2] == "aidstats":
    frame = read_strike_events(sys.argv[1])
else:
    frame = pd.read_csv(sys.argv[1], engine="c")
print(len(frame), high_water() - before)
"""
)


def _raw_file() -> Path:
    from aidstats._files import default_raw_dir

    path = default_raw_dir() / "strikes" / "missile_attacks_daily.csv"
    if not path.exists():
        raise SystemExit(f"upstream strike file not found at {path}")
    return path


def make_file(folder: Path, rows: int) -> tuple[Path, int]:
    """The real file's rows repeated until at least ``rows``; (path, number of data rows)."""
    data = _raw_file().read_bytes()
    cut = data.find(b"\n")
    header, body = data[: cut + 1], data[cut + 1 :]
    if not body.endswith(b"\n"):
        body += b"\n"
    per_copy = body.count(b"\n")
    copies = -(-rows // per_copy)
    path = folder / "strikes_repeated.csv"
    with open(path, "wb") as fh:
        fh.write(header)
        for _ in range(copies):
            fh.write(body)
    return path, per_copy * copies


def _best(func: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _peak_bytes(path: Path, which: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), which], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[1])


def main(argv: list[str] | None = None) -> dict[str, float]:
    """Run the benchmark, print a small table and return the figures."""
    import pandas as pd

    from aidstats.strike_events import read_strike_events

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    with tempfile.TemporaryDirectory() as tmp:
        path, rows = make_file(Path(tmp), args.rows)
        size = path.stat().st_size
        times = {"aidstats": float("inf"), "read_csv": float("inf")}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in range(args.repeat):  # alternate so that both see the same machine load
                times["read_csv"] = min(
                    times["read_csv"], _best(lambda: pd.read_csv(path, engine="c"), 1)
                )
                times["aidstats"] = min(
                    times["aidstats"], _best(lambda: read_strike_events(path), 1)
                )
        peak = _peak_bytes(path, "aidstats")
        peak_base = _peak_bytes(path, "read_csv")
    result = {
        "rows": float(rows),
        "file_mb": size / 1e6,
        "aidstats_s": times["aidstats"],
        "read_csv_s": times["read_csv"],
        "ratio": times["aidstats"] / times["read_csv"],
        "rows_per_s": rows / times["aidstats"],
        "peak_mb": peak / 1e6,
        "peak_read_csv_mb": peak_base / 1e6,
        "peak_over_file": peak / size,
    }
    _print(result)
    return result


def _print(r: dict[str, float]) -> None:
    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISS"

    print(f"\nread_strike_events: {int(r['rows']):,} rows, {r['file_mb']:.0f} MB file")
    print(f"{'measure':<34} {'value':>14} {'goal':>12}")
    print(f"{'aidstats time (s)':<34} {r['aidstats_s']:>14.2f}")
    print(f"{'bare pandas.read_csv (C) time (s)':<34} {r['read_csv_s']:>14.2f}")
    print(
        f"{'ratio to read_csv':<34} {r['ratio']:>14.2f} {'<= 3.00':>12} {verdict(r['ratio'] <= 3)}"
    )
    print(
        f"{'rows/s':<34} {r['rows_per_s']:>14,.0f} {'>= 1,000,000':>12} {verdict(r['rows_per_s'] >= ROWS_PER_S_GOAL)}"
    )
    print(f"{'peak memory (MB)':<34} {r['peak_mb']:>14.0f}")
    print(f"{'peak memory of read_csv (MB)':<34} {r['peak_read_csv_mb']:>14.0f}")
    print(
        f"{'peak / file size':<34} {r['peak_over_file']:>14.2f} {'<= 4.00':>12} {verdict(r['peak_over_file'] <= 4)}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
