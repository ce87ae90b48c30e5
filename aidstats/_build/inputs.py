"""What a build reads: the chosen release of each source, read once, and the metadata derived from it.

Nothing about a particular release is written in code: the release
identifier, the period covered, the last report date, whether the last month
is partial, the citation and the row counts all come from the files.
"""

from __future__ import annotations

import csv
import functools
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from aidstats._core import periods
from aidstats._core.sources import IVANIUK, KIEL, STATEMENTS
from aidstats._read.releases import STRIKE_FILE, Release, choose, find_releases
from aidstats._read.user_catalog import UserCatalog, read_user_catalog
from aidstats.errors import AidstatsError
from aidstats.strike_events import read_strike_events

__all__ = ["BuildInputs"]

STATEMENT_COLUMNS = (
    "period_start", "period_end", "period_kind", "missiles", "ballistic_missiles", "drones", "glide_bombs",
    "qualifier", "speaker", "source_title", "source_url", "published", "quote",
)  # fmt: skip


class BuildInputs:
    """The releases a build uses, each read at most once.

    Parameters
    ----------
    raw_dir
        The upstream folder (the layout of ``../shared/data``).
    wanted
        ``{source: release}`` to build from other than the newest release.
    catalog
        A user weapon catalogue (:mod:`aidstats._read.user_catalog`) merged over
        the bundled one when the strike file is read.
    """

    def __init__(
        self,
        raw_dir: str | Path,
        wanted: Mapping[str, str] | None = None,
        catalog: str | Path | None = None,
    ) -> None:
        self.raw_dir = Path(raw_dir)
        self.found = find_releases(self.raw_dir)
        self.releases: dict[str, Release] = choose(self.found, wanted)
        self.user_catalog: UserCatalog | None = (
            read_user_catalog(catalog) if catalog is not None else None
        )

    @property
    def catalog_notes(self) -> list[str]:
        """What the sidecars say about a user catalogue (nothing without one)."""
        user = self.user_catalog
        if user is None:
            return []
        shown = ", ".join(user.overridden) or "none"
        return [
            f"Built with the user weapon catalogue {Path(user.label).name} (sha256 {user.sha256}, {user.rows} "
            f"row(s)) merged over the bundled one; bundled spellings it overrides: {shown}."
        ]

    # ------------------------------------------------------------------ strikes

    @property
    def strike_file(self) -> Path:
        return self.releases["strikes"].folder / STRIKE_FILE

    @functools.cached_property
    def strike_read(self) -> tuple[pd.DataFrame, list[str]]:
        """The events of the strike release and the loader's warnings (kept as sidecar notes)."""
        path = self.strike_file
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            events = read_strike_events(path, catalog=self.user_catalog)
        # The message names the file as given; keep the sidecar independent of where the build ran.
        notes = [str(w.message).splitlines()[0].replace(str(path), path.name) for w in caught]
        return events, notes

    @property
    def events(self) -> pd.DataFrame:
        return self.strike_read[0]

    @property
    def loader_notes(self) -> list[str]:
        return self.strike_read[1]

    @functools.cached_property
    def last_report_day(self) -> pd.Timestamp:
        """The last day the strike release covers: the date of its latest valid window end."""
        valid = self.events.loc[self.events["invalid_reason"] == "", "time_end"]
        return pd.Timestamp(valid.max()).normalize()

    @functools.cached_property
    def first_report_day(self) -> pd.Timestamp:
        valid = self.events.loc[self.events["invalid_reason"] == "", "time_start"]
        return pd.Timestamp(valid.min()).normalize()

    def partial_month_note(self) -> str | None:
        """Says that the last month holds only part of the month, when it does."""
        last = self.last_report_day
        if periods.last_complete(last, "M") == periods.month_start(last):
            return None
        return f"The last month ({last:%Y-%m}) holds only the reports to {last:%Y-%m-%d} (a partial month)."

    def strike_source(self) -> dict[str, Any]:
        """The Ivaniuk source record of this release, with file hashes."""
        release = self.releases["strikes"]
        last = self.last_report_day
        return {
            **IVANIUK,
            "citation": (
                f"{IVANIUK['citation']} Release {release.release} (reports from "
                f"{self.first_report_day:%Y-%m-%d} to {last:%Y-%m-%d})."
            ),
            "release": release.release,
            "retrieved": release.release,
            "files": release.sha256(),
        }

    @property
    def strike_version(self) -> str:
        return f"Air Force reports via P. Ivaniuk, release {self.releases['strikes'].release}"

    # ------------------------------------------------------------------ aid

    def kiel_file(self, name: str) -> Path:
        return self.releases["aid"].folder / name

    @functools.cached_property
    def kiel_info(self) -> dict[str, str]:
        """The row of the release's ``release_info.csv``: release, period, date, label."""
        path = self.kiel_file("release_info.csv")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        missing = [c for c in ("release", "period", "date") if c not in (rows[0] if rows else {})]
        if missing:
            raise AidstatsError(
                f"{path}: column {', '.join(missing)} missing (needed for the citation)"
            )
        return {k: str(v).strip() for k, v in rows[0].items()}

    def kiel_source(self, *files: str) -> dict[str, Any]:
        info = self.kiel_info
        hashes = self.releases["aid"].sha256()
        return {
            **KIEL,
            "citation": (
                f"{KIEL['citation']} Data Release {info['release']} ({info['period']}), "
                f"published {info['date']}."
            ),
            "short": f"{KIEL['short']} R{info['release']}",
            "release": info["release"],
            "retrieved": info["date"],
            "files": {f: hashes[f] for f in sorted({*files, "release_info.csv"})},
        }

    @property
    def kiel_version(self) -> str:
        info = self.kiel_info
        return f"Kiel UST release {info['release']} (data to {info['period']}, published {info['date']})"

    # ------------------------------------------------------------------ statements

    @functools.cached_property
    def statement_rows(self) -> pd.DataFrame:
        """The compiled statements: the base file then each addition, in date order, as text.

        Columns: the upstream columns plus ``file`` (path relative to the
        statements folder) and ``row`` (1-based data row in that file).
        """
        release = self.releases["statements"]
        parts = []
        for path in release.files:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            missing = [c for c in STATEMENT_COLUMNS if c not in frame.columns]
            if missing:
                raise AidstatsError(f"{path}: column {', '.join(missing)} missing")
            extra = [c for c in frame.columns if c not in STATEMENT_COLUMNS]
            if extra:
                warnings.warn(
                    f"{path.name}: columns not used by aidstats: {', '.join(extra)}", stacklevel=2
                )
            frame = frame[list(STATEMENT_COLUMNS)].assign(
                file=path.relative_to(release.folder).as_posix(), row=range(1, len(frame) + 1)
            )
            parts.append(frame)
        return pd.concat(parts, ignore_index=True)

    def statements_source(self) -> dict[str, Any]:
        release = self.releases["statements"]
        n_add = len(release.files) - 1
        return {
            **STATEMENTS,
            "citation": (
                f"{STATEMENTS['citation']} Compilation {release.release} (base file"
                + (f" plus {n_add} addition{'s' if n_add > 1 else ''})." if n_add else ").")
            ),
            "release": release.release,
            "retrieved": release.release,
            "files": release.sha256(),
        }

    def describe(self) -> list[str]:
        """One line per chosen release, for the command line."""
        lines = []
        for source, release in self.releases.items():
            others = [r.release for r in self.found[source] if r is not release]
            also = f"; also found: {', '.join(others)}" if others else ""
            lines.append(
                f"{source}: release {release.release} ({release.how}) in {release.folder}{also}"
            )
        return lines
