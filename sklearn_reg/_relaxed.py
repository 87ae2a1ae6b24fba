"""``RelaxedLasso`` and ``RelaxedLassoCV``: glmnet's ``relax=TRUE``.

The Lasso chooses the features; an unpenalized least-squares fit on them
removes the shrinkage; ``gamma`` mixes the two. Both classes use the public
:class:`~sklearn_reg.Lasso` and the path functions of :mod:`sklearn_reg._cv`:
no coordinate-descent loop of their own.
"""

import numbers
import sys

import numpy as np
from joblib import Parallel, delayed
from scipy import linalg, optimize, sparse
from sklearn.metrics import check_scoring
from sklearn.model_selection import check_cv

from ._base import LinearRegressorBase
from ._cv import cv_summary, path_on_problem, path_test_scores, split_problem
from ._data import gram, prepare
from ._linear import Lasso
from ._params import Anything, Boolean, Integer, Options, Real
from ._path import alpha_grid
from ._selection import RULES, best_index, mean_and_standard_error


def least_squares(X, y, sample_weight=None, fit_intercept=True, positive=False):
    """Weighted least squares with an unpenalized intercept, in float64.

    Minimizes ``sum_i s_i (y_i - x_i^T w - b)^2`` (``b = 0`` without
    intercept; ``w >= 0`` when ``positive``). Dense ``X`` is solved by
    ``lstsq`` on the centred, square-root weighted data (the minimum-norm
    solution when the columns are collinear) or by ``nnls``. Sparse ``X``
    with more rows than columns goes through the normal equations of its
    centred Gram matrix (never densified); with fewer rows, the dense copy
    is no larger than that Gram matrix and is solved as dense ``X``.
    ``positive`` needs dense ``X``. ``y`` may have several columns (not with
    ``positive``).

    Returns ``coef`` of shape ``(n_features,)`` or ``(n_features, n_targets)``
    and ``intercept`` (float or ``(n_targets,)``).
    """
    y = np.asarray(y, dtype=np.float64)
    n_features = X.shape[1]
    if sparse.issparse(X) and X.shape[0] <= X.shape[1]:
        X = X.toarray()
    if sparse.issparse(X):
        problem = prepare(X.astype(np.float64), y, sample_weight, fit_intercept)
        G, Zy = gram(problem)
        rhs = Zy if y.ndim == 2 else Zy[:, 0]
        # lstsq on the Gram matrix: the minimum-norm solution of the normal equations
        coef = linalg.lstsq(G, rhs, cond=max(G.shape) * np.finfo(np.float64).eps)[0]
        y_offset = problem.y_offset if y.ndim == 2 else problem.y_offset[0]
        return coef, y_offset - problem.x_offset.astype(np.float64) @ coef
    X = np.asarray(X, dtype=np.float64)
    s = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if fit_intercept:
        x_offset = np.average(X, axis=0, weights=s) if n_features else np.zeros(0)
        y_offset = np.average(y, axis=0, weights=s)
    else:
        x_offset = np.zeros(n_features)
        y_offset = np.zeros(y.shape[1:]) if y.ndim == 2 else 0.0
    Z, t = X - x_offset, y - y_offset
    if s is not None:
        root = np.sqrt(s)
        Z *= root[:, None]
        t = t * (root[:, None] if t.ndim == 2 else root)
    if n_features == 0:
        coef = np.zeros((0,) + y.shape[1:])
    elif positive:
        coef = optimize.nnls(Z, t)[0]
    else:
        coef = linalg.lstsq(Z, t, cond=max(Z.shape) * np.finfo(np.float64).eps)[0]
    intercept = y_offset - x_offset @ coef
    return coef, (float(intercept) if np.ndim(intercept) == 0 else intercept)


def relaxed_fit(X, y, sample_weight, support, *, fit_intercept, positive):
    """The unpenalized refit on the columns ``support`` of ``X``.

    Returns the full-length ``coef`` (zero off the support) and ``intercept``.
    The ``n_samples x len(support)`` submatrix of sparse ``X`` is densified
    (the support of a Lasso is small).
    """
    Xs = X[:, support]
    if sparse.issparse(Xs):
        Xs = Xs.toarray()
    coef_s, intercept = least_squares(Xs, y, sample_weight, fit_intercept, positive)
    coef = np.zeros(X.shape[1])
    coef[support] = coef_s
    return coef, intercept


def check_alphas(estimator):
    """Validate ``estimator.alphas``: an int >= 1, or non-negative finite floats."""
    alphas, name = estimator.alphas, type(estimator).__name__
    if isinstance(alphas, numbers.Integral) and not isinstance(alphas, bool):
        if alphas < 1:
            raise ValueError(f"The 'alphas' parameter of {name} must be an int >= 1 or an array of floats. Got {alphas!r}.")
        return int(alphas)
    try:
        grid = np.asarray(alphas, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise TypeError(f"The 'alphas' parameter of {name} must be an int or an array of floats. Got {alphas!r}.") from None
    if grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid < 0):
        raise ValueError(f"The 'alphas' parameter of {name} must hold non-negative finite floats. Got {alphas!r}.")
    return np.sort(grid)[::-1]


def _check_gammas(estimator):
    gammas, name = estimator.gammas, type(estimator).__name__
    try:
        grid = np.asarray(gammas, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise TypeError(f"The 'gammas' parameter of {name} must be an array of floats in [0, 1]. Got {gammas!r}.") from None
    if grid.size == 0 or not np.all(np.isfinite(grid)) or np.any((grid < 0) | (grid > 1)):
        raise ValueError(f"The 'gammas' parameter of {name} must hold floats in [0, 1]. Got {gammas!r}.")
    return np.unique(grid)  # sorted, increasing


_RELAXED_PARAMS = {
    "alpha": Real(0, None, "left"),
    "gamma": Real(0, 1, "both"),
    "fit_intercept": Boolean(),
    "max_iter": Integer(1),
    "tol": Real(0, None, "left"),
    "positive": Boolean(),
}


class RelaxedLasso(LinearRegressorBase):
    r"""The relaxed Lasso: Lasso selection, least-squares refit, and a mix.

    glmnet's ``relax=TRUE`` (Meinshausen 2007; Hastie, Tibshirani and
    Tibshirani 2020). First the Lasso at ``alpha``,

    .. math::

        \hat w^{\text{lasso}} = \arg\min_w \frac{1}{2S} \sum_i s_i
        (y_i - x_i^\top w - b)^2 + \alpha \|w\|_1 ,

    with support :math:`A = \{j : \hat w^{\text{lasso}}_j \neq 0\}`; then the
    unpenalized least-squares fit on :math:`A` (intercept included),

    .. math::

        \hat w^{\text{relax}} = \arg\min_{w:\, w_j = 0 \;\forall j \notin A}
        \sum_i s_i (y_i - x_i^\top w - b)^2 ,

    (subject to :math:`w \ge 0` when ``positive=True``, as glmnet's limits
    carry over to its relaxed fit); finally

    .. math::

        w = \gamma\, \hat w^{\text{lasso}} + (1 - \gamma)\, \hat w^{\text{relax}},
        \qquad b = \gamma\, \hat b^{\text{lasso}} + (1 - \gamma)\, \hat b^{\text{relax}} .

    This is glmnet's convention: ``gamma=1`` is the Lasso, ``gamma=0`` the
    fully relaxed fit (least squares on the Lasso's support). When the
    support has more columns than the centred data has rank, the refit is the
    minimum-norm least-squares solution.

    Parameters
    ----------
    alpha : float, default=1.0
        Strength of the selecting Lasso, in :class:`Lasso`'s units.
    gamma : float, default=0.0
        Weight :math:`\gamma \in [0, 1]` of the Lasso in the mix; 0 is the
        fully relaxed fit, 1 the Lasso.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept, in both fits.
    max_iter : int, default=1000
        Maximum number of epochs of the Lasso.
    tol : float, default=1e-4
        Duality-gap tolerance of the Lasso (scikit-learn's meaning).
    positive : bool, default=False
        Constrain the coefficients of both fits to be non-negative (the
        refit is then non-negative least squares).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The mixed coefficients :math:`w`.
    intercept_ : float
        The mixed intercept :math:`b` (0 when ``fit_intercept=False``).
    lasso_coef_ : ndarray of shape (n_features,)
        The Lasso's coefficients :math:`\hat w^{\text{lasso}}`.
    relaxed_coef_ : ndarray of shape (n_features,)
        The least-squares coefficients on the support,
        :math:`\hat w^{\text{relax}}`.
    support_ : ndarray of shape (n_features,), dtype=bool
        The Lasso's support :math:`A`.
    n_iter_ : int
        Epochs run by the Lasso; an all-zero start that the duality gap
        already certifies counts as one, as scikit-learn's solver always
        runs one epoch.
    dual_gap_ : float
        Duality gap of the Lasso.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    RelaxedLassoCV : The same model with ``alpha`` and ``gamma`` chosen by cross-validation.
    Lasso : The ``gamma=1`` end.

    References
    ----------
    N. Meinshausen, "Relaxed Lasso", Computational Statistics & Data
    Analysis 52(1), 2007. T. Hastie, R. Tibshirani and R. Tibshirani, "Best
    subset, forward stepwise or Lasso? Analysis and recommendations based on
    extensive comparisons", Statistical Science 35(4), 2020.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_reg import RelaxedLasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((50, 6))
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + 0.1 * rng.standard_normal(50)
    >>> model = RelaxedLasso(alpha=0.5).fit(X, y)
    >>> np.flatnonzero(model.coef_).tolist()
    [0, 1]
    >>> bool(abs(model.coef_[0] - 3) < abs(model.lasso_coef_[0] - 3))
    True
    """

    _param_table = _RELAXED_PARAMS

    def __init__(self, alpha=1.0, *, gamma=0.0, fit_intercept=True, max_iter=1000,
                 tol=1e-4, positive=False):
        self.alpha = alpha
        self.gamma = gamma
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive

    def fit(self, X, y, sample_weight=None):
        """Fit the Lasso, refit least squares on its support, mix.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights, in both fits.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight, multi_output=False)
        lasso = Lasso(alpha=self.alpha, fit_intercept=self.fit_intercept, max_iter=self.max_iter,
                      tol=self.tol, positive=self.positive).fit(X, y, sample_weight=sample_weight)
        support = lasso.coef_ != 0
        relaxed, relaxed_b = relaxed_fit(X, y, sample_weight, np.flatnonzero(support),
                                         fit_intercept=self.fit_intercept, positive=self.positive)
        g = self.gamma
        self.lasso_coef_ = lasso.coef_
        self.relaxed_coef_ = relaxed.astype(X.dtype)
        self.support_ = support
        self.coef_ = (g * lasso.coef_ + (1.0 - g) * relaxed).astype(X.dtype)
        self.intercept_ = (float(g * lasso.intercept_ + (1.0 - g) * relaxed_b)
                           if self.fit_intercept else 0.0)
        # a start certified optimal by the gap (all zeros) counts as one epoch, as in
        # scikit-learn, whose solver always runs at least one
        self.n_iter_, self.dual_gap_ = max(int(lasso.n_iter_), 1), lasso.dual_gap_
        return self


def choose_pair(mean, se, alphas, gammas, rule):
    """Indices ``(i_gamma, i_alpha)`` chosen from errors ``mean``, ``se`` of
    shape (n_gammas, n_alphas) (lower is better).

    ``"min"``: the smallest mean error; ``"1se"``: every pair within one
    standard error of that minimum qualifies. Either way, among the
    candidates (ties of the minimum, within the solver's round-off, for
    ``"min"``) the largest alpha wins, then the largest gamma, as glmnet's
    ``cv.glmnet(relax=TRUE)``.
    """
    mean, se = np.asarray(mean, dtype=np.float64), np.asarray(se, dtype=np.float64)
    pairs = [(g, a) for g in range(len(gammas)) for a in range(len(alphas))]
    order = sorted(range(len(pairs)),
                   key=lambda k: (-alphas[pairs[k][1]], -gammas[pairs[k][0]]))
    m = np.array([mean[pairs[k]] for k in order])
    best = best_index(m)  # the first of the ties: largest alpha, then largest gamma
    if rule == "1se":
        threshold = m[best] + se[pairs[order[best]]]
        best = int(np.flatnonzero(m <= threshold)[0])
    return pairs[order[best]]


_RELAXED_CV_PARAMS = {
    "eps": Real(0, None, "neither"),
    "alphas": Anything(),
    "gammas": Anything(),
    "fit_intercept": Boolean(),
    "precompute": Anything(),
    "max_iter": Integer(1),
    "tol": Real(0, None, "left"),
    "cv": Anything(),
    "verbose": Anything(),
    "n_jobs": Integer(-(2**31), allow_none=True),
    "positive": Boolean(),
    "rule": Options(*RULES),
    "scoring": Anything(),
}


class RelaxedLassoCV(LinearRegressorBase):
    r"""The relaxed Lasso with ``alpha`` and ``gamma`` chosen by cross-validation.

    The model is :class:`RelaxedLasso`'s: :math:`w = \gamma \hat
    w^{\text{lasso}}_\alpha + (1 - \gamma) \hat w^{\text{relax}}_\alpha`, the
    Lasso at ``alpha`` (objective :math:`\frac{1}{2S}\sum_i s_i (y_i -
    x_i^\top w - b)^2 + \alpha\|w\|_1`) mixed with the least-squares refit on
    its support. On each training fold the warm-started Lasso path is fitted
    once; for every alpha the refit on its support is one small least-squares
    solve (shared by consecutive alphas with the same support); every gamma
    is then a mix of two vectors already at hand, so the whole (alpha, gamma)
    grid costs one path and one refit per distinct support.

    The pair is chosen by ``rule``, as glmnet's ``cv.glmnet(relax=TRUE)``:
    ``"min"`` takes the smallest mean CV error; ``"1se"`` takes, among all
    pairs whose mean error is within one standard error (of the best pair) of
    the minimum, the largest alpha (the sparsest Lasso support), and among
    those the largest gamma (the most shrinkage). Ties of the minimum are
    broken the same way. The model is then refitted on all the data.

    Parameters
    ----------
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    alphas : int or array-like, default=100
        Number of alphas of the generated grid (from the smallest alpha
        zeroing every coefficient down to ``eps`` times it), or the alphas.
    gammas : array-like of float, default=(0, 0.25, 0.5, 0.75, 1.0)
        Mixing weights to try, each in [0, 1] (glmnet's default grid); 1 is
        the Lasso, 0 the fully relaxed fit.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept; done inside every fold.
    precompute : "auto", bool or array-like, default="auto"
        Solve each fold's Lasso path on its Gram matrix; "auto" does when
        the training fold has more samples than features.
    max_iter : int, default=1000
        Maximum number of epochs per alpha.
    tol : float, default=1e-4
        Duality-gap tolerance of the Lasso, scikit-learn's meaning.
    cv : int, cross-validation generator or iterable, default=None
        None is 5-fold, an int is k-fold, or any splitter.
    verbose : bool or int, default=False
        Report each finished fold on stderr.
    n_jobs : int, default=None
        Threads over folds; the engine releases the GIL.
    positive : bool, default=False
        Constrain the coefficients to be non-negative (the refits are then
        non-negative least squares).
    rule : {"min", "1se"}, default="min"
        How the pair is chosen; see above.
    scoring : str, callable or None, default=None
        Any scikit-learn scorer; None is mean squared error.

    Attributes
    ----------
    alpha_ : float
        The chosen alpha.
    gamma_ : float
        The chosen gamma.
    alpha_1se_ : float
        The alpha of the one-standard-error choice, whatever ``rule`` is.
    gamma_1se_ : float
        The gamma of the one-standard-error choice.
    alphas_ : ndarray of shape (n_alphas,)
        The grid of alphas, decreasing.
    gammas_ : ndarray of shape (n_gammas,)
        The grid of gammas, increasing.
    mse_path_ : ndarray of shape (n_gammas, n_alphas, n_folds)
        Test mean squared error of every fold.
    cv_results_ : dict of ndarray
        One entry per (gamma, alpha), gamma-major, as
        :class:`~sklearn.model_selection.GridSearchCV`: ``alpha``,
        ``gamma``, ``mean_test_score``, ``std_test_score``,
        ``std_error_test_score``, ``rank_test_score``,
        ``split<k>_test_score`` and ``n_nonzero`` (mean count of non-zero
        coefficients over folds). Scores are ``scoring``'s (negative MSE by
        default): higher is better.
    best_score_ : float
        Mean CV score of the chosen pair.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the final :class:`RelaxedLasso` fit.
    intercept_ : float
        Its intercept.
    lasso_coef_ : ndarray of shape (n_features,)
        The final Lasso's coefficients.
    relaxed_coef_ : ndarray of shape (n_features,)
        The final least-squares refit's coefficients.
    support_ : ndarray of shape (n_features,), dtype=bool
        The final Lasso's support.
    n_iter_ : int
        Epochs of the final Lasso.
    dual_gap_ : float
        Duality gap of the final Lasso.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    RelaxedLasso : The model at one (alpha, gamma).
    LassoCV : The ``gammas=[1]`` special case.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_reg import RelaxedLassoCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((80, 10))
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + rng.standard_normal(80)
    >>> model = RelaxedLassoCV(cv=4).fit(X, y)
    >>> model.cv_results_["mean_test_score"].shape
    (500,)
    >>> model.gamma_ in model.gammas_
    True
    """

    _param_table = _RELAXED_CV_PARAMS

    def __init__(self, *, eps=1e-3, alphas=100, gammas=(0.0, 0.25, 0.5, 0.75, 1.0),
                 fit_intercept=True, precompute="auto", max_iter=1000, tol=1e-4, cv=None,
                 verbose=False, n_jobs=None, positive=False, rule="min", scoring=None):
        self.eps = eps
        self.alphas = alphas
        self.gammas = gammas
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.cv = cv
        self.verbose = verbose
        self.n_jobs = n_jobs
        self.positive = positive
        self.rule = rule
        self.scoring = scoring

    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit the path and the refits on every fold, choose (alpha, gamma), refit.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights: used in each fold's fits and to weight each test
            fold's errors.
        groups : array-like of shape (n_samples,), default=None
            Group labels for a group-aware ``cv`` splitter.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight, multi_output=False)
        if sparse.issparse(X):
            X = X.tocsr()  # fast row selection for the folds
        grid = check_alphas(self)
        gammas = _check_gammas(self)
        if isinstance(grid, int):
            grid = alpha_grid(X, y, l1_ratio=1.0, eps=self.eps, n_alphas=grid,
                              fit_intercept=self.fit_intercept, sample_weight=sample_weight,
                              positive=self.positive)
        n_alphas, n_gammas = grid.size, gammas.size
        folds = list(check_cv(self.cv).split(X, y, groups))
        scorer = None if self.scoring is None else check_scoring(self, scoring=self.scoring)

        def one_fold(train, test):
            problem = split_problem(X, y, sample_weight, train, fit_intercept=self.fit_intercept,
                                    precompute=self.precompute)
            coefs, intercepts = path_on_problem(
                problem, alphas=grid, l1_ratio=1.0, positive=self.positive,
                max_iter=self.max_iter, tol=self.tol)
            X_train, y_train = X[train], y[train]
            sw_train = None if sample_weight is None else sample_weight[train]
            relaxed = np.zeros((n_alphas, X.shape[1]))
            relaxed_b = np.zeros(n_alphas)
            refits = {}  # support -> refit: equal supports share one solve
            for k in range(n_alphas):
                support = np.flatnonzero(coefs[k])
                key = support.tobytes()
                if key not in refits:
                    refits[key] = relaxed_fit(X_train, y_train, sw_train, support,
                                              fit_intercept=self.fit_intercept,
                                              positive=self.positive)
                relaxed[k], relaxed_b[k] = refits[key]
            g = gammas[:, None, None]
            mixed = g * coefs[None] + (1.0 - g) * relaxed[None]  # (n_gammas, n_alphas, p)
            mixed_b = gammas[:, None] * intercepts[None] + (1.0 - gammas[:, None]) * relaxed_b[None]
            sw_test = None if sample_weight is None else sample_weight[test]
            make = lambda k: self._single_estimator(grid[k % n_alphas], gammas[k // n_alphas])
            mse, scores = path_test_scores(mixed.reshape(-1, X.shape[1]), mixed_b.reshape(-1),
                                           X[test], y[test], sw_test, scorer, make)
            if self.verbose:
                print(f"[{type(self).__name__}] fold done", file=sys.stderr)
            return (mse.reshape(n_gammas, n_alphas), scores.reshape(n_gammas, n_alphas),
                    np.count_nonzero(mixed, axis=2))

        per_fold = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(one_fold)(train, test) for train, test in folds)
        mse = np.stack([f[0] for f in per_fold], axis=-1)  # (n_gammas, n_alphas, n_folds)
        scores = np.stack([f[1] for f in per_fold], axis=-1)
        nnz = np.mean([f[2] for f in per_fold], axis=0)

        mean, se = mean_and_standard_error(-scores)
        i_g, i_a = choose_pair(mean, se, grid, gammas, "1se")
        self.alpha_1se_, self.gamma_1se_ = float(grid[i_a]), float(gammas[i_g])
        if self.rule == "min":
            i_g, i_a = choose_pair(mean, se, grid, gammas, "min")
        self.alpha_, self.gamma_ = float(grid[i_a]), float(gammas[i_g])
        self.best_score_ = float(-mean[i_g, i_a])
        self.alphas_, self.gammas_, self.mse_path_ = grid, gammas, mse
        results = cv_summary(np.tile(grid, (n_gammas, 1)), gammas, scores, nnz)
        results["gamma"] = results.pop("l1_ratio")
        self.cv_results_ = results

        model = self._single_estimator(self.alpha_, self.gamma_).fit(X, y, sample_weight=sample_weight)
        for name in ("coef_", "intercept_", "lasso_coef_", "relaxed_coef_", "support_",
                     "n_iter_", "dual_gap_"):
            setattr(self, name, getattr(model, name))
        return self

    def _single_estimator(self, alpha, gamma):
        return RelaxedLasso(alpha=float(alpha), gamma=float(gamma),
                            fit_intercept=self.fit_intercept, max_iter=self.max_iter,
                            tol=self.tol, positive=self.positive)
