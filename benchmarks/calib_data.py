"""What the calibration simulations borrow from the real data, measured at run time.

Everything is read from the raw Air Force strike file found through
``AIDSTATS_SHARED_DATA`` (or ``--raw``), so that the suite follows the data
release the library ships with:

- per weapon group (drones, missiles, ballistic missiles): the sizes of the
  national salvos (launches per report post), the number of salvos in a
  month, the destroyed share and the intra-salvo correlation (the design
  effect ``1 + (m_w - 1) icc`` solved for ``icc``, median over months);
- the national drone series (attack drones and decoys, complete months): its
  level and growth (negative-binomial log-linear fit), its overdispersion
  ``alpha`` and the month-to-month scatter of the monthly destroyed share.

:data:`FIXED` holds the values measured on the April 2026 snapshot, for the
quick version that runs in the test suite without the raw data.
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["FIXED", "Calibration", "GroupCalibration", "measure", "read_events", "strike_file"]


@dataclasses.dataclass(frozen=True)
class GroupCalibration:
    """Salvo structure of one weapon group."""

    name: str
    sizes: np.ndarray
    salvos_per_month: int
    share: float
    icc: float
    design_effect: float


@dataclasses.dataclass(frozen=True)
class Calibration:
    """Everything the simulations take from the data."""

    source: str
    groups: dict[str, GroupCalibration]
    months: int
    level: float
    growth: float
    nb_alpha: float
    month_logit_sd: float
    rho_observed: float


def _valid_national(events: pd.DataFrame) -> pd.DataFrame:
    keep = (events["invalid_reason"] == "") & (events["scope"] == "national")
    return events.loc[keep & (events["weapon_class"] != "reconnaissance_drone")]


def _group_rows(events: pd.DataFrame, name: str) -> pd.DataFrame:
    if name == "ballistic":
        classes = ("ballistic_missile", "aeroballistic_missile", "sam_ground_attack")
        return events.loc[events["weapon_class"].isin(classes)]
    return events.loc[events["weapon_group"] == name]


def _salvo_id(rows: pd.DataFrame) -> pd.Series:
    return rows["salvo"].astype(str) if "salvo" in rows.columns else rows["post"].astype(str)


def _group(events: pd.DataFrame, name: str, complete: pd.Index) -> GroupCalibration:
    from aidstats._compute.stats.clustered import cluster_table

    rows = _group_rows(events, name)
    rows = rows.loc[rows["destroyed"].notna()]
    month = rows["time_end"].dt.to_period("M").dt.start_time
    rows = rows.loc[month.isin(complete)]
    month = month.loc[rows.index]
    salvos = (
        rows.assign(month=month.to_numpy(), salvo=_salvo_id(rows).to_numpy())
        .groupby(["month", "salvo"])[["launched", "destroyed"]]
        .sum()
        .reset_index()
    )
    salvos = salvos.loc[salvos["launched"] > 0]
    frame = salvos.rename(columns={"destroyed": "successes", "launched": "trials"})
    table = cluster_table(frame, ["month"], 0.05)
    weights = frame.assign(nn=frame["trials"] ** 2).groupby("month")[["nn", "trials"]].sum()
    m_w = (weights["nn"] / weights["trials"]).reindex(table["month"]).to_numpy()
    usable = (table["n_clusters"] >= 5).to_numpy() & np.isfinite(table["design_effect"].to_numpy())
    icc = (table["design_effect"].to_numpy() - 1) / np.maximum(m_w - 1, 1e-9)
    recent = table.tail(12)
    return GroupCalibration(
        name=name,
        sizes=salvos["launched"].to_numpy(dtype=float),
        salvos_per_month=int(np.median(table["n_clusters"])),
        share=float(recent["successes"].sum() / recent["trials"].sum()),
        icc=float(np.clip(np.median(icc[usable]), 0.0, 0.9)),
        design_effect=float(np.median(table["design_effect"].dropna())),
    )


def _drone_series(events: pd.DataFrame, complete: pd.Index) -> pd.Series:
    drones = events.loc[events["weapon_group"] == "drone"]
    month = drones["time_end"].dt.to_period("M").dt.start_time
    series = drones.groupby(month)["launched"].sum()
    return series.reindex(complete).dropna()


def _trend_fit(series: pd.Series) -> tuple[float, float, float, float]:
    """Level at month 0, growth per month (log scale), NB2 alpha, lag-1 residual correlation."""
    from statsmodels.discrete.discrete_model import NegativeBinomial

    y = series.to_numpy(dtype=float)
    t = np.arange(len(y), dtype=float)
    X = np.stack([np.ones_like(t), t], axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = NegativeBinomial(y, X, loglike_method="nb2").fit(disp=0, maxiter=200)
    a, b, alpha = (float(v) for v in fit.params)
    resid = np.log(y) - (a + b * t)
    rho = float(np.corrcoef(resid[1:], resid[:-1])[0, 1])
    return math.exp(a), b, alpha, rho


def _month_logit_sd(events: pd.DataFrame, complete: pd.Index) -> float:
    """Between-month sd of the drones' destroyed share on the logit scale, beyond salvo noise."""
    rows = _group_rows(events, "drone")
    rows = rows.loc[rows["destroyed"].notna()]
    month = rows["time_end"].dt.to_period("M").dt.start_time
    sums = rows.groupby(month)[["launched", "destroyed"]].sum().reindex(complete).dropna().tail(24)
    p = (sums["destroyed"] / sums["launched"]).clip(0.01, 0.99)
    logit = np.log(p / (1 - p))
    return float(np.std(np.diff(logit), ddof=1) / math.sqrt(2))


def strike_file(raw_dir: Path | None = None) -> Path:
    """The newest strike release under ``raw_dir`` (default: ``AIDSTATS_SHARED_DATA`` or ../shared/data).

    The release the bundled data are built from (the build's default), so the
    suite calibrates on the data users get.
    """
    from aidstats._files import default_raw_dir
    from aidstats._read.releases import find_releases

    releases = find_releases(raw_dir or default_raw_dir())["strikes"]
    return releases[-1].files[0]


def read_events(path: Path) -> pd.DataFrame:
    """The strike events of the raw file (reader warnings silenced: the suite reports its own)."""
    from aidstats.strike_events import read_strike_events

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_strike_events(path)


def measure(events: pd.DataFrame, path: Path) -> Calibration:
    """Calibrate from the strike events of the raw file (the one the library reads)."""
    from aidstats._core.periods import complete_mask

    valid = _valid_national(events)
    months = valid["time_end"].dt.to_period("M").dt.start_time.drop_duplicates().sort_values()
    first, last = events["time_start"].min(), events["time_end"].max()
    complete = pd.Index(months[complete_mask(months, "M", first_day=first, last_day=last)])
    groups = {name: _group(valid, name, complete) for name in ("drone", "missile", "ballistic")}
    drones = _drone_series(valid, complete).tail(44)
    level, growth, alpha, rho = _trend_fit(drones)
    return Calibration(
        source=f"{path} ({len(events)} rows, {first:%Y-%m-%d} to {last:%Y-%m-%d})",
        groups=groups,
        months=len(drones),
        level=level,
        growth=growth,
        nb_alpha=alpha,
        month_logit_sd=_month_logit_sd(valid, complete),
        rho_observed=rho,
    )


def _sizes(median: float, spread: float, n: int = 400) -> np.ndarray:
    """Log-normal salvo sizes (for the quick version that runs without the raw data)."""
    q = (np.arange(n) + 0.5) / n
    from statistics import NormalDist

    z = np.array([NormalDist().inv_cdf(v) for v in q])
    return np.maximum(1.0, np.round(median * np.exp(spread * z)))


#: Values measured on the April 2026 snapshot (drone and missile salvo sizes as log-normal fits).
FIXED = Calibration(
    source="fixed values measured on the 2026-04-05 snapshot",
    groups={
        "drone": GroupCalibration("drone", _sizes(60, 1.1), 30, 0.80, 0.05, 4.9),
        "missile": GroupCalibration("missile", _sizes(6, 1.3), 12, 0.55, 0.25, 4.5),
        "ballistic": GroupCalibration("ballistic", _sizes(3, 0.9), 6, 0.35, 0.25, 2.0),
    },
    months=44,
    level=80.0,
    growth=0.115,
    nb_alpha=0.22,
    month_logit_sd=0.3,
    rho_observed=0.4,
)
