"""The notebooks run top to bottom, headless, on the bundled data, and are stored clean.

Each notebook is executed with nbclient in a temporary working folder, with
``AIDSTATS_OUTPUT_DIR`` pointing at a temporary output folder; it must not raise
and must write at least one PNG and one PDF figure. The committed files must
carry no outputs or execution counts and must have a papermill-style cell
tagged ``parameters``.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EXPECTED = {
    "01_strike_volume.ipynb",
    "02_air_defence.ipynb",
    "03_largest_salvos.ipynb",
    "04_aid_by_donor.ipynb",
    "05_aid_and_strikes.ipynb",
    "06_claims_vs_counts.ipynb",
}


def _ids() -> list[str]:
    return [path.stem for path in NOTEBOOKS]


def test_all_notebooks_present() -> None:
    assert {path.name for path in NOTEBOOKS} >= EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids())
def test_notebook_is_stored_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code_cells, "no code cells"
    for cell in code_cells:
        assert cell.get("outputs") == [], f"stored outputs in cell {cell.get('id')}"
        assert cell.get("execution_count") is None, (
            f"stored execution count in cell {cell.get('id')}"
        )
    tagged = [
        cell for cell in code_cells if "parameters" in cell.get("metadata", {}).get("tags", [])
    ]
    assert len(tagged) == 1, "exactly one cell must be tagged 'parameters'"
    assert 'os.environ.get("AIDSTATS_OUTPUT_DIR"' in tagged[0].source
    assert "output_dir" in tagged[0].source


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids())
def test_notebook_executes_and_writes_figures(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_dir = tmp_path / "figures"
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    monkeypatch.setenv("AIDSTATS_OUTPUT_DIR", str(out_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        allow_errors=False,
        resources={"metadata": {"path": str(work_dir)}},
    )
    client.execute(env=dict(os.environ))  # raises CellExecutionError on any error
    pngs = sorted(out_dir.glob("*.png"))
    pdfs = sorted(out_dir.glob("*.pdf"))
    assert pngs, f"{path.name} wrote no PNG into {out_dir}"
    assert pdfs, f"{path.name} wrote no PDF into {out_dir}"
    assert {p.stem for p in pngs} == {p.stem for p in pdfs}
    assert all(p.stat().st_size > 1000 for p in pngs + pdfs)
    assert not list(work_dir.glob("notebook-output")), (
        "wrote into the working folder, not AIDSTATS_OUTPUT_DIR"
    )
