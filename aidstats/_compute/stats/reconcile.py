"""Reconciliation: bottom-up counts against official claims, and aid internal consistency.

Every function takes its data as arguments; :mod:`aidstats.stats` loads the
bundled datasets (``official_statements``, ``aid_totals_monthly``,
``aid_channels``) when the caller gives none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from aidstats._core.vocab import CLAIM_CLASSES, WEAPON_CLASSES, group_of
from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = [
    "CLASS_GROUPS",
    "MEASURES",
    "TOLERANCES",
    "aid_consistency",
    "claims_from_statements",
    "computed_for_claims",
    "reconcile",
]

#: Accepted range of ``computed / claimed`` for each qualifier of a claim.
#:
#: - ``exact`` ("4,390 glide bombs"): within +/-2%; the slack covers dating a
#:   night's report by its end rather than its start and late corrections.
#: - ``about`` ("about 1,300 drones"): within +/-10%.
#: - ``nearly`` ("nearly 80 ballistic missiles"): from 10% below up to 2% above
#:   (a count a little under the round number; 2% for dating, as for exact).
#: - ``over`` ("over 330 missiles", "at least"): from 2% below (dating) up to
#:   25% above: speakers round down to the nearest round figure, and a true
#:   count a quarter above it would have been stated as the next round figure.
TOLERANCES: dict[str, tuple[float, float]] = {
    "exact": (0.98, 1.02),
    "about": (0.90, 1.10),
    "nearly": (0.90, 1.02),
    "over": (0.98, 1.25),
}

#: How each claimed measure is counted bottom-up from strike events (columns of
#: :func:`aidstats.read_strike_events`): (column, allowed values). Missiles are
#: every missile class (composites included); ballistic includes the
#: aeroballistic Kinzhal and S-300/S-400 in ground attack (the one rule of
#: aidstats._core.vocab.CLAIM_CLASSES); drones are attack drones and decoys (officials count
#: both), not reconnaissance drones. Glide bombs map to nothing: the Air Force
#: reports list only a handful of guided bombs, so a glide-bomb claim is "not
#: computable", never compared with a near-zero count.
MEASURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "missiles": ("weapon_group", ("missile",)),
    "ballistic_missiles": ("weapon_class", CLAIM_CLASSES["ballistic_missiles"]),
    "drones": ("weapon_class", CLAIM_CLASSES["drones"]),
    "glide_bombs": ("weapon_group", ()),
}

#: Weapon group of each weapon class, for event tables without a ``weapon_group``
#: column. A class without a group (``unknown``) is "other", so that an
#: unidentified weapon is never counted as a missile or a drone.
CLASS_GROUPS: dict[str, str] = {c: group_of(c) or "other" for c in WEAPON_CLASSES}


def claims_from_statements(
    statements: pd.DataFrame,
    *,
    period_kind: str | Sequence[str] | None = "month",
) -> pd.DataFrame:
    """Official statements as a long table of claims, one row per statement and measure.

    Parameters
    ----------
    statements
        The ``official_statements`` dataset (one row per statement, a column
        per measure with its ``<measure>_qualifier`` and ``<measure>_remark``).
    period_kind
        Keep statements of this kind (``"month"``, ``"week"``, ``"other"``);
        ``None`` keeps all.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats import datasets
    >>> from aidstats._compute.stats.reconcile import claims_from_statements
    >>> claims = claims_from_statements(datasets.load("official_statements"))
    >>> june = claims.loc[claims["period_start"] == pd.Timestamp("2025-06-01")]
    >>> june[["measure", "claimed", "qualifier"]].to_numpy().tolist()[:2]
    [['missiles', 330, 'over'], ['ballistic_missiles', 80, 'nearly']]
    """
    frame = statements
    if period_kind is not None:
        kinds = [period_kind] if isinstance(period_kind, str) else list(period_kind)
        frame = frame.loc[frame["period_kind"].isin(kinds)]
    parts = []
    for measure in MEASURES:
        part = frame.loc[frame[measure].notna()]
        parts.append(
            pd.DataFrame(
                {
                    "statement_id": part["statement_id"].to_numpy(),
                    "period_start": part["period_start"].to_numpy(),
                    "period_end": part["period_end"].to_numpy(),
                    "period_kind": part["period_kind"].to_numpy(),
                    "measure": measure,
                    "claimed": part[measure].astype("int64").to_numpy(),
                    "qualifier": part[f"{measure}_qualifier"].to_numpy(),
                    "remark": part[f"{measure}_remark"].fillna("").to_numpy(),
                    "speaker": part["speaker"].to_numpy(),
                    "source_url": part["source_url"].to_numpy(),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["period_start", "statement_id"], kind="stable").reset_index(drop=True)


def _event_days(events: pd.DataFrame, date_by: str) -> pd.Series:
    if "day" in events.columns and "time_end" not in events.columns:
        if date_by != "end":
            raise ValueError("a daily table is dated by the end of the window; use date_by='end'")
        return events["day"]
    return events["time_end" if date_by == "end" else "time_start"].dt.normalize()


def computed_for_claims(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    *,
    scope: str | None = "national",
    date_by: str = "end",
    measures: Mapping[str, tuple[str, Sequence[str]]] = MEASURES,
) -> pd.DataFrame:
    """Bottom-up launches over each claim's period, from strike events.

    Parameters
    ----------
    events
        Strike events (the frame of :func:`aidstats.read_strike_events`; rows
        with a non-empty ``invalid_reason`` are left out), or the bundled
        ``strikes_daily`` table (``day``, ``weapon_group``, ``weapon_class``, ``scope``,
        ``launched``), which is already dated by the end of the window.
    claims
        Output of :func:`claims_from_statements`.
    scope
        Keep events of this ``scope`` (national summaries by default, so that
        regional reports are not summed with the summaries that contain them).
    date_by
        ``"end"`` (default: an overnight raid counts on the morning it ends)
        or ``"start"``: which end of the attack window dates an event.
    measures
        Mapping measure -> (column, values) defining what is counted.

    Returns
    -------
    DataFrame
        statement_id, measure, computed (NaN where the measure cannot be
        counted from events, e.g. glide bombs absent from the data).
    """
    ev = events
    if "invalid_reason" in ev.columns:
        ev = ev.loc[ev["invalid_reason"] == ""]
    if scope is not None and "scope" in ev.columns:
        ev = ev.loc[ev["scope"] == scope]
    day = _event_days(ev, date_by)
    if "weapon_group" not in ev.columns:
        ev = ev.assign(weapon_group=ev["weapon_class"].map(CLASS_GROUPS).fillna("other"))
    rows = []
    for claim in claims.itertuples(index=False):
        column, values = measures[claim.measure]
        chosen = ev[column].isin(list(values))
        total = np.nan
        if values and chosen.any():  # a measure the events never contain is not computable
            in_window = (day >= claim.period_start) & (day <= claim.period_end)
            total = float(ev.loc[chosen & in_window, "launched"].sum())
        rows.append(
            {"statement_id": claim.statement_id, "measure": claim.measure, "computed": total}
        )
    return pd.DataFrame(rows, columns=["statement_id", "measure", "computed"])


def reconcile(
    computed: pd.DataFrame | pd.Series,
    claimed: pd.DataFrame,
    *,
    on: Sequence[str] | None = None,
    tolerances: Mapping[str, tuple[float, float]] | None = None,
) -> pd.DataFrame:
    """Compare computed values with claims, judging each claim by its qualifier.

    Parameters
    ----------
    computed
        Frame with the key columns and ``computed`` (or a Series whose index
        levels are the keys).
    claimed
        Frame with the key columns, ``claimed`` and ``qualifier`` (one of
        :data:`TOLERANCES`); other columns (speaker, source...) are kept.
    on
        Key columns; default: the columns the two frames share.
    tolerances
        Override :data:`TOLERANCES`: qualifier -> (lowest, highest) accepted
        ``computed / claimed``.

    Returns
    -------
    DataFrame
        keys..., qualifier, claimed, computed, difference (computed - claimed),
        ratio (computed / claimed), lower, upper (the accepted range of
        computed), consistent (nullable boolean: NA where nothing was
        computed), note, then the other claim columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import reconcile
    >>> claims = pd.DataFrame({"measure": ["missiles", "drones"], "claimed": [330, 5000],
    ...                        "qualifier": ["over", "about"]})
    >>> computed = pd.DataFrame({"measure": ["missiles", "drones"], "computed": [352, 5300]})
    >>> reconcile(computed, claims)["consistent"].tolist()
    [True, True]
    """
    tol = dict(TOLERANCES if tolerances is None else tolerances)
    if isinstance(computed, pd.Series):
        computed = computed.rename("computed").reset_index()
    for frame, col, name in ((computed, "computed", "computed"), (claimed, "claimed", "claimed")):
        if col not in frame.columns:
            raise ValueError(f"{name} frame needs a {col!r} column")
    if "qualifier" not in claimed.columns:
        raise ValueError("claimed frame needs a 'qualifier' column")
    keys = (
        list(on)
        if on is not None
        else [
            c for c in claimed.columns if c in computed.columns and c not in ("computed", "claimed")
        ]
    )
    if not keys:
        raise ValueError("no shared key columns; pass on=[...]")
    unknown = sorted(set(claimed["qualifier"].dropna()) - set(tol))
    if unknown:
        raise ValueError(f"unknown qualifier(s) {unknown}; known: {sorted(tol)}")
    duplicated = computed[keys].duplicated(keep=False)
    if duplicated.any():
        rows = computed.loc[duplicated, keys]
        failures = [
            {
                "row": int(i),
                "column": ", ".join(keys),
                "value": tuple(r),
                "rule": "one computed value per key",
            }
            for i, r in zip(rows.index, rows.itertuples(index=False), strict=True)
        ]
        raise DataValidationError("computed values are not unique per claim key", failures)
    merged = claimed.merge(computed[keys + ["computed"]], on=keys, how="left", validate="m:1")
    claim = merged["claimed"].astype(float).to_numpy()
    comp = merged["computed"].astype(float).to_numpy()
    lo = np.array([tol[q][0] for q in merged["qualifier"]], dtype=float) * claim
    hi = np.array([tol[q][1] for q in merged["qualifier"]], dtype=float) * claim
    known = ~np.isnan(comp)
    consistent = pd.array(np.where(known, (comp >= lo) & (comp <= hi), False), dtype="boolean")
    consistent[~known] = pd.NA
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(claim != 0, comp / claim, np.nan)
    note = np.where(
        ~known,
        "not computable from the data",
        np.where(claim == 0, "claimed 0: ratio undefined", ""),
    )
    first = keys + ["qualifier", "claimed", "computed"]
    out = merged.assign(
        difference=comp - claim, ratio=ratio, lower=lo, upper=hi, consistent=consistent, note=note
    )
    rest = [
        c
        for c in out.columns
        if c not in first + ["difference", "ratio", "lower", "upper", "consistent", "note"]
    ]
    return out[first + ["difference", "ratio", "lower", "upper", "consistent", "note"] + rest]


def aid_consistency(
    totals: pd.DataFrame,
    channels: pd.DataFrame,
    *,
    tolerance: float = 0.02,
) -> pd.DataFrame:
    """Military aid per month against the sum of its channels (stockpile, procurement...).

    Parameters
    ----------
    totals, channels
        The ``aid_totals_monthly`` (``month``, ``military_eur_bn``) and
        ``aid_channels`` (``month``, ``channel``, ``eur_bn``) datasets.
    tolerance
        Relative gap accepted as consistent (2%: rounding in the source).

    Returns
    -------
    DataFrame
        month, claimed (military_eur_bn), computed (channel sum), one column
        per channel, difference (computed - claimed), ratio, consistent, note.
        ``attrs["total"]`` holds the sums over all months. The gap is
        reported, never forced to zero.

    Examples
    --------
    >>> from aidstats import datasets
    >>> from aidstats._compute.stats.reconcile import aid_consistency
    >>> gap = aid_consistency(datasets.load("aid_totals_monthly"), datasets.load("aid_channels"))
    >>> round(gap.attrs["total"]["claimed"], 1), round(gap.attrs["total"]["computed"], 1)
    (173.0, 168.0)
    """
    wide = channels.pivot_table(
        index="month", columns="channel", values="eur_bn", aggfunc="sum", sort=True
    )
    wide.columns = [f"{c}_eur_bn" for c in wide.columns]
    merged = totals[["month", "military_eur_bn"]].merge(
        wide.reset_index(), on="month", how="outer", sort=True
    )
    channel_cols = list(wide.columns)
    if merged.empty:
        raise InsufficientDataError("no months to compare")
    computed = merged[channel_cols].sum(axis=1, min_count=1)
    claimed = merged["military_eur_bn"]
    diff = computed - claimed
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(claimed.to_numpy() != 0, (computed / claimed).to_numpy(), np.nan)
    ok = (diff.abs() <= tolerance * claimed.abs()) | (diff.abs() < 1e-9)
    note = np.where(
        claimed.isna(),
        "no military total",
        np.where(
            computed.isna(), "no channel split", np.where(claimed == 0, "military total is 0", "")
        ),
    )
    consistent = pd.array(ok.to_numpy(), dtype="boolean")
    consistent[claimed.isna().to_numpy() | computed.isna().to_numpy()] = pd.NA
    out = pd.DataFrame({"month": merged["month"], "claimed": claimed, "computed": computed})
    out = pd.concat([out, merged[channel_cols]], axis=1).assign(
        difference=diff, ratio=ratio, consistent=consistent, note=note
    )
    out.attrs["total"] = {
        "claimed": float(claimed.sum()),
        "computed": float(computed.sum()),
        "difference": float(diff.sum()),
    }
    out.attrs["description"] = (
        "claimed = military allocations (aid_totals_monthly); computed = "
        "stockpile + procurement + unspecified + NATO PURL (aid_channels)"
    )
    return out
