"""Reconciliation of claims with bottom-up counts, and the aid channel gap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from factories import make_events

from aidstats import datasets
from aidstats._compute.stats.claims import CLASS_GROUPS
from aidstats.errors import DataValidationError
from aidstats.stats import (
    TOLERANCES,
    aid_consistency,
    claims_from_statements,
    computed_for_claims,
    reconcile,
)


def _claims(qualifier: str, claimed: float = 100) -> pd.DataFrame:
    return pd.DataFrame({"key": ["a"], "claimed": [claimed], "qualifier": [qualifier]})


@pytest.mark.parametrize(
    ("qualifier", "inside", "outside"),
    [
        ("exact", [98, 100, 102], [97.9, 102.1]),
        ("about", [88.2, 100, 112.2], [88.1, 112.3]),
        ("nearly", [88.2, 95, 102], [88.1, 102.1]),
        ("over", [98, 101, 127.5], [97.9, 127.6]),
        ("up_to", [0, 50, 102], [102.1]),
    ],
)
def test_tolerance_bounds_per_qualifier(qualifier, inside, outside) -> None:
    for value in inside:
        out = reconcile(pd.DataFrame({"key": ["a"], "computed": [value]}), _claims(qualifier))
        assert bool(out["consistent"].item()), (qualifier, value)
    for value in outside:
        out = reconcile(pd.DataFrame({"key": ["a"], "computed": [value]}), _claims(qualifier))
        assert not bool(out["consistent"].item()), (qualifier, value)
    assert TOLERANCES[qualifier][0] * 100 == pytest.approx(
        reconcile(pd.DataFrame({"key": ["a"], "computed": [1.0]}), _claims(qualifier))[
            "lower"
        ].item()
    )


def test_reconcile_columns_and_missing_values() -> None:
    claims = pd.DataFrame(
        {
            "key": ["a", "b", "c"],
            "claimed": [330, 80, 0],
            "qualifier": ["over", "nearly", "exact"],
            "speaker": ["x", "y", "z"],
        }
    )
    computed = pd.Series([352.0, 0.0], index=pd.Index(["a", "c"], name="key"))
    out = reconcile(computed, claims)
    assert list(out.columns) == [
        "key",
        "qualifier",
        "claimed",
        "computed",
        "difference",
        "ratio",
        "claim_low",
        "claim_high",
        "lower",
        "upper",
        "consistent",
        "direction",
        "note",
        "speaker",
    ]
    assert out["difference"].tolist()[0] == 22 and out["ratio"].tolist()[0] == pytest.approx(
        352 / 330
    )
    assert out["consistent"].isna().tolist() == [False, True, False]
    assert out["note"].tolist() == [
        "",
        "not computable from the data",
        "claimed 0: ratio undefined",
    ]
    with pytest.raises(ValueError, match="unknown qualifier"):
        reconcile(computed, claims.assign(qualifier=["roughly", "over", "over"]))


def test_claims_from_statements_june_2025() -> None:
    claims = claims_from_statements()
    june = claims.loc[claims["period_start"] == pd.Timestamp("2025-06-01")]
    # "in June, over 330 missiles, nearly 80 of them ballistic, 5,000 drones and 5,000 glide bombs"
    assert june[["measure", "claimed", "qualifier"]].to_numpy().tolist() == [
        ["missiles", 330, "over"],
        ["ballistic_missiles", 80, "nearly"],
        ["drones", 5000, "over"],
        ["glide_bombs", 5000, "about"],
    ]
    assert set(claims["period_kind"]) == {"month"}
    assert len(claims_from_statements(period_kind=None)) > len(claims)


def _june_claims() -> pd.DataFrame:
    """The President's June 2025 statement, selected by period and speaker (not by its id)."""
    claims = claims_from_statements()
    june = claims.loc[claims["period_start"] == pd.Timestamp("2025-06-01")]
    return june.loc[june["speaker"] == june["speaker"].iloc[0]]


def _events() -> pd.DataFrame:
    window = {"start": "2025-06-10 20:00", "end": "2025-06-11 07:00"}
    return make_events(
        {"start": "2025-05-31 18:00", "end": "2025-06-01 06:00", "launched": 100},
        {**window, "model": "Iskander-M", "launched": 10},
        {**window, "model": "Unknown UAV", "launched": 50},
        {
            "start": "2025-06-30 22:00",
            "end": "2025-07-01 05:00",
            "model": "X-101/X-555",
            "launched": 40,
        },
        {
            "start": "2025-06-15 10:00",
            "end": "2025-06-15 12:00",
            "command": "PvKPivden",
            "launched": 7,
        },
        {"start": "2025-06-20", "model": "X-101/X-555", "launched": 3, "invalid": "negative_count"},
    )


def _june_2025_claims() -> pd.DataFrame:
    """The statement of June 2025 (Sybiha): over 330 missiles, nearly 80 ballistic, 5,000 drones and glide bombs."""
    claims = claims_from_statements()
    return claims.loc[
        (claims["period_start"] == "2025-06-01") & claims["speaker"].str.contains("Sybiha")
    ]


def test_computed_for_claims_dates_by_end_and_keeps_national() -> None:
    claims = _june_2025_claims()
    comp = computed_for_claims(_events(), claims)
    assert comp.set_index("measure")["computed"].to_dict() == pytest.approx(
        {"missiles": 10.0, "ballistic_missiles": 10.0, "drones": 150.0, "glide_bombs": np.nan},
        nan_ok=True,
    )
    by_start = computed_for_claims(_events(), claims, date_by="start", scope=None)
    assert by_start.set_index("measure").loc["drones", "computed"] == 57.0  # 50 + 7, not the 31 May
    assert by_start.set_index("measure").loc["missiles", "computed"] == 50.0


def test_aid_channel_gap_is_reported_not_forced() -> None:
    gap = aid_consistency()
    total = gap.attrs["total"]
    # DOMAIN.md aid note 3: military about 173.0bn vs channels about 168.0bn
    assert total["claimed"] == pytest.approx(172.992996, abs=1e-5)
    assert total["computed"] == pytest.approx(168.046805, abs=1e-5)
    assert total["difference"] == pytest.approx(-4.946191, abs=1e-5)
    assert gap["difference"].sum() == pytest.approx(total["difference"])
    assert len(gap) == 52 and int(gap["consistent"].sum()) == 37
    feb26 = gap.loc[gap["month"] == pd.Timestamp("2026-02-01")].iloc[0]
    assert feb26["computed"] == pytest.approx(3.784013, abs=1e-6) and not feb26["consistent"]


@pytest.mark.upstream
def test_june_2025_reconciliation_on_the_air_force_data(real_events: pd.DataFrame) -> None:
    events = real_events
    claims = _june_2025_claims()
    table = reconcile(computed_for_claims(events, claims), claims).set_index("measure")
    assert table["computed"].to_dict() == pytest.approx(
        # ballistic: 59 Iskander-M/KN-23 and Kinzhal plus 4 S-300 in ground attack (one rule,
        # aidstats._core.vocab.CLAIM_CLASSES)
        {"missiles": 240.0, "ballistic_missiles": 63.0, "drones": 5438.0, "glide_bombs": np.nan},
        nan_ok=True,
    )
    assert table["consistent"].astype(object).where(
        table["consistent"].notna(), None
    ).to_dict() == {
        "missiles": False,
        "ballistic_missiles": False,
        "drones": True,
        "glide_bombs": None,
    }


def test_bundled_daily_table_gives_the_same_june_2025_counts() -> None:
    claims = claims_from_statements(period_kind="month")
    daily = datasets.load("strikes_daily")
    table = reconcile(computed_for_claims(daily, claims), claims)
    june = table[table["period_start"] == pd.Timestamp("2025-06-01")].set_index("measure")
    assert june.loc["missiles", "computed"] == 240
    assert june.loc["ballistic_missiles", "computed"] == 63  # S-300/S-400 included
    assert june.loc["drones", "computed"] == 5438
    assert pd.isna(june.loc["glide_bombs", "computed"])


def test_duplicate_computed_keys_are_a_data_error() -> None:
    claimed = pd.DataFrame(
        {"statement_id": [1], "measure": ["missiles"], "claimed": [100], "qualifier": ["over"]}
    )
    computed = pd.DataFrame(
        {"statement_id": [1, 1], "measure": ["missiles"] * 2, "computed": [90.0, 95.0]}
    )
    with pytest.raises(DataValidationError) as err:
        reconcile(computed, claimed, on=["statement_id", "measure"])
    assert len(err.value.failures) == 2


def test_unknown_weapon_class_is_never_counted_as_a_missile() -> None:
    assert CLASS_GROUPS["unknown"] == "other" and CLASS_GROUPS["ballistic_missile"] == "missile"
    # an event table without weapon_group gets it from the vocabulary, not from a dataset
    events = make_events(
        {"start": "2025-06-10", "model": "Kalibr", "launched": 4},
        {"start": "2025-06-11", "model": "Some new thing", "launched": 9},
        {"start": "2025-06-12", "model": "Some new missile", "launched": 2},
    ).drop(columns="weapon_group")
    comp = computed_for_claims(events, _june_2025_claims())
    # A name that says missile is an unclassified missile (counted); one that says nothing is not.
    assert comp.set_index("measure").loc["missiles", "computed"] == 4.0 + 2.0


def test_computation_takes_its_data_and_the_facade_loads_the_default() -> None:
    from aidstats._compute.stats import claims as pure_claims
    from aidstats._compute.stats import reconcile as pure

    statements = datasets.load("official_statements")
    pd.testing.assert_frame_equal(
        pure_claims.claims_from_statements(statements), claims_from_statements()
    )
    totals, channels = datasets.load("aid_totals_monthly"), datasets.load("aid_channels")
    pd.testing.assert_frame_equal(pure.aid_consistency(totals, channels), aid_consistency())
    half = pure.aid_consistency(totals, channels.iloc[: len(channels) // 2])
    assert half.attrs["total"]["computed"] < aid_consistency().attrs["total"]["computed"]
