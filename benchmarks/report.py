"""Machine description and the reStructuredText results file."""

import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

from .tasks import LIBRARY_LABELS, version

#: The results file is also a stand-alone Sphinx source: ``:orphan:`` keeps it
#: out of the toctree check, and ``docs/performance.rst`` includes what follows
#: this marker.
START_MARKER = ".. start-of-results"

ENV_VARS = ("NUMBA_CACHE_DIR", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS",
            "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def now():
    return datetime.datetime.now().astimezone()


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_flags():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                return [f for f in ("avx2", "fma", "avx512f") if f in flags]
    except OSError:
        pass
    return []


def memory_gib():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return float("nan")


def load_average():
    try:
        return tuple(round(v, 2) for v in os.getloadavg())
    except OSError:
        return None


def git_revision():
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "sklearn_reg"], cwd=root,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not head:
        return None
    return head + (" + uncommitted changes in sklearn_reg/" if dirty else "")


def versions(libs, rev=None):
    out = {"Python": platform.python_version()}
    for lib in libs:
        v = version(lib)
        if v is not None:
            out[LIBRARY_LABELS[lib]] = v
    if rev and "sklearn_reg" in out:
        out["sklearn_reg"] += f" (git {rev})"
    for name in ("numpy", "scipy", "numba", "llvmlite", "joblib", "threadpoolctl"):
        try:
            out[name] = __import__(name).__version__
        except Exception:
            pass
    return out


def threadpools():
    """threadpoolctl's view of the BLAS and OpenMP libraries loaded in this process."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ["threadpoolctl not installed"]
    lines = []
    for pool in threadpool_info():
        parts = [f"{pool.get('internal_api')} {pool.get('version') or ''}".strip(),
                 f"num_threads={pool.get('num_threads')}"]
        for key in ("threading_layer", "architecture"):
            if pool.get(key):
                parts.append(f"{key}={pool[key]}")
        parts.append(f"from {Path(pool.get('filepath', '?')).name}")
        lines.append(f"{pool.get('user_api')}: " + ", ".join(parts))
    return lines


def environment():
    return {k: os.environ.get(k) for k in ENV_VARS}


# ---------------------------------------------------------------------------
# reStructuredText


def escape(text):
    """Plain text that docutils reads back verbatim (no references, emphasis
    or substitutions)."""
    text = str(text)
    for ch in "\\`*_|":
        text = text.replace(ch, "\\" + ch)
    return text


def literal(text):
    return f"``{text}``"


def simple_table(headers, rows):
    """A docutils simple table; cells are escaped here, and an empty first
    cell (which would continue the previous row) is avoided."""
    cells = [[escape(c) for c in headers]] + [[escape(c) if c != "" else "" for c in row] for row in rows]
    for row in cells[1:]:
        if not row[0]:
            row[0] = "\u2013"  # never empty in the first column
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    widths = [max(w, 1) for w in widths]
    border = "  ".join("=" * w for w in widths)

    def line(row):
        return "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()

    out = [border, line(cells[0]), border]
    out += [line(r) for r in cells[1:]]
    out.append(border)
    return out


def section(title, char):
    return [title, char * len(title), ""]


def bullet(items):
    return [f"- {item}" for item in items]


def plain_row(headers, row):
    """One console line for a result row."""
    return " | ".join(f"{h}={c}" for h, c in zip(headers, row) if c != "")


def write(path, lines):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    tmp.replace(path)


def command_line(argv):
    return " ".join(["python -m benchmarks", *argv])
