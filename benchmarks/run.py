"""``python -m benchmarks``: sklearn_reg beside scikit-learn, skglm and celer.

Protocol, per (task, data set):

1. every library is warmed up on a miniature of the data set (same storage,
   dtype and shape class), which compiles whatever Numba code it needs;
2. round 0 fits the real data once per library, interleaved (ours, then each
   other library in turn);
3. if round 0 took under ``LIGHT_SECONDS`` in all, it counts as the warm-up fit
   and ``--repeat`` timed rounds follow (``TINY_ROUNDS`` times as many when it
   took under ``TINY_SECONDS``, except with ``--quick``: millisecond fits need
   many rounds for a median that timer and machine noise do not decide);
   otherwise round 0 is kept as the
   first timed round and the case gets at most 3 rounds (1 when round 0 took
   over ``HEAVY_SECONDS``), to keep the default run near 15 minutes;
4. the median of each library's timed fits is reported, with the spread
   (max - min) / median, and ``ratio`` = their median / our median
   (above 1: sklearn_reg is faster);
5. every library's solution (from round 0) is scored by the same
   :func:`benchmarks.tasks.primal_objective`; our row is marked when our
   objective exceeds another library's by more than
   ``tol * ||y - mean(y)||^2 / (2n)``.

Fits run under ``threadpool_limits(--blas-threads)`` (1 by default, as the
reference protocol), so that a loaded machine cannot stall a BLAS call.
"""

import argparse
import gc
import statistics
import sys
import time
import traceback
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from . import datasets, report, source
from .tasks import (GROUPS, LIBRARIES, LIBRARY_LABELS, TASKS, TOL, Skip, accuracy_slack, available,
                    objectives, quiet_fit, static_skip)

LIGHT_SECONDS = 2.0
TINY_SECONDS = 0.05
TINY_ROUNDS = 5
HEAVY_SECONDS = 15.0
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "benchmark_results.rst"

COLUMNS = ("dataset", "task", "library", "n", "median s", "spread", "ratio", "objective",
           "rel. to best", "ours less accurate", "notes")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time sklearn_reg beside scikit-learn (and skglm, celer when installed) "
                    "and compare the objective values their solutions reach.")
    parser.add_argument("--quick", action="store_true",
                        help="small data and one timed round (about a minute)")
    parser.add_argument("--only", nargs="+", metavar="TASK", choices=GROUPS,
                        help=f"run these tasks only: {', '.join(GROUPS)}")
    parser.add_argument("--datasets", nargs="+", metavar="NAME", choices=datasets.NAMES,
                        help=f"use these data sets only: {', '.join(datasets.NAMES)}")
    parser.add_argument("--libraries", nargs="+", metavar="LIB", choices=LIBRARIES,
                        default=list(LIBRARIES),
                        help="libraries to compare (default: all that import; ours always runs)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="timed rounds per light case (default 5; 1 with --quick)")
    parser.add_argument("--out", default=str(DEFAULT_OUT),
                        help="reStructuredText results file (default docs/benchmark_results.rst)")
    parser.add_argument("--memory", action="store_true",
                        help="also measure each fit's peak memory in a child process")
    parser.add_argument("--in-place", action="store_true",
                        help="import sklearn_reg as it is instead of a frozen copy of the checkout "
                             "(faster start: reuses Numba's cache of the checkout)")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS/OpenMP threads during the fits (0: library default)")
    args = parser.parse_args(argv)
    args.argv = list(argv)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 5
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if "ours" not in args.libraries:
        args.libraries = ["ours"] + list(args.libraries)
    args.only = list(args.only or GROUPS)
    args.datasets = list(args.datasets or datasets.NAMES)
    return args


def fmt_seconds(t):
    return "" if t is None else f"{t:.3g}"


def fmt_ratio(r):
    return f"{r:.2f}" if r >= 0.1 else f"{r:.2g}"


def fmt_rel(r):
    if r is None or not np.isfinite(r):
        return ""
    return "0" if r <= 0 else f"{r:.1e}"


class Bench:
    def __init__(self, args, snapshot=None):
        self.args = args
        self.snapshot = snapshot
        self.revision = report.git_revision()
        self.size = "quick" if args.quick else "full"
        self.started = report.now()
        self.t0 = time.perf_counter()
        self.load_start = report.load_average()
        self.skipped = {}  # (task, library, reason) -> [data sets]
        self.rows = {}  # group -> list of rows
        self.data = {}
        self.memory_rows = []
        self.coldstart_rows = []
        self.libs = []
        for lib in args.libraries:
            if lib in ("ours", "sklearn") or available(lib):
                self.libs.append(lib)
            else:
                from .tasks import load
                try:
                    load(lib)
                except Skip as exc:
                    self.skip("all", "all", lib, str(exc))

    def dataset(self, name, size=None):
        key = (name, size or self.size)
        if key not in self.data:
            self.data[key] = datasets.make(name, key[1])
        return self.data[key]

    # -- one (task, data set) ----------------------------------------------

    def run_case(self, task, name):
        data, mini = self.dataset(name), self.dataset(name, "mini")
        fits = []
        for lib in self.libs:
            if lib not in task.libraries:
                continue
            reason = static_skip(task, name, lib)
            if reason is None:
                try:
                    fit, warm = task.builder(lib, data), task.builder(lib, mini)
                    quiet_fit(warm)  # compile / first-call costs, on the miniature
                except Skip as exc:
                    reason = str(exc)
                except Exception as exc:
                    reason = f"fails: {type(exc).__name__}: {exc}".splitlines()[0]
            if reason is not None:
                if lib == "ours":
                    print(f"  ours cannot run {task.key} on {name}: {reason}", file=sys.stderr)
                self.skip(name, task.title, lib, reason)
                continue
            fits.append((lib, fit))
        if not any(lib == "ours" for lib, _ in fits):
            return

        times = {lib: [] for lib, _ in fits}
        solutions, warned = {}, {}
        failed = set()
        round0 = 0.0
        for lib, fit in fits:
            try:
                dt, solutions[lib], warned[lib] = self.timed(fit)
            except Exception as exc:
                failed.add(lib)
                self.skip(name, task.title, lib, f"fails: {type(exc).__name__}: {exc}".splitlines()[0])
                traceback.print_exc()
                continue
            times[lib].append(dt)
            round0 += dt
        fits = [(lib, fit) for lib, fit in fits if lib not in failed]
        if "ours" in failed:
            return
        if round0 < LIGHT_SECONDS:
            times = {lib: [] for lib, _ in fits}  # round 0 was the full-size warm-up
            tiny = round0 < TINY_SECONDS and not self.args.quick
            rounds = self.args.repeat * (TINY_ROUNDS if tiny else 1)
        else:
            rounds = (min(self.args.repeat, 3) if round0 < HEAVY_SECONDS else 1) - 1
        for _ in range(rounds):
            for lib, fit in fits:
                times[lib].append(self.timed(fit)[0])
        self.add_rows(task, data, fits, times, solutions, warned)

    @staticmethod
    def timed(fit):
        gc.collect()
        t = time.perf_counter()
        solution, warned = quiet_fit(fit)
        return time.perf_counter() - t, solution, warned

    def skip(self, dataset, task, lib, reason):
        names = self.skipped.setdefault((task, LIBRARY_LABELS[lib], reason), [])
        if dataset not in names:
            names.append(dataset)

    def add_rows(self, task, data, fits, times, solutions, warned):
        values = {lib: objectives(task, data, solutions[lib]) for lib, _ in fits}
        best = np.min(np.vstack(list(values.values())), axis=0)
        slack = accuracy_slack(data.centred()[1] if solutions["ours"].centred else data.y)
        not_comparable = task.comparable(solutions) if task.comparable else None
        ours_median = statistics.median(times["ours"])
        worse = []
        if not not_comparable:
            for lib, _ in fits:
                if lib == "ours":
                    continue
                excess = (values["ours"] - values[lib]) / slack  # in units of the slack
                if np.any(excess > 1):
                    k = int(np.sum(excess > 1))
                    where = f" at {k}/{excess.size} alphas" if excess.size > 1 else ""
                    worse.append(f"vs {LIBRARY_LABELS[lib]}{where} (by up to {excess.max():.2g} x slack)")
        rows = self.rows.setdefault(task.group, [])
        for lib, _ in fits:
            t = times[lib]
            median = statistics.median(t)
            spread = f"{(max(t) - min(t)) / median:.0%}" if len(t) > 1 and median > 0 else ""
            v = values[lib]
            rel = None if not_comparable else np.max((v - best) / np.maximum(np.abs(best), np.finfo(float).tiny))
            notes = list(solutions[lib].notes)
            if v.size > 1:
                notes.insert(0, "objective at the last alpha; rel. to best: worst alpha")
            if warned[lib]:
                notes.append("warned: " + ", ".join(warned[lib]))
            flag = ""
            if lib == "ours":
                if not_comparable:
                    notes.append(not_comparable)
                flag = "yes: " + "; ".join(worse) if worse else "no"
            row = [data.name, task.title, LIBRARY_LABELS[lib], str(len(t)), fmt_seconds(median), spread,
                   fmt_ratio(median / ours_median), f"{v[-1]:.10g}", fmt_rel(rel), flag, "; ".join(notes)]
            rows.append(row)
            print("  " + report.plain_row(COLUMNS, row), flush=True)

    # -- the whole run -------------------------------------------------------

    def run(self):
        # load every BLAS and OpenMP library before limiting threads: threadpoolctl
        # only limits the libraries already loaded
        import scipy.linalg  # noqa: F401
        import sklearn.linear_model  # noqa: F401

        from .tasks import load
        for lib in self.libs:
            load(lib)
        self.threadpools = report.threadpools()
        limits = nullcontext()
        if self.args.blas_threads > 0:
            from threadpoolctl import threadpool_limits
            limits = threadpool_limits(self.args.blas_threads)
        with limits:
            self.threadpools_during = report.threadpools()
            for task in TASKS:
                if task.group not in self.args.only:
                    continue
                for name in task.datasets:
                    if name not in self.args.datasets:
                        continue
                    print(f"[{time.perf_counter() - self.t0:6.0f}s] {task.title} on {name}", flush=True)
                    self.run_case(task, name)
                    self.write()
        if self.args.memory:
            from . import memory
            memory.run(self)
            self.write()
        if "coldstart" in self.args.only:
            from . import coldstart
            coldstart.run(self)
        self.write(final=True)

    def write(self, final=False):
        report.write(self.args.out, self.render(final))

    # -- rendering -------------------------------------------------------------

    def render(self, final):
        a = self.args
        lines = [":orphan:", "",
                 ".. Generated by ``python -m benchmarks``; do not edit by hand.", "",
                 report.START_MARKER, ""]
        lines += report.section("Benchmark run", "~")
        elapsed = time.perf_counter() - self.t0
        load_end = report.load_average() if final else None
        env = report.environment()
        env_text = ", ".join(f"{k}={v}" if v is not None else f"{k} unset" for k, v in env.items())
        lines += report.bullet([
            "Command: " + report.literal(report.command_line(a.argv)),
            f"Date: {self.started:%Y-%m-%d %H:%M %Z}; total {elapsed / 60:.1f} min"
            + ("" if final else " (incomplete: the run was still going when this was written)"),
            f"CPU: {report.escape(report.cpu_model())} "
            f"({__import__('os').cpu_count()} logical CPUs, {', '.join(report.cpu_flags()) or 'no avx2'}), "
            f"RAM {report.memory_gib():.1f} GiB",
            f"Load average (1, 5, 15 min): {self.load_start} at the start"
            + (f", {load_end} at the end" if load_end else "")
            + ". The machine may be shared: absolute seconds are noisy, ratios within a row group "
              "are the robust numbers.",
            "Versions: " + ", ".join(f"{k} {report.escape(v)}"
                                     for k, v in report.versions(self.libs, self.revision).items()),
            ("sklearn\\_reg source: a copy of the checkout's ``sklearn_reg/`` taken when the run "
             "started, used by this process and every child process"
             if self.snapshot else "sklearn\\_reg source: the installed package"),
            "Thread pools (threadpoolctl, library defaults): " + "; ".join(report.escape(t) for t in self.threadpools),
            (f"Fits ran under {report.literal(f'threadpool_limits({a.blas_threads})')}: "
             + ", ".join(sorted({report.escape(t.split(',')[0] + ',' + t.split(',')[1])
                                 for t in self.threadpools_during})))
            if a.blas_threads > 0 else "Fits ran with the libraries' default thread counts",
            "Environment: " + report.escape(env_text),
            f"Tolerance: {report.literal(f'tol={TOL:g}')} for every library (scikit-learn, "
            "sklearn_reg and celer: duality gap; skglm: absolute optimality violation, another "
            "meaning); timed rounds per light case: "
            + (f"{a.repeat}" if a.quick else
               f"{a.repeat} ({a.repeat * TINY_ROUNDS} when one round of every library took under "
               f"{TINY_SECONDS:g} s)")
            + ", heavy cases fewer (column n)" + ("; ``--quick`` data sizes" if a.quick else ""),
        ])
        lines.append("")
        lines += report.section("Data sets", "~")
        names = [n for n in datasets.NAMES if (n, self.size) in self.data]
        lines += report.bullet(f"{n}: {report.escape(self.data[(n, self.size)].description)}" for n in names)
        lines.append("")
        titles = {"lasso": "Lasso", "enet": "ElasticNet", "path": "Lasso path", "lassocv": "LassoCV",
                  "ridge": "Ridge", "ridgecv": "RidgeCV"}
        for group, rows in self.rows.items():
            lines += report.section(titles.get(group, group), "~")
            lines += report.simple_table(COLUMNS, rows)
            lines.append("")
        if self.memory_rows:
            from .memory import COLUMNS as MEMORY_COLUMNS, NOTE
            lines += report.section("Peak memory", "~")
            lines += [NOTE, ""]
            lines += report.simple_table(MEMORY_COLUMNS, self.memory_rows)
            lines.append("")
        if self.coldstart_rows:
            from .coldstart import COLUMNS as COLD_COLUMNS, NOTE
            lines += report.section("Cold start", "~")
            lines += [NOTE, ""]
            lines += report.simple_table(COLD_COLUMNS, self.coldstart_rows)
            lines.append("")
        if self.skipped:
            lines += report.section("Not run", "~")
            rows = [(", ".join(names), task, lib, reason) for (task, lib, reason), names in self.skipped.items()]
            lines += report.simple_table(("dataset", "task", "library", "reason"), rows)
            lines.append("")
        return lines


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    snapshot = None if args.in_place else source.freeze()  # before anything imports sklearn_reg
    bench = Bench(args, snapshot)
    bench.run()
    print(f"wrote {args.out}")
    return 0
