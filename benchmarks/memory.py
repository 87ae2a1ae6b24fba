"""Peak memory of one fit, measured in a fresh child process.

The child builds the data set, warms the library up on the miniature (so that
Numba compilation is not counted), resets the kernel's peak-RSS counter
(``/proc/self/clear_refs``), fits once and reads ``VmHWM`` from
``/proc/self/status``. "extra peak" is that peak minus the resident size just
before the fit: the memory the fit itself needed on top of the data. Where the
counter cannot be reset, the process-lifetime peak (``ru_maxrss``) is reported
instead, data generation included.

Run as ``python -m benchmarks.memory TASK DATASET LIBRARY SIZE BLAS_THREADS``
(the parent does this); it prints one JSON line.
"""

import json
import subprocess
import sys
import time

from .source import child_cwd, child_env
from .tasks import LIBRARY_LABELS, TASKS, static_skip

COLUMNS = ("dataset", "task", "library", "extra peak MiB", "ratio", "peak RSS MiB", "fit s", "notes")
NOTE = ("Each fit ran once in a fresh child process. *extra peak* = peak resident memory during "
        "the fit minus the resident memory just before it (the data set already built and the "
        "library warmed up); *ratio* = theirs / ours (above 1: sklearn\\_reg needs less). "
        "*peak RSS* is the child's whole peak, interpreter and data included. The float32 rows "
        "are the same dense-tall data cast to float32.")
MEMORY_LIBRARIES = ("ours", "sklearn")
SKIP_KEYS = ("lasso-a100",)  # same memory profile as lasso-a10
CHILD_TIMEOUT = 900


def _status():
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024  # kB -> MiB
    return fields


def _reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def child(task_key, dataset, lib, size, blas_threads):
    from threadpoolctl import threadpool_limits

    import scipy.linalg  # noqa: F401  (load every BLAS library before limiting threads)

    from . import datasets
    from .tasks import load, quiet_fit

    load(lib)

    task = next(t for t in TASKS if t.key == task_key)
    data, mini = datasets.make(dataset, size), datasets.make(dataset, "mini")
    with threadpool_limits(blas_threads if blas_threads > 0 else None):
        quiet_fit(task.builder(lib, mini))
        fit = task.builder(lib, data)  # set-up (e.g. centring for the path) is data, not fit
        reset = _reset_peak()
        before = _status()
        t = time.perf_counter()
        quiet_fit(fit)
        elapsed = time.perf_counter() - t
        after = _status()
    if reset:
        peak, base = after["VmHWM"], before["VmRSS"]
    else:
        import resource
        peak, base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, before["VmRSS"]
    print(json.dumps({"peak": peak, "base": base, "extra": max(peak - base, 0.0), "reset": reset,
                      "fit_s": elapsed}))


def measure(task_key, dataset, lib, size, blas_threads, snapshot=None):
    cmd = [sys.executable, "-m", "benchmarks.memory", task_key, dataset, lib, size, str(blas_threads)]
    proc = subprocess.run(cmd, cwd=child_cwd(snapshot), env=child_env(snapshot), capture_output=True,
                          text=True, timeout=CHILD_TIMEOUT)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "child failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(bench):
    args = bench.args
    for task in TASKS:
        if task.group not in args.only or task.key in SKIP_KEYS:
            continue
        for name in task.datasets:
            if name not in args.datasets:
                continue
            results = {}
            for lib in MEMORY_LIBRARIES:
                if lib not in bench.libs or lib not in task.libraries or static_skip(task, name, lib):
                    continue
                print(f"  memory: {task.title} on {name}, {LIBRARY_LABELS[lib]}", flush=True)
                try:
                    results[lib] = measure(task.key, name, lib, bench.size, args.blas_threads,
                                           bench.snapshot)
                except Exception as exc:  # report and go on: memory is a side table
                    results[lib] = {"error": f"{type(exc).__name__}: {exc}"}
            ours = results.get("ours", {}).get("extra")
            for lib, res in results.items():
                if "error" in res:
                    row = [name, task.title, LIBRARY_LABELS[lib], "", "", "", "", res["error"]]
                else:
                    ratio = f"{res['extra'] / ours:.2f}" if ours and ours >= 1.0 else ""
                    note = "" if res["reset"] else "peak counter not resettable: lifetime peak"
                    row = [name, task.title, LIBRARY_LABELS[lib], f"{res['extra']:.1f}", ratio,
                           f"{res['peak']:.0f}", f"{res['fit_s']:.3g}", note]
                bench.memory_rows.append(row)
                print("   ", " | ".join(row), flush=True)


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
