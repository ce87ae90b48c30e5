"""Benchmark: the aidstats figure set (draw + save PNG and PDF) against plain matplotlib.

Draws the twelve report figures of :mod:`aidstats.plots` and saves each as PNG
(200 dpi) and PDF through :func:`aidstats.plots.save_figure`, then draws the
same charts with minimal plain matplotlib code (same data, same figure size,
same dpi, no styling, ``fig.savefig``) in the same process. Inputs (bundled
datasets, rate table, salvos) are prepared before timing. Reports the best of
``--repeat`` runs of each and their ratio (goal: at most 1.5).

Run: ``python benchmarks/bench_plots.py [--repeat 3] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from aidstats import datasets, plots, stats, strikes  # noqa: E402

FIGSIZE = (6.5, 4.0)


def inputs() -> dict[str, Any]:
    """Everything the figures need, computed once, outside the timings."""
    warnings.simplefilter("ignore")
    sm = datasets.load("strikes_monthly")
    nat = sm.loc[sm["scope"] == "national"]
    drones = nat.loc[nat["weapon_class"] == "attack_drone"]
    rates = pd.concat(
        [
            stats.rate_table(drones, d, time="month")
            for d in ("destroyed_share", "neutralised_share")
        ],
        ignore_index=True,
    )
    series = (
        nat.loc[nat["weapon_group"] == "drone"].groupby("month")["launched"].sum().astype(float)
    )
    rng = np.random.default_rng(1)
    n = 900
    salvos = pd.DataFrame(
        {
            "time_end": pd.Timestamp("2022-10-01")
            + pd.to_timedelta(np.sort(rng.uniform(0, 1270, n)), unit="D"),
            "launched": rng.gamma(1.2, 80, n).round(),
            "weapon_group": np.where(rng.uniform(size=n) < 0.7, "drone", "missile"),
        }
    )
    claimed = np.round(10 ** rng.uniform(1.3, 4.5, 60), -1)
    recon = pd.DataFrame(
        {
            "claimed": claimed,
            "computed": (claimed * rng.normal(1, 0.15, 60)).round(),
            "qualifier": rng.choice(["over", "nearly", "about", "exact"], 60),
            "consistent": rng.uniform(size=60) < 0.7,
            "measure": rng.choice(["missiles", "drones"], 60),
        }
    )
    return {
        "nat": nat,
        "vol": datasets.load("strike_volume_monthly"),
        "rates": rates,
        "regimes": strikes.regimes(),
        "series": series,
        "trend": stats.trend(series),
        "breaks": stats.change_points(series),
        "salvos": salvos,
        "recon": recon,
        "aid": datasets.load("aid_monthly"),
        "channels": datasets.load("aid_channels"),
        "weapons": datasets.load("aid_weapons"),
    }


def aidstats_figures(d: dict[str, Any]) -> list[tuple[str, Callable[[], Any]]]:
    return [
        ("strike_volume", lambda: plots.plot_strike_volume(d["vol"])),
        (
            "interception",
            lambda: plots.plot_interception_rate(d["rates"], by="definition", regimes=d["regimes"]),
        ),
        ("weapon_mix", lambda: plots.plot_weapon_mix(d["nat"])),
        ("salvos", lambda: plots.plot_salvos(d["salvos"], by="weapon_group")),
        ("trend", lambda: plots.plot_trend(d["series"], d["trend"], change_points=d["breaks"])),
        ("aid_by_donor", lambda: plots.plot_aid_by_donor(d["aid"])),
        ("aid_over_time", lambda: plots.plot_aid_over_time(d["aid"])),
        ("cumulative_aid", lambda: plots.plot_cumulative_aid(d["aid"])),
        ("aid_channels", lambda: plots.plot_aid_channels(d["channels"])),
        ("weapons", lambda: plots.plot_weapons_delivered(d["weapons"])),
        ("strikes_and_aid", lambda: plots.plot_strikes_and_aid(d["vol"], d["aid"])),
        ("reconciliation", lambda: plots.plot_reconciliation(d["recon"], hue="measure")),
    ]


def run_aidstats(d: dict[str, Any], out: Path) -> None:
    for name, draw in aidstats_figures(d):
        ax = draw()
        plots.save_figure(ax.figure, out / f"aidstats_{name}")
        plt.close(ax.figure)


# --------------------------------------------------------------------------- plain matplotlib


def _stack(ax: Any, wide: pd.DataFrame, width: float = 25.0) -> None:
    bottom = np.zeros(len(wide))
    for col in wide.columns:
        vals = wide[col].fillna(0).to_numpy(dtype=float)
        ax.bar(wide.index, vals, width=width, bottom=bottom, label=col)
        bottom += vals
    ax.legend()


def plain_figures(d: dict[str, Any]) -> list[tuple[str, Callable[[], Any]]]:
    vol_cols = ["missiles_cruise", "missiles_ballistic", "missiles_other", "drones_attack",
                "drones_decoy_or_unknown", "drones_reconnaissance"]  # fmt: skip

    def strike_volume() -> Any:
        fig, (a, b) = plt.subplots(2, 1, figsize=(6.5, 5.2), sharex=True)
        vol = d["vol"].set_index("month")
        _stack(a, vol[vol_cols].astype(float))
        g = vol["glide_bombs"].astype(float).dropna()
        b.bar(g.index, g.to_numpy(), width=25)
        return fig

    def interception() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        for name, part in d["rates"].groupby("definition"):
            ax.fill_between(part["month"], part["low"], part["high"], alpha=0.2)
            ax.plot(part["month"], part["estimate"], marker="o", label=name)
        for when in d["regimes"]["start"].dropna():
            ax.axvline(when, ls="--")
        ax.legend()
        return fig

    def weapon_mix() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        wide = d["nat"].pivot_table(
            index="month", columns="weapon_class", values="launched", aggfunc="sum"
        )
        wide = wide.fillna(0).astype(float)
        shares = wide.div(wide.sum(axis=1), axis=0)
        ax.stackplot(
            shares.index, *(shares[c] for c in shares.columns), labels=list(shares.columns)
        )
        ax.legend()
        return fig

    def salvos() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        s = d["salvos"]
        for name, part in s.groupby("weapon_group"):
            ax.scatter(
                part["time_end"], part["launched"], s=part["launched"] / 3, alpha=0.5, label=name
            )
        ax.legend()
        return fig

    def trend() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        f = d["trend"].fitted
        ax.plot(d["series"].index, d["series"].to_numpy(), marker="o")
        ax.fill_between(f["time"], f["low"], f["high"], alpha=0.2)
        ax.plot(f["time"], f["fitted"])
        for b in d["breaks"].breaks:
            ax.axvline(b, ls="--")
        return fig

    def aid_by_donor() -> Any:
        fig, ax = plt.subplots(figsize=(6.5, 5.2))
        t = d["aid"].pivot_table(index="donor", columns="category", values="eur_bn", aggfunc="sum")
        t = t.loc[t.sum(axis=1).sort_values().index[-15:]]
        left = np.zeros(len(t))
        for c in t.columns:
            ax.barh(t.index, t[c], left=left, label=c)
            left += t[c].to_numpy()
        ax.legend()
        return fig

    def aid_over_time() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        t = d["aid"].pivot_table(index="month", columns="category", values="eur_bn", aggfunc="sum")
        _stack(ax, t.resample("QS").sum(), width=80)
        return fig

    def cumulative() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        t = (
            d["aid"]
            .pivot_table(index="month", columns="donor", values="eur_bn", aggfunc="sum")
            .fillna(0)
        )
        t = t.cumsum()
        for c in t.iloc[-1].sort_values().index[-8:]:
            ax.plot(t.index, t[c], label=c)
        ax.legend()
        return fig

    def channels() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        t = d["channels"].pivot_table(
            index="month", columns="channel", values="eur_bn", aggfunc="sum"
        )
        _stack(ax, t.resample("QS").sum(), width=80)
        return fig

    def weapons() -> Any:
        fig, ax = plt.subplots(figsize=(6.5, 6.8))
        t = d["weapons"].pivot_table(
            index="donor", columns="category", values="units", aggfunc="sum"
        )
        t = t.astype(float)
        im = ax.imshow(t.to_numpy(), aspect="auto", cmap="Blues")
        for (r, c), v in np.ndenumerate(t.to_numpy()):
            if np.isfinite(v):
                ax.text(c, r, f"{v:.0f}", ha="center", va="center")
        ax.set_xticks(range(t.shape[1]), list(t.columns))
        ax.set_yticks(range(t.shape[0]), list(t.index))
        fig.colorbar(im, ax=ax)
        return fig

    def strikes_and_aid() -> Any:
        fig, (a, b) = plt.subplots(2, 1, figsize=(6.5, 5.2), sharex=True)
        vol = d["vol"].set_index("month")[vol_cols].astype(float)
        groups = pd.DataFrame(
            {"missile": vol.iloc[:, :3].sum(axis=1), "drone": vol.iloc[:, 3:].sum(axis=1)}
        )
        _stack(a, groups)
        mil = d["aid"].loc[d["aid"]["category"] == "military"].groupby("month")["eur_bn"].sum()
        b.bar(mil.index, mil.to_numpy(), width=25)
        return fig

    def reconciliation() -> Any:
        fig, ax = plt.subplots(figsize=FIGSIZE)
        r = d["recon"]
        for (q, ok), part in r.groupby(["qualifier", "consistent"]):
            ax.scatter(part["claimed"], part["computed"] / part["claimed"], label=f"{q} {ok}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.legend()
        return fig

    return [
        ("strike_volume", strike_volume), ("interception", interception), ("weapon_mix", weapon_mix),
        ("salvos", salvos), ("trend", trend), ("aid_by_donor", aid_by_donor),
        ("aid_over_time", aid_over_time), ("cumulative_aid", cumulative), ("aid_channels", channels),
        ("weapons", weapons), ("strikes_and_aid", strikes_and_aid), ("reconciliation", reconciliation),
    ]  # fmt: skip


def run_plain(d: dict[str, Any], out: Path, fonttype: int = 42) -> None:
    """Same outputs as save_figure: PNG at 200 dpi, PDF with TrueType (Type 42) fonts."""
    for name, draw in plain_figures(d):
        fig = draw()
        fig.savefig(out / f"plain_{name}.png", dpi=200)
        with matplotlib.rc_context({"pdf.fonttype": fonttype}):
            fig.savefig(out / f"plain_{name}.pdf")
        plt.close(fig)


def best_of(fn: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="keep the files here")
    args = parser.parse_args(argv)
    d = inputs()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        run_aidstats(d, out)  # warm-up: font cache, imports
        run_plain(d, out)
        ours = best_of(lambda: run_aidstats(d, out), args.repeat)
        floor = best_of(lambda: run_plain(d, out), args.repeat)
        floor_type3 = best_of(lambda: run_plain(d, out, fonttype=3), args.repeat)
    ratio = ours / floor
    print(f"aidstats figure set (12 figures, PNG 200 dpi + PDF Type 42): {ours:.2f} s")
    print(f"plain matplotlib, same charts, same outputs (Type 42 PDF):   {floor:.2f} s")
    print(f"ratio: {ratio:.2f} (goal <= 1.5)")
    print(
        f"for reference, plain with matplotlib's default Type 3 PDF fonts: {floor_type3:.2f} s "
        f"(ratio {ours / floor_type3:.2f}; Type 3 text is not editable)"
    )
    return {"aidstats_s": ours, "plain_s": floor, "plain_type3_s": floor_type3, "ratio": ratio}


if __name__ == "__main__":
    main()
