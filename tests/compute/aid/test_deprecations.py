"""The old aid calls keep working for one release, each with a DeprecationWarning that says what to do."""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from aidstats import aid, datasets


@pytest.fixture(scope="module")
def monthly() -> pd.DataFrame:
    return datasets.load("aid_monthly")


def _old(call: Callable[..., Any], *args: Any, match: str, **kwargs: Any) -> Any:
    with pytest.warns(DeprecationWarning, match=match):
        return call(*args, **kwargs)


def _no_warning(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        return call(*args, **kwargs)


@pytest.mark.parametrize(
    ("function", "dataset"),
    [
        (aid.aggregate, "aid_monthly"),
        (aid.by_group, "aid_monthly"),
        (aid.by_channel, "aid_channels"),
        (aid.pct_gdp, "aid_donor_monthly"),
        (aid.share_over_time, "aid_monthly"),
    ],
)
def test_no_frame_loads_the_bundled_dataset_and_names_it(
    function: Callable[..., Any], dataset: str
) -> None:
    loaded = _old(function, match=rf"pass datasets\.load\('{dataset}'\)")
    given = _no_warning(function, datasets.load(dataset))
    pd.testing.assert_frame_equal(loaded, given)


def test_period_keyword_is_now_freq(monthly: pd.DataFrame) -> None:
    old = _old(aid.aggregate, monthly, "category", period="quarter", match="use freq=")
    pd.testing.assert_frame_equal(old, aid.aggregate(monthly, "category", freq="quarter"))
    with pytest.raises(TypeError, match="both period="):
        aid.aggregate(monthly, period="year", freq="year")


def test_old_call_style_with_data_keyword(monthly: pd.DataFrame) -> None:
    old = _old(
        aid.by_group, "NATO", data=monthly, match=r"pass the frame first: aid\.by_group\(frame"
    )
    pd.testing.assert_frame_equal(old, aid.by_group(monthly, "NATO"))
    # the report's call, unchanged until the lead updates it
    groups = ["EU_institutions_and_members", "G7", "Nordic_Baltic_8"]
    with pytest.warns(DeprecationWarning) as caught:
        report_style = aid.by_group(groups, period="month", data=monthly)
    assert len(caught) == 2  # period=, and the frame last
    pd.testing.assert_frame_equal(report_style, aid.by_group(monthly, groups, freq="month"))


def test_old_positional_style_without_data(monthly: pd.DataFrame) -> None:
    old = _old(
        aid.share_before_after, "USA", "military", "2025-01", interval="none", match="aid_monthly"
    )
    new = aid.share_before_after(monthly, "USA", "military", "2025-01", interval="none")
    assert old.share_before == new.share_before and old.share_after == new.share_after
    by = _old(
        aid.aggregate, ["donor", "category"], start="2024-01", end="2024-12", match="aid_monthly"
    )
    pd.testing.assert_frame_equal(
        by, aid.aggregate(monthly, ["donor", "category"], start="2024-01", end="2024-12")
    )


def test_new_style_takes_the_frame_by_keyword_too(monthly: pd.DataFrame) -> None:
    by_keyword = _no_warning(aid.aggregate, data=monthly, by="category")
    pd.testing.assert_frame_equal(by_keyword, aid.aggregate(monthly, "category"))
    with pytest.raises(TypeError, match="frame twice"):
        aid.aggregate(monthly, data=monthly)


def test_public_signatures_are_data_first() -> None:
    for function in (
        aid.aggregate,
        aid.by_group,
        aid.by_channel,
        aid.pct_gdp,
        aid.share_over_time,
        aid.share_before_after,
    ):
        first = next(iter(inspect.signature(function).parameters))
        assert first == "data", function.__name__
        assert function.__module__ == "aidstats.aid"
        assert function.__doc__ and "Examples" in function.__doc__
