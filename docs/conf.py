"""Sphinx configuration of the bitcare_exact documentation.

Built with warnings as errors and without network access:
``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))
# The package is normally installed (editable) in the environment; this makes a
# plain checkout work too.
sys.path.insert(1, str(ROOT / "src"))

with (ROOT / "pyproject.toml").open("rb") as _file:
    _PROJECT = tomllib.load(_file)["project"]

project = "bitcare_exact"
author = "The bitcare_exact developers"
copyright = "The bitcare_exact developers; MIT licence"  # noqa: A001 - Sphinx's name
release = _PROJECT["version"]
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "bitcare_rules",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []
language = "en"

# MyST: fenced directives with ::: and definition lists; anchors for headings so
# that pages can link to a section (#the-document).
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc and napoleon: Google-style docstrings, members in source order.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options: dict[str, object] = {}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

html_theme = "furo"
html_title = f"bitcare_exact {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
