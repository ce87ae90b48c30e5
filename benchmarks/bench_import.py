"""Import time of ``aidstats`` against ``import pandas``, measured in the same run.

Each import runs in a fresh interpreter (``python -X importtime`` would also
work); the best of several runs is kept. Goal: ``import aidstats`` at most
1.2x ``import pandas`` (aidstats itself imports nothing heavy; loading a
dataset imports pandas, which is the floor).
"""

from __future__ import annotations

import subprocess
import sys
import time

from _timing import print_table


def _time_import(statement: str, repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> dict[str, float]:
    baseline = _time_import("import pandas")
    bare = _time_import("pass")
    ours = _time_import("import aidstats")
    with_data = _time_import("import aidstats, aidstats.datasets")
    print_table(
        "import time (fresh interpreter, best of 7; includes interpreter start-up "
        f"of {bare:.3f} s)",
        [
            ("import aidstats vs import pandas", ours, baseline, 1.2),
            ("import aidstats.datasets vs import pandas", with_data, baseline, 1.2),
        ],
    )
    return {"aidstats": ours, "aidstats_datasets": with_data, "pandas": baseline, "python": bare}


if __name__ == "__main__":
    main()
