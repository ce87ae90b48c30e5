"""Pandera schemas of the bundled datasets, and the one place they are enforced.

Importing this package imports pandera; :mod:`aidstats.datasets` does so only
when a dataset is loaded.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from aidstats._core.schemas.aid import AID_SCHEMAS
from aidstats._core.schemas.salvos import SALVO_SCHEMAS
from aidstats._core.schemas.strikes import STRIKE_SCHEMAS
from aidstats.errors import DataValidationError

__all__ = ["SCHEMAS", "validate_frame"]

SCHEMAS: dict[str, Any] = {**AID_SCHEMAS, **STRIKE_SCHEMAS, **SALVO_SCHEMAS}


def _failure_table(exc: SchemaErrors) -> pd.DataFrame:
    cases = exc.failure_cases
    index = pd.to_numeric(cases["index"], errors="coerce")
    return pd.DataFrame(
        {
            # CSV line: header is line 1, frame row 0 is line 2.
            "row": (index + 2).astype("Int64"),
            "column": cases["column"].astype(object),
            "value": cases["failure_case"].astype(object),
            "rule": cases["check"].astype(str),
        }
    ).reset_index(drop=True)


def validate_frame(
    frame: pd.DataFrame, schema: type[pa.DataFrameModel], *, source: str
) -> pd.DataFrame:
    """Validate ``frame`` lazily (all failures at once); raise :class:`DataValidationError`."""
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        raise DataValidationError(
            "rows break the dataset schema", _failure_table(exc), source=source
        ) from None
