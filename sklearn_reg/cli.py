"""Command-line interface: ``sklearn-reg`` (or ``python -m sklearn_reg``).

Sub-commands
------------
demo
    The classic L1/L2 regression experiment, extended: on a few small datasets, choose ``alpha``
    with :class:`~sklearn_reg.LassoCV`, :class:`~sklearn_reg.RidgeCV` and
    :class:`~sklearn_reg.ElasticNetCV`, fit :class:`~sklearn_reg.Lasso`,
    :class:`~sklearn_reg.Ridge` and :class:`~sklearn_reg.ElasticNet` beside scikit-learn's
    estimators with the same ``alpha`` and print one comparison table.
fit
    Read a CSV file, choose ``alpha`` by cross-validation in a ``StandardScaler`` pipeline,
    print the chosen model on the original scale of the features, save it as a ``.skops`` file.
predict
    Load a ``.skops`` model written by ``fit`` (never a pickle) and predict a CSV file.
path
    Write the Lasso or elastic-net coefficient path of a CSV file as a CSV table and a plot.

The module holds argument parsing, input/output and reporting only; every number comes from the
public estimators.
"""

import argparse
import contextlib
import csv
import importlib.util
import io
import os
import re
import sys
import textwrap
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np
import sklearn
from sklearn import linear_model as sk_linear_model
from sklearn.base import clone
from sklearn.datasets import load_diabetes, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

import sklearn_reg
from sklearn_reg import (
    ElasticNet,
    ElasticNetCV,
    Lasso,
    LassoCV,
    Ridge,
    RidgeCV,
    enet_path,
    lasso_path,
)

PROG = "sklearn-reg"

#: ``l1_ratio`` of the elastic net in the demo.
DEMO_L1_RATIO = 0.5
#: Number of cross-validation folds used to choose ``alpha``.
DEMO_CV_FOLDS = 5
#: Candidate ``alpha`` values for Ridge (in scikit-learn ``Ridge`` units).
DEMO_RIDGE_ALPHAS = np.logspace(-4, 4, 41)
#: Fits are timed this many times; the table shows the fastest.
DEMO_TIMING_REPEATS = 3
#: Dataset whose Lasso path and CV curve are plotted.
DEMO_PLOT_DATASET = "correlated"

#: ``--model`` choices of ``fit`` and the cross-validation class that chooses alpha for each.
CV_CLASSES = {"lasso": LassoCV, "ridge": RidgeCV, "elasticnet": ElasticNetCV}
#: Textbook ``lambda`` range of the ridge grid of ``fit`` (``RidgeCV`` gets
#: ``alpha = n_samples * lambda``, as ``Ridge`` minimizes ``sum of squares + alpha * |w|^2``).
RIDGE_LAMBDA_RANGE = (1e-4, 1e4)
#: Default ``l1_ratio`` of ``--model elasticnet``.
DEFAULT_L1_RATIO = 0.5

#: The classes a model file may hold. ``predict`` loads ``.skops`` files with exactly these
#: types trusted (skops' audited defaults aside), and accepts a model only if it is one of our
#: estimators, alone or at the end of a pipeline of standard scalers.
OUR_ESTIMATORS = (LassoCV, ElasticNetCV, RidgeCV, Lasso, ElasticNet, Ridge)
TRUSTED_CLASSES = (Pipeline, StandardScaler, *OUR_ESTIMATORS)
TRUSTED_TYPES = sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in TRUSTED_CLASSES)
#: File name of the model written by ``fit``.
MODEL_FILE = "model.skops"
#: Model files refused by name: pickle-based formats.
PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".pck", ".joblib", ".jbl", ".sav", ".dill"})
#: Cell texts read as missing values (compared in lower case, stripped).
MISSING_CELLS = frozenset({"", "na", "n/a", "nan", "null", "none"})

#: The progress bar shows up only for runs longer than this (seconds).
PROGRESS_DELAY = 1.0
#: Lines the estimators print with ``verbose``: one per finished fold or path step.
_PROGRESS_LINE = re.compile(r"^(\[\w+\] fold done|Path: \d+ out of \d+)$")

EXAMPLES = f"""\
examples:
  {PROG} demo                                   # comparison table, plots in a new folder
  {PROG} fit data.csv --target y --out run      # choose alpha by 5-fold CV, save run/model.skops
  {PROG} predict run/model.skops new.csv --out predictions.csv
  {PROG} path data.csv --target y --out run     # coefficient path as CSV and PNG
  python -m sklearn_reg demo                    # same as '{PROG} demo'
"""

DEMO_EXAMPLES = f"""\
examples:
  {PROG} demo                      # table on stdout, plots in ./sklearn_reg_demo_<timestamp>/
  {PROG} demo --out results -q     # plots in ./results/, print nothing but the table
  python -m sklearn_reg demo       # same as '{PROG} demo'
"""

FIT_EXAMPLES = f"""\
examples:
  {PROG} fit data.csv --target y --out run
  {PROG} fit data.csv --target y --model elasticnet --l1-ratio 0.5 0.9 --rule 1se --cv 10
  {PROG} fit data.csv --target y --model ridge --no-standardize --out run -q
"""

PREDICT_EXAMPLES = f"""\
examples:
  {PROG} predict run/model.skops new.csv                       # CSV on stdout
  {PROG} predict run/model.skops new.csv --out predictions.csv
"""

PATH_EXAMPLES = f"""\
examples:
  {PROG} path data.csv --target y --out run                    # run/lasso_path.csv and .png
  {PROG} path data.csv --target y --model elasticnet --l1-ratio 0.7 --alphas 50
"""


class CLIError(Exception):
    """A problem with the user's input, reported as one line on stderr."""


class _ArgumentParser(argparse.ArgumentParser):
    """Argument parser that raises :class:`CLIError` instead of printing usage and exiting."""

    def error(self, message):
        raise CLIError(f"{message} (see '{self.prog} --help')")


def _one_line(text):
    """``text`` reduced to its first non-empty line (messages must stay on one line)."""
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return str(text).strip()


def _notes(quiet):
    """Return a function printing a progress note on stderr (nothing with ``--quiet``)."""

    def note(message):
        if not quiet:
            print(message, file=sys.stderr)

    return note


@contextlib.contextmanager
def _one_line_warnings(quiet):
    """Collect the warnings of a block and report each distinct one as one line on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    if quiet:
        return
    seen = set()
    for w in caught:
        text = f"{w.category.__name__}: {_one_line(w.message)}"
        if text not in seen:
            seen.add(text)
            print(f"{PROG}: warning: {text}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# progress bar
# --------------------------------------------------------------------------------------------


def progress_enabled(quiet):
    """Whether to draw a progress bar: not ``--quiet``, tqdm installed, stderr a terminal."""
    if quiet or importlib.util.find_spec("tqdm") is None:
        return False
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False


class _ProgressSink(io.TextIOBase):
    """Stand-in for stderr while the bar is drawn: the estimators' ``verbose`` reports (one line
    per finished fold or path step) advance the bar, any other line is printed above it."""

    def __init__(self, bar, stream):
        super().__init__()
        self.bar = bar
        self.stream = stream
        self.pending = ""

    def writable(self):
        return True

    def write(self, text):
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self._line(line)
        return len(text)

    def _line(self, line):
        if _PROGRESS_LINE.match(line.strip()):
            self.bar.update(1)
        elif line.strip():
            self.bar.write(line, file=self.stream)

    def flush(self):
        if self.pending:
            self._line(self.pending)
            self.pending = ""


@contextlib.contextmanager
def _progress(enabled, total, desc, unit):
    """Draw a tqdm bar on stderr while the block runs, fed by the estimators' verbose output.

    Yields the bar (``None`` when disabled). The bar appears only after
    :data:`PROGRESS_DELAY` seconds, so quick runs print nothing.
    """
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    stream = sys.stderr
    bar = tqdm(total=total, desc=desc, unit=unit, file=stream, delay=PROGRESS_DELAY, leave=False)
    sink = _ProgressSink(bar, stream)
    try:
        with contextlib.redirect_stderr(sink):
            yield bar
    finally:
        sink.flush()
        bar.close()


# --------------------------------------------------------------------------------------------
# files: output folder, CSV input
# --------------------------------------------------------------------------------------------


def _new_output_dir(kind="demo"):
    """Return a not yet existing ``sklearn_reg_<kind>_<timestamp>`` path in the working folder."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = Path.cwd() / f"sklearn_reg_{kind}_{stamp}"
    suffix = 1
    while candidate.exists():
        candidate = Path.cwd() / f"sklearn_reg_{kind}_{stamp}_{suffix}"
        suffix += 1
    return candidate


def _make_output_dir(out, kind):
    """Create (if needed) and return the output folder ``out`` (default: a new one)."""
    out_dir = Path(out) if out is not None else _new_output_dir(kind)
    if out_dir.exists() and not out_dir.is_dir():
        raise CLIError(f"--out {str(out_dir)!r} exists and is not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CLIError(f"cannot create folder {str(out_dir)!r}: {exc.strerror or exc}") from exc
    return out_dir


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


class Table:
    """The text cells of a CSV file: a header of column names and rows of equal length.

    Parameters
    ----------
    path : str
        The file, for messages.
    columns : list of str
        Column names.
    rows : list of list of str
        Data rows.
    line_numbers : list of int
        Line of the file where each row ends, for messages.
    """

    def __init__(self, path, columns, rows, line_numbers):
        self.path = path
        self.columns = columns
        self.rows = rows
        self.line_numbers = line_numbers

    @property
    def n_rows(self):
        return len(self.rows)

    def column(self, name):
        """The cells of column ``name``."""
        j = self.columns.index(name)
        return [row[j] for row in self.rows]


def read_csv(path):
    """Read a CSV file with a header row into a :class:`Table` (no type conversion yet).

    Raises :class:`CLIError` for a missing, unreadable, empty or ragged file.
    """
    file = Path(path)
    if not file.exists():
        raise CLIError(f"no such file: {str(path)!r}")
    if file.is_dir():
        raise CLIError(f"{str(path)!r} is a folder, not a CSV file")
    rows, line_numbers = [], []
    try:
        with open(file, newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream)
            header = next(reader, None)
            for row in reader:
                if len(row) > 1 or (row and row[0].strip()):  # blank lines are no rows
                    rows.append(row)
                    line_numbers.append(reader.line_num)
    except UnicodeDecodeError:
        raise CLIError(f"{str(path)!r} is not a text (UTF-8) CSV file") from None
    except csv.Error as exc:
        raise CLIError(f"{str(path)!r} is not a valid CSV file: {exc}") from None
    except OSError as exc:
        raise CLIError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None

    if header is None or not any(name.strip() for name in header):
        raise CLIError(
            f"{str(path)!r} is empty: expected a header row of column names, then data rows"
        )
    columns = [name.strip() for name in header]
    if not rows:
        raise CLIError(f"{str(path)!r} has a header row but no data rows")
    for j, name in enumerate(columns):
        if not name:
            raise CLIError(
                f"column {j + 1} of {str(path)!r} has no name in the header row "
                "(an index column? name it or drop it)"
            )
        if columns.index(name) != j:
            raise CLIError(f"column name {name!r} appears more than once in {str(path)!r}")
    for row, line in zip(rows, line_numbers):
        if len(row) != len(columns):
            raise CLIError(
                f"line {line} of {str(path)!r} has {_plural(len(row), 'field')} "
                f"where the header has {len(columns)}"
            )
    return Table(str(path), columns, rows, line_numbers)


def _parse_column(cells):
    """Float values of text cells: NaN for missing cells; also the indices of non-numbers."""
    try:
        return np.array(cells, dtype=np.float64), []
    except ValueError:
        pass
    values = np.empty(len(cells))
    bad = []
    for i, cell in enumerate(cells):
        text = cell.strip()
        if text.lower() in MISSING_CELLS:
            values[i] = np.nan
            continue
        try:
            values[i] = float(text)
        except ValueError:
            values[i] = np.nan
            bad.append(i)
    return values, bad


def numeric_columns(table, names, *, target=None):
    """Return the columns ``names`` of ``table`` as a float matrix, and ``target`` as a vector.

    Parameters
    ----------
    table : Table
        The CSV cells.
    names : list of str
        Feature columns, in order.
    target : str, default=None
        Target column, if any.

    Returns
    -------
    X : ndarray of shape (n_rows, len(names))
    y : ndarray of shape (n_rows,) or None

    Raises :class:`CLIError` for a non-numeric target, non-numeric feature columns, and empty,
    NaN or infinite cells, in that order.
    """
    where = repr(table.path)
    parsed = {name: _parse_column(table.column(name)) for name in names}
    if target is not None:
        values, bad = _parse_column(table.column(target))
        if bad:
            i = bad[0]
            raise CLIError(
                f"target column {target!r} of {where} is not numeric "
                f"(line {table.line_numbers[i]}: {table.rows[i][table.columns.index(target)]!r})"
            )
        parsed[target] = (values, bad)

    non_numeric = [name for name in names if parsed[name][1]]
    if non_numeric:
        examples = []
        for name in non_numeric:
            i = parsed[name][1][0]
            examples.append(f"{name!r} (line {table.line_numbers[i]}: {table.column(name)[i]!r})")
        raise CLIError(
            f"non-numeric feature {'column' if len(non_numeric) == 1 else 'columns'} in {where}: "
            + ", ".join(examples)
            + "; encode categories as numbers first (e.g. one-hot encoding) or drop the "
            + ("column" if len(non_numeric) == 1 else "columns")
        )

    checked = list(names) + ([target] if target is not None else [])
    missing = {name: int(np.isnan(parsed[name][0]).sum()) for name in checked}
    infinite = {name: int(np.isinf(parsed[name][0]).sum()) for name in checked}
    n_missing, n_infinite = sum(missing.values()), sum(infinite.values())
    if n_missing or n_infinite:
        counts = {name: missing[name] + infinite[name] for name in checked}
        per_column = ", ".join(f"{name!r}: {k}" for name, k in counts.items() if k)
        what = []
        if n_missing:
            what.append(f"{_plural(n_missing, 'empty or NaN cell')}")
        if n_infinite:
            what.append(f"{_plural(n_infinite, 'infinite cell')}")
        raise CLIError(
            f"{' and '.join(what)} in {where} ({per_column}); impute the missing values "
            "(e.g. with the column mean) or drop those rows first"
        )

    X = np.column_stack([parsed[name][0] for name in names]) if names else None
    y = parsed[target][0] if target is not None else None
    return X, y


def read_training_data(path, target):
    """Read the CSV ``path`` for ``fit`` and ``path``: every column but ``target`` is a feature.

    Returns
    -------
    X : ndarray of shape (n_rows, n_features)
    y : ndarray of shape (n_rows,)
    feature_names : list of str
    """
    table = read_csv(path)
    if target not in table.columns:
        raise CLIError(
            f"no column {target!r} in {table.path!r}; available columns: "
            + ", ".join(table.columns)
        )
    names = [name for name in table.columns if name != target]
    if not names:
        raise CLIError(f"{table.path!r} has no feature columns besides the target {target!r}")
    X, y = numeric_columns(table, names, target=target)
    return X, y, names


# --------------------------------------------------------------------------------------------
# plots (optional: matplotlib)
# --------------------------------------------------------------------------------------------


def have_matplotlib():
    """Return whether matplotlib can be imported (plots are optional)."""
    return importlib.util.find_spec("matplotlib") is not None


def _new_axes():
    """Axes on a new figure outside pyplot (no window, no global state)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(8, 5), layout="constrained").add_subplot()


def _save_figure(display, path):
    """Save a display's figure as PNG."""
    display.figure_.savefig(path, dpi=100)
    return path


def _write_cv_plots(out_dir, prefix, model, X, y, *, title, feature_names=None, n_alphas=100):
    """Write ``<prefix>_path.png`` and ``<prefix>_cv.png`` of a fitted CV model or pipeline:
    the coefficient path and the cross-validation curve, ``alpha_`` and ``alpha_1se_`` marked."""
    from sklearn_reg.plotting import CVCurveDisplay, RegularizationPathDisplay

    cv_model = model[-1] if isinstance(model, Pipeline) else model
    try:
        with warnings.catch_warnings():
            # The pipeline may record column names that the plain array X does not carry.
            warnings.filterwarnings("ignore", message="X does not have valid feature names")
            path_display = RegularizationPathDisplay.from_estimator(
                model, X, y, alphas=n_alphas, feature_names=feature_names, ax=_new_axes()
            )
        path_display.ax_.set_title(f"{title}: coefficient path")
        written = [_save_figure(path_display, out_dir / f"{prefix}_path.png")]
        cv_display = CVCurveDisplay.from_estimator(cv_model, ax=_new_axes())
        cv_display.ax_.set_title(f"{title}: cross-validation")
        written.append(_save_figure(cv_display, out_dir / f"{prefix}_cv.png"))
    except OSError as exc:
        raise CLIError(f"cannot write plots to {str(out_dir)!r}: {exc.strerror or exc}") from exc
    return written


# --------------------------------------------------------------------------------------------
# demo: data, alpha selection, fits
# --------------------------------------------------------------------------------------------


def demo_datasets():
    """Return the demo datasets as ``{name: (X, y, description)}``.

    ``classic`` is the classic experiment (one feature, so L1 and L2 look alike);
    ``correlated`` has 50 correlated features of which 10 are informative, where sparsity and
    shrinkage differ visibly; ``diabetes`` is the small real dataset shipped with scikit-learn.
    """
    X_cls, y_cls = make_regression(n_samples=1000, n_features=1, noise=0.1, random_state=42)
    X_cor, y_cor = make_regression(
        n_samples=1000,
        n_features=50,
        n_informative=10,
        effective_rank=10,
        tail_strength=0.1,
        noise=1.0,
        random_state=42,
    )
    X_dia, y_dia = load_diabetes(return_X_y=True)
    return {
        "classic": (X_cls, y_cls, "make_regression, 1 feature, noise=0.1"),
        "correlated": (X_cor, y_cor, "make_regression, 50 correlated features, 10 informative"),
        "diabetes": (X_dia, y_dia, "scikit-learn's diabetes data, 10 features"),
    }


def choose_alphas(X, y):
    """Choose ``alpha`` for each model by cross-validation on the training data.

    This is the single place where the demo picks its penalty strengths, with this package's
    cross-validation classes and their default ``rule="min"``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training inputs.
    y : ndarray of shape (n_samples,)
        Training targets.

    Returns
    -------
    searches : dict
        ``{"Lasso": LassoCV, "ElasticNet": ElasticNetCV, "Ridge": RidgeCV}``, fitted, with the
        chosen value in ``alpha_`` and the one-standard-error choice in ``alpha_1se_``; every
        one scores by mean squared error.
    """
    return {
        "Lasso": LassoCV(cv=DEMO_CV_FOLDS).fit(X, y),
        "ElasticNet": ElasticNetCV(l1_ratio=DEMO_L1_RATIO, cv=DEMO_CV_FOLDS).fit(X, y),
        "Ridge": RidgeCV(
            alphas=DEMO_RIDGE_ALPHAS, cv=DEMO_CV_FOLDS, scoring="neg_mean_squared_error"
        ).fit(X, y),
    }


MODEL_NAMES = ("Lasso", "Ridge", "ElasticNet")


def _model_pair(name, alpha):
    """Return ``(ours, scikit-learn's)`` unfitted estimators of model ``name`` at ``alpha``."""
    if name == "Lasso":
        return Lasso(alpha=alpha), sk_linear_model.Lasso(alpha=alpha)
    if name == "ElasticNet":
        return (
            ElasticNet(alpha=alpha, l1_ratio=DEMO_L1_RATIO),
            sk_linear_model.ElasticNet(alpha=alpha, l1_ratio=DEMO_L1_RATIO),
        )
    if name == "Ridge":
        return Ridge(alpha=alpha), sk_linear_model.Ridge(alpha=alpha)
    raise ValueError(f"unknown model {name!r}")


def _timed_fit(estimator, X, y):
    """Fit fresh clones of ``estimator`` a few times; return the last fit and the best time (s)."""
    best = np.inf
    for _ in range(DEMO_TIMING_REPEATS):
        model = clone(estimator)
        start = time.perf_counter()
        model.fit(X, y)
        best = min(best, time.perf_counter() - start)
    return model, best


def _warm_up():
    """Fit each of our models once on tiny data so that timings exclude JIT compilation."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20, 3))
    y = X @ np.array([1.0, 0.0, -1.0]) + 0.1 * rng.standard_normal(20)
    for name in MODEL_NAMES:
        ours, _ = _model_pair(name, 0.1)
        ours.fit(X, y)


def compare_on(dataset, X, y):
    """Split, choose alphas, fit ours and scikit-learn's models; return rows and the CV fits.

    Parameters
    ----------
    dataset : str
        Name shown in the table.
    X : ndarray of shape (n_samples, n_features)
        Inputs.
    y : ndarray of shape (n_samples,)
        Targets.

    Returns
    -------
    rows : list of dict
        One row per model, with the table's fields.
    searches : dict
        The fitted cross-validation estimators from :func:`choose_alphas`.
    split : tuple
        ``(X_train, X_test, y_train, y_test)``.
    """
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    searches = choose_alphas(X_train, y_train)
    rows = []
    for name in MODEL_NAMES:
        alpha = float(searches[name].alpha_)
        ours, theirs = _model_pair(name, alpha)
        # Non-convergence of our solver is reported in the table rather than as a warning.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            ours, t_ours = _timed_fit(ours, X_train, y_train)
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        for w in caught:
            if not issubclass(w.category, ConvergenceWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        theirs, t_theirs = _timed_fit(theirs, X_train, y_train)
        rows.append(
            {
                "dataset": dataset,
                "model": name,
                "alpha": alpha,
                "mse_ours": mean_squared_error(y_test, ours.predict(X_test)),
                "mse_sklearn": mean_squared_error(y_test, theirs.predict(X_test)),
                "nonzero_ours": int(np.count_nonzero(ours.coef_)),
                "nonzero_sklearn": int(np.count_nonzero(theirs.coef_)),
                "n_features": X.shape[1],
                "max_coef_diff": float(np.max(np.abs(ours.coef_ - theirs.coef_))),
                "time_ours": t_ours,
                "time_sklearn": t_theirs,
                "converged": converged,
            }
        )
    return rows, searches, (X_train, X_test, y_train, y_test)


# --------------------------------------------------------------------------------------------
# demo: output
# --------------------------------------------------------------------------------------------

TABLE_COLUMNS = (
    ("dataset", "<"),
    ("model", "<"),
    ("alpha", ">"),
    ("test MSE ours / sklearn", ">"),
    ("nonzero ours / sklearn / p", ">"),
    ("max|dcoef|", ">"),
    ("fit ms ours / sklearn", ">"),
)


def format_table(rows):
    """Format the comparison rows as a fixed-width text table (list of lines)."""
    cells = [
        (
            r["dataset"],
            r["model"] + ("" if r["converged"] else "*"),
            f"{r['alpha']:.4g}",
            f"{r['mse_ours']:.5g} / {r['mse_sklearn']:.5g}",
            f"{r['nonzero_ours']} / {r['nonzero_sklearn']} / {r['n_features']}",
            f"{r['max_coef_diff']:.2e}",
            f"{1e3 * r['time_ours']:.2f} / {1e3 * r['time_sklearn']:.2f}",
        )
        for r in rows
    ]
    headers = [name for name, _ in TABLE_COLUMNS]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]

    def line(values):
        return "  ".join(
            f"{v:{align}{w}}"
            for v, (_, align), w in zip(values, TABLE_COLUMNS, widths, strict=True)
        ).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    if not all(r["converged"] for r in rows):
        out.append("* our solver stopped at max_iter before reaching tol")
    return out


def write_plots(out_dir, searches, X_train, y_train):
    """Write the Lasso coefficient path and the Lasso CV curve as PNG files.

    Parameters
    ----------
    out_dir : pathlib.Path
        Existing folder to write into.
    searches : dict
        Output of :func:`choose_alphas` on ``X_train``, ``y_train``.
    X_train : ndarray of shape (n_samples, n_features)
        Training inputs.
    y_train : ndarray of shape (n_samples,)
        Training targets.

    Returns
    -------
    paths : list of pathlib.Path
        The files written: ``lasso_path.png`` (coefficients along the path, with ``alpha_``
        and ``alpha_1se_`` marked) and ``lasso_cv.png`` (the CV curve).
    """
    return _write_cv_plots(
        out_dir, "lasso", searches["Lasso"], X_train, y_train,
        title=f"LassoCV on the {DEMO_PLOT_DATASET} data",
    )


def run_demo(args):
    """Run the ``demo`` sub-command; return the exit code."""
    note = _notes(args.quiet)
    plots = have_matplotlib()
    if plots:
        # Create the folder first so that a bad --out fails before any fitting.
        out_dir = _make_output_dir(args.out, "demo")
    elif args.out is not None and Path(args.out).exists() and not Path(args.out).is_dir():
        raise CLIError(f"--out {args.out!r} exists and is not a folder")

    with _one_line_warnings(args.quiet):
        note(f"sklearn_reg {sklearn_reg.__version__} beside scikit-learn {sklearn.__version__}")
        note(
            f"alpha by sklearn_reg's LassoCV, ElasticNetCV and RidgeCV ({DEMO_CV_FOLDS}-fold, "
            f"rule='min') on the 80% training split; ElasticNet l1_ratio={DEMO_L1_RATIO}; "
            "test MSE on the 20% test split; fit times exclude JIT compilation"
        )
        _warm_up()
        rows = []
        plot_inputs = None
        for name, (X, y, description) in demo_datasets().items():
            note(f"{name}: {description}, {X.shape[0]} samples")
            dataset_rows, searches, (X_train, _, y_train, _) = compare_on(name, X, y)
            rows += dataset_rows
            if name == DEMO_PLOT_DATASET:
                plot_inputs = (searches, X_train, y_train)

        print("\n".join(format_table(rows)), flush=True)

        if not plots:
            note('plots skipped: matplotlib is not installed (pip install "sklearn-reg[plot]")')
            return 0
        written = write_plots(out_dir, *plot_inputs)
    note(f"plots written to {out_dir}: " + ", ".join(p.name for p in written))
    return 0


# --------------------------------------------------------------------------------------------
# fit
# --------------------------------------------------------------------------------------------


def build_pipeline(model, *, n_samples, cv, rule, l1_ratio, n_alphas, standardize, verbose):
    """Return the unfitted pipeline of ``fit``: ``StandardScaler`` (unless ``standardize`` is
    false), then the cross-validation class of ``model`` (:data:`CV_CLASSES`).

    ``n_samples`` sets the ridge grid, ``n_samples * logspace(RIDGE_LAMBDA_RANGE)``, in
    ``Ridge`` units; Lasso and elastic net use their own grid of ``n_alphas`` values.
    """
    if model == "ridge":
        low, high = np.log10(RIDGE_LAMBDA_RANGE)
        # RidgeCV scores K folds by R^2 unless told otherwise; the report is in MSE.
        estimator = RidgeCV(
            alphas=n_samples * np.logspace(low, high, n_alphas), cv=cv, rule=rule,
            scoring="neg_mean_squared_error",
        )
    elif model == "lasso":
        estimator = LassoCV(alphas=n_alphas, cv=cv, rule=rule, verbose=verbose)
    else:
        estimator = ElasticNetCV(
            l1_ratio=l1_ratio, alphas=n_alphas, cv=cv, rule=rule, verbose=verbose
        )
    steps = [StandardScaler(), estimator] if standardize else [estimator]
    return make_pipeline(*steps)


def cv_error_at_alpha(cv_model):
    """Mean cross-validated MSE at ``alpha_`` and its standard error, from the CV table."""
    if isinstance(cv_model, RidgeCV):
        table = cv_model.cv_summary_
        at = np.flatnonzero(table["alphas"] == cv_model.alpha_)[0]
    else:
        table = cv_model.cv_results_
        l1_ratio = getattr(cv_model, "l1_ratio_", 1.0)
        chosen = (table["alpha"] == cv_model.alpha_) & (table["l1_ratio"] == l1_ratio)
        at = np.flatnonzero(chosen)[0]
    # Scores are negative mean squared errors (the default of LassoCV and ElasticNetCV, and
    # RidgeCV's scoring in build_pipeline): higher is better.
    return 0.0 - float(table["mean_test_score"][at]), float(table["std_error_test_score"][at])


def original_scale_coefficients(pipeline):
    """Coefficients and intercept of a fitted pipeline on the original scale of the features.

    With a ``StandardScaler`` first, ``coef / scale_`` and
    ``intercept - (coef / scale_) @ mean_``; otherwise the final step's own values.
    """
    final = pipeline[-1]
    coef = np.asarray(final.coef_, dtype=np.float64)
    intercept = float(final.intercept_)
    for _, step in reversed(pipeline.steps[:-1]):
        if step.scale_ is not None:
            coef = coef / step.scale_
        if step.mean_ is not None:
            intercept = intercept - float(coef @ step.mean_)
    return coef, intercept


def record_feature_names(pipeline, names):
    """Store the CSV column names in the pipeline, as fitting on a DataFrame would.

    ``feature_names_in_`` of the first step (and so of the pipeline) lets ``predict`` pick the
    columns by name; in Python, ``model.predict(df)`` then checks the names of ``df``.
    """
    pipeline.steps[0][1].feature_names_in_ = np.asarray(names, dtype=object)


def _check_l1_ratio_use(args):
    if args.l1_ratio is not None and args.model != "elasticnet":
        raise CLIError(f"--l1-ratio applies to --model elasticnet only, not --model {args.model}")


def run_fit(args):
    """Run the ``fit`` sub-command; return the exit code."""
    note = _notes(args.quiet)
    _check_l1_ratio_use(args)
    l1_ratios = args.l1_ratio if args.l1_ratio is not None else [DEFAULT_L1_RATIO]
    if args.model == "elasticnet" and 0.0 in l1_ratios:
        raise CLIError("--l1-ratio 0 is ridge regression: use --model ridge")
    _skops_io()  # fail before fitting if the model cannot be saved
    X, y, names = read_training_data(args.data, args.target)
    n_samples, n_features = X.shape
    if n_samples < args.cv:
        raise CLIError(
            f"--cv {args.cv} needs at least {args.cv} data rows; {args.data!r} has {n_samples}"
        )
    out_dir = _make_output_dir(args.out, "fit")

    show_progress = progress_enabled(args.quiet)
    pipeline = build_pipeline(
        args.model,
        n_samples=n_samples,
        cv=args.cv,
        rule=args.rule,
        l1_ratio=l1_ratios[0] if len(l1_ratios) == 1 else list(l1_ratios),
        n_alphas=args.alphas,
        standardize=args.standardize,
        verbose=show_progress,
    )
    cv_name = type(pipeline[-1]).__name__
    note(f"choosing alpha with {cv_name} ({args.cv}-fold, rule={args.rule!r}) ...")
    # folds (reported by the estimator's verbose output) + the final fit on all rows
    folds = args.cv if args.model != "ridge" else 0
    with _one_line_warnings(args.quiet), _progress(
        show_progress, folds + 1, f"{cv_name} cross-validation", "fit"
    ) as bar:
        try:
            pipeline.fit(X, y)
        except ValueError as exc:
            raise CLIError(f"fitting failed: {_one_line(exc)}") from exc
        if bar is not None:
            bar.update(bar.total - bar.n)
    cv_model = pipeline[-1]
    if "verbose" in cv_model.get_params():
        cv_model.set_params(verbose=False)  # the saved model stays quiet
    record_feature_names(pipeline, names)

    error, std_error = cv_error_at_alpha(cv_model)
    coef, intercept = original_scale_coefficients(pipeline)
    nonzero = np.flatnonzero(coef)
    steps = " after StandardScaler" if args.standardize else " (features not standardized)"
    print(f"model: {cv_name}{steps}, {args.cv}-fold cross-validation, rule={args.rule}")
    print(
        f"data: {args.data!r}, {n_samples} rows, {_plural(n_features, 'feature')}, "
        f"target {args.target!r}"
    )
    if args.model == "ridge":
        print(
            f"alpha: {cv_model.alpha_:.6g} (Ridge units; textbook lambda = alpha / {n_samples} "
            f"= {cv_model.alpha_ / n_samples:.6g})"
        )
    else:
        print(f"alpha: {cv_model.alpha_:.6g} (the lambda of the textbook loss)")
    print(f"alpha_1se: {cv_model.alpha_1se_:.6g}")
    if args.model == "elasticnet":
        print(f"l1_ratio: {cv_model.l1_ratio_:g}")
    print(
        f"CV error: {error:.6g} ± {std_error:.6g} "
        f"(mean squared error ± standard error over {args.cv} folds, at alpha)"
    )
    print(f"non-zero coefficients (original scale): {len(nonzero)} of {n_features}")
    width = max(len("(intercept)"), *(len(names[j]) for j in nonzero)) if len(nonzero) else 11
    print(f"  {'(intercept)':<{width}}  {intercept:.10g}")
    for j in nonzero:
        print(f"  {names[j]:<{width}}  {coef[j]:.10g}")

    model_file = out_dir / MODEL_FILE
    save_model(pipeline, model_file)
    print(f"model saved: {model_file}")
    if have_matplotlib():
        with _one_line_warnings(args.quiet):
            written = _write_cv_plots(
                out_dir, args.model, pipeline, X, y, feature_names=names, n_alphas=args.alphas,
                title=f"{cv_name}, target {args.target!r}",
            )
        print("plots: " + ", ".join(str(p) for p in written))
    else:
        note('plots skipped: matplotlib is not installed (pip install "sklearn-reg[plot]")')
    return 0


# --------------------------------------------------------------------------------------------
# model files: skops only
# --------------------------------------------------------------------------------------------


def _skops_io():
    try:
        import skops.io
    except ImportError:
        raise CLIError(
            'reading and writing models needs skops: pip install "sklearn-reg[cli]"'
        ) from None
    return skops.io


def save_model(model, path):
    """Save ``model`` in skops' format (no pickle)."""
    sio = _skops_io()
    try:
        sio.dump(model, path)
    except OSError as exc:
        raise CLIError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from exc


def _is_our_model(obj):
    if isinstance(obj, OUR_ESTIMATORS):
        return True
    return (
        isinstance(obj, Pipeline)
        and len(obj.steps) >= 1
        and isinstance(obj.steps[-1][1], OUR_ESTIMATORS)
        and all(isinstance(step, StandardScaler) for _, step in obj.steps[:-1])
    )


def load_model(path):
    """Load a ``.skops`` model, trusting only :data:`TRUSTED_TYPES`.

    Pickle and joblib files are refused, by name and by content, without being opened as such.
    """
    file = Path(path)
    if not file.exists():
        raise CLIError(f"no such model file: {str(path)!r}")
    if file.is_dir():
        raise CLIError(f"{str(path)!r} is a folder, not a model file")
    try:
        with open(file, "rb") as stream:
            head = stream.read(2)
    except OSError as exc:
        raise CLIError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    if file.suffix.lower() in PICKLE_SUFFIXES or head[:1] == b"\x80":
        raise CLIError(
            f"refusing to load {str(path)!r}: pickle and joblib files execute code when loaded; "
            "only .skops models (as written by 'sklearn-reg fit') are accepted"
        )
    if file.suffix.lower() != ".skops":
        raise CLIError(
            f"{str(path)!r} is not a .skops model: only .skops models "
            "(as written by 'sklearn-reg fit') are accepted"
        )
    if not zipfile.is_zipfile(file):
        raise CLIError(f"{str(path)!r} is not a valid .skops model file (not a skops archive)")
    sio = _skops_io()
    try:
        found = sio.get_untrusted_types(file=file)
    except Exception as exc:  # a damaged archive: any failure here means "not a model"
        raise CLIError(f"cannot read {str(path)!r} as a .skops model: {_one_line(exc)}") from None
    foreign = sorted(set(found) - set(TRUSTED_TYPES))
    if foreign:
        raise CLIError(
            f"{str(path)!r} is not a sklearn-reg model: it holds types outside the trusted list "
            f"({', '.join(foreign)}); refusing to load it"
        )
    try:
        model = sio.load(file, trusted=TRUSTED_TYPES)
    except Exception as exc:  # skops reports damaged content with assorted exception types
        raise CLIError(f"cannot load {str(path)!r} as a .skops model: {_one_line(exc)}") from None
    if not _is_our_model(model):
        raise CLIError(
            f"{str(path)!r} is not a sklearn-reg model: it holds a {type(model).__name__}, not a "
            "pipeline ending in one of sklearn_reg's estimators"
        )
    return model


# --------------------------------------------------------------------------------------------
# predict
# --------------------------------------------------------------------------------------------


def run_predict(args):
    """Run the ``predict`` sub-command; return the exit code."""
    note = _notes(args.quiet)
    model = load_model(args.model)
    table = read_csv(args.data)
    names = getattr(model, "feature_names_in_", None)
    if names is not None:
        names = [str(name) for name in names]
        absent = [name for name in names if name not in table.columns]
        if absent:
            raise CLIError(
                f"{args.data!r} lacks the model's feature "
                f"{'column' if len(absent) == 1 else 'columns'} {', '.join(map(repr, absent))}; "
                f"the model needs: {', '.join(names)}"
            )
    else:
        names = list(table.columns)
        if len(names) != model.n_features_in_:
            raise CLIError(
                f"{args.data!r} has {_plural(len(names), 'column')}; the model needs "
                f"{model.n_features_in_} features"
            )
    X, _ = numeric_columns(table, names)
    with warnings.catch_warnings():
        # Columns were matched by name above; the array itself carries no names.
        warnings.filterwarnings("ignore", message="X does not have valid feature names")
        predictions = model.predict(X)

    if args.out is None:
        _write_predictions(sys.stdout, predictions)
        return 0
    try:
        with open(args.out, "w", newline="", encoding="utf-8") as stream:
            _write_predictions(stream, predictions)
    except OSError as exc:
        raise CLIError(f"cannot write {args.out!r}: {exc.strerror or exc}") from exc
    note(f"{_plural(len(predictions), 'prediction')} written to {args.out}")
    return 0


def _write_predictions(stream, predictions):
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["prediction"])
    writer.writerows([repr(float(value))] for value in predictions)


# --------------------------------------------------------------------------------------------
# path
# --------------------------------------------------------------------------------------------


def compute_path(X, y, *, model, l1_ratio, n_alphas, eps, standardize, verbose=False):
    """The coefficient path of ``path``: :func:`~sklearn_reg.lasso_path` or
    :func:`~sklearn_reg.enet_path` with an intercept, on the standardized features unless
    ``standardize`` is false.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        Decreasing.
    coefs : ndarray of shape (n_features, n_alphas)
        Coefficients of the (standardized) features.
    """
    Xp = StandardScaler().fit_transform(X) if standardize else X
    if model == "lasso":
        alphas, coefs, _ = lasso_path(
            Xp, y, alphas=n_alphas, eps=eps, fit_intercept=True, verbose=verbose
        )
    else:
        alphas, coefs, _ = enet_path(
            Xp, y, l1_ratio=l1_ratio, alphas=n_alphas, eps=eps, fit_intercept=True,
            verbose=verbose,
        )
    return alphas, coefs


def run_path(args):
    """Run the ``path`` sub-command; return the exit code."""
    note = _notes(args.quiet)
    _check_l1_ratio_use(args)
    l1_ratio = args.l1_ratio if args.l1_ratio is not None else DEFAULT_L1_RATIO
    if args.model == "elasticnet" and l1_ratio == 0:
        raise CLIError("--l1-ratio 0 (ridge) has no automatic alpha grid: use a value in (0, 1]")
    X, y, names = read_training_data(args.data, args.target)
    out_dir = _make_output_dir(args.out, "path")

    show_progress = progress_enabled(args.quiet)
    with _one_line_warnings(args.quiet), _progress(
        show_progress, args.alphas, f"{args.model} path", "alpha"
    ):
        try:
            alphas, coefs = compute_path(
                X, y, model=args.model, l1_ratio=l1_ratio, n_alphas=args.alphas, eps=args.eps,
                standardize=args.standardize, verbose=show_progress,
            )
        except ValueError as exc:
            raise CLIError(f"computing the path failed: {_one_line(exc)}") from exc

    csv_file = out_dir / f"{args.model}_path.csv"
    try:
        with open(csv_file, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(["alpha", *names])
            for k, alpha in enumerate(alphas):
                writer.writerow([repr(float(alpha)), *(repr(float(c)) for c in coefs[:, k])])
    except OSError as exc:
        raise CLIError(f"cannot write {str(csv_file)!r}: {exc.strerror or exc}") from exc
    scale = "standardized features" if args.standardize else "features as given"
    mixing = f", l1_ratio={l1_ratio:g}" if args.model == "elasticnet" else ""
    print(
        f"{args.model} path{mixing}: {len(alphas)} alphas from {alphas[0]:.6g} down to "
        f"{alphas[-1]:.6g}, coefficients of the {scale}"
    )
    print(f"path table: {csv_file}")
    if not have_matplotlib():
        note('plot skipped: matplotlib is not installed (pip install "sklearn-reg[plot]")')
        return 0
    from sklearn_reg.plotting import RegularizationPathDisplay

    display = RegularizationPathDisplay.from_path(
        alphas, coefs, feature_names=names, ax=_new_axes()
    )
    display.ax_.set_title(f"{args.model} path{mixing}, target {args.target!r} ({scale})")
    png_file = out_dir / f"{args.model}_path.png"
    try:
        _save_figure(display, png_file)
    except OSError as exc:
        raise CLIError(f"cannot write {str(png_file)!r}: {exc.strerror or exc}") from exc
    print(f"path plot: {png_file}")
    return 0


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def _int_at_least(low, kind, too_small):
    """An argparse type: a whole number >= ``low`` (messages name ``kind``)."""

    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {kind}, got {text!r}")
        if value < low:
            raise argparse.ArgumentTypeError(f"{too_small}, got {value}")
        return value

    return parse


_folds = _int_at_least(2, "a whole number of folds", "needs at least 2 folds")
_positive_int = _int_at_least(1, "a whole number", "must be at least 1")


def _unit_fraction(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in [0, 1], got {text!r}")
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside [0, 1]")
    return value


def _open_fraction(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1), got {text!r}")
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside (0, 1)")
    return value


def _add_data_arguments(parser, models):
    parser.add_argument("data", metavar="DATA.csv", help="CSV file with a header row")
    parser.add_argument(
        "--target", required=True, metavar="COLUMN",
        help="column to predict; every other column is a numeric feature",
    )
    parser.add_argument(
        "--model", choices=models, default="lasso", help="penalty (default: %(default)s)"
    )
    parser.add_argument(
        "--standardize", action=argparse.BooleanOptionalAction, default=True,
        help="scale every feature to mean 0 and variance 1 first (on unless --no-standardize)",
    )
    parser.add_argument(
        "--alphas", type=_positive_int, default=100, metavar="N",
        help="number of alpha values on the grid (default: %(default)s)",
    )


def _add_output_arguments(parser, kind, what):
    parser.add_argument(
        "--out", metavar="DIR",
        help=f"folder for {what}, created if needed "
        f"(default: a new sklearn_reg_{kind}_<timestamp> folder here)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true",
        help="no progress bar, notes or warnings on stderr",
    )


def _wrap(text):
    """A help paragraph wrapped for an 80-column terminal (descriptions are printed raw)."""
    return textwrap.fill(text, width=79, break_on_hyphens=False)


def build_parser():
    """Return the argument parser of the ``sklearn-reg`` command."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _ArgumentParser(
        prog=PROG,
        description=_wrap(
            "L1, L2 and elastic-net regularized linear regression compatible with scikit-learn."
        ),
        epilog=EXAMPLES,
        formatter_class=formatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {sklearn_reg.__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo",
        help="compare Lasso, Ridge and ElasticNet with scikit-learn's on small datasets",
        description=_wrap(
            "Choose alpha with sklearn_reg's LassoCV, RidgeCV and ElasticNetCV (5-fold CV on an "
            "80/20 training split), then fit sklearn_reg's Lasso, Ridge and ElasticNet and "
            "scikit-learn's estimators with that alpha on three datasets: the classic "
            "one-feature make_regression data, 50 correlated features, and the diabetes data "
            "shipped with scikit-learn. Prints a table of test MSE, non-zero coefficients, "
            "coefficient difference and fit time on stdout and, if matplotlib is installed, "
            "writes lasso_path.png and lasso_cv.png."
        ),
        epilog=DEMO_EXAMPLES,
        formatter_class=formatter,
    )
    demo.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the plots (default: a new sklearn_reg_demo_<timestamp> folder here)",
    )
    demo.add_argument("-q", "--quiet", action="store_true", help="print nothing but the table")
    demo.set_defaults(handler=run_demo)

    fit = commands.add_parser(
        "fit",
        help="choose alpha by cross-validation on a CSV file and save the model",
        description=_wrap(
            "Read a CSV file (header row, numeric columns), standardize the features in a "
            "pipeline and choose alpha with LassoCV, RidgeCV or ElasticNetCV. Prints the chosen "
            "alpha, its cross-validated error with one standard error and the non-zero "
            f"coefficients on the original scale of the features; writes {MODEL_FILE} (skops "
            "format) and, if matplotlib is installed, <model>_path.png and <model>_cv.png."
        ),
        epilog=FIT_EXAMPLES,
        formatter_class=formatter,
    )
    _add_data_arguments(fit, tuple(CV_CLASSES))
    fit.add_argument(
        "--cv", type=_folds, default=5, metavar="K",
        help="number of cross-validation folds (default: %(default)s)",
    )
    fit.add_argument(
        "--rule", choices=("min", "1se"), default="min",
        help="'min': the alpha of smallest mean CV error; '1se': the largest alpha within one "
        "standard error of it (default: %(default)s)",
    )
    fit.add_argument(
        "--l1-ratio", type=_unit_fraction, nargs="+", metavar="R",
        help=f"elastic-net mixing in [0, 1], several to choose among by CV "
        f"(--model elasticnet; default: {DEFAULT_L1_RATIO})",
    )
    _add_output_arguments(fit, "fit", f"{MODEL_FILE} and the plots")
    fit.set_defaults(handler=run_fit)

    predict = commands.add_parser(
        "predict",
        help="predict a CSV file with a .skops model written by 'fit'",
        description=_wrap(
            f"Load a .skops model written by '{PROG} fit' (pickle and joblib files are refused: "
            "they execute code when loaded) and predict every row of a CSV file, whose columns "
            "are matched to the model's features by name. Writes a CSV with one column, "
            "'prediction'."
        ),
        epilog=PREDICT_EXAMPLES,
        formatter_class=formatter,
    )
    predict.add_argument("model", metavar="MODEL", help=f"a .skops model ({MODEL_FILE})")
    predict.add_argument("data", metavar="DATA.csv", help="CSV file with a header row")
    predict.add_argument(
        "--out", metavar="FILE", help="CSV file to write (default: standard output)"
    )
    predict.add_argument(
        "-q", "--quiet", action="store_true", help="no notes on stderr"
    )
    predict.set_defaults(handler=run_predict)

    path = commands.add_parser(
        "path",
        help="write the Lasso or elastic-net coefficient path of a CSV file",
        description=_wrap(
            "Compute the coefficient path (lasso_path or enet_path, with an intercept) on the "
            "standardized features of a CSV file and write <model>_path.csv (column 'alpha', "
            "then one column per feature, alphas decreasing) and, if matplotlib is installed, "
            "<model>_path.png."
        ),
        epilog=PATH_EXAMPLES,
        formatter_class=formatter,
    )
    _add_data_arguments(path, ("lasso", "elasticnet"))
    path.add_argument(
        "--l1-ratio", type=_unit_fraction, metavar="R",
        help=f"elastic-net mixing in (0, 1] (--model elasticnet; default: {DEFAULT_L1_RATIO})",
    )
    path.add_argument(
        "--eps", type=_open_fraction, default=1e-3,
        help="smallest alpha as a fraction of the largest (default: %(default)s)",
    )
    _add_output_arguments(path, "path", "the CSV table and the plot")
    path.set_defaults(handler=run_path)
    return parser


def _silence_stdout():
    """Point stdout at the null device, so that the final flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def main(argv=None):
    """Run the ``sklearn-reg`` command.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name; ``None`` reads ``sys.argv[1:]``.

    Returns
    -------
    status : int
        0 on success, 2 for a usage error, 1 for another input or output error.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except CLIError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    try:
        return args.handler(args)
    except CLIError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. 'sklearn-reg predict ... | head': stop quietly
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
