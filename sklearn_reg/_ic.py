r"""``LassoIC`` and ``ElasticNetIC``: alpha chosen on the coordinate-descent path
by an information criterion (AIC or BIC).

The path is solved once, warm-started, by :func:`sklearn_reg.enet_path`; every
alpha of the grid is then scored by

.. math::

    \mathrm{IC}(\alpha) = n \log(2 \pi \sigma^2)
    + \frac{\mathrm{RSS}(\alpha)}{\sigma^2} + c_n \, \mathrm{df}(\alpha),

with :math:`c_n = 2` (AIC) or :math:`\log n` (BIC), and the minimizer is kept.
"""

import numbers
from math import log, pi

import numpy as np
from scipy import linalg, optimize, sparse

from ._base import RegularizedRegressor
from ._params import Anything, Boolean, Integer, Options, Real
from ._path import alpha_grid, enet_path


def _name(estimator):
    return type(estimator).__name__


class _Alphas:
    """A positive int (grid size) or a non-empty 1-d array of non-negative finite floats."""

    def __call__(self, estimator, name, value):
        what = (f"The '{name}' parameter of {_name(estimator)} must be an int in the range "
                f"[1, inf) or an array-like of non-negative finite floats. Got {value!r} instead.")
        if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
            if value < 1:
                raise ValueError(what)
            return
        if value is None or isinstance(value, (str, bool, np.bool_)) or np.isscalar(value):
            raise TypeError(what)
        arr = np.asarray(value)
        if arr.ndim != 1 or arr.dtype.kind not in "biuf":
            raise TypeError(what)
        if arr.size == 0 or not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise ValueError(what)


class _OptionalPositiveReal:
    """``None`` or a finite float ``> 0``."""

    def __call__(self, estimator, name, value):
        if value is None:
            return
        what = (f"The '{name}' parameter of {_name(estimator)} must be None or a float in the "
                f"range (0, inf). Got {value!r} instead.")
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(what)
        if not (np.isfinite(value) and value > 0):
            raise ValueError(what)


class _Verbose:
    """A bool or an int ``>= 0``."""

    def __call__(self, estimator, name, value):
        if isinstance(value, (bool, np.bool_)):
            return
        Integer(0)(estimator, name, value)


_IC_PARAMS = {
    "criterion": Options("aic", "bic"),
    "l1_ratio": Real(0, 1, "both"),
    "fit_intercept": Boolean(),
    "alphas": _Alphas(),
    "eps": Real(0, None, "neither"),
    "max_iter": Integer(1),
    "tol": Real(0, None, "left"),
    "positive": Boolean(),
    "noise_variance": _OptionalPositiveReal(),
    "precompute": Anything(),
    "copy_X": Boolean(),
    "verbose": _Verbose(),
}


# ---------------------------------------------------------------------------
# The pieces of the criterion, from the original (uncentred) data.
# ---------------------------------------------------------------------------


# Residual matrices are built for at most this many entries at a time.
_BLOCK = 2**22


def _active(coef):
    """Non-zero coefficients, with the threshold of scikit-learn's ``LassoLarsIC``."""
    return np.abs(coef) > np.finfo(coef.dtype).eps


def _column_means(X):
    if sparse.issparse(X):
        return np.asarray(X.sum(axis=0), dtype=np.float64).ravel() / X.shape[0]
    return X.mean(axis=0, dtype=np.float64)


def _residual_sums(X, y, coefs, x_mean, y_mean):
    """Intercepts and residual sums of squares of every model on the path.

    ``coefs`` has shape (n_alphas, n_features); the intercept of each model is
    ``y_mean - x_mean @ w`` (both means are 0 without an intercept).
    """
    W = coefs.astype(np.float64)
    intercepts = y_mean - W @ x_mean
    cols = np.flatnonzero(np.any(W != 0, axis=0))
    yc = y.astype(np.float64) - y_mean
    if cols.size == 0:
        return intercepts, np.full(W.shape[0], yc @ yc)
    XA = X[:, cols]
    XA = XA.astype(np.float64) if sparse.issparse(XA) else np.asarray(XA, dtype=np.float64)
    shifts = W @ x_mean
    rss = np.empty(W.shape[0])
    step = max(1, _BLOCK // max(X.shape[0], 1))  # alphas per block of residuals
    for start in range(0, W.shape[0], step):
        block = slice(start, start + step)
        fitted = np.asarray(XA @ W[block, cols].T) - shifts[block]  # centred predictions
        R = yc[:, None] - fitted
        rss[block] = np.einsum("ij,ij->j", R, R)
    return intercepts, rss


def _centred_spectrum(X, cols, x_mean, fit_intercept):
    """Eigenvalues of ``Z^T Z`` for the (centred) active columns ``Z``.

    Computed from the smaller of ``Z^T Z`` and ``Z Z^T`` (same non-zero
    spectrum); sparse ``X`` is never densified, only its Gram products are.
    """
    n = X.shape[0]
    m = x_mean[cols]
    if sparse.issparse(X):
        XA = X[:, cols].astype(np.float64)
        if cols.size <= n:
            G = np.asarray((XA.T @ XA).toarray())
            if fit_intercept:
                G -= n * np.outer(m, m)
        else:
            G = np.asarray((XA @ XA.T).toarray())
            if fit_intercept:
                u = np.asarray(XA @ m).ravel()
                G -= u[:, None] + u[None, :]
                G += m @ m
    else:
        Z = np.asarray(X[:, cols], dtype=np.float64)
        if fit_intercept:
            Z = Z - m
        G = Z.T @ Z if cols.size <= n else Z @ Z.T
    return np.clip(linalg.eigvalsh(G), 0.0, None)


def _degrees_of_freedom(X, coefs, lambda2, x_mean, fit_intercept):
    """Effective degrees of freedom of every model on the path.

    ``|A|`` where the ridge part vanishes (``lambda2 == 0``: the lasso), else
    ``trace(Z_A (Z_A^T Z_A + lambda2 I)^-1 Z_A^T) = sum_i d_i / (d_i + lambda2)``
    over the eigenvalues ``d_i`` of ``Z_A^T Z_A`` for the active columns ``Z_A``
    of the centred design.
    """
    df = np.zeros(coefs.shape[0])
    spectra = {}
    for k, coef in enumerate(coefs):
        active = _active(coef)
        n_active = int(active.sum())
        if n_active == 0:
            continue
        if lambda2[k] == 0:
            df[k] = n_active
            continue
        key = active.tobytes()
        if key not in spectra:
            spectra[key] = _centred_spectrum(X, np.flatnonzero(active), x_mean, fit_intercept)
        d = spectra[key]
        df[k] = np.sum(d / (d + lambda2[k]))
    return df


def _gram_least_squares(G, b, positive):
    """Minimize ``w^T G w - 2 b^T w`` (``w >= 0`` if ``positive``) for PSD ``G``
    with ``b`` in the range of ``G``, through the eigendecomposition of ``G``."""
    lam, V = linalg.eigh(G)
    keep = lam > max(lam.max(initial=0.0), 0.0) * G.shape[0] * np.finfo(np.float64).eps
    lam, V = lam[keep], V[:, keep]
    if lam.size == 0:
        return np.zeros(G.shape[0])
    root = np.sqrt(lam)
    c = (V.T @ b) / root
    if positive:
        # ||R w - c||^2 = w^T G w - 2 b^T w + const with R = diag(root) V^T
        return optimize.nnls(root[:, None] * V.T, c)[0]
    return V @ (c / root)


def _ols_noise_variance(X, y, x_mean, y_mean, fit_intercept, positive):
    """Unbiased noise variance of the least-squares fit (non-negative if ``positive``):
    ``RSS_OLS / (n_samples - n_features - fit_intercept)``."""
    n, p = X.shape
    yc = y.astype(np.float64) - y_mean
    if sparse.issparse(X):
        X64 = X.astype(np.float64)
        G = np.asarray((X64.T @ X64).toarray())
        if fit_intercept:
            G -= n * np.outer(x_mean, x_mean)
        b = np.asarray(X64.T @ yc).ravel()  # centred y: centring X changes nothing
        w = _gram_least_squares(G, b, positive)
        r = yc - (np.asarray(X64 @ w).ravel() - x_mean @ w)
    else:
        Z = np.array(X, dtype=np.float64)
        if fit_intercept:
            Z -= x_mean
        if positive:
            w = optimize.nnls(Z, yc)[0]
        else:
            w = linalg.lstsq(Z, yc, cond=max(n, p) * np.finfo(np.float64).eps)[0]
        r = yc - Z @ w
    return float(r @ r) / (n - p - int(fit_intercept))


# ---------------------------------------------------------------------------
# The estimators
# ---------------------------------------------------------------------------


class ElasticNetIC(RegularizedRegressor):
    r"""Elastic net with ``alpha`` chosen by AIC or BIC on the coordinate-descent path.

    The elastic-net path of :class:`ElasticNet` is solved once on a grid of
    alphas, warm-starting each alpha from the previous one, and every model is
    scored with an information criterion; the alpha of the smallest score is
    kept. This is scikit-learn's ``LassoLarsIC`` on the coordinate-descent
    engine, extended to the elastic net. For each alpha the model minimizes

    .. math::

        \frac{1}{2 n} \sum_i (y_i - x_i^\top w - b)^2
        + \alpha \rho \|w\|_1 + \frac{\alpha (1 - \rho)}{2} \|w\|_2^2

    with :math:`\rho` = ``l1_ratio``, the objective of :class:`ElasticNet`;
    :class:`LassoIC` is the case :math:`\rho = 1`.

    Read the Notes for the criterion, the degrees of freedom and the noise
    variance.

    Parameters
    ----------
    criterion : {"aic", "bic"}, default="aic"
        The information criterion to minimize.
    l1_ratio : float, default=0.5
        Mixing parameter :math:`\rho \in [0, 1]`; 1 is the lasso. With 0 (pure
        ridge) ``alphas`` must be an array.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    alphas : int or array-like of shape (n_alphas,), default=100
        An int is the size of the log-spaced grid from the smallest alpha at
        which every coefficient is zero down to ``eps`` times it
        (:func:`~sklearn_reg.alpha_grid`); an array gives the alphas
        themselves (non-negative, used in decreasing order).
    eps : float, default=1e-3
        Length of the generated grid: ``alpha_min / alpha_max``.
    max_iter : int, default=1000
        Maximum number of epochs per alpha.
    tol : float, default=1e-4
        Stop each alpha when its duality gap is at most
        ``tol * ||y - mean(y)||^2 / n`` (the meaning of :class:`ElasticNet`).
    positive : bool, default=False
        Constrain coefficients to be non-negative. The least-squares fit behind
        the noise-variance estimate is then non-negative as well.
    noise_variance : float, default=None
        The noise variance :math:`\sigma^2` of the criterion. If None, it is
        estimated by least squares, which needs
        ``n_samples > n_features + fit_intercept``; otherwise ``fit`` raises a
        ValueError. Give it when there are more features than samples.
    precompute : bool, "auto" or array-like, default="auto"
        Passed on to :func:`~sklearn_reg.enet_path`; it changes how the path
        is solved, not its solution.
    copy_X : bool, default=True
        Accepted for compatibility; X is never modified.
    verbose : bool or int, default=False
        Print the progress along the path to stderr.

    Attributes
    ----------
    alpha_ : float
        The alpha of the smallest criterion.
    l1_ratio_ : float
        The l1_ratio of the fitted path (``l1_ratio``).
    alphas_ : ndarray of shape (n_alphas,)
        The alphas of the path, in decreasing order.
    criterion_ : ndarray of shape (n_alphas,)
        The information criterion at each alpha of ``alphas_``.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the selected model (the path solution at ``alpha_``).
    intercept_ : float
        Intercept of the selected model.
    n_iter_ : int
        Epochs run by the solver over the whole path.
    dual_gap_ : float
        Duality gap of the selected model, on the ``1/(2n)`` objective.
    noise_variance_ : float
        The noise variance used in the criterion (``noise_variance``, or the
        least-squares estimate).
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    LassoIC : The same with the L1 penalty only.
    ElasticNet : The elastic net at one given alpha.

    Notes
    -----
    **Criterion.** With :math:`n` samples, the residual sum of squares
    :math:`\mathrm{RSS}(\alpha) = \sum_i (y_i - x_i^\top w_\alpha - b_\alpha)^2`
    of the path model at :math:`\alpha` (its intercept :math:`b_\alpha` is
    recovered from the column means) and its degrees of freedom
    :math:`\mathrm{df}(\alpha)`,

    .. math::

        \mathrm{AIC}(\alpha) = n \log(2 \pi \sigma^2)
            + \frac{\mathrm{RSS}(\alpha)}{\sigma^2} + 2\, \mathrm{df}(\alpha),

        \mathrm{BIC}(\alpha) = n \log(2 \pi \sigma^2)
            + \frac{\mathrm{RSS}(\alpha)}{\sigma^2} + \log(n)\, \mathrm{df}(\alpha),

    as in scikit-learn's ``LassoLarsIC``. The first alpha (largest) wins ties.

    **Noise variance.** Unless ``noise_variance`` is given,
    :math:`\sigma^2 = \mathrm{RSS_{OLS}} / (n - p - 1)` from the least-squares
    fit with intercept on all :math:`p` features (:math:`n - p` and no
    intercept when ``fit_intercept=False``; non-negative if ``positive``).
    It is kept at least machine epsilon times the mean square of the centred
    target, so that the criterion stays finite when the least-squares fit is
    exact.

    **Degrees of freedom.** Let :math:`A` be the active set (coefficients with
    absolute value above machine epsilon, as ``LassoLarsIC``), :math:`X_A` its
    columns (centred when ``fit_intercept``) and
    :math:`\lambda_2 = n \alpha (1 - \rho)`. Then

    .. math::

        \mathrm{df}(\alpha) = \operatorname{tr}\left(X_A (X_A^\top X_A
            + \lambda_2 I)^{-1} X_A^\top\right)
            = \sum_i \frac{d_i}{d_i + \lambda_2},

    with :math:`d_i` the eigenvalues of :math:`X_A^\top X_A`: the usual
    effective degrees of freedom of the elastic net (Zou and Hastie, 2005),
    the divergence of its fit on a fixed active set. For the lasso
    (:math:`\lambda_2 = 0`) it is the number of non-zero coefficients
    :math:`|A|` (Zou, Hastie and Tibshirani, 2007), exactly as in
    ``LassoLarsIC``. For ``l1_ratio < 1`` this costs one symmetric
    eigendecomposition of size :math:`\min(n, |A|)` per distinct active set
    on the path (from Gram products: sparse X is not densified).

    **Sample weights** are not supported: ``fit`` raises a TypeError when
    given ``sample_weight``. The elastic-net family treats weights as
    relative (rescaled to sum to :math:`n`), but a likelihood criterion needs
    an absolute sample size (:math:`n \log \sigma^2`, :math:`\log n`, the
    :math:`n - p` of the variance estimate): scaling the weights, adding rows
    of zero weight or repeating rows would change the criterion in different
    ways, so there is no single well-defined weighted criterion.

    **Differences from** ``LassoLarsIC``: the models are the
    coordinate-descent solutions on a grid of alphas (``alphas``, ``eps``)
    rather than the LARS breakpoints, so at a breakpoint a variable that is
    just entering may count in ``df``; ``eps`` is the grid length, not a
    Cholesky regularization; sparse X is accepted.

    With :math:`m` samples, the textbook L1 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \lambda\sum|w|` is ``Lasso(alpha=λ)``,
    so ``alpha_`` is on the textbook :math:`\lambda` scale.

    References
    ----------
    H. Zou and T. Hastie, "Regularization and variable selection via the
    elastic net", J. R. Statist. Soc. B 67 (2005), 301-320.

    H. Zou, T. Hastie and R. Tibshirani, "On the degrees of freedom of the
    lasso", Ann. Statist. 35 (2007), 2173-2192.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import ElasticNetIC
    >>> X, y = make_regression(n_samples=60, n_features=8, n_informative=3,
    ...                        noise=1.0, random_state=0)
    >>> reg = ElasticNetIC(criterion="bic", l1_ratio=0.7).fit(X, y)
    >>> reg.criterion_.shape
    (100,)
    >>> bool(reg.alpha_ == reg.alphas_[reg.criterion_.argmin()])
    True
    """

    _param_table = _IC_PARAMS

    def __init__(self, criterion="aic", *, l1_ratio=0.5, fit_intercept=True, alphas=100,
                 eps=1e-3, max_iter=1000, tol=1e-4, positive=False, noise_variance=None,
                 precompute="auto", copy_X=True, verbose=False):
        self.criterion = criterion
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.alphas = alphas
        self.eps = eps
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive
        self.noise_variance = noise_variance
        self.precompute = precompute
        self.copy_X = copy_X
        self.verbose = verbose

    def _mixing(self):
        return self.l1_ratio

    def fit(self, X, y, **fit_params):
        """Solve the path and keep the model of the smallest criterion.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.
        **fit_params : dict
            Not supported; ``sample_weight`` (or any other keyword) raises a
            TypeError (see Notes).

        Returns
        -------
        self : object
            Fitted estimator.
        """
        name = _name(self)
        if "sample_weight" in fit_params:
            raise TypeError(
                f"{name} does not support sample_weight: an information criterion needs an "
                "absolute sample size, which relative sample weights do not define. Repeat "
                "rows to express frequency weights."
            )
        if fit_params:
            raise TypeError(f"{name}.fit() got unexpected keyword arguments {sorted(fit_params)}.")
        X, y, _ = self._validate_fit_input(X, y, None, multi_output=False)
        n, p = X.shape
        fit_intercept = bool(self.fit_intercept)
        if self.noise_variance is None and n <= p + fit_intercept:
            raise ValueError(
                f"{name} estimates the noise variance by least squares, which needs "
                f"n_samples > n_features + fit_intercept; got n_samples={n}, n_features={p}, "
                f"fit_intercept={fit_intercept}. Provide an estimate of the noise variance "
                "with the noise_variance parameter."
            )
        rho = float(self._mixing())

        if isinstance(self.alphas, numbers.Integral):
            grid = alpha_grid(X, y, l1_ratio=rho, eps=self.eps, n_alphas=int(self.alphas),
                              fit_intercept=fit_intercept, positive=self.positive)
        else:
            grid = np.sort(np.asarray(self.alphas, dtype=np.float64).ravel())[::-1]
        grid = np.array(grid, dtype=np.float64)
        _, coefs, gaps, n_iters = enet_path(
            X, y, l1_ratio=rho, alphas=grid, precompute=self.precompute, copy_X=self.copy_X,
            verbose=self.verbose, return_n_iter=True, positive=self.positive,
            tol=self.tol, max_iter=self.max_iter, fit_intercept=fit_intercept,
        )
        coefs = coefs.T  # (n_alphas, n_features), in X's dtype
        if not np.all(np.isfinite(coefs)):
            raise ValueError(
                "The fit resulted in non-finite parameter values. The input data "
                "may contain large values and need to be preprocessed."
            )

        y64 = y.astype(np.float64)
        x_mean = _column_means(X) if fit_intercept else np.zeros(p)
        y_mean = float(y64.mean()) if fit_intercept else 0.0
        intercepts, rss = _residual_sums(X, y, coefs, x_mean, y_mean)
        lambda2 = n * grid * (1.0 - rho)
        df = _degrees_of_freedom(X, coefs, lambda2, x_mean, fit_intercept)
        if self.noise_variance is None:
            sigma2 = _ols_noise_variance(X, y, x_mean, y_mean, fit_intercept, self.positive)
            yc = y64 - y_mean
            floor = np.finfo(np.float64).eps * float(yc @ yc) / n
            sigma2 = max(sigma2, floor, np.finfo(np.float64).tiny)
        else:
            sigma2 = float(self.noise_variance)
        factor = 2.0 if self.criterion == "aic" else log(n)
        criterion = n * log(2 * pi * sigma2) + rss / sigma2 + factor * df
        best = int(np.argmin(criterion))

        self.alphas_ = grid
        self.criterion_ = criterion
        self.noise_variance_ = sigma2
        self.alpha_ = float(grid[best])
        self.coef_ = coefs[best].copy()
        self.intercept_ = X.dtype.type(intercepts[best]) if fit_intercept else 0.0
        self.n_iter_ = int(sum(n_iters))
        self.dual_gap_ = gaps[best]
        if self._has_l1_ratio():
            self.l1_ratio_ = rho
        return self

    def _has_l1_ratio(self):
        return True

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = False
        return tags


class LassoIC(ElasticNetIC):
    r"""Lasso with ``alpha`` chosen by AIC or BIC on the coordinate-descent path.

    scikit-learn's ``LassoLarsIC`` on the coordinate-descent engine: the Lasso
    path is solved once on a grid of alphas (warm-started), every model is
    scored by AIC or BIC with the number of non-zero coefficients as degrees
    of freedom, and the alpha of the smallest score is kept. For each alpha
    the model minimizes the objective of :class:`Lasso`,

    .. math::

        \frac{1}{2 n} \sum_i (y_i - x_i^\top w - b)^2 + \alpha \|w\|_1,

    so with :math:`m` samples the textbook L1 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \lambda\sum|w|` is
    ``Lasso(alpha=λ)`` and ``alpha_`` is on that :math:`\lambda` scale. It is
    :class:`ElasticNetIC` with ``l1_ratio=1``.

    Parameters
    ----------
    criterion : {"aic", "bic"}, default="aic"
        The information criterion to minimize.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    alphas : int or array-like of shape (n_alphas,), default=100
        An int is the size of the log-spaced grid from the smallest alpha at
        which every coefficient is zero down to ``eps`` times it
        (:func:`~sklearn_reg.alpha_grid`); an array gives the alphas
        themselves (non-negative, used in decreasing order).
    eps : float, default=1e-3
        Length of the generated grid: ``alpha_min / alpha_max``.
    max_iter : int, default=1000
        Maximum number of epochs per alpha.
    tol : float, default=1e-4
        Stop each alpha when its duality gap is at most
        ``tol * ||y - mean(y)||^2 / n`` (the meaning of :class:`Lasso`).
    positive : bool, default=False
        Constrain coefficients to be non-negative. The least-squares fit behind
        the noise-variance estimate is then non-negative as well.
    noise_variance : float, default=None
        The noise variance :math:`\sigma^2` of the criterion. If None, it is
        estimated by least squares, which needs
        ``n_samples > n_features + fit_intercept``; otherwise ``fit`` raises a
        ValueError. Give it when there are more features than samples.
    precompute : bool, "auto" or array-like, default="auto"
        Passed on to :func:`~sklearn_reg.enet_path`; it changes how the path
        is solved, not its solution.
    copy_X : bool, default=True
        Accepted for compatibility; X is never modified.
    verbose : bool or int, default=False
        Print the progress along the path to stderr.

    Attributes
    ----------
    alpha_ : float
        The alpha of the smallest criterion.
    alphas_ : ndarray of shape (n_alphas,)
        The alphas of the path, in decreasing order.
    criterion_ : ndarray of shape (n_alphas,)
        The information criterion at each alpha of ``alphas_``.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the selected model (the path solution at ``alpha_``).
    intercept_ : float
        Intercept of the selected model.
    n_iter_ : int
        Epochs run by the solver over the whole path.
    dual_gap_ : float
        Duality gap of the selected model, on the ``1/(2n)`` objective.
    noise_variance_ : float
        The noise variance used in the criterion (``noise_variance``, or the
        least-squares estimate).
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    ElasticNetIC : The same with an elastic-net penalty.
    Lasso : The Lasso at one given alpha.

    Notes
    -----
    With :math:`n` samples, the residual sum of squares
    :math:`\mathrm{RSS}(\alpha)` of the path model at :math:`\alpha` (intercept
    included) and :math:`\mathrm{df}(\alpha)` its number of coefficients with
    absolute value above machine epsilon,

    .. math::

        \mathrm{AIC}(\alpha) = n \log(2 \pi \sigma^2)
            + \frac{\mathrm{RSS}(\alpha)}{\sigma^2} + 2\, \mathrm{df}(\alpha),

        \mathrm{BIC}(\alpha) = n \log(2 \pi \sigma^2)
            + \frac{\mathrm{RSS}(\alpha)}{\sigma^2} + \log(n)\, \mathrm{df}(\alpha),

    exactly as scikit-learn's ``LassoLarsIC``, with the same noise variance:
    ``noise_variance`` if given, else
    :math:`\sigma^2 = \mathrm{RSS_{OLS}} / (n - p - 1)` from the
    least-squares fit with intercept on all :math:`p` features (:math:`n - p`
    and no intercept when ``fit_intercept=False``; non-negative if
    ``positive``), kept at least machine epsilon times the mean square of the
    centred target so that the criterion stays finite for an exact fit. The first
    (largest) alpha wins ties. The number of non-zero coefficients is an
    unbiased estimate of the lasso's degrees of freedom (Zou, Hastie and
    Tibshirani, 2007).

    Sample weights are not supported (``fit`` raises a TypeError): see
    :class:`ElasticNetIC` for why.

    Differences from ``LassoLarsIC``: the models are the coordinate-descent
    solutions on a grid of alphas (``alphas``, ``eps``) rather than the LARS
    breakpoints, so at a breakpoint a variable that is just entering may
    count in ``df``; ``eps`` is the grid length, not a Cholesky
    regularization; sparse X is accepted.

    References
    ----------
    H. Zou, T. Hastie and R. Tibshirani, "On the degrees of freedom of the
    lasso", Ann. Statist. 35 (2007), 2173-2192.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import LassoIC
    >>> X, y = make_regression(n_samples=60, n_features=8, n_informative=3,
    ...                        noise=1.0, random_state=0)
    >>> reg = LassoIC(criterion="bic").fit(X, y)
    >>> int((reg.coef_ != 0).sum())
    3
    """

    _param_table = {k: v for k, v in _IC_PARAMS.items() if k != "l1_ratio"}

    def __init__(self, criterion="aic", *, fit_intercept=True, alphas=100, eps=1e-3,
                 max_iter=1000, tol=1e-4, positive=False, noise_variance=None,
                 precompute="auto", copy_X=True, verbose=False):
        self.criterion = criterion
        self.fit_intercept = fit_intercept
        self.alphas = alphas
        self.eps = eps
        self.max_iter = max_iter
        self.tol = tol
        self.positive = positive
        self.noise_variance = noise_variance
        self.precompute = precompute
        self.copy_X = copy_X
        self.verbose = verbose

    def _mixing(self):
        return 1.0

    def _has_l1_ratio(self):
        return False
