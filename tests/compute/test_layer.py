"""The computation layer keeps its promises: pure, independent siblings, examples that run."""

from __future__ import annotations

import ast
import doctest
import importlib
import importlib.util
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import aidstats._compute

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(aidstats._compute.__path__, "aidstats._compute.")
)
FORBIDDEN = (
    "aidstats._read",
    "aidstats.datasets",
    "aidstats._build",
    "aidstats.plots",
    "matplotlib",
)


def test_importing_the_layer_loads_no_reader_no_data_and_no_matplotlib() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        f"print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _imported(module_name: str) -> set[str]:
    """The modules one module imports directly (absolute names)."""
    spec = importlib.util.find_spec(module_name)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    ("package", "siblings"), [("strikes", ("aid", "stats")), ("aid", ("strikes", "stats"))]
)
def test_sibling_packages_do_not_import_each_other(package: str, siblings: tuple[str, ...]) -> None:
    banned = tuple(f"aidstats._compute.{name}" for name in siblings)
    for module_name in (m for m in MODULES if m.startswith(f"aidstats._compute.{package}")):
        wrong = sorted(name for name in _imported(module_name) if name.startswith(banned))
        assert not wrong, f"{module_name} imports {wrong}"


@pytest.mark.parametrize("module_name", MODULES)
def test_docstring_examples_run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
