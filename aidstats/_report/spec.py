"""What a report figure is, what every figure sees, and what a build wrote."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from aidstats._core.periods import next_period_start
from aidstats._files import CSV_FOR_PEOPLE_NOTE
from aidstats._report.inputs import read_events

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FigureSpec", "ReportContext", "ReportManifest"]


@dataclasses.dataclass(frozen=True)
class ReportContext:
    """What every figure builder sees: the period, where the data come from and the language.

    ``data_dir`` is a folder written by ``aidstats datasets build`` (the
    bundled datasets when None); ``events_path`` a raw strike file whose
    events replace the bundled strike tables; ``lang`` the language of every
    text (``"en"`` or ``"uk"``).

    Examples
    --------
    >>> import pandas as pd
    >>> context = ReportContext(start=pd.Timestamp("2025-02-01"), end=pd.Timestamp("2025-03-01"))
    >>> frame = pd.DataFrame({"month": pd.date_range("2025-01-01", periods=4, freq="MS"), "v": range(4)})
    >>> context.clip(frame)["v"].tolist()
    [1, 2]
    """

    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    events_path: Path | None = None
    catalog_path: Path | None = None
    data_dir: Path | None = None
    lang: str = "en"

    def clip(self, frame: pd.DataFrame, column: str = "month") -> pd.DataFrame:
        """Rows of ``frame`` whose ``column`` lies in [start, end] (months inclusive)."""
        keep = pd.Series(True, index=frame.index)
        if self.start is not None:
            keep &= frame[column] >= self.start
        if self.end is not None:
            keep &= frame[column] < next_period_start([self.end], "M").iloc[0]
        out = frame.loc[keep]
        out.attrs = frame.attrs
        return out

    @functools.cached_property
    def events(self) -> pd.DataFrame | None:
        """The raw strike events when ``events_path`` is given (read once), else None."""
        if self.events_path is None:
            return None
        return read_events(self.events_path, self.catalog_path)


@dataclasses.dataclass(frozen=True)
class FigureSpec:
    """One report figure: file stem, page title, caption, and how to draw it.

    ``draw(context)`` returns the figure and the table it was drawn from (the
    table the report writes to ``tables/``). ``caption`` may hold
    ``{named}`` placeholders that ``describe(table, context)`` fills from the
    data drawn (period, releases, methods); where it gives a ``caption`` of its
    own (a figure that found nothing to draw in the period), that one is
    filled instead: see :meth:`caption_for`.
    """

    name: str
    title: str
    caption: str
    draw: Callable[[ReportContext], tuple[Figure, pd.DataFrame]]
    summary: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    describe: Callable[[pd.DataFrame, ReportContext], Mapping[str, str]] | None = None

    def summarise(self, table: pd.DataFrame) -> pd.DataFrame:
        """The short table shown on the report's summary pages (empty: none)."""
        return self.summary(table) if self.summary is not None else table.iloc[0:0]

    def caption_for(self, table: pd.DataFrame, context: ReportContext) -> str:
        """The caption with what the data drawn say filled in (the caption itself without ``describe``)."""
        if self.describe is None:
            return self.caption
        filled = dict(self.describe(table, context))
        # A figure drawn as a notice (no data in the period) says so in its own words.
        return filled.pop("caption", self.caption).format_map(filled)


@dataclasses.dataclass(frozen=True)
class ReportManifest:
    """What a report build read and wrote (also written as ``manifest.json``)."""

    out_dir: Path
    inputs: tuple[dict[str, str], ...]
    datasets: tuple[dict[str, str], ...]
    packages: dict[str, str]
    parameters: dict[str, Any]
    outputs: tuple[dict[str, str], ...]
    releases: dict[str, str] = dataclasses.field(default_factory=dict)
    key_findings: tuple[dict[str, Any], ...] = ()
    alt_texts: dict[str, str] = dataclasses.field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The manifest as written to ``manifest.json`` (with how its tables' text cells are made safe)."""
        return {
            "aidstats_report": 1,
            "inputs": list(self.inputs),
            "datasets": list(self.datasets),
            "releases": self.releases,
            "packages": self.packages,
            "parameters": self.parameters,
            "key_findings": list(self.key_findings),
            "alt_texts": self.alt_texts,
            "outputs": list(self.outputs),
            "tables_spreadsheet_safe": CSV_FOR_PEOPLE_NOTE,
        }
