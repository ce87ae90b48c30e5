"""Sphinx configuration of the aidstats documentation (built by ``tox -e docs``).

Generated at build time, from the sources of truth, into ``*/generated/``
(git-ignored): the API pages from each public module's ``__all__``
(``_ext/api_pages.py``), the command-line page from the argparse parser
(``_ext/cli_page.py``), one card per bundled dataset from its JSON sidecar
(``_ext/dataset_cards.py``) and the gallery from ``notebooks/``
(``_ext/gallery_pages.py``). myst-nb executes the notebooks and the
user-guide pages that carry code, so every number and figure shown was
computed by this build; a cell that raises fails the build.

``AIDSTATS_DOCS_EXECUTE=off`` skips execution for a quick look at the text
(the tox env and CI always execute).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

import aidstats  # noqa: E402  (after the path set-up, like every Sphinx conf)

project = "aidstats"
author = "aidstats developers"
copyright = "aidstats developers; data: their upstream authors (see each dataset card)"
release = aidstats.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "numpydoc",
    "myst_nb",
    "api_pages",
    "cli_page",
    "dataset_cards",
    "gallery_pages",
]

root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "**/*.md.txt"]
templates_path: list[str] = []

# ------------------------------------------------------------------ API reference
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
numpydoc_show_class_members = False  # the fields tables of _ext/api_pages.py list them instead
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
add_module_names = False

# ------------------------------------------------------------------ MyST and notebooks
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"release": release}
myst_heading_anchors = 3
nb_execution_mode = os.environ.get("AIDSTATS_DOCS_EXECUTE", "force")
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_in_temp = True  # the notebooks write figures to AIDSTATS_OUTPUT_DIR, never into docs/
nb_merge_streams = True
nb_render_image_options = {"width": "100%"}

# ------------------------------------------------------------------ HTML
html_theme = "pydata_sphinx_theme"
html_title = f"aidstats {release}"
html_static_path = ["_static"]
html_css_files = ["aidstats.css"]
html_favicon = "_static/favicon.svg"  # else browsers ask for /favicon.ico, a 404 in the console
html_show_sourcelink = False
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
}
html_context = {"default_mode": "light"}
