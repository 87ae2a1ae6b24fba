"""``Ridge``: a drop-in for scikit-learn's class, by closed form or the CD engine."""

from contextlib import nullcontext
from typing import NamedTuple

import numpy as np
from scipy import linalg, sparse
from sklearn import config_context
from sklearn.utils import assert_all_finite

from ._base import RegularizedRegressor, solve_targets
from ._data import gram as _gram
from ._data import prepare
from ._params import Boolean, Integer, Options, RandomState, Real
from ._ridge_cg import solve_sparse_cg
from ._ridge_direct import solve_dense, solve_shifted

# Every solver name scikit-learn accepts, mapped to what solves it here.
SOLVER_MAP = {
    "auto": "auto",
    "cd": "cd",
    "cholesky": "cholesky",
    "svd": "svd",
    "lsqr": "sparse_cg",
    "sparse_cg": "sparse_cg",
    "sag": "cd",
    "saga": "cd",
    "lbfgs": "cd",
}

# Largest p for which a sparse problem is solved through its dense p x p Gram.
_SPARSE_GRAM_MAX_FEATURES = 2000


def _solve_cholesky(problem, alphas):
    """Normal equations on ``Z^T Z`` of a prepared problem (sparse X with
    few features: the p x p Gram is formed without densifying X)."""
    K, rhs = _gram(problem)
    return solve_shifted(K, alphas, rhs).T.astype(problem.y.dtype, copy=False)


def _solve_conjugate_gradient(problem, alphas, tol, max_iter):
    """scikit-learn's ``sparse_cg`` on a dense prepared problem: scipy's
    unpreconditioned ``cg`` on the n x n dual system when p > n, else on
    the p x p primal one, to a relative residual of ``tol``."""
    from scipy.sparse.linalg import LinearOperator, cg

    Z, t = problem.X, problem.y
    n, p = Z.shape
    dual = p > n
    coef = np.empty((t.shape[1], p), dtype=t.dtype)
    n_iters = []
    for k in range(t.shape[1]):
        a = float(alphas[k])
        if dual:
            A = LinearOperator((n, n), matvec=lambda v, a=a: Z @ (Z.T @ v) + a * v, dtype=np.float64)
            b = t[:, k].astype(np.float64)
        else:
            A = LinearOperator((p, p), matvec=lambda v, a=a: Z.T @ (Z @ v) + a * v, dtype=np.float64)
            b = (Z.T @ t[:, k]).astype(np.float64)
        steps = [0]
        x, _ = cg(A, b, rtol=tol, atol=0.0, maxiter=max_iter,
                  callback=lambda _: steps.__setitem__(0, steps[0] + 1))
        coef[k] = Z.T @ x if dual else x
        n_iters.append(max(steps[0], 1))
    return coef, n_iters


class _Offsets(NamedTuple):
    """What ``_set_fitted`` reads of a problem (the intercept is
    ``y_offset - coef @ x_offset``), for the dense direct path."""
    x_offset: np.ndarray
    y_offset: np.ndarray


def _solve_svd(problem, alphas):
    U, s, Vt = linalg.svd(problem.X, full_matrices=False)
    Uty = U.T @ problem.y
    coef = np.empty((problem.y.shape[1], Vt.shape[1]), dtype=problem.y.dtype)
    for k in range(problem.y.shape[1]):
        d = np.zeros_like(s)
        nz = s > s[0] * np.finfo(s.dtype).eps * max(problem.X.shape) if s.size else s > 0
        d[nz] = s[nz] / (s[nz] ** 2 + alphas[k])
        coef[k] = Vt.T @ (d * Uty[:, k])
    return coef


class Ridge(RegularizedRegressor):
    r"""Linear least squares with an L2 penalty.

    A drop-in for :class:`sklearn.linear_model.Ridge`: same parameters,
    defaults, objective and fitted attributes. Minimizes

    .. math::

        \sum_i s_i (y_i - x_i^\top w - b)^2 + \alpha \|w\|_2^2

    (sample weights not rescaled, as in scikit-learn). The textbook L2 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \frac{\lambda}{2}\sum w^2` on
    :math:`m` samples is ``Ridge(alpha=m·λ)``, or equivalently
    ``ElasticNet(alpha=λ, l1_ratio=0)``.

    Parameters
    ----------
    alpha : float or ndarray of shape (n_targets,), default=1.0
        Regularization strength; one value per target is allowed.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    copy_X : bool, default=True
        If False, dense X already in Fortran order may be centred in place.
    max_iter : int, default=None
        Maximum number of coordinate-descent epochs (1000 when None), or of
        conjugate-gradient iterations (no limit when None).
    tol : float, default=1e-4
        For coordinate descent: stop when the duality gap is at most
        ``tol * ||y - mean(y)||^2`` in the objective above (scaled by the
        sample count as in :class:`ElasticNet`). For the conjugate gradient,
        scikit-learn's meaning for ``"sparse_cg"``: stop when the residual
        norm of the linear system solved is at most ``tol`` times that of
        its right-hand side. Direct solvers are exact.
    solver : {"auto", "cd", "cholesky", "svd", "lsqr", "sparse_cg", "sag", "saga", "lbfgs"}, default="auto"
        ``"auto"`` uses coordinate descent when ``positive=True``, the
        conjugate gradient on the (implicitly centred) normal equations for
        sparse X with more than 2000 features, and otherwise a direct
        Cholesky solve (on ``X^T X`` when p <= n, on ``X X^T`` when p > n;
        dense X is never copied). ``"cholesky"`` and ``"svd"`` are direct
        solvers (``"svd"`` needs dense X; sparse X falls back to Cholesky).
        ``"sparse_cg"`` and ``"lsqr"`` use the conjugate gradient as
        scikit-learn's ``"sparse_cg"`` does (unpreconditioned, on the
        n x n system ``X X^T + alpha I`` when p > n, else on
        ``X^T X + alpha I``); ``"cd"`` forces the coordinate-descent engine,
        and scikit-learn's ``"sag"``, ``"saga"`` and ``"lbfgs"`` are mapped
        to it.
    positive : bool, default=False
        Constrain coefficients to be non-negative (solved by coordinate
        descent with any solver).
    random_state : int, RandomState instance or None, default=None
        Accepted for compatibility; coordinate descent here is cyclic.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept.
    n_iter_ : ndarray of shape (n_targets,)
        Coordinate-descent epochs or conjugate-gradient iterations per
        target; 1 for a direct solve.
    solver_ : str
        The solver actually used: ``"cholesky"``, ``"svd"``, ``"sparse_cg"``
        or ``"cd"``.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import Ridge
    >>> X, y = make_regression(n_features=5, random_state=0)
    >>> Ridge(alpha=1.0).fit(X, y).coef_.shape
    (5,)
    """

    _param_table = {
        "alpha": Real(0, None, "left", allow_array=True),
        "fit_intercept": Boolean(),
        "copy_X": Boolean(),
        "max_iter": Integer(1, allow_none=True),
        "tol": Real(0, None, "left"),
        "solver": Options(*SOLVER_MAP),
        "positive": Boolean(),
        "random_state": RandomState(),
    }

    def __init__(self, alpha=1.0, *, fit_intercept=True, copy_X=True,
                 max_iter=None, tol=1e-4, solver="auto", positive=False,
                 random_state=None):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.positive = positive
        self.random_state = random_state

    def _choose_solver(self, X):
        solver = SOLVER_MAP[self.solver]
        if self.positive:
            return "cd"
        if solver == "svd" and sparse.issparse(X):
            return "cholesky"
        if solver == "auto":
            if sparse.issparse(X) and X.shape[1] > _SPARSE_GRAM_MAX_FEATURES:
                return "sparse_cg"
            return "cholesky"
        return solver

    def fit(self, X, y, sample_weight=None):
        """Fit the ridge model.

        Parameters
        ----------
        X : {ndarray, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Target values.
        sample_weight : float or ndarray of shape (n_samples,), default=None
            Individual weights for each sample.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        if sample_weight is not None and np.isscalar(sample_weight):
            # unlike the elastic net's, Ridge's weights are not normalized:
            # a constant weight rescales the data term against the penalty
            sample_weight = np.full(np.shape(X)[0], sample_weight, dtype=np.float64)
        # Dense X on the direct path is checked for NaN and infinity by the
        # solver, from the Gram matrix it forms anyway: one pass less over X.
        deferred = not sparse.issparse(X)
        with config_context(assume_finite=True) if deferred else nullcontext():
            X, y, sample_weight = self._validate_fit_input(X, y, sample_weight)
        self.solver_ = self._choose_solver(X)
        direct = self.solver_ == "cholesky" and not sparse.issparse(X)
        if deferred and not direct:
            self._check_finite(X, y, x_finite=False)
        n_samples = X.shape[0]
        Y = y.reshape(n_samples, -1)
        n_targets = Y.shape[1]
        alpha = np.asarray(self.alpha, dtype=np.float64).ravel()
        if alpha.size == 1:
            alpha = np.repeat(alpha, n_targets)
        elif alpha.size != n_targets:
            raise ValueError(
                "Number of targets and number of penalties do not correspond: "
                f"{alpha.size} != {n_targets}"
            )
        with np.errstate(over="ignore", invalid="ignore"):
            # overflow from extreme inputs surfaces as one clear error below
            if direct:
                # dense X never goes through prepare(): no centred copy of X
                coef, intercept = solve_dense(
                    X, Y, sample_weight, self.fit_intercept, alpha,
                    check_finite=lambda x_finite: self._check_finite(X, y, x_finite))
                coef = coef.astype(X.dtype)
                problem = _Offsets(np.zeros(X.shape[1], X.dtype), intercept.astype(X.dtype))
                n_iters = [1] * n_targets
            else:
                problem = prepare(X, y, sample_weight, self.fit_intercept, self.copy_X)
                # prepare() rescales the weights to sum to n; rescale alpha with them
                weight_sum = n_samples if sample_weight is None else float(sample_weight.sum())
                coef, n_iters = self._solve(problem, alpha * n_samples / weight_sum, n_targets)
        self._set_fitted(problem, coef, n_targets == 1, np.ndim(y) == 1)
        self.n_iter_ = np.asarray(n_iters, dtype=np.int32)
        return self

    def _check_finite(self, X, y, x_finite):
        """scikit-learn's validation of NaN and infinity in ``X`` (unless
        ``x_finite``) and ``y``, with its messages, deferred by ``fit``."""
        name = type(self).__name__
        if not x_finite:
            assert_all_finite(X, input_name="X", estimator_name=name)
        assert_all_finite(y, input_name="y", estimator_name=name)

    def _solve(self, problem, l2, n_targets):
        if self.solver_ == "cd":
            coef, _, n_iters = solve_targets(
                problem, np.zeros(n_targets), l2, None, None,
                positive=self.positive,
                max_iter=1000 if self.max_iter is None else self.max_iter,
                tol=self.tol, selection="cyclic", random_state=0,
            )
        elif self.solver_ == "svd":
            coef, n_iters = _solve_svd(problem, l2), [1] * n_targets
        elif self.solver_ == "sparse_cg":
            if isinstance(problem.X, tuple):
                coef, n_iters = solve_sparse_cg(problem.X, problem.y, l2, self.tol, self.max_iter)
                coef = coef.astype(problem.y.dtype, copy=False)
            else:
                coef, n_iters = _solve_conjugate_gradient(problem, l2, self.tol, self.max_iter)
        else:
            coef, n_iters = _solve_cholesky(problem, l2), [1] * n_targets
        return coef, n_iters
