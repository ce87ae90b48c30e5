"""The built documentation, checked as a reader meets it: in a real browser, and link by link.

Runs in ``tox -e docs`` after ``sphinx-build -W`` has built ``docs/_build/html`` (elsewhere
these tests are deselected, see ``conftest.py``); if the HTML is missing it is built first.
The site is served on 127.0.0.1 and opened in headless Chromium (Debian's ``chromium`` and
``chromium-driver``, driven by Selenium). Each page must load without a severe console
message, show every image and link only to pages and anchors that exist; a full-page
screenshot of each is kept in ``docs/_build/screenshots/`` for a person to look at.

Without Chromium the browser test skips, saying how to install it, except where
``AIDSTATS_REQUIRE_BROWSER=1`` (set by ``.ci/run``, which installs it): there it fails.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.docs

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("AIDSTATS_DOCS_HTML", ROOT / "docs" / "_build" / "html"))
SCREENSHOTS = HTML.parent / "screenshots"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)
#: name -> (page, a fragment of HTML that must be on it).
PAGES = {
    "index": ("index.html", "Datasets, statistics and publication figures"),
    "api_stats": ("api/generated/aidstats_stats.html", 'id="aidstats.stats.rate_table"'),
    "dataset_card": ("datasets/generated/strikes_monthly.html", "SHA-256"),
    "gallery": ("gallery/index.html", "generated/02_air_defence.html"),
    "gallery_notebook": ("gallery/generated/02_air_defence.html", "<img"),
    "report_figures": ("gallery/generated/report_figures.html", "01_strike_volume.png"),
}
MAX_SCREENSHOT_HEIGHT = 9000


class _Refs(HTMLParser):
    """The ids of a page and the targets of its links and images."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("name"):
            self.ids.add(str(found["name"]))
        for key in ("href", "src"):
            if found.get(key) and tag in ("a", "img", "link", "script"):
                self.refs.append(str(found[key]))


@functools.cache
def _parse(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def _local_target(page: Path, ref: str) -> tuple[Path, str] | None:
    """(file, fragment) a reference on ``page`` points to, or None if it leaves the site."""
    parsed = urllib.parse.urlsplit(ref)
    if parsed.scheme or parsed.netloc or ref.startswith(("mailto:", "javascript:", "data:")):
        return None
    target = (
        page if not parsed.path else (page.parent / urllib.parse.unquote(parsed.path)).resolve()
    )
    if target.is_dir():
        target = target / "index.html"
    return target, urllib.parse.unquote(parsed.fragment)


def broken_refs(page: Path) -> list[str]:
    """The references of ``page`` whose file is missing or whose anchor is not on the target."""
    broken = []
    for ref in _parse(page).refs:
        target = _local_target(page, ref)
        if target is None:
            continue
        path, fragment = target
        if not path.is_file():
            broken.append(f"{ref} (no file {path})")
        elif fragment and path.suffix == ".html" and fragment not in _parse(path).ids:
            broken.append(f"{ref} (no anchor #{fragment} in {path.name})")
    return broken


@pytest.fixture(scope="module")
def site() -> Path:
    """The built HTML, built now if it is not there yet."""
    if not (HTML / "index.html").is_file():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-W",
                "-q",
                "-b",
                "html",
                str(ROOT / "docs"),
                str(HTML),
            ],
            check=True,
        )
    return HTML


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site served over HTTP on an ephemeral port of 127.0.0.1; yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _browser_paths() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium through Selenium, with the console log recorded."""
    paths = _browser_paths()
    if paths is None:
        message = "Chromium and ChromeDriver not found: apt-get install chromium chromium-driver"
        if os.environ.get("AIDSTATS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager try to download
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingOptions", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=paths[1]), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _screenshot(driver: Any, name: str) -> Path:
    """A full-page screenshot of the current page in the screenshots folder."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(1280, min(max(height, 900), MAX_SCREENSHOT_HEIGHT))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 900)
    return path


@pytest.mark.parametrize("name", list(PAGES))
def test_page_opens_in_chromium_cleanly(name: str, server: str, browser: Any) -> None:
    page, expected = PAGES[name]
    browser.get(server + page)
    assert browser.execute_script("return document.readyState") == "complete"
    assert expected in browser.page_source, f"{page} lacks {expected!r}"
    severe = [entry for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]
    assert not severe, json.dumps(severe, indent=1)
    missing_images = browser.execute_script(
        "return Array.from(document.images)"
        ".filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)"
    )
    assert not missing_images, f"images that did not load on {page}: {missing_images}"
    internal = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
        ".filter(h => h.startsWith(location.origin))"
    )
    assert internal, f"{page} has no internal links"
    assert not broken_refs(HTML / page)
    shot = _screenshot(browser, name)
    assert shot.stat().st_size > 10_000


def test_no_broken_internal_link_anywhere_in_the_site(site: Path) -> None:
    pages = sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)
    assert len(pages) > 30  # _static holds the theme's template fragments, not pages
    broken = {str(p.relative_to(site)): refs for p in pages if (refs := broken_refs(p))}
    assert not broken, json.dumps(broken, indent=1)


def test_every_dataset_has_a_card_and_every_notebook_a_gallery_page(site: Path) -> None:
    sidecars = {p.stem for p in (ROOT / "datasets").glob("*.json")} - {"datapackage"}
    cards = {p.stem for p in (site / "datasets" / "generated").glob("*.html")}
    assert sidecars == cards
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert notebooks <= {p.stem for p in (site / "gallery" / "generated").glob("*.html")}


def test_the_executed_notebooks_wrote_each_figure_as_png_and_pdf(site: Path) -> None:
    """What tests/test_notebooks.py checked per run: the docs build is now where they run."""
    output = site.parent / "gallery-output"
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        prefix = notebook.stem.split("_")[0] + "_"
        pngs = {p.stem for p in output.glob(prefix + "*.png")}
        pdfs = {p.stem for p in output.glob(prefix + "*.pdf")}
        assert pngs, f"{notebook.name} wrote no PNG into {output}"
        assert pngs == pdfs, f"{notebook.name}: PNG and PDF differ: {sorted(pngs ^ pdfs)}"
