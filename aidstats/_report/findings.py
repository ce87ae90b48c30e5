"""Key findings: plain sentences computed from the report's tables, each with the numbers it rests on.

Each finding reads one table the report writes (``tables/<name>.csv``),
takes its numbers from named rows, and fills a sentence of the message
catalogue (``finding.*``). Where the evidence is weak (a wide interval, a
reporting change inside the comparison, a partial period) the sentence says
so instead of asserting a change. :func:`findings_table` gives every number
with the table and row it comes from (``tables/key_findings.csv``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd

from aidstats import aid
from aidstats._core.messages import in_text, number, percent, period_label, text
from aidstats._report import inputs
from aidstats._report.evidence import Evidence, Finding, Tables, csv_path
from aidstats._report.spec import ReportContext
from aidstats._report.strike_figures import CONSISTENT, NOT_CHECKABLE, NOT_CONSISTENT
from aidstats._report.strike_findings import (
    drone_trend,
    glide_bombs,
    largest_salvo,
    neutralised,
    volume,
)

__all__ = [
    "Evidence",
    "Finding",
    "claims",
    "drone_trend",
    "extra_tables",
    "findings_table",
    "glide_bombs",
    "key_findings",
    "largest_salvo",
    "neutralised",
    "us_share",
    "volume",
]

US = "United States"


# --------------------------------------------------------------------------- aid and claims


def us_share_table(context: ReportContext) -> pd.DataFrame:
    """The US share of military aid allocated per calendar year, and how many months each year covers."""
    monthly = inputs.aid_monthly(context)
    # The US is a donor of the tracker; in a period without a US allocation its share is 0.
    table = aid.share_over_time(monthly, US, category="military", freq="year", absent="zero")
    columns = ["year", "months", "first_month", "last_month", "donor_eur_bn", "total_eur_bn"]
    if table.empty:  # no aid data in the period shown: no share, and no finding
        return pd.DataFrame(columns=[*columns, "share"])
    by_year = monthly.groupby(monthly["month"].dt.year)["month"]
    table["year"] = table["period"].dt.year
    table["months"] = table["year"].map(by_year.nunique()).fillna(0).astype(int)
    table["first_month"] = table["year"].map(by_year.min())
    table["last_month"] = table["year"].map(by_year.max())
    return table[[*columns, "share"]]


def extra_tables(context: ReportContext) -> dict[str, pd.DataFrame]:
    """Tables the findings read that no figure draws (written to ``tables/`` too)."""
    return {"military_aid_us_share": us_share_table(context)}


def us_share(tables: Tables, context: ReportContext) -> list[Finding]:
    """The US share of military aid allocated, by year (a partial year said so)."""
    table = tables.get("military_aid_us_share")
    if table is None or table.empty:
        return []
    lang, csv = context.lang, csv_path("military_aid_us_share")
    parts, evidence = [], []
    for row in table.itertuples(index=False):
        year = str(row.year)
        if row.months < 12:
            months = period_label(row.first_month, row.last_month, lang, short=False)
            year = text("finding.partial_year", lang, months=months)
        parts.append(text("finding.share_in", lang, share=percent(row.share, lang), year=year))
        evidence.append(Evidence("share", float(row.share), csv, f"year={row.year}"))
    listed = (
        ", ".join(parts[:-1]) + text("finding.and_last", lang) + parts[-1]
        if len(parts) > 1
        else parts[0]
    )
    sentence = text("finding.us_share", lang, parts=listed, release=inputs.releases(context)["aid"])
    return [Finding("us_military_aid_share", sentence, tuple(evidence))]


def claims(tables: Tables, context: ReportContext) -> list[Finding]:
    """How many official monthly claims the counts support, contradict, or cannot check."""
    table = tables.get("12_claims_vs_counts")
    if table is None or table.empty or "verdict" not in table.columns:
        return []
    lang, csv = context.lang, csv_path("12_claims_vs_counts")
    counts = {
        v: int((table["verdict"] == v).sum()) for v in (CONSISTENT, NOT_CONSISTENT, NOT_CHECKABLE)
    }
    unchecked = table.loc[table["verdict"] == NOT_CHECKABLE, "measure"]
    sentence = text(
        "finding.claims", lang, n=number(len(table), lang), consistent=number(counts[CONSISTENT], lang),
        contradicted=number(counts[NOT_CONSISTENT], lang),
        period=period_label(table["period_start"].min(), table["period_start"].max(), lang, short=False),
    )  # fmt: skip
    if counts[NOT_CHECKABLE]:
        measures = ", ".join(in_text(str(m), lang) for m in dict.fromkeys(unchecked))
        sentence += " " + text(
            "finding.claims_unchecked",
            lang,
            n=number(counts[NOT_CHECKABLE], lang),
            measures=measures,
        )
    contradicted = table.loc[table["verdict"] == NOT_CONSISTENT]
    if counts[NOT_CONSISTENT] and "direction" in table.columns:
        above = int(contradicted["direction"].astype(str).str.contains("above").sum())
        sentence += " " + text(
            "finding.claims_direction",
            lang,
            above=number(above, lang),
            below=number(counts[NOT_CONSISTENT] - above, lang),
        )
    evidence = tuple(
        Evidence(f"claims_{v.replace(' ', '_')}", n, csv, f"verdict={v}") for v, n in counts.items()
    )
    return [Finding("official_claims", sentence, evidence)]


FINDINGS: tuple[Callable[[Tables, ReportContext], list[Finding]], ...] = (
    volume, largest_salvo, neutralised, drone_trend, us_share, claims, glide_bombs,
)  # fmt: skip


def key_findings(tables: Tables, context: ReportContext) -> list[Finding]:
    """Every key finding the tables support, in reading order."""
    return [finding for compute in FINDINGS for finding in compute(tables, context)]


def findings_table(findings: list[Finding]) -> pd.DataFrame:
    """One row per number: finding number, key, sentence, quantity, value, table and row."""
    rows = [
        {"finding": i, "key": f.key, "sentence": f.sentence, **dataclasses.asdict(e)}
        for i, f in enumerate(findings, start=1)
        for e in f.evidence
    ]
    return pd.DataFrame(
        rows, columns=["finding", "key", "sentence", "quantity", "value", "table", "row"]
    )
