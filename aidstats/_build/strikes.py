"""Builders of the strike datasets (weapon_catalog, strikes_monthly, strikes_daily, ...)."""

from __future__ import annotations

from pathlib import Path

from aidstats._build._common import BuiltDataset


def build(raw_dir: Path) -> list[BuiltDataset]:
    return []
