"""The one top-N with "Others" and the one zero-safe share (used by aid and, later, by the figures)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aidstats._compute.tables import shares, top_labels, top_n, zero_safe_share


def test_top_labels_rank_by_total_with_ties_by_label() -> None:
    totals = pd.Series({"b": 5.0, "c": 9.0, "a": 5.0, "d": 1.0})
    assert top_labels(totals, 3) == ["c", "a", "b"]
    assert top_labels(totals, 10) == ["c", "a", "b", "d"]
    # row order does not matter
    assert top_labels(totals.iloc[::-1], 2) == ["c", "a"]


def test_a_label_called_others_is_never_ranked() -> None:
    totals = pd.Series({"Others": 100.0, "x": 1.0, "Rest": 50.0})
    assert top_labels(totals, 1) == ["Rest"]
    assert top_labels(totals, 1, others="Rest") == ["Others"]
    with pytest.raises(ValueError, match="at least 1"):
        top_labels(totals, 0)


def test_top_n_keeps_other_keys_and_conserves_totals() -> None:
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01"] * 3 + ["2025-01-01"] * 3),
            "donor": ["A", "B", "C", "A", "B", "C"],
            "eur_bn": [1.0, 5.0, 2.0, 4.0, 0.5, 2.0],
        }
    )
    out = top_n(frame, 2)
    # totals: B 5.5, A 5.0, C 4.0 -> C joins Others; the same labels in every period
    assert out["donor"].tolist() == ["B", "A", "Others", "B", "A", "Others"]
    assert out["eur_bn"].tolist() == [5.0, 1.0, 2.0, 0.5, 4.0, 2.0]
    assert out["eur_bn"].sum() == frame["eur_bn"].sum()


def test_zero_safe_share_never_divides_by_zero() -> None:
    with np.errstate(all="raise"):
        out = zero_safe_share([1.0, 0.0, 2.0], [4.0, 0.0, 0.0])
    assert out[0] == 0.25 and np.isnan(out[1:]).all()


def test_shares_list_zero_totals() -> None:
    frame = pd.DataFrame({"g": ["x", "x", "y"], "eur_bn": [1.0, 1.0, 0.0]})
    out = shares(frame, within="g")
    assert out["share"].tolist()[:2] == [0.5, 0.5] and np.isnan(out["share"].iloc[2])
    assert out.attrs["zero_totals"] == [{"g": "y"}]
    whole = shares(frame.assign(eur_bn=0.0))
    assert whole["share"].isna().all() and whole.attrs["zero_totals"] == [{}]
    assert shares(frame).attrs["zero_totals"] == []
