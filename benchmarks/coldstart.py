"""Cold start: a fresh ``python -c`` process that imports a library and fits
one Lasso on 200 x 500 dense data, twice.

sklearn_reg is run with an empty ``NUMBA_CACHE_DIR`` (a new temporary folder:
everything is compiled) and then again with the same folder (the compiled
code is loaded from the cache), beside scikit-learn and, when installed,
skglm. A last pair of processes fits every kernel variant (dense/sparse x
float32/float64 x precompute False/True) in a fresh cache, then in the warm
one: the first-ever compile of the whole engine. Children inherit this
process's environment otherwise (BLAS threads at their defaults).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .source import child_env

COLUMNS = ("measurement", "library", "n", "wall s", "import s", "first fit s", "second fit s", "notes")
NOTE = ("Wall = the whole child process (interpreter start to exit), median of *n* processes. "
        "*import*, *first fit* and *second fit* are measured inside it; the first fit includes "
        "Numba compilation or cache loading, the second is the steady state. Data: "
        "``default_rng(0)``, 200 x 500 Gaussian, ``Lasso(alpha=alpha_max / 10)``.")
CHILD_TIMEOUT = 900

_ONE_FIT = """
import json, time
t0 = time.perf_counter()
import numpy as np
rng = np.random.default_rng(0)
X = rng.standard_normal((200, 500))
y = X[:, :10] @ rng.uniform(1.0, 2.0, 10) + rng.standard_normal(200)
alpha = np.abs(X.T @ (y - y.mean())).max() / 200 / 10
t1 = time.perf_counter()
{import_line}
t2 = time.perf_counter()
{fit_line}
t3 = time.perf_counter()
{fit_line}
t4 = time.perf_counter()
print(json.dumps(dict(base=t1 - t0, imp=t2 - t1, fit1=t3 - t2, fit2=t4 - t3)))
"""

_IMPORTS = {
    "ours": "from sklearn_reg import Lasso",
    "sklearn": "from sklearn.linear_model import Lasso",
    "skglm": "from skglm import Lasso",
}

_ALL_KERNELS = """
import json, time
t0 = time.perf_counter()
import numpy as np
from scipy import sparse
from sklearn_reg import Lasso
t1 = time.perf_counter()
rng = np.random.default_rng(0)
Xd = np.asfortranarray(rng.standard_normal((60, 30)))
Xs = sparse.csc_matrix(Xd * (rng.random((60, 30)) < 0.3))
y = Xd[:, :3].sum(axis=1) + rng.standard_normal(60)
fits = []
for kind, X in (("dense", Xd), ("sparse", Xs)):
    for dtype in (np.float64, np.float32):
        for precompute in (False, True):
            t = time.perf_counter()
            Lasso(alpha=0.05, precompute=precompute).fit(X.astype(dtype), y.astype(dtype))
            fits.append([kind, np.dtype(dtype).name, precompute, time.perf_counter() - t])
print(json.dumps(dict(imp=t1 - t0, fits=fits)))
"""


def _child(code, cache_dir, snapshot=None):
    env = child_env(snapshot)
    env["NUMBA_CACHE_DIR"] = str(cache_dir)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=tempfile.gettempdir(), env=env,
                          capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()
        raise RuntimeError(tail[-1] if tail else f"exit code {proc.returncode}")
    return wall, json.loads(proc.stdout.strip().splitlines()[-1])


def _one_fit_code(lib):
    if lib is None:
        return _ONE_FIT.format(import_line="", fit_line="")
    return _ONE_FIT.format(import_line=_IMPORTS[lib], fit_line="Lasso(alpha=alpha).fit(X, y)")


def _count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def _row(measurement, label, runs, notes=""):
    walls = [w for w, _ in runs]
    med = lambda key: statistics.median(r[key] for _, r in runs) if key in runs[0][1] else None
    fmt = lambda v: "" if v is None else f"{v:.3g}"
    return [measurement, label, str(len(runs)), fmt(statistics.median(walls)), fmt(med("imp")),
            fmt(med("fit1")), fmt(med("fit2")), notes]


def run(bench):
    repeat = min(bench.args.repeat, 3)
    n_cold = 1 if bench.args.quick else 2
    rows = bench.coldstart_rows
    src = bench.snapshot
    workdir = Path(tempfile.mkdtemp(prefix="sklearn_reg_coldstart_"))
    print("cold start", flush=True)

    def add(row):
        rows.append(row)
        print("   ", " | ".join(row), flush=True)
        bench.write()

    try:
        shared = workdir / "unused"
        base = _row("python + numpy + data only (baseline)", "none",
                    [_child(_one_fit_code(None), shared, src) for _ in range(repeat)])
        add(base[:4] + ["", "", "", ""])

        cold, caches = [], []
        for i in range(n_cold):
            cache = workdir / f"ours_{i}"
            cold.append(_child(_one_fit_code("ours"), cache, src))
            caches.append(cache)
        add(_row("import + 2 fits, empty Numba cache", "sklearn_reg", cold,
                 f"{_count_files(caches[0])} files written to the cache"))
        warm = [_child(_one_fit_code("ours"), caches[0], src) for _ in range(repeat)]
        add(_row("import + 2 fits, warm Numba cache", "sklearn_reg", warm))

        add(_row("import + 2 fits", "scikit-learn",
                 [_child(_one_fit_code("sklearn"), shared, src) for _ in range(repeat)]))

        if "skglm" in bench.libs and not bench.args.quick:
            cache = workdir / "skglm"
            first = _child(_one_fit_code("skglm"), cache, src)
            add(_row("import + 2 fits, empty Numba cache", "skglm", [first],
                     f"{_count_files(cache)} files written to the cache"))
            add(_row("import + 2 fits, same cache folder", "skglm",
                     [_child(_one_fit_code("skglm"), cache, src)]))

        if not bench.args.quick:
            cache = workdir / "all_kernels"
            for label in ("every kernel variant, empty Numba cache", "every kernel variant, warm Numba cache"):
                wall, res = _child(_ALL_KERNELS, cache, src)
                total = sum(f[3] for f in res["fits"])
                parts = ", ".join(f"{k}/{d}/{'gram' if p else 'cd'} {t:.2f}" for k, d, p, t in res["fits"])
                add([label, "sklearn_reg", "1", f"{wall:.3g}", f"{res['imp']:.3g}", f"{total:.3g}", "",
                     f"first fit = sum of 8 fits (dense/sparse x float64/float32 x "
                     f"precompute False/True): {parts}"])
    except Exception as exc:  # a side table: report the failure, keep the rest of the run
        rows.append(["failed", "", "", "", "", "", "", f"{type(exc).__name__}: {exc}"])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
