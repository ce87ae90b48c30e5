"""The bundled, typed datasets: list them, read their metadata, load them validated.

Every dataset is a tidy CSV in the top-level ``datasets/`` folder (shipped in the
wheel) with a JSON sidecar holding its title, column types and units, sources,
licence, version and the upstream release it was built from (with file
hashes). :func:`find_releases` lists the releases a raw-data folder holds and
:func:`compare_releases` says what changed between two. :func:`load` parses the CSV by the sidecar's types,
validates it against the dataset's pandera schema (every failure reported, not
just the first) and puts the provenance in ``df.attrs["aidstats"]``.

Examples
--------
>>> from aidstats import datasets
>>> df = datasets.load("aid_monthly")
>>> sorted(df["category"].unique())
['financial', 'humanitarian', 'military']
>>> df.attrs["aidstats"]["units"]["eur_bn"]
'billion EUR (nominal)'
>>> datasets.info("aid_monthly").rows == len(df)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aidstats._read.dataset_info import ColumnInfo, DatasetInfo, SourceInfo
from aidstats._read.datasets import info, load, names
from aidstats._read.releases import Release, find_releases

if TYPE_CHECKING:
    from aidstats._read.release_diff import ReleaseDiff, compare_releases

__all__ = [
    "ColumnInfo",
    "DatasetInfo",
    "Release",
    "ReleaseDiff",
    "SourceInfo",
    "compare_releases",
    "find_releases",
    "info",
    "load",
    "names",
]

# Public home of the re-exported objects: reprs, help() and this module's doctests find them here.
for _public in (ColumnInfo, DatasetInfo, Release, SourceInfo, find_releases, info, load, names):
    _public.__module__ = __name__
del _public

# Comparing releases reads raw strike files: the reader is imported on first use, not with the
# datasets (a tenth of the import time of ``aidstats.datasets``).
_ON_FIRST_USE = ("ReleaseDiff", "compare_releases")


def __getattr__(name: str) -> Any:
    if name not in _ON_FIRST_USE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from aidstats._read import release_diff

    value = getattr(release_diff, name)
    value.__module__ = __name__
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_FIRST_USE})
