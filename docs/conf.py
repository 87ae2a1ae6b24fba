"""Sphinx configuration of the sklearn_reg documentation (builds offline)."""

import re
import sys
from pathlib import Path

# Build from a checkout without installing: the repository root comes first on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sklearn_reg  # noqa: E402

project = "sklearn_reg"
author = "the sklearn_reg developers"
copyright = "the sklearn_reg developers"
release = sklearn_reg.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
]

templates_path = ["_templates"]
exclude_patterns = ["_build"]
root_doc = "index"

# API pages: one generated page per public class, from docs/_templates/autosummary/.
autosummary_generate = True
autodoc_default_options = {"member-order": "bysource"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# No intersphinx: the build must not need the network. References to other projects' objects
# stay plain text, which is not an error with nitpicky off.
nitpicky = False

html_theme = "alabaster"
html_title = f"sklearn_reg {release}"
html_static_path = []


# Docstrings inherited from scikit-learn (``score``, ``get_params`` ...) refer to labels and
# glossary terms of scikit-learn's own documentation, which this offline build cannot resolve:
# keep their text and drop the cross-reference.
_FOREIGN_ROLE = re.compile(r":(?:ref|term|doc):`(?:([^`<]*?)\s*<[^>`]*>|([^`]*))`")


def _plain_foreign_references(app, what, name, obj, options, lines):
    module = getattr(obj, "__module__", None) or ""
    if module == "sklearn_reg" or module.startswith("sklearn_reg."):
        return
    for i, line in enumerate(lines):
        lines[i] = _FOREIGN_ROLE.sub(lambda m: m.group(1) or m.group(2), line)


def setup(app):
    app.connect("autodoc-process-docstring", _plain_foreign_references)
