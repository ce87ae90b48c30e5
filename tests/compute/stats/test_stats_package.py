"""The shape of the statistics layer: its public face, its doctests and what it may import."""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import aidstats._compute.stats as compute_stats
from aidstats import stats

STATS_ALL = [
    "BEFORE_AFTER_CAVEAT",
    "DEFINITIONS",
    "MEASURES",
    "OVERDISPERSION_THRESHOLD",
    "TOLERANCES",
    "ChangePointResult",
    "DecompositionResult",
    "MannKendallResult",
    "PeriodComparisonResult",
    "RateComparisonResult",
    "RateResult",
    "RegimeChangeWarning",
    "Result",
    "SegmentedTrendResult",
    "SenSlopeResult",
    "TestResult",
    "TrendResult",
    "aid_consistency",
    "change_points",
    "claims_from_statements",
    "compare_periods",
    "compare_rates",
    "computed_for_claims",
    "hac_lags",
    "interception_rate",
    "mann_kendall",
    "mann_kendall_table",
    "rate_table",
    "reconcile",
    "seasonal_decomposition",
    "segmented_trend",
    "sen_slope",
    "trend",
    "trend_table",
]
MODULES = sorted(
    f"{compute_stats.__name__}.{m.name}" for m in pkgutil.iter_modules(compute_stats.__path__)
)
#: What computation must never import: data loading, drawing, its sibling computation packages.
FORBIDDEN = (
    "aidstats._read",
    "aidstats.datasets",
    "aidstats.strike_events",
    "aidstats._compute.strikes",
    "aidstats._compute.aid",
    "aidstats.strikes",
    "aidstats.aid",
    "aidstats.plots",
    "aidstats.report",
    "matplotlib",
)
#: Heavy third parties, imported inside the functions that need them.
HEAVY = ("scipy", "statsmodels", "ruptures")


def test_facade_exports_every_old_name() -> None:
    assert stats.__all__ == STATS_ALL
    for name in STATS_ALL:
        assert getattr(stats, name) is not None


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at module level) of every import in a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, id(node) in top))
    return found


@pytest.mark.parametrize("module_name", MODULES)
def test_computation_imports_no_loader_drawing_or_sibling(module_name: str) -> None:
    path = Path(importlib.import_module(module_name).__file__ or "")
    for name, top_level in _imports(path):
        assert not name.startswith(FORBIDDEN), f"{module_name} imports {name}"
        if name.startswith("aidstats"):
            assert top_level, f"{module_name} imports {name} inside a function"
        if name.split(".")[0] in HEAVY:
            assert not top_level, f"{module_name} imports {name} at module level"


def test_importing_the_statistics_stays_light() -> None:
    code = (
        "import sys, aidstats.stats; "
        f"print(','.join(m for m in {HEAVY + ('matplotlib',)!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
