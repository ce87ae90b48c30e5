"""Calibration suite: the actual coverage and false-alarm rates of every default interval and test.

Run ``python benchmarks/calibrate.py [--reps N] [--seed S] [--raw DIR | --strikes FILE] [--out FILE]``
(or ``python benchmarks/run.py calibrate``). The simulations are calibrated to
the raw data found through ``AIDSTATS_SHARED_DATA`` (``--raw``) at run time:
salvo sizes, destroyed shares and intra-salvo correlation per weapon group,
and the national drone series' length, level, growth and overdispersion
(:mod:`calib_data`); :mod:`calib_sims`, :mod:`calib_breaks` and
:mod:`calib_real` hold the experiments. Each row prints the former default
("old", still available by name), the current one ("new"), the goal of issue
10 and whether it is met. Not part of the timed tests; ``tests`` runs a small
fixed-seed version with margins for its own simulation error.

``--reps`` sets the replicates of the fast experiments (default 1000); the
change-point rows, which bootstrap inside every replicate, use a fifth of it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import calib_breaks  # noqa: E402
import calib_data  # noqa: E402
import calib_real  # noqa: E402
import calib_sims  # noqa: E402

SIMULATIONS = (
    calib_sims.rate_coverage,
    calib_sims.compare_rates_size,
    calib_sims.compare_periods_trials_size,
    calib_sims.trend_coverage,
    calib_sims.mann_kendall_size,
    calib_sims.segmented_size,
    calib_sims.compare_periods_size,
)
BREAKS = (calib_breaks.false_breaks, calib_breaks.power, calib_breaks.smaller_noise_power)


def run(
    cal: Any, reps: int, seed: int, events: Any = None, *, breaks: bool = True
) -> list[calib_sims.Row]:
    """Every row, each experiment with its own generator (so one can be rerun alone)."""
    rows: list[calib_sims.Row] = []
    for i, experiment in enumerate(SIMULATIONS):
        rows += experiment(cal, reps, np.random.default_rng([seed, i]))
    if breaks:
        for j, experiment in enumerate(BREAKS):
            rows += experiment(cal, max(reps // 5, 20), np.random.default_rng([seed, 100 + j]))
    if events is not None:
        rows += calib_real.design_effects(cal)
        rows += calib_real.partial_month(events)
        rows += calib_real.reconcile_dating(events)
    return rows


def table(rows: list[calib_sims.Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| what | old default | new default | goal | met |", "|---|---:|---:|---|---|"]
    for what, old, new, goal, ok in rows:
        lines.append(f"| {what} | {old:.3f} | {new:.3f} | {goal} | {'yes' if ok else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[calib_sims.Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--raw", type=Path, default=None, help="raw data folder (default: AIDSTATS_SHARED_DATA)"
    )
    parser.add_argument(
        "--strikes", type=Path, default=None, help="the strike file itself (default: under --raw)"
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="also write the table (Markdown) here"
    )
    parser.add_argument(
        "--no-breaks", action="store_true", help="skip the (slow) change-point rows"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    path = args.strikes or calib_data.strike_file(args.raw)
    events = calib_data.read_events(path)
    cal = calib_data.measure(events, path)
    print(f"calibrated to {cal.source}")
    print(
        f"drone series: {cal.months} complete months, level {cal.level:.0f}, growth "
        f"{100 * np.expm1(cal.growth):.1f}%/month, NB2 alpha {cal.nb_alpha:.3f}, lag-1 residual "
        f"correlation {cal.rho_observed:.2f}; month-to-month logit sd of the drone share "
        f"{cal.month_logit_sd:.2f}"
    )
    for g in cal.groups.values():
        print(
            f"{g.name}: {len(g.sizes)} salvos, median size {np.median(g.sizes):.0f}, "
            f"{g.salvos_per_month} salvos/month, destroyed share {g.share:.3f}, "
            f"intra-salvo correlation {g.icc:.3f}, median design effect {g.design_effect:.2f}"
        )
    rows = run(cal, args.reps, args.seed, events, breaks=not args.no_breaks)
    text = table(rows)
    print(text)
    print(
        f"{args.reps} replicates (change points {max(args.reps // 5, 20)}), seed {args.seed}, "
        f"{time.perf_counter() - start:.0f} s"
    )
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()
