"""What is fitted, by which library, and how each solution is judged.

A :class:`Task` turns ``(library, dataset)`` into a zero-argument ``fit``
callable (all set-up, such as centring the data or building the alpha grid,
happens before, outside the timings) that returns a :class:`Solution`. Every
solution is then scored by the same :func:`primal_objective`, whatever library
produced it, so a solver that stops early shows up as a larger objective.
"""

import importlib
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

TOL = 1e-4  # the same duality-gap tolerance (scikit-learn's default) for every library
RIDGECV_ALPHAS = np.logspace(-3, 3, 20)
ENET_L1_RATIO = 0.5
N_PATH_ALPHAS = 100
PATH_EPS = 1e-3
N_FOLDS = 5

LIBRARIES = ("ours", "sklearn", "skglm", "celer")
LIBRARY_LABELS = {"ours": "sklearn_reg", "sklearn": "scikit-learn", "skglm": "skglm", "celer": "celer"}


class Skip(Exception):
    """This library cannot run this task (the message says why)."""


def primal_objective(X, y, coef, intercept, alpha, l1_ratio):
    """The elastic-net primal objective at ``(coef, intercept)``, in float64::

        1/(2n) ||y - X coef - intercept||^2 + alpha * l1_ratio * ||coef||_1
            + alpha * (1 - l1_ratio) / 2 * ||coef||^2

    Lasso is ``l1_ratio=1``; scikit-learn's Ridge objective
    ``||y - Xw - b||^2 + a ||w||^2`` is this one with ``alpha = a / n`` and
    ``l1_ratio = 0``, divided by ``2n``.
    """
    coef = np.asarray(coef, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64)
    if sparse.issparse(X):
        pred = np.asarray(X @ coef).ravel()
    else:
        pred = X.astype(np.float64, copy=False) @ coef
    r = y - pred - float(np.ravel(np.asarray(intercept, dtype=np.float64))[0])
    n = y.shape[0]
    return (0.5 * float(r @ r) / n + alpha * l1_ratio * float(np.abs(coef).sum())
            + 0.5 * alpha * (1.0 - l1_ratio) * float(coef @ coef))


def accuracy_slack(y, tol=TOL):
    """How much larger our objective may be before a row is marked less
    accurate: ``tol * ||y - mean(y)||^2 / (2n)``."""
    y = np.asarray(y, dtype=np.float64)
    yc = y - y.mean()
    return tol * float(yc @ yc) / (2 * y.shape[0])


@dataclass
class Solution:
    """What a fit returned, enough to evaluate its objective."""
    coef: np.ndarray  # (p,), or (n_alphas, p) for a path
    intercept: float
    alphas: np.ndarray  # the alpha(s) the objective is evaluated at (elastic-net units)
    l1_ratio: float
    centred: bool = False  # solved on the centred data without intercept (paths)
    notes: list = field(default_factory=list)


# ---------------------------------------------------------------------------
# Libraries: imported lazily, so that a missing optional one is only a skip.


def load(lib):
    """The library's module(s), or raise :class:`Skip`."""
    try:
        if lib == "ours":
            import sklearn_reg
            return sklearn_reg
        if lib == "sklearn":
            from sklearn import linear_model
            return linear_model
        return importlib.import_module(lib)
    except Exception as exc:  # an optional library that is absent or broken
        raise Skip(f"{lib} does not import: {type(exc).__name__}: {exc}") from None


def available(lib):
    try:
        load(lib)
        return True
    except Skip:
        return False


def version(lib):
    mod = {"ours": "sklearn_reg", "sklearn": "sklearn"}.get(lib, lib)
    try:
        return importlib.import_module(mod).__version__
    except Exception:
        return None


def _ours_ridge_cv():
    import sklearn_reg
    if hasattr(sklearn_reg, "RidgeCV"):
        return sklearn_reg.RidgeCV
    try:  # implemented but not yet exported
        from sklearn_reg._ridge_cv import RidgeCV
        return RidgeCV
    except ImportError:
        raise Skip("sklearn_reg has no RidgeCV") from None


def _nnz(coef):
    return f"nnz={int(np.count_nonzero(coef))}"


def _iters(model):
    n_iter = getattr(model, "n_iter_", None)
    if n_iter is None:
        return []
    n_iter = np.ravel(n_iter)
    return [f"n_iter={int(n_iter.sum())}"] if n_iter.size else []


# ---------------------------------------------------------------------------
# Tasks


@dataclass
class Task:
    key: str  # unique id of the row group (used by the memory child processes)
    group: str  # what --only selects
    title: str
    datasets: tuple
    libraries: tuple
    builder: object  # builder(lib, data) -> fit() -> Solution
    skips: dict = field(default_factory=dict)  # (dataset or "*", lib or "*") -> reason
    comparable: object = None  # comparable(solutions) -> reason or None


def _single_fit(estimator_name, l1_ratio, divisor):
    def builder(lib, data):
        mod = load(lib)
        alpha = data.alpha_max(l1_ratio) / divisor
        cls = getattr(mod, estimator_name, None)
        if cls is None:
            raise Skip(f"{lib} has no {estimator_name}")
        params = dict(alpha=alpha, tol=TOL, fit_intercept=True)
        if estimator_name == "ElasticNet":
            params["l1_ratio"] = l1_ratio
        X, y = data.X, data.y

        def fit():
            model = cls(**params).fit(X, y)
            return Solution(model.coef_, model.intercept_, np.array([alpha]), l1_ratio,
                            notes=[_nnz(model.coef_)] + _iters(model))
        return fit
    return builder


def _path_alphas(data):
    top = data.alpha_max()
    return np.geomspace(top, top * PATH_EPS, N_PATH_ALPHAS)


def _path_builder(lib, data):
    Xc, yc = data.centred()
    alphas = _path_alphas(data)
    if lib in ("ours", "sklearn"):
        path = load(lib).lasso_path

        def fit():
            _, coefs, _ = path(Xc, yc, alphas=alphas, tol=TOL)
            return Solution(coefs.T, 0.0, alphas, 1.0, centred=True,
                            notes=[f"nnz at the end={int(np.count_nonzero(coefs[:, -1]))}"])
        return fit
    if lib == "celer":
        load("celer")
        from celer.homotopy import celer_path

        def fit():
            _, coefs, _ = celer_path(Xc, yc, "lasso", alphas=alphas, tol=TOL)
            return Solution(coefs.T, 0.0, alphas, 1.0, centred=True,
                            notes=["celer_path", f"nnz at the end={int(np.count_nonzero(coefs[:, -1]))}"])
        return fit
    if lib == "skglm":
        skglm = load("skglm")

        def fit():
            model = skglm.Lasso(alpha=alphas[0], tol=TOL, fit_intercept=False, warm_start=True)
            coefs = np.empty((alphas.size, Xc.shape[1]))
            for i, a in enumerate(alphas):
                model.alpha = a
                coefs[i] = model.fit(Xc, yc).coef_
            return Solution(coefs, 0.0, alphas, 1.0, centred=True,
                            notes=["warm-started Lasso per alpha",
                                   f"nnz at the end={int(np.count_nonzero(coefs[-1]))}"])
        return fit
    raise Skip(f"no path for {lib}")


def _lassocv_builder(lib, data):
    from sklearn.model_selection import KFold

    if lib == "ours":
        cls = load("ours").LassoCV
    elif lib == "sklearn":
        cls = load("sklearn").LassoCV
    elif lib == "celer":
        cls = load("celer").LassoCV
    else:
        raise Skip(f"no LassoCV for {lib}")
    kfold = KFold(N_FOLDS)  # one splitter object for every library: the same folds
    X, y = data.X, data.y
    top = data.alpha_max()

    def fit():
        model = cls(cv=kfold, tol=TOL).fit(X, y)
        return Solution(model.coef_, model.intercept_, np.array([model.alpha_]), 1.0,
                        notes=[f"alpha_/alpha_max={model.alpha_ / top:.4g}", _nnz(model.coef_)])
    return fit


def _lassocv_comparable(solutions):
    chosen = {lib: float(s.alphas[0]) for lib, s in solutions.items()}
    ref = chosen.get("ours")
    if ref is not None and any(not np.isclose(a, ref, rtol=1e-9) for a in chosen.values()):
        return "libraries chose different alpha_: objectives not compared"
    return None


def _ridge_builder(lib, data):
    if lib not in ("ours", "sklearn"):
        raise Skip(f"no Ridge for {lib}")
    cls = load(lib).Ridge
    X, y = data.X, data.y
    n = X.shape[0]

    def fit():
        model = cls(alpha=1.0, tol=TOL).fit(X, y)
        notes = []
        solver = getattr(model, "solver_", None)
        if solver is not None:
            notes.append(f"solver_={solver}")
        return Solution(model.coef_, model.intercept_, np.array([1.0 / n]), 0.0, notes=notes + _iters(model))
    return fit


def _ridgecv_builder(lib, data):
    if lib == "ours":
        cls = _ours_ridge_cv()
    elif lib == "sklearn":
        cls = load("sklearn").RidgeCV
    else:
        raise Skip(f"no RidgeCV for {lib}")
    X, y = data.X, data.y
    n = X.shape[0]

    def fit():
        model = cls(alphas=RIDGECV_ALPHAS).fit(X, y)
        alpha = float(np.ravel(model.alpha_)[0])
        return Solution(model.coef_, model.intercept_, np.array([alpha / n]), 0.0,
                        notes=[f"alpha_={alpha:.4g}"])
    return fit


def _ridgecv_comparable(solutions):
    chosen = {lib: float(s.alphas[0]) for lib, s in solutions.items()}
    if len({round(np.log10(a), 9) for a in chosen.values()}) > 1:
        return "libraries chose different alpha_: objectives not compared"
    return None


_DENSE_AND_SPARSE = ("diabetes", "dense-tall", "dense-wide", "sparse")
_ALL_CD = ("ours", "sklearn", "skglm", "celer")
_NO_RIDGE = {("*", "skglm"): "skglm has no Ridge estimator (only an L2 penalty in its generic estimator)",
             ("*", "celer"): "celer has no Ridge estimator"}

TASKS = (
    Task("lasso-a10", "lasso", "Lasso, alpha_max/10", _DENSE_AND_SPARSE + ("dense-tall-f32",), _ALL_CD,
         _single_fit("Lasso", 1.0, 10)),
    Task("lasso-a100", "lasso", "Lasso, alpha_max/100", _DENSE_AND_SPARSE, _ALL_CD,
         _single_fit("Lasso", 1.0, 100)),
    Task("enet", "enet", f"ElasticNet(l1_ratio={ENET_L1_RATIO}), alpha_max/10", _DENSE_AND_SPARSE, _ALL_CD,
         _single_fit("ElasticNet", ENET_L1_RATIO, 10)),
    Task("path", "path", f"lasso_path, {N_PATH_ALPHAS} alphas down to alpha_max/{1 / PATH_EPS:g}",
         _DENSE_AND_SPARSE, _ALL_CD, _path_builder),
    Task("lassocv", "lassocv", f"LassoCV, KFold({N_FOLDS}), 100 alphas", _DENSE_AND_SPARSE, _ALL_CD,
         _lassocv_builder,
         skips={("*", "skglm"): "skglm's GeneralizedLinearEstimatorCV takes only an integer cv "
                                "(its own shuffled folds), not the shared KFold object"},
         comparable=_lassocv_comparable),
    Task("ridge", "ridge", "Ridge(alpha=1)", _DENSE_AND_SPARSE, _ALL_CD, _ridge_builder, skips=dict(_NO_RIDGE)),
    Task("ridgecv", "ridgecv", "RidgeCV(alphas=logspace(-3, 3, 20)), leave-one-out",
         _DENSE_AND_SPARSE, _ALL_CD, _ridgecv_builder,
         skips={**_NO_RIDGE,
                ("sparse", "*"): "leave-one-out on sparse X with p > n decomposes the dense n x n "
                                 "matrix X X^T (20000 x 20000 here): minutes for both libraries, "
                                 "no solver difference to see"},
         comparable=_ridgecv_comparable),
)
GROUPS = tuple(dict.fromkeys(t.group for t in TASKS)) + ("coldstart",)


def static_skip(task, dataset, lib):
    for key in ((dataset, lib), ("*", lib), (dataset, "*")):
        if key in task.skips:
            return task.skips[key]
    return None


def objectives(task, data, solution):
    """Objective value(s) of ``solution``: one per alpha (a path gives many)."""
    X, y = data.centred() if solution.centred else (data.X, data.y)
    coefs = np.atleast_2d(solution.coef)
    return np.array([primal_objective(X, y, c, solution.intercept, a, solution.l1_ratio)
                     for c, a in zip(coefs, solution.alphas)])


def quiet_fit(fit):
    """Run ``fit`` with warnings recorded, not printed; return (solution, warning names)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        solution = fit()
    names = sorted({w.category.__name__ for w in caught
                    if issubclass(w.category, (UserWarning, RuntimeWarning))})
    return solution, names
