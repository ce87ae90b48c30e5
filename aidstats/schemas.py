"""Pandera schemas of the bundled datasets, and the one place they are enforced.

A facade over :mod:`aidstats._core.schemas`. Importing this module imports
pandera; :mod:`aidstats.datasets` does so only when a dataset is loaded.
"""

from __future__ import annotations

from aidstats._core.schemas import SCHEMAS, validate_frame

__all__ = ["SCHEMAS", "validate_frame"]
