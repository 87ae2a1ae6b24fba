"""Tests of the command-line interface (``sklearn-reg`` / ``python -m sklearn_reg``)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import sklearn_reg
from sklearn_reg import cli

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _run_module(*args):
    """Run ``python -m sklearn_reg ARGS`` on the same package as this test process imports."""
    env = dict(os.environ)
    package_root = str(Path(sklearn_reg.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "sklearn_reg", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_demo_prints_table_and_writes_plots(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    status = cli.main(["demo", "--out", str(tmp_path), "--quiet"])
    out, err = capsys.readouterr()

    assert status == 0
    assert err == ""  # --quiet: nothing but the table
    lines = out.splitlines()
    header, rows = lines[0], lines[2:]
    for column in ("dataset", "model", "alpha", "test MSE", "nonzero", "max|dcoef|", "fit ms"):
        assert column in header
    for dataset in ("classic", "correlated", "diabetes"):
        for model in ("Lasso", "Ridge", "ElasticNet"):
            assert any(
                row.split()[:2] in ([dataset, model], [dataset, model + "*"]) for row in rows
            ), (dataset, model, out)
    for name in ("lasso_path.png", "lasso_cv.png"):
        png = tmp_path / name
        assert png.is_file()
        assert png.read_bytes()[:8] == PNG_MAGIC


def test_demo_output_path_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    status = cli.main(["demo", "--out", str(not_a_folder)])
    out, err = capsys.readouterr()
    assert status != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("sklearn-reg: error:")


@pytest.mark.parametrize(
    "argv",
    [[], ["fit"], ["demo", "--bogus"], ["demo", "extra"]],
    ids=["no-command", "unknown-command", "unknown-option", "extra-argument"],
)
def test_usage_errors_return_2_with_one_line(argv, capsys):
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("sklearn-reg: error:")


@pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"], ["--version"]])
def test_help_and_version_in_process(argv, capsys):
    assert cli.main(argv) == 0
    out, _ = capsys.readouterr()
    assert "sklearn-reg" in out


def test_python_m_help_exits_0_with_an_example():
    result = _run_module("--help")
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout
    assert "examples:" in result.stdout
    assert "sklearn-reg demo" in result.stdout


def test_python_m_bad_option_is_one_line_on_stderr():
    result = _run_module("demo", "--no-such-option")
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "--no-such-option" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "sklearn-reg"
    if not script.exists():
        pytest.skip("package not installed in this environment (no sklearn-reg script)")
    result = subprocess.run(
        [str(script), "--version"], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sklearn-reg {sklearn_reg.__version__}"
