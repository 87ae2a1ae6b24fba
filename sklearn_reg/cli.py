"""Command-line interface: ``sklearn-reg`` (or ``python -m sklearn_reg``).

Sub-commands
------------
demo
    The classic L1/L2 regression experiment, extended: on a few small datasets, fit
    :class:`~sklearn_reg.Lasso`, :class:`~sklearn_reg.Ridge` and :class:`~sklearn_reg.ElasticNet`
    beside scikit-learn's estimators with the same ``alpha`` and print one comparison table.

The module holds argument parsing, input/output and reporting only; every number comes from the
public estimators.
"""

import argparse
import importlib.util
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn import linear_model as sk_linear_model
from sklearn.base import clone
from sklearn.datasets import load_diabetes, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

import sklearn_reg
from sklearn_reg import ElasticNet, Lasso, Ridge

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

EXAMPLES = f"""\
examples:
  {PROG} demo                      # table on stdout, plots in ./sklearn_reg_demo_<timestamp>/
  {PROG} demo --out results -q     # plots in ./results/, print nothing but the table
  python -m sklearn_reg demo       # same as '{PROG} demo'
"""


class CLIError(Exception):
    """A problem with the user's input, reported as one line on stderr."""


class _ArgumentParser(argparse.ArgumentParser):
    """Argument parser that raises :class:`CLIError` instead of printing usage and exiting."""

    def error(self, message):
        raise CLIError(f"{message} (see '{self.prog} --help')")


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

    This is the single place where the demo picks its penalty strengths.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training inputs.
    y : ndarray of shape (n_samples,)
        Training targets.

    Returns
    -------
    searches : dict
        ``{"Lasso": ..., "ElasticNet": ..., "Ridge": ...}``, fitted cross-validation estimators
        with the chosen value in ``alpha_`` (the Lasso one also has ``alphas_`` and
        ``mse_path_`` for the CV-curve plot).
    """
    return {
        "Lasso": sk_linear_model.LassoCV(cv=DEMO_CV_FOLDS).fit(X, y),
        "ElasticNet": sk_linear_model.ElasticNetCV(l1_ratio=DEMO_L1_RATIO, cv=DEMO_CV_FOLDS).fit(
            X, y
        ),
        "Ridge": sk_linear_model.RidgeCV(alphas=DEMO_RIDGE_ALPHAS).fit(X, y),
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


def _new_output_dir():
    """Return a not yet existing ``sklearn_reg_demo_<timestamp>`` path in the working directory."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = Path.cwd() / f"sklearn_reg_demo_{stamp}"
    suffix = 1
    while candidate.exists():
        candidate = Path.cwd() / f"sklearn_reg_demo_{stamp}_{suffix}"
        suffix += 1
    return candidate


def have_matplotlib():
    """Return whether matplotlib can be imported (plots are optional)."""
    return importlib.util.find_spec("matplotlib") is not None


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
        The files written.
    """
    from matplotlib.figure import Figure

    cv = searches["Lasso"]
    alphas = cv.alphas_
    # The path is computed on centred data, which is what fitting an intercept amounts to.
    X_c = X_train - X_train.mean(axis=0)
    y_c = y_train - y_train.mean()
    path_alphas, coefs, _ = sk_linear_model.lasso_path(X_c, y_c, alphas=alphas)

    fig = Figure(figsize=(7, 4.5), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(np.log10(path_alphas), coefs.T, linewidth=1)
    ax.axvline(np.log10(cv.alpha_), color="k", linestyle="--", label=f"CV alpha = {cv.alpha_:.3g}")
    ax.set_xlabel("log10(alpha)")
    ax.set_ylabel("coefficient")
    ax.set_title(f"Lasso coefficient path ({DEMO_PLOT_DATASET} data)")
    ax.legend(loc="best")
    path_png = out_dir / "lasso_path.png"
    fig.savefig(path_png, dpi=100)

    n_folds = cv.mse_path_.shape[1]
    mean = cv.mse_path_.mean(axis=1)
    std_error = cv.mse_path_.std(axis=1, ddof=1) / np.sqrt(n_folds)
    fig = Figure(figsize=(7, 4.5), layout="constrained")
    ax = fig.add_subplot()
    ax.fill_between(
        alphas, mean - std_error, mean + std_error, alpha=0.3, label="mean ± one standard error"
    )
    ax.plot(alphas, mean, marker=".", markersize=3, label=f"mean over {n_folds} folds")
    ax.axvline(cv.alpha_, color="k", linestyle="--", label=f"alpha_ = {cv.alpha_:.3g}")
    ax.set_xscale("log")
    ax.set_xlabel("alpha")
    ax.set_ylabel("validation MSE")
    ax.set_title(f"Lasso cross-validation ({DEMO_PLOT_DATASET} data)")
    ax.legend(loc="best")
    cv_png = out_dir / "lasso_cv.png"
    fig.savefig(cv_png, dpi=100)
    return [path_png, cv_png]


def run_demo(args):
    """Run the ``demo`` sub-command; return the exit code."""

    def note(message):
        if not args.quiet:
            print(message, file=sys.stderr)

    plots = have_matplotlib()
    out_dir = Path(args.out) if args.out is not None else _new_output_dir()
    if plots:
        # Create the folder first so that a bad --out fails before any fitting.
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CLIError(f"cannot create folder {str(out_dir)!r}: {exc.strerror or exc}") from exc
    elif args.out is not None and out_dir.exists() and not out_dir.is_dir():
        raise CLIError(f"--out {args.out!r} exists and is not a folder")

    with warnings.catch_warnings():
        if args.quiet:
            warnings.simplefilter("ignore")
        note(f"sklearn_reg {sklearn_reg.__version__} beside scikit-learn {sklearn.__version__}")
        note(
            f"alpha by {DEMO_CV_FOLDS}-fold CV on the 80% training split; ElasticNet l1_ratio="
            f"{DEMO_L1_RATIO}; test MSE on the 20% test split; fit times exclude JIT compilation"
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
            note("plots skipped: matplotlib is not installed (pip install matplotlib)")
            return 0
        try:
            written = write_plots(out_dir, *plot_inputs)
        except OSError as exc:
            raise CLIError(
                f"cannot write plots to {str(out_dir)!r}: {exc.strerror or exc}"
            ) from exc
    note(f"plots written to {out_dir}: " + ", ".join(p.name for p in written))
    return 0


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def build_parser():
    """Return the argument parser of the ``sklearn-reg`` command."""
    parser = _ArgumentParser(
        prog=PROG,
        description=(
            "L1, L2 and elastic-net regularized linear regression compatible with scikit-learn."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {sklearn_reg.__version__}"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = commands.add_parser(
        "demo",
        help="compare Lasso, Ridge and ElasticNet with scikit-learn's on small datasets",
        description=(
            "Fit sklearn_reg's Lasso, Ridge and ElasticNet and scikit-learn's estimators with the "
            "same alpha (chosen by cross-validation on an 80/20 training split) on three "
            "datasets: the classic one-feature make_regression data, 50 correlated "
            "features, and the diabetes data shipped with scikit-learn. Prints a table of test "
            "MSE, non-zero coefficients, coefficient difference and fit time on stdout and, if "
            "matplotlib is installed, writes lasso_path.png and lasso_cv.png."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the plots (default: a new sklearn_reg_demo_<timestamp> folder here)",
    )
    demo.add_argument("-q", "--quiet", action="store_true", help="print nothing but the table")
    demo.set_defaults(handler=run_demo)
    return parser


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
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
