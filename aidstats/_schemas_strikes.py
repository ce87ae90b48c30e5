"""Pandera schemas of the strike datasets (filled in with the strike builders)."""

from __future__ import annotations

from typing import Any

STRIKE_SCHEMAS: dict[str, Any] = {}
