"""``AdaptiveLasso`` and ``AdaptiveLassoCV``: the reweighted L1 penalty.

Penalty factors ``v_j = 1 / |w0_j|**gamma`` from an initial fit, then the
public :class:`~sklearn_reg.Lasso` (or :class:`~sklearn_reg.LassoCV`) with
``penalty_factor=v``: no coordinate-descent loop of their own.
"""

import numbers

import numpy as np
from sklearn.model_selection import check_cv

from ._base import LinearRegressorBase
from ._cv import LassoCV
from ._linear import Lasso
from ._params import Anything, Boolean, Integer, Options, RandomState, Real, _name
from ._dropout import weighted_sq_norms
from ._relaxed import check_alphas, least_squares
from ._ridge import Ridge
from ._selection import RULES

# init="ridge" without init_alpha: Ridge(alpha=_RIDGE_SCALE * mean_j sum_i s_i (x_ij - xbar_j)^2),
# i.e. Ridge(alpha=n_samples) for standardized features. Only the relative sizes of the
# initial coefficients matter; a stronger ridge makes them more stable when the columns
# are collinear or outnumber the samples (in simulations, 1e-3 to 1 select alike when
# n_samples > n_features, and 1 gave fewer false positives when n_features > n_samples).
_RIDGE_SCALE = 1.0


class _PositiveOrNone:
    """None, or a float > 0."""

    def __call__(self, estimator, name, value):
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"The '{name}' parameter of {_name(estimator)} must be None or a float in the range (0, inf). Got {value!r} instead.")
        if not (np.isfinite(value) and value > 0):
            raise ValueError(f"The '{name}' parameter of {_name(estimator)} must be None or a float in the range (0, inf). Got {value!r} instead.")


_ADAPTIVE_PARAMS = {
    "gamma": Real(0, None, "left"),
    "init": Options("ridge", "ols", "lasso"),
    "init_alpha": _PositiveOrNone(),
    "n_reweightings": Integer(1),
    "eps_weight": Real(0, 1, "neither"),
    "fit_intercept": Boolean(),
    "max_iter": Integer(1),
    "tol": Real(0, None, "left"),
    "positive": Boolean(),
}


def adaptive_factors(coef, gamma, eps_weight):
    """``min(|coef_j|**-gamma, 1 / eps_weight)``: the adaptive Lasso's penalty
    factors, capped so that a zero coefficient gets a huge but finite factor
    (``gamma=0`` gives exactly 1)."""
    a = np.abs(np.asarray(coef, dtype=np.float64))
    with np.errstate(divide="ignore", over="ignore"):
        v = a ** -float(gamma)
    return np.minimum(v, 1.0 / eps_weight)


def _default_ridge_alpha(X, sample_weight, fit_intercept):
    scale = weighted_sq_norms(X, sample_weight, center=fit_intercept)
    alpha = _RIDGE_SCALE * float(scale.mean()) if scale.size else 0.0
    return alpha if alpha > 0 else 1.0  # constant columns: any alpha gives 0


def _initial_fit(est, X, y, sample_weight, lasso_alpha):
    """Coefficients of the initial estimator and the alpha it used."""
    if est.init == "ols":
        coef, _ = least_squares(X, y, sample_weight, est.fit_intercept)
        return coef, None
    if est.init == "ridge":
        alpha = est.init_alpha
        if alpha is None:
            alpha = _default_ridge_alpha(X, sample_weight, est.fit_intercept)
        model = Ridge(alpha=alpha, fit_intercept=est.fit_intercept)
    else:
        alpha = lasso_alpha if est.init_alpha is None else est.init_alpha
        model = Lasso(alpha=alpha, fit_intercept=est.fit_intercept, max_iter=est.max_iter,
                      tol=est.tol, positive=est.positive)
    return model.fit(X, y, sample_weight=sample_weight).coef_, float(alpha)


_FACTORS_DOC = r"""
    The penalty factors are Zou's, :math:`v_j = 1 / |\hat w_j|^\gamma`, not
    normalized (their scale is absorbed by ``alpha``; glmnet would rescale
    them to sum to ``n_features``, which only rescales ``alpha``), and capped
    at ``1 / eps_weight``: a zero initial coefficient gets that huge but
    finite factor, so its feature stays at zero unless its correlation with
    the residual exceeds ``alpha / eps_weight``. ``gamma=0`` gives
    :math:`v = 1`, the Lasso.
"""

_ADAPTIVE_COMMON_PARAMS = """\
    gamma : float, default=1.0
        Exponent :math:`\\gamma \\ge 0` of the factors
        :math:`|\\hat w_j|^{-\\gamma}`; 0 is the Lasso.
    init : {"ridge", "ols", "lasso"}, default="ridge"
        The initial estimator :math:`\\hat w`: :class:`Ridge` (scikit-learn's
        units, :math:`\\sum_i s_i r_i^2 + \\alpha \\|w\\|^2`), ordinary least
        squares (``lstsq``: the minimum-norm solution when the centred
        columns are collinear, for instance when ``n_features >=
        n_samples``), or
        :class:`Lasso`.
    init_alpha : float or None, default=None
        The initial estimator's strength, in its own units (ignored for
        ``"ols"``). None: for ``"ridge"``, the mean (over features) of the
        weighted, centred column sums of squares :math:`\\sum_i s_i (x_{ij}
        - \\bar x_j)^2`, which is ``n_samples`` for standardized features (a
        moderate ridge: only the relative sizes of :math:`\\hat w` matter,
        and it keeps them stable when ``X`` is collinear or wide); for
        ``"lasso"``, {lasso_default}.
    n_reweightings : int, default=1
        Number of adaptive rounds; round ``r + 1`` takes its factors from
        round ``r``'s coefficients (round 1 from the initial estimator).
        Two or more give the multi-step adaptive Lasso, closer to a
        non-convex penalty.
    eps_weight : float, default=1e-10
        The factors are capped at ``1 / eps_weight``, the factor of a zero
        initial coefficient.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept, in every fit.
    max_iter : int, default=1000
        Maximum number of epochs per Lasso fit.
    tol : float, default=1e-4
        Duality-gap tolerance of the Lasso fits (scikit-learn's meaning).
    positive : bool, default=False
        Constrain the coefficients to be non-negative (the ``"lasso"``
        initial fit too; the ``"ridge"`` and ``"ols"`` ones are not
        constrained).
"""


class AdaptiveLasso(LinearRegressorBase):
    # the docstring is assembled from shared pieces, hence an explicit __doc__
    __doc__ = (r"""The adaptive Lasso: an L1 penalty reweighted by an initial fit.

    Zou (2006). From the coefficients :math:`\hat w` of an initial estimator,
    minimizes

    .. math::

        \frac{1}{2S} \sum_i s_i (y_i - x_i^\top w - b)^2
        + \alpha \sum_j v_j |w_j|, \qquad
        v_j = \min\left(|\hat w_j|^{-\gamma},\; 1/\varepsilon\right),

    that is ``Lasso(alpha=alpha, penalty_factor=v)``, with sample weights
    :math:`s` (:math:`S = \sum_i s_i`) and :math:`\varepsilon` =
    ``eps_weight``. Large initial coefficients are penalized little, small
    ones much, which removes most of the Lasso's bias on the large
    coefficients and most of its false positives (the adaptive Lasso is
    selection-consistent where the Lasso is not).
""" + _FACTORS_DOC + """
    Parameters
    ----------
    alpha : float, default=1.0
        Constant that multiplies the weighted L1 term.
""" + _ADAPTIVE_COMMON_PARAMS.replace("{lasso_default}", "``alpha``") + r"""
    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Coefficients of the last round.
    intercept_ : float
        Intercept of the last round (0 when ``fit_intercept=False``).
    penalty_factor_ : ndarray of shape (n_features,)
        The factors :math:`v` of the last round.
    init_coef_ : ndarray of shape (n_features,)
        The initial estimator's coefficients :math:`\hat w`.
    init_alpha_ : float or None
        The initial estimator's strength (None for ``"ols"``).
    n_iter_ : int
        Epochs of the last Lasso fit; an all-zero start that the duality gap
        already certifies counts as one (the certificate is a pass over the
        features), as scikit-learn's solver always runs one epoch.
    dual_gap_ : float
        Duality gap of the last Lasso fit.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    AdaptiveLassoCV : The same model with ``alpha`` chosen by cross-validation.
    Lasso : The Lasso, with any ``penalty_factor``.

    References
    ----------
    H. Zou, "The adaptive Lasso and its oracle properties", Journal of the
    American Statistical Association 101(476), 2006.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_reg import AdaptiveLasso
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((60, 8))
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + 0.5 * rng.standard_normal(60)
    >>> model = AdaptiveLasso(alpha=0.05).fit(X, y)
    >>> np.flatnonzero(model.coef_).tolist()
    [0, 1]
    """)

    _param_table = {"alpha": Real(0, None, "left"), **_ADAPTIVE_PARAMS}

    def __init__(self, alpha=1.0, *, gamma=1.0, init="ridge", init_alpha=None,
                 n_reweightings=1, eps_weight=1e-10, fit_intercept=True, max_iter=1000,
                 tol=1e-4, positive=False):
        self.alpha = alpha
        self.gamma = gamma
        self.init = init
        self.init_alpha = init_alpha
        self.n_reweightings = n_reweightings
        self.eps_weight = eps_weight
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive

    def fit(self, X, y, sample_weight=None):
        """Fit the initial estimator, then ``n_reweightings`` weighted Lassos.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights, in every fit.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight, multi_output=False)
        coef, self.init_alpha_ = _initial_fit(self, X, y, sample_weight, self.alpha)
        self.init_coef_ = np.asarray(coef, dtype=X.dtype)
        for _ in range(self.n_reweightings):
            v = adaptive_factors(coef, self.gamma, self.eps_weight)
            lasso = Lasso(alpha=self.alpha, fit_intercept=self.fit_intercept,
                          max_iter=self.max_iter, tol=self.tol, positive=self.positive,
                          penalty_factor=v).fit(X, y, sample_weight=sample_weight)
            coef = lasso.coef_
        self.penalty_factor_ = v
        self.coef_, self.intercept_ = lasso.coef_, lasso.intercept_
        # a start certified optimal by the gap (all zeros) counts as one epoch, as in
        # scikit-learn, whose solver always runs at least one
        self.n_iter_, self.dual_gap_ = max(int(lasso.n_iter_), 1), lasso.dual_gap_
        return self


_ADAPTIVE_CV_PARAMS = {
    **_ADAPTIVE_PARAMS,
    "eps": Real(0, None, "neither"),
    "alphas": Anything(),
    "precompute": Anything(),
    "copy_X": Boolean(),
    "cv": Anything(),
    "verbose": Anything(),
    "n_jobs": Integer(-(2**31), allow_none=True),
    "random_state": RandomState(),
    "selection": Options("cyclic", "random"),
    "rule": Options(*RULES),
    "scoring": Anything(),
}


class AdaptiveLassoCV(LinearRegressorBase):
    # the docstring is assembled from shared pieces, hence an explicit __doc__
    __doc__ = (r"""The adaptive Lasso with ``alpha`` chosen by cross-validation.

    The model is :class:`AdaptiveLasso`'s,

    .. math::

        \frac{1}{2S} \sum_i s_i (y_i - x_i^\top w - b)^2
        + \alpha \sum_j v_j |w_j|, \qquad
        v_j = \min\left(|\hat w_j|^{-\gamma},\; 1/\varepsilon\right),

    and the choice of ``alpha`` is :class:`LassoCV`'s with
    ``penalty_factor=v``: the same grid (its top, the smallest alpha zeroing
    every coefficient, accounts for the factors), folds, ``rule``
    (``"min"`` or glmnet's ``"1se"``), ``scoring``, ``n_jobs`` and
    ``cv_results_``.
""" + _FACTORS_DOC + r"""
    **The factors are computed once, on all the data**, before the folds are
    split: the initial estimator has seen every test fold, so the CV errors
    are slightly optimistic and the chosen alpha may be slightly off. A
    fully honest CV would refit the initial estimator inside every training
    fold (:class:`~sklearn.model_selection.GridSearchCV` over
    :class:`AdaptiveLasso`'s ``alpha`` does that, at the cost of one initial
    fit and one Lasso per fold and alpha). With ``n_reweightings > 1``, each
    round is a full cross-validation whose chosen model gives the next
    round's factors; with ``init="lasso"`` and no ``init_alpha``, the initial
    Lasso is :class:`LassoCV`'s (``rule="min"``) on the same folds.

    Parameters
    ----------
""" + _ADAPTIVE_COMMON_PARAMS.replace(
        "{lasso_default}", 'the alpha of :class:`LassoCV` (``rule="min"``, same folds and grid)') + """\
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    alphas : int or array-like, default=100
        Number of alphas of the generated grid (computed with the factors),
        or the alphas.
    precompute : "auto", bool or array-like, default="auto"
        Solve each fold on its Gram matrix; "auto" does when the training
        fold has more samples than features.
    copy_X : bool, default=True
        Passed to the final fit.
    cv : int, cross-validation generator or iterable, default=None
        None is 5-fold, an int is k-fold, or any splitter. The folds are
        drawn once and shared by every round.
    verbose : bool or int, default=False
        Report each finished fold on stderr.
    n_jobs : int, default=None
        Threads over folds; the engine releases the GIL.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate order when ``selection="random"``.
    selection : {"cyclic", "random"}, default="cyclic"
        Coordinate order.
    rule : {"min", "1se"}, default="min"
        How alpha is chosen: the minimum mean CV error, or the largest alpha
        within one standard error of it (glmnet's ``lambda.1se``).
    scoring : str, callable or None, default=None
        Any scikit-learn scorer; None is mean squared error.

    Attributes
    ----------
    alpha_ : float
        The alpha chosen by ``rule`` (last round).
    alpha_1se_ : float
        The one-standard-error alpha, whatever ``rule`` is (last round).
    alphas_ : ndarray of shape (n_alphas,)
        The grid of alphas, decreasing (last round).
    mse_path_ : ndarray of shape (n_alphas, n_folds)
        Test mean squared error of every fold (last round).
    cv_results_ : dict of ndarray
        :class:`LassoCV`'s table, one entry per alpha (last round).
    best_score_ : float
        Mean CV score at the chosen alpha.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the final fit.
    intercept_ : float
        Intercept of the final fit.
    penalty_factor_ : ndarray of shape (n_features,)
        The factors :math:`v` of the last round.
    init_coef_ : ndarray of shape (n_features,)
        The initial estimator's coefficients :math:`\\hat w`.
    init_alpha_ : float or None
        The initial estimator's strength (None for ``"ols"``).
    dual_gap_ : float
        Duality gap of the final fit.
    n_iter_ : int
        Epochs of the final fit (at least 1, as for :class:`AdaptiveLasso`).
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    AdaptiveLasso : The model at one alpha.
    LassoCV : The same cross-validation with any ``penalty_factor``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_reg import AdaptiveLassoCV
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((80, 10))
    >>> y = 3 * X[:, 0] - 2 * X[:, 1] + rng.standard_normal(80)
    >>> model = AdaptiveLassoCV(cv=4, rule="1se").fit(X, y)
    >>> np.flatnonzero(model.coef_).tolist()
    [0, 1]
    """)

    _param_table = _ADAPTIVE_CV_PARAMS

    def __init__(self, *, gamma=1.0, init="ridge", init_alpha=None, n_reweightings=1,
                 eps_weight=1e-10, fit_intercept=True, max_iter=1000, tol=1e-4,
                 positive=False, eps=1e-3, alphas=100, precompute="auto", copy_X=True,
                 cv=None, verbose=False, n_jobs=None, random_state=None,
                 selection="cyclic", rule="min", scoring=None):
        self.gamma = gamma
        self.init = init
        self.init_alpha = init_alpha
        self.n_reweightings = n_reweightings
        self.eps_weight = eps_weight
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive
        self.eps = eps
        self.alphas = alphas
        self.precompute = precompute
        self.copy_X = copy_X
        self.cv = cv
        self.verbose = verbose
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.selection = selection
        self.rule = rule
        self.scoring = scoring

    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit the initial estimator, then ``n_reweightings`` :class:`LassoCV`.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights: in every fit, and to weight each test fold's
            errors.
        groups : array-like of shape (n_samples,), default=None
            Group labels for a group-aware ``cv`` splitter.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight, multi_output=False)
        check_alphas(self)
        folds = list(check_cv(self.cv).split(X, y, groups))
        common = dict(eps=self.eps, alphas=self.alphas, fit_intercept=self.fit_intercept,
                      precompute=self.precompute, max_iter=self.max_iter, tol=self.tol,
                      copy_X=self.copy_X, cv=folds, verbose=self.verbose, n_jobs=self.n_jobs,
                      positive=self.positive, random_state=self.random_state,
                      selection=self.selection, scoring=self.scoring)
        if self.init == "lasso" and self.init_alpha is None:
            first = LassoCV(rule="min", **common).fit(X, y, sample_weight=sample_weight)
            coef, self.init_alpha_ = first.coef_, first.alpha_
        else:
            coef, self.init_alpha_ = _initial_fit(self, X, y, sample_weight, None)
        self.init_coef_ = np.asarray(coef, dtype=X.dtype)
        for _ in range(self.n_reweightings):
            v = adaptive_factors(coef, self.gamma, self.eps_weight)
            inner = LassoCV(rule=self.rule, penalty_factor=v, **common)
            inner.fit(X, y, sample_weight=sample_weight)
            coef = inner.coef_
        self.penalty_factor_ = v
        for name in ("alpha_", "alpha_1se_", "alphas_", "mse_path_", "cv_results_",
                     "best_score_", "coef_", "intercept_", "dual_gap_"):
            setattr(self, name, getattr(inner, name))
        self.n_iter_ = max(int(inner.n_iter_), 1)  # as AdaptiveLasso's
        return self
