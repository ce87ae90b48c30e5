"""Aid aggregation: by donor, donor group, category, channel and period; shares, top-N, % of GDP.

Works on the Kiel Support Tracker tables, passed first like every frame in
aidstats: ``aid_monthly`` (donor, iso3, month, category, eur_bn),
``aid_donor_monthly`` (with GDP) and ``aid_channels``. Values are nominal
billions of euros **allocated** by month of allocation (neither commitment nor
delivery). Every aggregation conserves the total of what it aggregates;
groups overlap (a donor is in the EU27, NATO and G7), so never sum across
groups. ``freq`` accepts ``"M"``/``"month"``, ``"Q"``/``"quarter"`` and
``"Y"``/``"year"``.

The computation lives in :mod:`aidstats._compute.aid`; this module is its
public face. For one release it still accepts the old calls, with a
:class:`DeprecationWarning`: no frame (the bundled dataset is loaded; pass
``datasets.load(name)`` instead), ``period=`` (now ``freq=``) and the frame
given as ``data=`` after the other arguments.

Examples
--------
>>> from aidstats import aid, datasets
>>> by_cat = aid.aggregate(datasets.load("aid_monthly"), "category")
>>> by_cat["category"].tolist()
['financial', 'humanitarian', 'military']
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

from aidstats import datasets
from aidstats._compute.aid import aggregate as _aggregate
from aidstats._compute.aid import before_after as _before_after
from aidstats._compute.aid import channels as _channels
from aidstats._compute.aid import gdp as _gdp
from aidstats._compute.aid import groups as _groups
from aidstats._compute.aid import shares_over_time as _shares_over_time
from aidstats._compute.aid.aggregate import cumulative
from aidstats._compute.aid.before_after import ShareChangeResult
from aidstats._compute.tables import shares, top_n

__all__ = [
    "ShareChangeResult",
    "aggregate",
    "by_channel",
    "by_group",
    "cumulative",
    "pct_gdp",
    "share_before_after",
    "share_over_time",
    "shares",
    "top_n",
]

R = TypeVar("R")

#: Old keyword -> its new name (accepted with a DeprecationWarning for one release).
RENAMED_KEYWORDS = {"period": "freq"}


def _warn(message: str) -> None:
    # stacklevel 4: _warn <- _renamed or _frame_and_arguments <- the facade wrapper <- the caller.
    warnings.warn(message, DeprecationWarning, stacklevel=4)


def _renamed(name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` with the old keyword names turned into the new ones (and a warning)."""
    out = dict(kwargs)
    for old, new in RENAMED_KEYWORDS.items():
        if old not in out:
            continue
        if new in out:
            raise TypeError(f"aid.{name}() got both {old}= (deprecated) and {new}=")
        _warn(f"aid.{name}(..., {old}=...) is deprecated; use {new}=... (same values)")
        out[new] = out.pop(old)
    return out


def _frame_and_arguments(
    name: str, dataset: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[pd.DataFrame, tuple[Any, ...], dict[str, Any]]:
    """The frame, the other positional arguments and the keywords of a new- or old-style call.

    New style: the frame first (positionally or as ``data=``). Old style: the
    other arguments first and the frame as ``data=`` or not at all (then the
    bundled ``dataset`` is loaded).
    """
    new_style = bool(args) and (args[0] is None or isinstance(args[0], pd.DataFrame))
    if new_style:
        if "data" in kwargs:
            raise TypeError(f"aid.{name}() got the frame twice: first and as data=")
        data, rest = args[0], args[1:]
    else:
        data, rest = kwargs.pop("data", None), args
        if rest and data is not None:
            _warn(
                f"aid.{name}(..., data=frame) is deprecated; pass the frame first: "
                f"aid.{name}(frame, ...)"
            )
    if data is None:
        _warn(
            f"aid.{name}() without a frame loads the bundled {dataset!r}; this is deprecated: "
            f"pass datasets.load({dataset!r}) as the first argument"
        )
        data = datasets.load(dataset)
    return data, rest, kwargs


def _facade(compute: Callable[..., R], dataset: str) -> Callable[..., R]:
    """The public function: ``compute`` with the frame first, accepting the old calls for a release."""

    @functools.wraps(compute)
    def public(*args: Any, **kwargs: Any) -> R:
        renamed = _renamed(compute.__name__, kwargs)
        data, rest, keywords = _frame_and_arguments(compute.__name__, dataset, args, renamed)
        return compute(data, *rest, **keywords)

    public.__module__ = __name__
    return public


aggregate = _facade(_aggregate.aggregate, "aid_monthly")
by_group = _facade(_groups.by_group, "aid_monthly")
by_channel = _facade(_channels.by_channel, "aid_channels")
pct_gdp = _facade(_gdp.pct_gdp, "aid_donor_monthly")
share_over_time = _facade(_shares_over_time.share_over_time, "aid_monthly")
share_before_after = _facade(_before_after.share_before_after, "aid_monthly")

# Shown, and doctested, as members of this module (the pandas ``set_module`` idiom).
for _public in (ShareChangeResult, cumulative):
    _public.__module__ = __name__
