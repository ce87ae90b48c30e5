"""The documentation tests run only where asked (``AIDSTATS_DOCS_TESTS=1``, set by ``tox -e docs``).

They need the built HTML and a headless browser, so every other run (the test envs, the
``-m "not slow"`` loop, a bare ``pytest``) deselects them instead of failing or skipping.
"""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("AIDSTATS_DOCS_TESTS") == "1":
        return
    deselected = [item for item in items if item.get_closest_marker("docs")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("docs")]
