"""The citation registry: every upstream source aidstats cites, once.

Each source is a record (``name``, ``title``, ``citation``, ``short``, ``url``,
``licence``) that holds nothing about a particular release: the dataset
builders add the release, its dates and the SHA-256 of the files read (all
taken from the files) when they copy a record into a sidecar, and figures and
report captions take their source lines from those sidecars.

Examples
--------
>>> from aidstats._core.sources import source_line
>>> source_line("ivaniuk_missile_attacks")
'Source: Ukrainian Air Force reports via P. Ivaniuk'
"""

from __future__ import annotations

__all__ = ["AIDSTATS", "IVANIUK", "KIEL", "SOURCES", "STATEMENTS", "source_line"]

KIEL = {
    "name": "kiel_ust",
    "title": "Kiel Institute for the World Economy, Ukraine Support Tracker",
    "citation": (
        "Trebesch, C. et al., The Ukraine Support Tracker: Which countries help Ukraine "
        "and how?, Kiel Working Paper No. 2218, Kiel Institute for the World Economy."
    ),
    "short": "Kiel Institute Ukraine Support Tracker",
    "url": "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/",
    "licence": "Free to use with attribution to the Kiel Institute for the World Economy (terms on the tracker's website)",
}
IVANIUK = {
    "name": "ivaniuk_missile_attacks",
    "title": "Massive Missile Attacks on Ukraine (Ukrainian Air Force reports, digitised)",
    "citation": (
        "Petro Ivaniuk, Massive Missile Attacks on Ukraine, Kaggle "
        "(piterfm/massive-missile-attacks-on-ukraine), data from the Air Force of the "
        "Armed Forces of Ukraine."
    ),
    "short": "Ukrainian Air Force reports via P. Ivaniuk",
    "url": "https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine",
    "licence": "As stated on the dataset's Kaggle page; attribution to P. Ivaniuk and the Ukrainian Air Force required",
}
STATEMENTS = {
    "name": "official_statements",
    "title": "Official Ukrainian statements on Russian missile, drone and glide-bomb launches",
    "citation": (
        "Compiled from published news reports and official posts (one source URL per row); "
        "figures are claims by the named speakers."
    ),
    "short": "official Ukrainian statements (compiled)",
    "url": "",
    "licence": "Facts compiled from public statements; quotes under fair use with source URLs",
}
AIDSTATS = {
    "name": "aidstats",
    "title": "aidstats curated reference tables",
    "citation": "aidstats developers, curated from official membership lists (EU, NATO, G7).",
    "short": "aidstats curation",
    "url": "",
    "licence": "MIT",
    "release": "1",
    "retrieved": "",
}
SOURCES: dict[str, dict[str, str]] = {s["name"]: s for s in (KIEL, IVANIUK, STATEMENTS, AIDSTATS)}


def source_line(*names: str) -> str:
    """A figure's "Source: ..." line from the short names of the given sources."""
    return "Source: " + "; ".join(SOURCES[n]["short"] for n in names)
