"""The benchmark program (``python -m benchmarks``) on its quick, tiny data.

No timing is asserted: only that the results file has the expected rows and
that both libraries reach the same objective within the tolerance.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the benchmarks package lives beside the tests, not installed
    sys.path.insert(0, str(ROOT))

pytest.importorskip("threadpoolctl")


def _run(tmp_path, *args):
    out = tmp_path / "results.rst"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "benchmarks", "--quick", "--repeat", "1", "--out", str(out),
           "--libraries", "ours", "sklearn", "--in-place", *args]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out.read_text(encoding="utf-8"), proc.stdout


def _tables(text):
    """Rows of every docutils simple table in ``text``, as dicts keyed by the
    header cells (columns delimited by the ``=`` border)."""
    lines = text.splitlines()
    tables, i = [], 0
    while i < len(lines):
        if lines[i].startswith("=") and set(lines[i]) <= {"=", " "}:
            border = lines[i]
            spans, start = [], None
            for j, ch in enumerate(border + " "):
                if ch == "=" and start is None:
                    start = j
                elif ch != "=" and start is not None:
                    spans.append([start, j])
                    start = None
            spans[-1][1] = None  # the last column may overflow the border

            def cells(line):
                return [line[a:b].strip().replace("\\", "") for a, b in spans]

            header = cells(lines[i + 1])
            rows, k = [], i + 3
            while not lines[k].startswith("="):
                rows.append(dict(zip(header, cells(lines[k]))))
                k += 1
            tables.append(rows)
            i = k + 1
        else:
            i += 1
    return tables


def test_quick_lasso_rows_and_objectives(tmp_path):
    text, stdout = _run(tmp_path, "--only", "lasso", "--datasets", "diabetes", "dense-tall", "sparse")
    assert "wrote" in stdout
    for needle in ("Command:", "CPU:", "Load average", "Thread pools (threadpoolctl", "Versions:",
                   ".. start-of-results"):
        assert needle in text
    tables = _tables(text)
    assert len(tables) == 1
    rows = tables[0]
    keys = {(r["dataset"], r["task"], r["library"]) for r in rows}
    expected = {(d, f"Lasso, alpha_max/{k}", lib)
                for d in ("diabetes", "dense-tall", "sparse") for k in (10, 100)
                for lib in ("sklearn_reg", "scikit-learn")}
    assert keys == expected
    for row in rows:
        assert float(row["median s"]) > 0
        assert int(row["n"]) == 1
    _assert_objectives_agree(rows)
    for row in rows:
        if row["library"] == "sklearn_reg":
            assert row["ours less accurate"] == "no", row


def _assert_objectives_agree(rows):
    """Both libraries stop at a duality gap <= tol * ||y - ybar||^2 / n, so each
    objective is within that of the optimum, and of the other's."""
    from benchmarks import datasets
    from benchmarks.tasks import TOL

    by_case = {}
    for row in rows:
        by_case.setdefault((row["dataset"], row["task"]), {})[row["library"]] = row
    assert by_case
    for (dataset, task), libs in by_case.items():
        y = datasets.make(dataset, "quick").y.astype(np.float64)
        bound = TOL * np.sum((y - y.mean()) ** 2) / y.size
        ours, theirs = (float(libs[k]["objective"]) for k in ("sklearn_reg", "scikit-learn"))
        assert abs(ours - theirs) <= bound, (dataset, task, ours, theirs, bound)
        assert float(libs["scikit-learn"]["ratio"]) > 0


def test_quick_ridge_and_skips(tmp_path):
    text, _ = _run(tmp_path, "--only", "ridge", "ridgecv", "--datasets", "diabetes", "sparse")
    tables = _tables(text)
    ridge = [r for t in tables for r in t if r.get("task") == "Ridge(alpha=1)"]
    assert {(r["dataset"], r["library"]) for r in ridge} == {
        (d, lib) for d in ("diabetes", "sparse") for lib in ("sklearn_reg", "scikit-learn")}
    _assert_objectives_agree(ridge)
    ridge_cv = [r for t in tables for r in t if r.get("task", "").startswith("RidgeCV") and "library" in r
                and "objective" in r]
    assert {r["dataset"] for r in ridge_cv} <= {"diabetes"}
    not_run = tables[-1]
    assert any("sparse" in r["dataset"] and "leave-one-out" in r["reason"] for r in not_run)


def test_only_rejects_unknown_task(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--only", "nonsense"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr
