"""One frozen copy of the checkout's ``sklearn_reg`` for a whole benchmark run.

Run from a checkout, the benchmark copies ``sklearn_reg/`` to a temporary
folder at start-up and imports it from there, in this process and in every
child (memory, cold start). The timings then all belong to one version of the
code even if the working tree changes during the run, and Numba's on-disk
cache (keyed by source path and modification time) stays valid between the
cold and the warm cold-start processes. ``--in-place`` skips the copy.
"""

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_snapshot = None


def freeze():
    """Copy the checkout's package (once) and put the copy first on ``sys.path``.

    The copy lives in a folder named after a hash of the sources and keeps
    their modification times, so an unchanged checkout maps to the same copy
    and Numba's cache from an earlier run still applies. Returns the folder
    holding the copy, or None when there is no checkout beside the benchmarks
    (the installed package is then used as it is).
    """
    global _snapshot
    if _snapshot is not None:
        return _snapshot
    package = ROOT / "sklearn_reg"
    if not (package / "__init__.py").is_file() or "sklearn_reg" in sys.modules:
        return None
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    base = Path(tempfile.gettempdir()) / "sklearn_reg_bench_src"
    folder = base / digest.hexdigest()[:16]
    if not (folder / "sklearn_reg" / "__init__.py").is_file():
        base.mkdir(exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="staging_", dir=base))
        shutil.copytree(package, staging / "sklearn_reg",
                        ignore=shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc"))
        try:
            staging.rename(folder)
        except OSError:  # another run made the same copy meanwhile
            shutil.rmtree(staging, ignore_errors=True)
    sys.path.insert(0, str(folder))
    _snapshot = folder
    return folder


def child_env(snapshot):
    """Environment for a child process: the snapshot, then the checkout (for
    ``benchmarks`` itself), first on its path."""
    env = dict(os.environ)
    paths = [str(snapshot)] if snapshot else []
    paths += [str(ROOT), env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return env


def child_cwd(snapshot):
    """Working folder of a ``python -m`` child: it comes first on the child's
    path, so it must not be the checkout when a snapshot is in use."""
    return str(snapshot) if snapshot else str(ROOT)
