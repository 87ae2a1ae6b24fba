"""Build the Sphinx documentation with warnings as errors (deselect with ``-m "not docs"``)."""

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sklearn_reg

ROOT = Path(__file__).resolve().parents[1]
DOCS_DIR = ROOT / "docs"


@pytest.mark.docs
def test_docs_build_without_warnings(tmp_path):
    pytest.importorskip("sphinx")
    # Build from a copy so that the generated API pages do not land in the source tree.
    source = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, source, ignore=shutil.ignore_patterns("_build", "generated"))
    env = dict(os.environ)
    package_root = str(Path(sklearn_reg.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "-b",
            "html",
            "-q",
            str(source),
            str(tmp_path / "html"),
        ],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for page in (
        "index",
        "install",
        "objective",
        "api",
        "cli",
        "generated/sklearn_reg.Lasso",
        "generated/sklearn_reg.ElasticNet",
        "generated/sklearn_reg.Ridge",
    ):
        assert (tmp_path / "html" / f"{page}.html").is_file(), page


def test_readme_quickstart_prints_what_the_readme_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", quickstart, re.DOTALL).group(1)
    shown = re.search(r"```text\n(.*?)```", quickstart, re.DOTALL).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert printed.getvalue() == shown


def test_readme_shows_the_fresh_machine_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    venv = "python -m venv .venv && . .venv/bin/activate && "
    assert venv + 'pip install ".[plot]" && sklearn-reg demo' in readme
    assert venv + 'pip install ".[test]" && python -m pytest -n 2' in readme
