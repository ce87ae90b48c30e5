"""Upstream releases: which releases a raw-data folder holds, and which one to build from.

Both upstreams republish their data and revise the past in place, so a
*release* is what a table was built from:

- **strikes**: a copy of the Air Force file (``missile_attacks_daily.csv``
  with its reference file ``missiles_and_uavs.csv``). A copy in
  ``strikes/snapshots/<date>/`` is release ``<date>`` (the folder name); the
  loose copy in ``strikes/`` is identified by its last report date (the latest
  ``time_end`` in it).
- **aid**: a Kiel Ukraine Support Tracker folder ``aid/kiel_ust_r<N>/``,
  release ``N``; its ``release_info.csv`` must say the same release.
- **statements**: the compiled official statements: the base file
  ``statements/official_statements.csv`` plus every file of
  ``statements/additions/``, in date order; the release is the date of the
  newest addition (``base`` without additions).

Each release records the SHA-256 of every file it is made of. Releases sort
oldest first; the newest is the default.

Examples
--------
>>> from aidstats._read.releases import release_key
>>> sorted(["29", "30", "3"], key=release_key)
['3', '29', '30']
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

from aidstats._files import sha256_file
from aidstats.errors import AidstatsError, UsageError

__all__ = [
    "KIEL_FILES",
    "SOURCES",
    "STRIKE_FILE",
    "STRIKE_REFERENCE",
    "Release",
    "choose",
    "find_releases",
    "release_key",
]

SOURCES = ("strikes", "aid", "statements")
STRIKE_FILE = "missile_attacks_daily.csv"
STRIKE_REFERENCE = "missiles_and_uavs.csv"
KIEL_FILES = (
    "data_explorer.csv",
    "total_allocations.csv",
    "procurement_trends.csv",
    "weapons.csv",
    "eu_aid_shares.csv",
    "release_info.csv",
)
STATEMENTS_BASE = "official_statements.csv"
_KIEL_DIR = re.compile(r"^kiel_ust_r(?P<n>\d+)$")
_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ADDITION = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\.csv$")
_DATE_IN_CELL = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


@dataclasses.dataclass(frozen=True)
class Release:
    """One upstream release: its source, identifier, folder and files.

    Attributes
    ----------
    source
        ``"strikes"``, ``"aid"`` or ``"statements"``.
    release
        The identifier: a date (``"2026-06-06"``), a Kiel release number
        (``"29"``) or ``"base"``.
    folder
        The folder the release lives in.
    files
        The files the release is made of, in reading order.
    how
        How the identifier was found, in words.
    """

    source: str
    release: str
    folder: Path
    files: tuple[Path, ...]
    how: str = ""

    @property
    def label(self) -> str:
        """``strikes 2026-06-06``, ``aid R29``, ``statements 2026-11-30``."""
        return f"{self.source} {'R' + self.release if self.source == 'aid' else self.release}"

    def sha256(self) -> dict[str, str]:
        """SHA-256 of each file, keyed by its path relative to the release folder."""
        return {f.relative_to(self.folder).as_posix(): sha256_file(f) for f in self.files}


def release_key(release: str) -> tuple[int, str]:
    """Sort key: numbers numerically, dates as text, ``base`` first."""
    if release.isdigit():
        return (int(release), "")
    return (0, release) if release != "base" else (-1, "")


def _last_report_date(path: Path) -> str:
    """The latest date in the ``time_end`` column of a strike file (read as text; no full parse)."""
    latest = ""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            if "time_end" not in header:
                raise AidstatsError(
                    f"{path}: no time_end column, so its release date cannot be told"
                )
            at = header.index("time_end")
            for row in reader:
                if len(row) > at:
                    match = _DATE_IN_CELL.match(row[at])
                    if match and match[1] > latest:
                        latest = match[1]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AidstatsError(f"{path}: cannot read it to tell its release date: {exc}") from None
    if not latest:
        raise AidstatsError(f"{path}: no dated row, so its release date cannot be told")
    return latest


def _strike_release(folder: Path, release: str | None) -> Release | None:
    data = folder / STRIKE_FILE
    if not data.is_file():
        return None
    files = [data] + ([folder / STRIKE_REFERENCE] if (folder / STRIKE_REFERENCE).is_file() else [])
    how = "snapshot folder name"
    if release is None:
        release, how = _last_report_date(data), "last report date in the file"
    return Release("strikes", release, folder, tuple(files), how)


def _strike_releases(raw_dir: Path) -> list[Release]:
    found = []
    loose = _strike_release(raw_dir / "strikes", None)
    if loose is not None:
        found.append(loose)
    snapshots = raw_dir / "strikes" / "snapshots"
    if snapshots.is_dir():
        for sub in sorted(p for p in snapshots.iterdir() if p.is_dir() and _DATE_DIR.match(p.name)):
            release = _strike_release(sub, sub.name)
            if release is not None:
                found.append(release)
    return found


def _kiel_release_info(folder: Path) -> str:
    path = folder / "release_info.csv"
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AidstatsError(f"{path}: cannot read the release information: {exc}") from None
    if not rows or "release" not in rows[0]:
        raise AidstatsError(f"{path}: no 'release' column, so the Kiel release cannot be told")
    return str(rows[0]["release"]).strip()


def _aid_releases(raw_dir: Path) -> list[Release]:
    found: list[Release] = []
    aid = raw_dir / "aid"
    if not aid.is_dir():
        return found
    for sub in sorted(aid.iterdir()):
        match = _KIEL_DIR.match(sub.name)
        if not (sub.is_dir() and match):
            continue
        stated = _kiel_release_info(sub)
        if stated != str(int(match["n"])):
            raise AidstatsError(
                f"{sub}: the folder says release {int(match['n'])} but release_info.csv says {stated}; "
                f"rename the folder kiel_ust_r{stated} (or fix the file)"
            )
        missing = [f for f in KIEL_FILES if not (sub / f).is_file()]
        if missing:
            raise AidstatsError(f"{sub}: Kiel release {stated} lacks {', '.join(missing)}")
        found.append(
            Release("aid", stated, sub, tuple(sub / f for f in KIEL_FILES), "release_info.csv")
        )
    return found


def _statement_releases(raw_dir: Path) -> list[Release]:
    folder = raw_dir / "statements"
    base = folder / STATEMENTS_BASE
    if not base.is_file():
        return []
    additions = (
        sorted(
            (m["date"], p)
            for p in (folder / "additions").glob("*.csv")
            if (m := _ADDITION.match(p.name)) is not None
        )
        if (folder / "additions").is_dir()
        else []
    )
    found = [Release("statements", "base", folder, (base,), "base file")]
    for i, (date, _) in enumerate(additions):
        files = (base, *(p for _, p in additions[: i + 1]))
        found.append(
            Release("statements", date, folder, files, "base file plus additions to this date")
        )
    return found


def find_releases(raw_dir: str | Path) -> dict[str, tuple[Release, ...]]:
    """Every release of every source in ``raw_dir`` (the layout of ``../shared/data``), oldest first.

    Raises
    ------
    AidstatsError
        ``raw_dir`` is not a folder, or a release in it is inconsistent (a
        Kiel folder whose release_info disagrees with its name, missing files).
    """
    raw = Path(raw_dir)
    if not raw.is_dir():
        raise AidstatsError(f"upstream data folder {raw} does not exist")
    found = {
        "strikes": _strike_releases(raw),
        "aid": _aid_releases(raw),
        "statements": _statement_releases(raw),
    }
    out: dict[str, tuple[Release, ...]] = {}
    for source, releases in found.items():
        ordered = sorted(releases, key=lambda r: release_key(r.release))
        ids = [r.release for r in ordered]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise AidstatsError(
                f"{raw}: two {source} releases share the identifier {', '.join(repeated)}"
            )
        out[source] = tuple(ordered)
    return out


def choose(
    found: Mapping[str, tuple[Release, ...]], wanted: Mapping[str, str] | None = None
) -> dict[str, Release]:
    """The release of each source to build from: the newest, or the one ``wanted`` names.

    Raises
    ------
    AidstatsError
        A source has no release, or ``wanted`` names a source or release that is not there.
    """
    wanted = dict(wanted or {})
    unknown = sorted(set(wanted) - set(SOURCES))
    if unknown:
        raise UsageError(
            f"--release: unknown source {', '.join(unknown)}; sources are {', '.join(SOURCES)}"
        )
    chosen: dict[str, Release] = {}
    for source in SOURCES:
        releases = found.get(source, ())
        if not releases:
            raise AidstatsError(f"no {source} release found in the upstream data folder")
        if source not in wanted:
            chosen[source] = releases[-1]
            continue
        match = [r for r in releases if r.release == wanted[source]]
        if not match:
            have = ", ".join(r.release for r in releases)
            raise UsageError(f"--release {source}={wanted[source]}: no such release (found {have})")
        chosen[source] = match[0]
    return chosen
