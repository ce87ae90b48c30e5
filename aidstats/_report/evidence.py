"""What a key finding is: a sentence and the numbers it rests on, each with the table and row it comes from."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["Evidence", "Finding", "Tables", "csv_path", "month_row"]


@dataclasses.dataclass(frozen=True)
class Evidence:
    """One number of a finding: what it is, its value, and the table file and row it comes from."""

    quantity: str
    value: Any
    table: str
    row: str


@dataclasses.dataclass(frozen=True)
class Finding:
    """One key finding: its key, the sentence, and the numbers it rests on."""

    key: str
    sentence: str
    evidence: tuple[Evidence, ...]

    def as_json(self) -> dict[str, Any]:
        """The finding as the manifest records it."""
        return {
            "key": self.key,
            "sentence": self.sentence,
            "evidence": [dataclasses.asdict(e) for e in self.evidence],
        }


Tables = Mapping[str, pd.DataFrame]


def csv_path(name: str) -> str:
    """The file a table is written to, as findings cite it."""
    return f"tables/{name}.csv"


def month_row(month: pd.Timestamp) -> str:
    """How findings name a month's row."""
    return f"month={month:%Y-%m}"
