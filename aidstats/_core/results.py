"""The frozen result base class shared by every estimate aidstats returns.

A result is a frozen dataclass whose headline quantity is ``estimate`` with
its interval ``low``/``high`` (``None`` where an interval does not apply),
the ``alpha`` of that interval, the ``method`` used and the number of
observations ``n``. Subclasses add fields (``p_value`` for tests, tables
such as ``fitted``); the three views below work on any subclass:

- :meth:`Result.to_frame` puts the scalar (and equal-length 1-D array)
  fields in a DataFrame; tables and tuples are left out;
- :meth:`Result.summary` prints every field as a statsmodels-like text block,
  tables included (first rows only);
- :meth:`Result._repr_html_` shows the same in a notebook.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Result", "TestResult"]

_RULE = "=" * 72
_THIN = "-" * 72


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool, int, float, np.generic, pd.Timestamp))


def _is_vector(value: Any) -> bool:
    return isinstance(value, (np.ndarray, pd.Series)) and np.ndim(value) == 1


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if np.isnan(v):
            return "nan"
        if np.isinf(v):
            return "inf" if v > 0 else "-inf"
        return f"{v:.4g}" if abs(v) < 1e5 else f"{v:,.0f}"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else str(value)
    if isinstance(value, tuple):
        return ", ".join(_fmt(v) for v in value) or "-"
    return str(value)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Result:
    """Base of every result: an estimate, its interval and how it was obtained.

    Attributes
    ----------
    estimate
        The headline quantity (a float, or a 1-D array for vectorised calls).
    low, high
        The ``1 - alpha`` interval of ``estimate``; ``None`` where none applies.
    alpha
        One minus the confidence level of the interval.
    method
        How the estimate and interval were computed, in words.
    n
        Number of observations used.
    notes
        Caveats and warnings recorded during the computation.
    """

    estimate: Any
    low: Any = None
    high: Any = None
    alpha: float = 0.05
    method: str = ""
    n: Any = 0
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """A heading for :meth:`summary`, from the class name."""
        return type(self).__name__

    def _fields(self) -> list[tuple[str, Any]]:
        return [(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)]

    def to_frame(self) -> pd.DataFrame:
        """The scalar and vector fields as a DataFrame (one row per element).

        Tables (DataFrame fields) and tuples such as ``notes`` are left out;
        reach them as attributes.
        """
        columns: dict[str, Any] = {}
        sizes: set[int] = set()
        for name, value in self._fields():
            if _is_vector(value):
                columns[name] = np.asarray(value)
                sizes.add(len(columns[name]))
            elif _is_scalar(value):
                columns[name] = value
        if len(sizes) > 1:  # pragma: no cover - guarded by subclasses
            raise ValueError(f"vector fields of unequal length: {sorted(sizes)}")
        size = sizes.pop() if sizes else 1
        return pd.DataFrame(columns, index=pd.RangeIndex(size))

    def _text_rows(self) -> tuple[list[tuple[str, str]], list[tuple[str, pd.DataFrame]]]:
        rows: list[tuple[str, str]] = []
        tables: list[tuple[str, pd.DataFrame]] = []
        for name, value in self._fields():
            if name == "notes":
                continue
            if isinstance(value, pd.DataFrame):
                tables.append((name, value))
            elif _is_vector(value):
                arr = np.asarray(value)
                shown = ", ".join(_fmt(v) for v in arr[:6]) + (", ..." if arr.size > 6 else "")
                rows.append((name, f"[{shown}]"))
            else:
                rows.append((name, _fmt(value)))
        return rows, tables

    def summary(self, max_rows: int = 12) -> str:
        """A plain-text block in the style of statsmodels' summaries."""
        rows, tables = self._text_rows()
        width = max((len(k) for k, _ in rows), default=8)
        lines = [_RULE, self.title.center(72).rstrip(), _RULE]
        lines += [f"{k:<{width}}  {v}" for k, v in rows]
        for name, table in tables:
            lines += [_THIN, f"{name} ({len(table)} rows)"]
            lines.append(table.head(max_rows).to_string(index=False))
            if len(table) > max_rows:
                lines.append(f"... {len(table) - max_rows} more rows")
        if self.notes:
            lines.append(_THIN)
            lines += [f"Note: {note}" for note in self.notes]
        lines.append(_RULE)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        rows, tables = self._text_rows()
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        parts = [f"<div><strong>{html.escape(self.title)}</strong><table>{body}</table>"]
        for name, table in tables:
            parts.append(f"<details><summary>{html.escape(name)} ({len(table)} rows)</summary>")
            parts.append(table.head(50).to_html(index=False) + "</details>")
        parts += [f"<p><em>Note:</em> {html.escape(n)}</p>" for n in self.notes]
        return "".join(parts) + "</div>"


@dataclasses.dataclass(frozen=True, kw_only=True)
class TestResult(Result):
    """A result that is also a hypothesis test: adds ``p_value`` and ``statistic``."""

    __test__ = False  # not a pytest test class

    p_value: Any = None
    statistic: Any = None
