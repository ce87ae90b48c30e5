"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

#: Source of ``high_water()``, the peak resident set of a child process in bytes (needs ``import resource``).
HIGH_WATER = """
def high_water():
    # VmHWM belongs to this process image; ru_maxrss can carry over the parent's peak across exec.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
"""


def best_of(func: Callable[[], Any], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls, in seconds (the least disturbed run)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def print_table(title: str, rows: list[tuple[str, float, float, float]]) -> None:
    """Print rows of (case, ours_s, baseline_s, goal_ratio) with the ratio and a verdict."""
    print(f"\n{title}")
    print(f"{'case':<44} {'aidstats s':>11} {'baseline s':>11} {'ratio':>7} {'goal':>6}")
    for case, ours, base, goal in rows:
        ratio = ours / base if base else float("inf")
        verdict = "ok" if ratio <= goal else "MISS"
        print(f"{case:<44} {ours:>11.4f} {base:>11.4f} {ratio:>7.2f} {goal:>5.2f}x {verdict}")
