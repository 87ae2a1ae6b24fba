"""``ElasticNet`` and ``Lasso``: drop-ins for scikit-learn's classes."""

import warnings

import numpy as np
from scipy import sparse
from sklearn.utils.validation import check_is_fitted

from ._base import RegularizedRegressor, solve_targets
from ._data import prepare, use_gram, with_gram
from ._params import (Anything, Boolean, Bounds, Integer, Options, PenaltyFactor, RandomState,
                      Real, check_bounds, check_penalty_factor)

_ENET_PARAMS = {
    "alpha": Real(0, None, "left"),
    "l1_ratio": Real(0, 1, "both"),
    "fit_intercept": Boolean(),
    "precompute": Anything(),
    "max_iter": Integer(1),
    "copy_X": Boolean(),
    "tol": Real(0, None, "left"),
    "warm_start": Boolean(),
    "positive": Boolean(),
    "random_state": RandomState(),
    "selection": Options("cyclic", "random"),
    "penalty_factor": PenaltyFactor(),
    "lower_bounds": Bounds(),
    "upper_bounds": Bounds(),
}


class ElasticNet(RegularizedRegressor):
    r"""Linear regression with combined L1 and L2 priors, by coordinate descent.

    A drop-in for :class:`sklearn.linear_model.ElasticNet`: same parameters,
    defaults, objective and fitted attributes. Minimizes

    .. math::

        \frac{1}{2 n} \sum_i s_i (y_i - x_i^\top w - b)^2
        + \alpha \rho \|w\|_1 + \frac{\alpha (1 - \rho)}{2} \|w\|_2^2

    with :math:`\rho` = ``l1_ratio`` and the sample weights :math:`s`
    rescaled to sum to :math:`n`. The textbook L2 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \frac{\lambda}{2}\sum w^2` is
    ``ElasticNet(alpha=λ, l1_ratio=0)``; with ``l1_ratio=1`` this is
    :class:`Lasso`.

    Parameters
    ----------
    alpha : float, default=1.0
        Constant that multiplies the penalty terms.
    l1_ratio : float, default=0.5
        Mixing parameter :math:`\rho \in [0, 1]`; 1 is the lasso, 0 ridge.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept. Dense X is centred in a
        copy; sparse X is centred implicitly and never densified.
    precompute : bool, "auto" or array-like, default=False
        Solve on the Gram matrix ``X^T X`` (each update then costs
        O(n_features)); "auto" does when ``n_samples > n_features``. A given
        array is taken as True and recomputed to match the centring.
    max_iter : int, default=1000
        Maximum number of epochs (passes over the features).
    copy_X : bool, default=True
        If False, dense X already in Fortran order of the right dtype may be
        centred in place.
    tol : float, default=1e-4
        Stop when the duality gap is at most ``tol * ||y - mean(y)||^2 / n``
        (scikit-learn's meaning).
    warm_start : bool, default=False
        Start from the previous ``coef_``.
    positive : bool, default=False
        Constrain coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate order when ``selection="random"``.
    selection : {"cyclic", "random"}, default="cyclic"
        Visit coordinates in order or at random.
    penalty_factor : array-like of shape (n_features,), default=None
        Beyond scikit-learn (glmnet's ``penalty.factor``): feature ``j``'s
        penalty is multiplied by ``penalty_factor[j]``; 0 leaves it
        unpenalized. None is all ones, scikit-learn's model. Unlike glmnet,
        the factors are not rescaled to sum to ``n_features``.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), default=None
        Beyond scikit-learn: box constraints ``lower <= coef_ <= upper``
        (``-inf``/``inf`` for none), generalizing ``positive`` (which is
        ``lower_bounds=0``). Infeasible bounds raise a ValueError. Solved by
        clipped coordinate steps, certified by the Fenchel duality gap of the
        constrained problem.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients.
    sparse_coef_ : sparse matrix of shape (1, n_features) or (n_targets, n_features)
        Sparse representation of ``coef_``.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept.
    n_iter_ : int or list of int
        Epochs run by the solver, per target.
    dual_gap_ : float or ndarray of shape (n_targets,)
        Duality gap of the solution on the ``1/(2n)`` objective.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import ElasticNet
    >>> X, y = make_regression(n_features=5, random_state=0)
    >>> ElasticNet(alpha=0.1).fit(X, y).coef_.shape
    (5,)
    """

    _param_table = _ENET_PARAMS

    def __init__(self, alpha=1.0, *, l1_ratio=0.5, fit_intercept=True,
                 precompute=False, max_iter=1000, copy_X=True, tol=1e-4,
                 warm_start=False, positive=False, random_state=None,
                 selection="cyclic", penalty_factor=None, lower_bounds=None,
                 upper_bounds=None):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.copy_X = copy_X
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection
        self.penalty_factor = penalty_factor
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds

    def _mixing(self):
        return self.l1_ratio

    def fit(self, X, y, sample_weight=None, check_input=True):
        """Fit the model by coordinate descent.

        Parameters
        ----------
        X : {ndarray, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights, rescaled internally to sum to ``n_samples``.
        check_input : bool, default=True
            Accepted for compatibility; input is always validated.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight)
        if self.alpha == 0:
            warnings.warn(
                "With alpha=0, this algorithm does not converge well. You are "
                "advised to use the LinearRegression estimator",
                stacklevel=2,
            )
        problem = prepare(X, y, sample_weight, self.fit_intercept, self.copy_X)
        if use_gram(self.precompute, X):
            problem = with_gram(problem)
        n_targets = problem.y.shape[1]
        coef_init = None
        if self.warm_start and hasattr(self, "coef_"):
            coef_init = np.atleast_2d(self.coef_)
            if coef_init.shape != (n_targets, X.shape[1]):
                coef_init = None
        rho = self._mixing()
        n = problem.n_samples
        l1 = [self.alpha * rho * n] * n_targets
        l2 = [self.alpha * (1.0 - rho) * n] * n_targets
        v = check_penalty_factor(self, self.penalty_factor, X.shape[1], X.dtype)
        lower, upper = check_bounds(self, self.lower_bounds, self.upper_bounds, X.shape[1])
        coef, gaps, n_iters = solve_targets(
            problem, l1, l2, v, coef_init,
            positive=self.positive, max_iter=self.max_iter, tol=self.tol,
            selection=self.selection, random_state=self.random_state,
            lower=lower, upper=upper,
        )
        squeeze = n_targets == 1
        self._set_fitted(problem, coef, squeeze, squeeze_intercept=np.ndim(y) == 1)
        self.n_iter_ = n_iters[0] if squeeze else n_iters
        self.dual_gap_ = gaps[0] if squeeze else gaps
        return self

    @property
    def sparse_coef_(self):
        """Sparse representation of the fitted ``coef_``."""
        check_is_fitted(self)
        return sparse.csr_matrix(np.atleast_2d(self.coef_))


class Lasso(ElasticNet):
    r"""Linear regression with an L1 penalty, by coordinate descent.

    A drop-in for :class:`sklearn.linear_model.Lasso`. Minimizes

    .. math::

        \frac{1}{2 n} \sum_i s_i (y_i - x_i^\top w - b)^2 + \alpha \|w\|_1,

    which is the textbook L1 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \lambda\sum|w|` with ``alpha=λ``.
    It is :class:`ElasticNet` with ``l1_ratio=1``.

    Parameters
    ----------
    alpha : float, default=1.0
        Constant that multiplies the L1 term.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    precompute : bool, "auto" or array-like, default=False
        Solve on the Gram matrix ``X^T X``, as for :class:`ElasticNet`.
    copy_X : bool, default=True
        If False, dense X already in Fortran order may be centred in place.
    max_iter : int, default=1000
        Maximum number of epochs.
    tol : float, default=1e-4
        Stop when the duality gap is at most ``tol * ||y - mean(y)||^2 / n``.
    warm_start : bool, default=False
        Start from the previous ``coef_``.
    positive : bool, default=False
        Constrain coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate order when ``selection="random"``.
    selection : {"cyclic", "random"}, default="cyclic"
        Visit coordinates in order or at random.
    penalty_factor : array-like of shape (n_features,), default=None
        Beyond scikit-learn (glmnet's ``penalty.factor``): feature ``j``'s
        penalty is multiplied by ``penalty_factor[j]``; 0 leaves it
        unpenalized. None is all ones, scikit-learn's model. Unlike glmnet,
        the factors are not rescaled to sum to ``n_features``.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), default=None
        Beyond scikit-learn: box constraints ``lower <= coef_ <= upper``
        (``-inf``/``inf`` for none), generalizing ``positive`` (which is
        ``lower_bounds=0``). Infeasible bounds raise a ValueError. Solved by
        clipped coordinate steps, certified by the Fenchel duality gap of the
        constrained problem.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients.
    sparse_coef_ : sparse matrix of shape (1, n_features) or (n_targets, n_features)
        Sparse representation of ``coef_``.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept.
    n_iter_ : int or list of int
        Epochs run by the solver, per target.
    dual_gap_ : float or ndarray of shape (n_targets,)
        Duality gap of the solution on the ``1/(2n)`` objective.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import Lasso
    >>> X, y = make_regression(n_features=5, n_informative=2, random_state=0)
    >>> Lasso(alpha=1.0).fit(X, y).coef_.shape
    (5,)
    """

    _param_table = {k: v for k, v in _ENET_PARAMS.items() if k != "l1_ratio"}

    def __init__(self, alpha=1.0, *, fit_intercept=True, precompute=False,
                 copy_X=True, max_iter=1000, tol=1e-4, warm_start=False,
                 positive=False, random_state=None, selection="cyclic",
                 penalty_factor=None, lower_bounds=None, upper_bounds=None):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection
        self.penalty_factor = penalty_factor
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds

    def _mixing(self):
        return 1.0
