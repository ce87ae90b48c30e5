"""Reconciliation: claims against bottom-up counts, judged by qualifier and sensitivity; aid consistency.

A claim's qualifier bounds the true value (:data:`aidstats._core.vocab.QUALIFIER_BOUNDS`:
"over" a lower bound, "nearly" and "up to" upper bounds, "about" two-sided,
"exact" a point); the count has its own range (dating and reporter scope,
:func:`~aidstats._compute.stats.claims.computed_for_claims`) and both get
:data:`COUNT_SLACK` for late corrections and rounding in the reports. A claim
is consistent when the two ranges meet; otherwise the claim is above or below
the count.

Every function takes its data as arguments; :mod:`aidstats.stats` loads the
bundled datasets (``official_statements``, ``aid_totals_monthly``,
``aid_channels``) when the caller gives none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from aidstats._core.vocab import QUALIFIER_BOUNDS
from aidstats.errors import DataValidationError, InsufficientDataError

__all__ = ["COUNT_SLACK", "DIRECTIONS", "TOLERANCES", "aid_consistency", "reconcile"]

#: Relative slack of a count for late corrections and rounding in the reports.
COUNT_SLACK = 0.02

#: Accepted range of ``computed / claimed`` for each qualifier when the count has no
#: sensitivity range: the qualifier's bounds widened by :data:`COUNT_SLACK`
#: ("exact" 0.98-1.02; "about" 0.882-1.122; "nearly" 0.882-1.02; "over" 0.98-1.275;
#: "up_to" 0-1.02). Give ``computed_low``/``computed_high`` to judge with the count's
#: own attribution sensitivity instead.
TOLERANCES: dict[str, tuple[float, float]] = {
    q: (lo * (1 - COUNT_SLACK), hi * (1 + COUNT_SLACK)) for q, (lo, hi) in QUALIFIER_BOUNDS.items()
}

#: Words of the verdict's direction.
DIRECTIONS = {
    "above": "claim above the count",
    "below": "claim below the count",
    "consistent": "consistent with the count",
}


def reconcile(
    computed: pd.DataFrame | pd.Series,
    claimed: pd.DataFrame,
    *,
    on: Sequence[str] | None = None,
    tolerances: Mapping[str, tuple[float, float]] | None = None,
) -> pd.DataFrame:
    """Compare computed values with claims, judging each claim by its qualifier and the count's range.

    Parameters
    ----------
    computed
        Frame with the key columns and ``computed`` (optionally
        ``computed_low``/``computed_high``, its sensitivity range), or a
        Series whose index levels are the keys.
    claimed
        Frame with the key columns, ``claimed`` and ``qualifier`` (one of
        :data:`aidstats._core.vocab.QUALIFIER_BOUNDS`; a missing qualifier is
        read as ``"exact"`` and noted); other columns are kept.
    on
        Key columns; default: the columns the two frames share.
    tolerances
        Override: qualifier -> (lowest, highest) accepted ``computed / claimed``
        (then the count's range is not used).

    Returns
    -------
    DataFrame
        keys..., qualifier, claimed, computed, [computed_low, computed_high],
        difference (computed - claimed), ratio (computed / claimed),
        claim_low, claim_high (the true value the qualifier allows), lower,
        upper (the accepted range of the count), consistent (nullable boolean:
        NA where nothing was computed), direction ("claim above the count",
        "claim below the count", "consistent with the count"), note, then the
        other claim columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from aidstats.stats import reconcile
    >>> claims = pd.DataFrame({"measure": ["missiles", "drones"], "claimed": [330, 5000],
    ...                        "qualifier": ["over", "about"]})
    >>> computed = pd.DataFrame({"measure": ["missiles", "drones"], "computed": [240, 5300]})
    >>> reconcile(computed, claims)[["consistent", "direction"]].to_numpy().tolist()
    [[False, 'claim above the count'], [True, 'consistent with the count']]
    """
    if isinstance(computed, pd.Series):
        computed = computed.rename("computed").reset_index()
    for frame, col, name in ((computed, "computed", "computed"), (claimed, "claimed", "claimed")):
        if col not in frame.columns:
            raise ValueError(f"{name} frame needs a {col!r} column")
    if "qualifier" not in claimed.columns:
        raise ValueError("claimed frame needs a 'qualifier' column")
    value_cols = [c for c in ("computed", "computed_low", "computed_high") if c in computed.columns]
    keys = (
        list(on)
        if on is not None
        else [
            c
            for c in claimed.columns
            if c in computed.columns and c not in value_cols + ["claimed"]
        ]
    )
    if not keys:
        raise ValueError("no shared key columns; pass on=[...]")
    bounds = dict(QUALIFIER_BOUNDS) if tolerances is None else dict(tolerances)
    missing_q = claimed["qualifier"].isna()
    qualifier = claimed["qualifier"].where(~missing_q, "exact")
    unknown = sorted(set(qualifier) - set(bounds))
    if unknown:
        raise ValueError(f"unknown qualifier(s) {unknown}; known: {sorted(bounds)}")
    _check_unique(computed, keys)
    merged = claimed.assign(qualifier=qualifier).merge(
        computed[keys + value_cols], on=keys, how="left", validate="m:1"
    )
    return _judge(merged, keys, value_cols, bounds, tolerances is None, missing_q.to_numpy())


def _check_unique(computed: pd.DataFrame, keys: list[str]) -> None:
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


def _judge(
    merged: pd.DataFrame,
    keys: list[str],
    value_cols: list[str],
    bounds: Mapping[str, tuple[float, float]],
    with_slack: bool,
    no_qualifier: np.ndarray,
) -> pd.DataFrame:
    claim = merged["claimed"].astype(float).to_numpy()
    comp = merged["computed"].astype(float).to_numpy()
    low_c = merged["computed_low"].astype(float).to_numpy() if "computed_low" in merged else comp
    high_c = merged["computed_high"].astype(float).to_numpy() if "computed_high" in merged else comp
    factor_lo = np.array([bounds[q][0] for q in merged["qualifier"]], dtype=float)
    factor_hi = np.array([bounds[q][1] for q in merged["qualifier"]], dtype=float)
    claim_lo, claim_hi = factor_lo * claim, factor_hi * claim
    slack = COUNT_SLACK if with_slack else 0.0
    lo, hi = claim_lo * (1 - slack), claim_hi * (1 + slack)
    known = ~np.isnan(comp)
    above = known & (high_c < lo)
    below = known & (low_c > hi)
    consistent = pd.array(known & ~above & ~below, dtype="boolean")
    consistent[~known] = pd.NA
    direction = np.where(
        above, DIRECTIONS["above"], np.where(below, DIRECTIONS["below"], DIRECTIONS["consistent"])
    )
    direction = np.where(known, direction, "")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(claim != 0, comp / claim, np.nan)
    note = np.where(
        ~known,
        "not computable from the data",
        np.where(claim == 0, "claimed 0: ratio undefined", ""),
    )
    read_exact = "no qualifier given: read as exact"
    note = np.where(
        no_qualifier,
        np.where(note == "", read_exact, np.char.add(note.astype(str), "; " + read_exact)),
        note,
    )
    out = merged.assign(
        difference=comp - claim,
        ratio=ratio,
        claim_low=claim_lo,
        claim_high=claim_hi,
        lower=lo,
        upper=hi,
        consistent=consistent,
        direction=direction,
        note=note,
    )
    judged = [
        "difference",
        "ratio",
        "claim_low",
        "claim_high",
        "lower",
        "upper",
        "consistent",
        "direction",
        "note",
    ]
    first = keys + ["qualifier", "claimed", *value_cols]
    rest = [c for c in out.columns if c not in first + judged]
    return out[first + judged + rest]


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
        The table :func:`aidstats.stats.aid_consistency` describes.

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
