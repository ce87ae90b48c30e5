"""Calibration rows for change points: false breaks under noise and growth, and the power to date a change.

Old default: PELT with a change-in-mean cost on the raw series and a penalty
calibrated on white noise (``method="pelt"``). New default: tested splits of
level and growth on the log scale with AR(1) errors (``method="ar1_test"``).
The oracle row fits exactly one break at the best place (least squares on the
log scale, the number of breaks known): no method can date the change better
with this noise, so it shows what the goal asks of the data.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from calib_sims import MONTHS, Row, counts, quiet


def _breaks(series: np.ndarray, method: str, n: int) -> tuple[Any, ...]:
    from aidstats.stats import change_points

    with quiet():
        return change_points(pd.Series(series, index=MONTHS[:n]), method=method).breaks  # type: ignore[arg-type]


def false_breaks(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """Share of series without any true change that get a break."""
    n = cal.months
    rows = []
    cases = [
        ("trendless, independent months", 0.0, 0.0),
        ("trendless, AR(1) 0.3", 0.3, 0.0),
        ("trendless, AR(1) 0.5", 0.5, 0.0),
        ("trendless, AR(1) 0.8", 0.8, 0.0),
        ("smooth exponential growth, AR(1) 0.5", 0.5, cal.growth),
        ("smooth exponential growth, AR(1) 0.8", 0.8, cal.growth),
    ]
    for label, rho, growth in cases:
        Y = counts(cal, rho, reps, rng, growth=growth)
        old = float(np.mean([len(_breaks(y, "pelt", n)) > 0 for y in Y]))
        new = float(np.mean([len(_breaks(y, "ar1_test", n)) > 0 for y in Y]))
        smooth = growth > 0 and rho == 0.5
        goal = "<= 0.10" if smooth else "report"
        rows.append(
            (
                f"change_points false breaks: {label}",
                old,
                new,
                goal,
                new <= 0.10 if smooth else True,
            )
        )
    return rows


def _oracle(z: np.ndarray, lo: int = 6) -> int:
    """The least-squares position of one continuous change of slope on the log scale."""
    n = len(z)
    t = np.arange(n, dtype=float)
    best, where = np.inf, lo
    for k in range(lo, n - lo + 1):
        X = np.stack([np.ones(n), t, np.maximum(t - k, 0)], axis=1)
        resid = z - X @ np.linalg.lstsq(X, z, rcond=None)[0]
        if (rss := float(resid @ resid)) < best:
            best, where = rss, k
    return where


def power(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """A growth rate of +6%/month turning to 0 at month 24: found within 3 months."""
    n = cal.months
    t = np.arange(n, dtype=float)
    at = min(24, n - 8)
    mean_log = math.log(cal.level * 10) + 0.06 * np.minimum(t, at)
    Y = counts(cal, 0.5, reps, rng, mean_log=mean_log)
    target = MONTHS[at]

    def near(breaks: tuple[Any, ...]) -> bool:
        return any(abs((b.year - target.year) * 12 + b.month - target.month) <= 3 for b in breaks)

    old = float(np.mean([near(_breaks(y, "pelt", n)) for y in Y]))
    new = float(np.mean([near(_breaks(y, "ar1_test", n)) for y in Y]))
    oracle = float(np.mean([abs(_oracle(np.log(np.maximum(y, 0.5))) - at) <= 3 for y in Y]))
    return [
        (
            f"change of growth at month {at} found within 3 months, AR(1) 0.5 (oracle {oracle:.2f})",
            old,
            new,
            ">= 0.80",
            new >= 0.80,
        ),
    ]


def smaller_noise_power(cal: Any, reps: int, rng: np.random.Generator) -> list[Row]:
    """The same change at a quarter of the drone series' scatter: what the method does with less noise."""
    quiet = type(cal)(**{**cal.__dict__, "nb_alpha": cal.nb_alpha / 16})
    rows = power(quiet, reps, rng)
    return [
        (label.replace("AR(1) 0.5", "AR(1) 0.5, 1/4 of the scatter"), o, n, g, p)
        for label, o, n, g, p in rows
    ]
