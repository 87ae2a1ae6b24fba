"""``MCPRegressor`` and ``SCADRegressor``: non-convex penalties on the engine."""

import numpy as np

from ._base import RegularizedRegressor
from ._cd import MCP, SCAD
from ._data import prepare
from ._params import Boolean, Integer, PenaltyFactor, Real, check_penalty_factor
from ._path import solve_path

_COMMON = {
    "alpha": Real(0, None, "left"),
    "fit_intercept": Boolean(),
    "max_iter": Integer(1),
    "tol": Real(0, None, "left"),
    "positive": Boolean(),
    "warm_start": Boolean(),
    "copy_X": Boolean(),
    "penalty_factor": PenaltyFactor(),
}


class _NonConvexRegressor(RegularizedRegressor):
    """Fit: the Lasso at the same alpha, then coordinate descent on the
    non-convex penalty from there (each coordinate step is exact)."""

    _kind = None

    def fit(self, X, y, sample_weight=None):
        """Fit the model.

        Parameters
        ----------
        X : {ndarray, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights, rescaled internally to sum to ``n_samples``.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight)
        problem = prepare(X, y, sample_weight, self.fit_intercept, self.copy_X)
        n, p = X.shape
        n_targets = problem.y.shape[1]
        v = check_penalty_factor(self, self.penalty_factor, p, X.dtype)
        previous = None
        if self.warm_start and hasattr(self, "coef_"):
            previous = np.atleast_2d(self.coef_)
            if previous.shape != (n_targets, p):
                previous = None
        l1 = self.alpha * n
        coef = np.zeros((n_targets, p), dtype=problem.y.dtype)
        gaps = np.zeros(n_targets)
        n_iters = []
        common = dict(penalty_factor=v, positive=self.positive, max_iter=self.max_iter,
                      tol=self.tol)
        for k in range(n_targets):
            start, epochs = (None, 0) if previous is None else (previous[k], 0)
            if start is None:
                # the convex problem first: a good start for the non-convex one
                c, _, it = solve_path(problem, [l1], [0.0], target=k, **common)
                start, epochs = c[0], it[0]
            c, g, it = solve_path(problem, [l1], [0.0], target=k, coef_init=start,
                                  penalty=self._kind, gamma=self.gamma, **common)
            coef[k], gaps[k] = c[0], g[0]
            n_iters.append(epochs + it[0])
        squeeze = n_targets == 1
        self._set_fitted(problem, coef, squeeze, np.ndim(y) == 1)
        self.n_iter_ = n_iters[0] if squeeze else n_iters
        self.optimality_gap_ = gaps[0] if squeeze else gaps
        return self


_PARAMS_DOC = """
    Parameters
    ----------
    alpha : float, default=1.0
        Penalty strength :math:`\\lambda`.
    gamma : float, default={gamma}
        Concavity :math:`\\gamma` ({gamma_rule}); the larger, the closer to
        the Lasso.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    max_iter : int, default=1000
        Maximum number of epochs.
    tol : float, default=1e-4
        Stop when the objective decrease that exact steps on every
        coordinate could still make, summed, is at most
        ``tol * ||y - mean(y)||^2 / n`` (there is no duality gap for a
        non-convex penalty; this is its analogue in the same units).
    positive : bool, default=False
        Constrain coefficients to be non-negative.
    warm_start : bool, default=False
        Start from the previous ``coef_`` instead of the Lasso solution.
    copy_X : bool, default=True
        If False, dense X already in Fortran order may be centred in place.
    penalty_factor : array-like of shape (n_features,), default=None
        Per-feature factors multiplying :math:`\\lambda` (0: unpenalized).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept.
    n_iter_ : int or list of int
        Epochs run: the Lasso start plus the non-convex phase.
    optimality_gap_ : float or ndarray of shape (n_targets,)
        The stopping quantity at the solution (see ``tol``), divided by
        ``n_samples``.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.
"""


class MCPRegressor(_NonConvexRegressor):
    __doc__ = (r"""Linear regression with the minimax concave penalty (MCP).

    Minimizes

    .. math::

        \frac{1}{2n}\sum_i s_i (y_i - x_i^\top w - b)^2 + \sum_j P(w_j),
        \qquad P(t) = \begin{cases}
        \lambda |t| - \frac{t^2}{2\gamma} & |t| \le \gamma\lambda \\
        \frac{\gamma \lambda^2}{2} & |t| > \gamma\lambda
        \end{cases}

    (Zhang 2010): the Lasso's penalty near zero, flat for large
    coefficients, so large effects are not shrunk. Solved by coordinate
    descent started from the Lasso solution at the same ``alpha``, each
    coordinate step minimizing its one-dimensional problem exactly (firm
    thresholding). The problem is not convex: the result is a stationary
    point. Choose ``alpha`` (and ``gamma``) with
    :class:`~sklearn.model_selection.GridSearchCV` or
    :class:`~sklearn_reg.PathSearchCV`-style grids, e.g.
    ``GridSearchCV(MCPRegressor(), {"alpha": LassoCV().fit(X, y).alphas_})``.
""" + _PARAMS_DOC.format(gamma="3.0", gamma_rule="> 1") + """
    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import MCPRegressor
    >>> X, y = make_regression(n_samples=80, n_features=10, n_informative=3, random_state=0)
    >>> int((MCPRegressor(alpha=1.0).fit(X, y).coef_ != 0).sum())
    3
    """)

    _kind = MCP
    _param_table = {**_COMMON, "gamma": Real(1, None, "neither")}

    def __init__(self, alpha=1.0, *, gamma=3.0, fit_intercept=True, max_iter=1000, tol=1e-4,
                 positive=False, warm_start=False, copy_X=True, penalty_factor=None):
        self.alpha = alpha
        self.gamma = gamma
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive
        self.warm_start = warm_start
        self.copy_X = copy_X
        self.penalty_factor = penalty_factor


class SCADRegressor(_NonConvexRegressor):
    __doc__ = (r"""Linear regression with the smoothly clipped absolute deviation penalty.

    Minimizes

    .. math::

        \frac{1}{2n}\sum_i s_i (y_i - x_i^\top w - b)^2 + \sum_j P(w_j),
        \qquad P(t) = \begin{cases}
        \lambda |t| & |t| \le \lambda \\
        \frac{2\gamma\lambda|t| - t^2 - \lambda^2}{2(\gamma - 1)} & \lambda < |t| \le \gamma\lambda \\
        \frac{\lambda^2 (\gamma + 1)}{2} & |t| > \gamma\lambda
        \end{cases}

    (Fan and Li 2001). Solved as :class:`MCPRegressor`, from the Lasso
    solution, with exact coordinate steps; the result is a stationary
    point. Choose ``alpha`` with a grid search, as for :class:`MCPRegressor`.
""" + _PARAMS_DOC.format(gamma="3.7", gamma_rule="> 2") + """
    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import SCADRegressor
    >>> X, y = make_regression(n_samples=80, n_features=10, n_informative=3, random_state=0)
    >>> int((SCADRegressor(alpha=1.0).fit(X, y).coef_ != 0).sum())
    3
    """)

    _kind = SCAD
    _param_table = {**_COMMON, "gamma": Real(2, None, "neither")}

    def __init__(self, alpha=1.0, *, gamma=3.7, fit_intercept=True, max_iter=1000, tol=1e-4,
                 positive=False, warm_start=False, copy_X=True, penalty_factor=None):
        self.alpha = alpha
        self.gamma = gamma
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive
        self.warm_start = warm_start
        self.copy_X = copy_X
        self.penalty_factor = penalty_factor
