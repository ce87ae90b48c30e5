"""A user's weapon catalogue file: names the bundled catalogue does not know, or classes to override.

The file is a UTF-8 CSV with one row per spelling:

========================  ==========================================================
``alias``                 the model name as written in the strike file (required)
``model``                 the canonical name (optional; the alias where empty)
``weapon_class``          one of :data:`aidstats._core.vocab.WEAPON_CLASSES` (required)
``weapon_group``          ``missile``, ``drone``, ``glide_bomb`` or ``other``
                          (optional; the class's group where empty, and it must agree)
``class_reason``          why (optional; kept in the provenance)
========================  ==========================================================

Its rows are merged over the bundled catalogue and win where they name the
same spelling (:func:`aidstats._core.weapons.extend_table`). Pass it as
``catalog=`` to :func:`aidstats.read_strike_events`, or ``--catalog FILE`` to
``aidstats datasets build`` and ``aidstats report``.

Examples
--------
>>> import io
>>> from aidstats._read.user_catalog import read_user_catalog
>>> user = read_user_catalog(io.StringIO("alias,weapon_class\\nGeran-3,attack_drone\\n"))
>>> user.rows, user.table["geran-3"][:3]
(1, ('Geran-3', 'attack_drone', 'drone'))
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
from typing import IO, Any, TypeAlias

import pandas as pd

from aidstats._core.vocab import WEAPON_CLASSES, WEAPON_GROUPS, group_of
from aidstats._core.weapons import AliasEntry, alias_table, extend_table, normalise_model_key
from aidstats.errors import DataValidationError

__all__ = ["CatalogSource", "UserCatalog", "read_user_catalog"]

CatalogSource: TypeAlias = str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame
"""A user catalogue: a path, a file-like object, or a frame with the file's columns."""

_REQUIRED = ("alias", "weapon_class")
_OPTIONAL = ("model", "weapon_group", "class_reason")


@dataclasses.dataclass(frozen=True)
class UserCatalog:
    """A user catalogue read and checked: the merged alias table and what to say about it."""

    label: str
    sha256: str
    rows: int
    table: dict[str, AliasEntry]
    overridden: tuple[str, ...]

    def provenance(self) -> dict[str, Any]:
        """What ``attrs["aidstats"]["catalog"]`` records of it."""
        return {
            "file": self.label,
            "sha256": self.sha256,
            "rows": self.rows,
            "overridden": list(self.overridden),
        }


def _frame_of(source: CatalogSource) -> tuple[pd.DataFrame, str, bytes]:
    if isinstance(source, pd.DataFrame):
        frame = source.astype(object).where(source.notna(), "").astype(str)
        return frame, "<frame>", frame.to_csv(index=False).encode("utf-8")
    if isinstance(source, str | os.PathLike):
        label = os.fspath(source)
        try:
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise DataValidationError(
                f"cannot read the weapon catalogue: {exc}", source=label
            ) from None
    else:
        label = str(getattr(source, "name", "<file-like>"))
        raw = source.read()
        data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    try:
        frame = pd.read_csv(
            io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataValidationError(
            f"not a readable CSV weapon catalogue: {exc}", source=label
        ) from None
    return frame, label, data


def _failures(frame: pd.DataFrame) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        alias, weapon_class, group = (
            row.alias.strip(),
            row.weapon_class.strip(),
            row.weapon_group.strip(),
        )
        if not alias:
            found.append(
                {"line": i, "column": "alias", "value": row.alias, "rule": "missing_alias"}
            )
        if weapon_class not in WEAPON_CLASSES:
            found.append(
                {
                    "line": i,
                    "column": "weapon_class",
                    "value": row.weapon_class,
                    "rule": "unknown_class",
                }
            )
        elif group and (group not in WEAPON_GROUPS or group != (group_of(weapon_class) or "other")):
            found.append(
                {
                    "line": i,
                    "column": "weapon_group",
                    "value": group,
                    "rule": "group_disagrees_with_class",
                }
            )
    seen: dict[str, int] = {}
    for i, alias in enumerate(frame["alias"], start=2):
        key = normalise_model_key(alias)
        if key and seen.setdefault(key, i) != i:
            found.append({"line": i, "column": "alias", "value": alias, "rule": "duplicate_alias"})
    return found


def read_user_catalog(source: CatalogSource) -> UserCatalog:
    """Read and check a user catalogue (see the module docstring for its columns).

    Raises
    ------
    DataValidationError
        A column missing, an unknown class, a group that disagrees with the
        class, an empty or repeated alias: one error listing every failing cell.
    """
    frame, label, data = _frame_of(source)
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in _REQUIRED if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"the weapon catalogue needs the columns {list(_REQUIRED)} (and may have {list(_OPTIONAL)}); "
            f"missing: {missing}",
            [{"line": 1, "column": c, "value": None, "rule": "missing_column"} for c in missing],
            source=label,
        )
    for column in _OPTIONAL:
        if column not in frame.columns:
            frame[column] = ""
    failures = _failures(frame)
    if failures:
        raise DataValidationError("weapon catalogue rows break its rules", failures, source=label)
    rows = [
        (
            alias.strip(),
            (model.strip() or alias.strip()),
            weapon_class.strip(),
            group_of(weapon_class.strip()) or "other",
        )
        for alias, model, weapon_class in zip(
            frame["alias"], frame["model"], frame["weapon_class"], strict=True
        )
    ]
    bundled = alias_table()
    overridden = tuple(
        sorted({a for a, m, _, _ in rows for n in (a, m) if normalise_model_key(n) in bundled})
    )
    return UserCatalog(
        label, hashlib.sha256(data).hexdigest(), len(rows), extend_table(rows), overridden
    )
