"""Bundled datasets against the upstream files: exact totals and a byte-identical rebuild."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from aidstats import datasets

pytestmark = pytest.mark.upstream


@pytest.fixture(scope="module")
def explorer(raw_dir: Path) -> pd.DataFrame:
    return pd.read_csv(raw_dir / "aid" / "kiel_ust_r29" / "data_explorer.csv")


def test_totals_equal_the_source(explorer: pd.DataFrame) -> None:
    aid = datasets.load("aid_monthly")
    for category in ("military", "financial", "humanitarian"):
        ours = aid.loc[aid["category"] == category, "eur_bn"].sum()
        assert ours == pytest.approx(explorer[category].sum(), abs=1e-9)
    assert aid["eur_bn"].sum() == pytest.approx(explorer["total"].sum(), abs=1e-9)
    per_donor = aid.groupby("iso3")["eur_bn"].sum()
    source = explorer.groupby("iso")["total"].sum()
    assert set(per_donor.index) == set(source.index)
    assert (per_donor - source.reindex(per_donor.index)).abs().max() < 1e-9
    per_cell = aid.pivot_table(index="iso3", columns="category", values="eur_bn", aggfunc="sum")
    source_cell = explorer.groupby("iso")[["military", "financial", "humanitarian"]].sum()
    assert (
        per_cell - source_cell.reindex(per_cell.index)[per_cell.columns]
    ).abs().max().max() < 1e-9


def test_grand_totals_match_published_totals(raw_dir: Path) -> None:
    totals = pd.read_csv(raw_dir / "aid" / "kiel_ust_r29" / "total_allocations.csv")
    ours = datasets.load("aid_totals_monthly")
    assert ours["total_eur_bn"].sum() == pytest.approx(totals["total_allocations"].sum(), abs=1e-9)
    assert ours["military_eur_bn"].sum() == pytest.approx(172.992996, abs=1e-9)


def test_rebuild_is_byte_identical(raw_dir: Path, bundled: Path, tmp_path: Path) -> None:
    from aidstats._build import build_all

    build_all(raw_dir, tmp_path)
    committed = sorted(p.name for p in bundled.iterdir() if p.suffix in (".csv", ".json"))
    rebuilt = sorted(p.name for p in tmp_path.iterdir())
    assert rebuilt == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (bundled / name).read_bytes(), name


def test_no_raw_file_is_bundled(raw_dir: Path, bundled: Path) -> None:
    from aidstats._files import sha256_file

    raw = {sha256_file(p) for p in raw_dir.rglob("*.csv")}
    assert not raw & {sha256_file(p) for p in bundled.glob("*.csv")}
