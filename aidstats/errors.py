"""The one exception and warning hierarchy of aidstats.

Every error aidstats raises on purpose is an :class:`AidstatsError`. Problems
with data are :class:`DataValidationError`, which is also a ``ValueError`` and
carries a table of the failing rows (``row``/``line``, ``column``, ``value``,
``rule``) so that nothing about a failure is lost in a message;
:func:`failure_table` is the one way such a table is built.

Every warning aidstats issues is an :class:`AidstatsWarning`, so that
``warnings.filterwarnings("error", category=AidstatsWarning)`` turns them all
into errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AidstatsError",
    "AidstatsWarning",
    "DataQualityWarning",
    "DataValidationError",
    "IncompletePeriodWarning",
    "InsufficientDataError",
    "OutputPathError",
    "RegimeChangeWarning",
    "UnknownDatasetError",
    "UsageError",
    "failure_table",
]

FAILURE_COLUMNS = ("row", "column", "value", "rule")


class AidstatsWarning(UserWarning):
    """Base class of every warning aidstats issues."""


class DataQualityWarning(AidstatsWarning):
    """Rows of an input file were flagged (kept, with ``invalid_reason``) or not recognised."""


class RegimeChangeWarning(AidstatsWarning):
    """A period mixes two reporting regimes of one measure (e.g. ``not_reach_goal``)."""


class IncompletePeriodWarning(AidstatsWarning):
    """A period the data cover only partly (e.g. the last, running month) was left out or kept."""


class AidstatsError(Exception):
    """Base class of every error aidstats raises on purpose."""


class UnknownDatasetError(AidstatsError, KeyError):
    """A dataset name that is not bundled; the message lists the valid names."""

    def __init__(self, name: str, valid: Iterable[str]) -> None:
        self.name = name
        self.valid = tuple(valid)
        super().__init__(f"unknown dataset {name!r}; valid names: {', '.join(self.valid)}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class InsufficientDataError(AidstatsError, ValueError):
    """Too few (or no usable) observations for the requested estimate."""


class UsageError(AidstatsError, ValueError):
    """An argument value that cannot be used (a malformed month, a release that does not exist).

    The command line exits with status 2 for it, as for any bad argument.
    """


class OutputPathError(AidstatsError, OSError):
    """An output location that cannot or must not be written."""


class DataValidationError(AidstatsError, ValueError):
    """Data that break a rule: a message plus the table of failing rows.

    Parameters
    ----------
    message
        What went wrong, in one sentence.
    failures
        The failing cells, one mapping per failure with keys ``row`` (or
        ``line`` for raw input files), ``column``, ``value`` and ``rule``; or a
        DataFrame with those columns.
    source
        The file or dataset the failures come from, if any.
    """

    def __init__(
        self,
        message: str,
        failures: Iterable[Mapping[str, Any]] | pd.DataFrame | None = None,
        *,
        source: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self._failures = failures
        super().__init__(self._compose())

    @property
    def failures(self) -> pd.DataFrame:
        """The failing rows as a DataFrame (``row``/``line``, ``column``, ``value``, ``rule``)."""
        return failure_table(self._failures)

    def _compose(self, limit: int = 20) -> str:
        head = self.message if self.source is None else f"{self.source}: {self.message}"
        table = self.failures
        if table.empty:
            return head
        shown = table.head(limit).to_string(index=False)
        more = "" if len(table) <= limit else f"\n... and {len(table) - limit} more failures"
        return f"{head}\n{len(table)} failure(s):\n{shown}{more}"


def failure_table(failures: Iterable[Mapping[str, Any]] | pd.DataFrame | None) -> pd.DataFrame:
    """The table of failing cells: ``row`` (or ``line``), ``column``, ``value``, ``rule``.

    The one constructor of the table a :class:`DataValidationError` carries:
    from a frame (index reset), from mappings (one per failure) or from
    nothing (an empty table with the standard columns).

    Examples
    --------
    >>> failure_table([{"line": 3, "column": "launched", "value": "x", "rule": "unparseable_count"}])
       line    column value               rule
    0     3  launched     x  unparseable_count
    >>> list(failure_table(None).columns)
    ['row', 'column', 'value', 'rule']
    """
    import pandas as pd

    if failures is None:
        return pd.DataFrame(columns=list(FAILURE_COLUMNS))
    if isinstance(failures, pd.DataFrame):
        return failures.reset_index(drop=True)
    frame = pd.DataFrame(list(failures))
    return frame if len(frame.columns) else pd.DataFrame(columns=list(FAILURE_COLUMNS))
