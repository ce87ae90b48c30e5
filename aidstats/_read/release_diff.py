"""What changed between two releases of an upstream source: rows added, removed, cells changed, totals moved.

Both upstreams revise the past in place, so a chart built on one release can
stop matching the next without anyone saying why. :func:`compare_releases`
says why.

Row keys
    A strike row is identified by ``source`` (the post), ``model``,
    ``time_start``, ``time_end`` and ``occurrence``: the post, model and
    window repeat for a few pairs of rows in every release (18 pairs in 2026),
    so ``occurrence`` numbers the rows sharing them in file order (0, 1, ...).
    A Kiel row is identified by the columns that name it in its file (donor
    ISO code, year and month; donor and category for weapons). A row whose
    key fields were edited shows as one row removed and one added.
Cells
    Compared as published text with surrounding spaces removed; two numbers
    that are equal as numbers (``4`` and ``4.0``) are not a change.
Totals
    Strike releases: launched and destroyed of the valid rows per month of the
    end of the attack window (all reporters), old and new, where they differ.
    Kiel releases: all-donor allocations per month and category
    (``total_allocations.csv``).

Examples
--------
>>> import io
>>> from aidstats._read.release_diff import compare_releases
>>> head = "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\\n"
>>> old = io.StringIO(head + "2026-02-07 04:00,2026-02-07 04:10,3M22 Zircon,Crimea,Kyiv,,2,4,kpszsu/p/1\\n")
>>> new = io.StringIO(head + "2026-02-07 04:00,2026-02-07 04:10,3M22 Zircon,Crimea,Kyiv,,2,0,kpszsu/p/1\\n")
>>> diff = compare_releases(old, new)
>>> diff.changed[["model", "column", "old", "new"]].to_dict("records")
[{'model': '3M22 Zircon', 'column': 'destroyed', 'old': '4', 'new': '0'}]
"""

from __future__ import annotations

import dataclasses
import html
import io
import os
import warnings
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from aidstats._core.periods import period_start
from aidstats._read.releases import KIEL_FILES, STRIKE_FILE
from aidstats._read.strike_file.reader import read_strike_events
from aidstats.errors import AidstatsError

__all__ = ["KIEL_KEYS", "STRIKE_KEY", "ReleaseDiff", "compare_releases"]

STRIKE_KEY = ("source", "model", "time_start", "time_end", "occurrence")
KIEL_KEYS: dict[str, tuple[str, ...]] = {
    "data_explorer.csv": ("iso", "year", "month"),
    "total_allocations.csv": ("year", "month"),
    "procurement_trends.csv": ("year", "month"),
    "weapons.csv": ("donor", "category"),
    "eu_aid_shares.csv": ("iso",),
    "release_info.csv": (),
}
CHANGE_COLUMNS = ("change", "file", "key", "column", "old", "new")
Source = str | os.PathLike[str] | IO[str] | IO[bytes]


@dataclasses.dataclass(frozen=True)
class ReleaseDiff:
    """The differences between an old and a new release.

    Attributes
    ----------
    kind
        ``"strikes"`` or ``"aid"``.
    old, new
        What was compared (paths or labels).
    added, removed
        The rows only in the new / only in the old release (with ``file`` and ``key``).
    changed
        One row per changed cell: ``file``, the key columns, ``key`` (joined), ``column``, ``old``, ``new``.
    moved
        Totals that moved: ``month``, ``measure``, ``old``, ``new``, ``change``.
    columns_added, columns_removed
        Columns only in the new / only in the old release.
    """

    kind: str
    old: str
    new: str
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame
    moved: pd.DataFrame
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """Every change as one long table: change, file, key, column, old, new."""
        parts = [
            self.added.assign(change="added", column="", old="", new="")[
                ["change", "file", "key", "column", "old", "new"]
            ],
            self.removed.assign(change="removed", column="", old="", new="")[
                ["change", "file", "key", "column", "old", "new"]
            ],
            self.changed.assign(change="changed")[list(CHANGE_COLUMNS)],
        ]
        out = (
            pd.concat([p for p in parts if len(p)], ignore_index=True)
            if any(len(p) for p in parts)
            else None
        )
        return out if out is not None else pd.DataFrame(columns=list(CHANGE_COLUMNS))

    def summary(self) -> str:
        """A few lines: counts of rows added, removed and cells changed, and the totals that moved."""
        lines = [
            f"{self.kind} releases compared: {self.old} -> {self.new}",
            f"rows added: {len(self.added):,}; rows removed: {len(self.removed):,}; "
            f"cells changed: {len(self.changed):,} in {self.changed['key'].nunique() if len(self.changed) else 0:,} rows",
        ]
        if self.columns_added or self.columns_removed:
            lines.append(
                f"columns added: {list(self.columns_added)}; removed: {list(self.columns_removed)}"
            )
        if len(self.changed):
            by_column = self.changed["column"].value_counts()
            lines.append(
                "changed cells by column: " + ", ".join(f"{c} {n}" for c, n in by_column.items())
            )
        if len(self.moved):
            lines.append(f"totals that moved ({len(self.moved)}):")
            for row in self.moved.itertuples(index=False):
                lines.append(
                    f"  {row.month:%Y-%m} {row.measure}: {_num(row.old)} -> {_num(row.new)} ({_num(row.change, sign=True)})"
                )
        else:
            lines.append("no monthly total moved")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.summary())}</pre>"


def _num(value: float, *, sign: bool = False) -> str:
    spec = "+," if sign else ","
    return format(value, f"{spec}.0f") if float(value).is_integer() else format(value, f"{spec}.3f")


# ----------------------------------------------------------------------------- text tables


def _read_text(source: Source, what: str) -> pd.DataFrame:
    try:
        data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    except OSError as exc:
        raise AidstatsError(f"cannot read {what} {source}: {exc.strerror or exc}") from None
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise AidstatsError(f"{what} {source} is not a readable UTF-8 CSV: {exc}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda col: col.str.strip())


def _same(old: pd.Series, new: pd.Series) -> np.ndarray:
    """Cells equal as text, or equal as numbers where both parse."""
    equal = old.to_numpy() == new.to_numpy()
    a = pd.to_numeric(old, errors="coerce").to_numpy(dtype=float)
    b = pd.to_numeric(new, errors="coerce").to_numpy(dtype=float)
    return equal | (~np.isnan(a) & ~np.isnan(b) & (a == b))


def _diff_table(
    old: pd.DataFrame, new: pd.DataFrame, keys: list[str], file: str
) -> tuple[pd.DataFrame, ...]:
    """(added, removed, changed) between two text tables keyed by ``keys``."""
    for frame in (old, new):
        frame["key"] = frame[keys].agg(" | ".join, axis=1) if keys else "(file)"
        frame["file"] = file
    if old["key"].duplicated().any() or new["key"].duplicated().any():
        raise AidstatsError(
            f"{file}: the row key {keys} is not unique; cannot compare releases row by row"
        )
    merged = old.merge(new, on="key", how="outer", suffixes=("_old", "_new"), indicator=True)
    added = new.loc[new["key"].isin(merged.loc[merged["_merge"] == "right_only", "key"])]
    removed = old.loc[old["key"].isin(merged.loc[merged["_merge"] == "left_only", "key"])]
    both = merged.loc[merged["_merge"] == "both"]
    shared = [c for c in old.columns if c in new.columns and c not in (*keys, "key", "file")]
    changes = []
    for column in shared:
        a, b = both[f"{column}_old"], both[f"{column}_new"]
        differ = ~_same(a, b)
        if differ.any():
            part = both.loc[differ, [f"{k}_old" for k in keys] + ["key"]]
            part = part.rename(columns={f"{k}_old": k for k in keys})
            part = part.assign(
                file=file, column=column, old=a[differ].to_numpy(), new=b[differ].to_numpy()
            )
            changes.append(part)
    changed = (
        pd.concat(changes, ignore_index=True)
        if changes
        else pd.DataFrame(columns=["file", *keys, "key", "column", "old", "new"])
    )
    return (
        added.reset_index(drop=True),
        removed.reset_index(drop=True),
        changed.sort_values(["key", "column"], kind="mergesort").reset_index(drop=True),
    )


# ----------------------------------------------------------------------------- strikes


def _with_occurrence(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in STRIKE_KEY[:-1] if c not in frame.columns]
    if missing:
        raise AidstatsError(f"a strike file lacks the key column(s) {missing}")
    out = frame.copy()
    out["occurrence"] = out.groupby(list(STRIKE_KEY[:-1]), sort=False).cumcount().astype(str)
    return out


def _monthly_totals(source: Source | bytes) -> pd.DataFrame:
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        events = read_strike_events(data)
    valid = events.loc[events["invalid_reason"] == ""]
    month = period_start(valid["time_end"], "M")
    return valid.groupby(month.to_numpy())[["launched", "destroyed"]].sum(min_count=1)


def _moved(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    both = old.add_suffix("_old").join(new.add_suffix("_new"), how="outer")
    rows = []
    for month, rec in both.iterrows():
        for measure in old.columns:
            a, b = rec[f"{measure}_old"], rec[f"{measure}_new"]
            a0, b0 = (0.0 if pd.isna(a) else float(a)), (0.0 if pd.isna(b) else float(b))
            if a0 != b0:
                rows.append(
                    {
                        "month": pd.Timestamp(month),
                        "measure": measure,
                        "old": a0,
                        "new": b0,
                        "change": b0 - a0,
                    }
                )
    return pd.DataFrame(rows, columns=["month", "measure", "old", "new", "change"])


def _strike_bytes(source: Source) -> tuple[bytes, str]:
    if hasattr(source, "read"):
        data = source.read()
        return (data.encode("utf-8") if isinstance(data, str) else bytes(data)), str(
            getattr(source, "name", "<file>")
        )
    path = Path(source)
    if path.is_dir():
        path = path / STRIKE_FILE
    try:
        return path.read_bytes(), str(path)
    except OSError as exc:
        raise AidstatsError(f"cannot read strike file {path}: {exc.strerror or exc}") from None


def _compare_strikes(old: Source, new: Source) -> ReleaseDiff:
    old_bytes, old_label = _strike_bytes(old)
    new_bytes, new_label = _strike_bytes(new)
    a = _with_occurrence(_read_text(io.BytesIO(old_bytes), "old strike file"))
    b = _with_occurrence(_read_text(io.BytesIO(new_bytes), "new strike file"))
    added, removed, changed = _diff_table(a, b, list(STRIKE_KEY), STRIKE_FILE)
    moved = _moved(_monthly_totals(old_bytes), _monthly_totals(new_bytes))
    return ReleaseDiff(
        "strikes", old_label, new_label, added, removed, changed, moved,
        tuple(c for c in b.columns if c not in a.columns), tuple(c for c in a.columns if c not in b.columns),
    )  # fmt: skip


# ----------------------------------------------------------------------------- Kiel


def _kiel_totals(folder: Path) -> pd.DataFrame:
    frame = _read_text(folder / "total_allocations.csv", "Kiel file")
    month = pd.to_datetime(
        frame["year"] + "-" + frame["month"].str.zfill(2) + "-01", errors="coerce"
    )
    values = frame.drop(columns=["year", "month"]).apply(pd.to_numeric, errors="coerce")
    return values.set_axis(month.to_numpy())


def _compare_kiel(old: Path, new: Path) -> ReleaseDiff:
    parts: list[tuple[pd.DataFrame, ...]] = []
    gained: list[str] = []
    lost: list[str] = []
    for name in KIEL_FILES:
        a, b = _read_text(old / name, "Kiel file"), _read_text(new / name, "Kiel file")
        gained += [f"{name}:{c}" for c in b.columns if c not in a.columns]
        lost += [f"{name}:{c}" for c in a.columns if c not in b.columns]
        keys = [k for k in KIEL_KEYS[name] if k in a.columns and k in b.columns]
        parts.append(_diff_table(a, b, keys, name))
    added, removed, changed = (
        pd.concat([p[i] for p in parts], ignore_index=True) for i in range(3)
    )
    moved = _moved(_kiel_totals(old), _kiel_totals(new))
    return ReleaseDiff(
        "aid", str(old), str(new), added, removed, changed, moved, tuple(gained), tuple(lost)
    )


def compare_releases(old: Source, new: Source) -> ReleaseDiff:
    """What changed from release ``old`` to release ``new`` of one upstream source.

    Parameters
    ----------
    old, new
        Two strike files (paths or file objects; a folder holding
        ``missile_attacks_daily.csv`` also works), or two Kiel release folders
        (``aid/kiel_ust_r<N>``).

    Returns
    -------
    ReleaseDiff
        Rows added and removed, every changed cell (key, column, old value,
        new value), and the monthly totals that moved as a result; see the
        module docstring for the row keys.

    Raises
    ------
    AidstatsError
        The two are not the same kind of release, or cannot be read.
    """
    paths = [Path(s) if isinstance(s, str | os.PathLike) else None for s in (old, new)]
    kiel = [p is not None and p.is_dir() and (p / "data_explorer.csv").is_file() for p in paths]
    if all(kiel):
        return _compare_kiel(paths[0], paths[1])  # type: ignore[arg-type]
    if any(kiel):
        raise AidstatsError(
            "compare a Kiel release folder with another Kiel release folder, not with a strike file"
        )
    return _compare_strikes(old, new)
