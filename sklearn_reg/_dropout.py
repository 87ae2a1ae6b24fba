"""``DropoutRegressor``: linear regression trained with input dropout, solved
exactly in expectation, which is a ridge with per-feature factors.

The fit is the public :class:`~sklearn_reg.ElasticNet` with ``l1_ratio=0``
and ``penalty_factor`` (ordinary least squares for ``p=0``): no
coordinate-descent loop of its own.
"""

import numpy as np
from scipy import sparse

from ._base import RegularizedRegressor
from ._linear import ElasticNet
from ._params import Boolean, Integer, Real
from ._relaxed import least_squares


def weighted_sq_norms(X, sample_weight=None, center=False):
    """``sum_i s_i (x_ij - c_j)^2`` per column, with ``c`` the weighted column
    means when ``center``, else 0; sparse ``X`` is never densified."""
    s = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if sparse.issparse(X):
        X = sparse.csc_matrix(X, dtype=np.float64)
        raw = np.asarray(X.multiply(X).T @ s, dtype=np.float64).ravel()
        if not center:
            return raw
        mean = np.asarray(X.T @ s, dtype=np.float64).ravel() / s.sum()
        return np.maximum(raw - s.sum() * mean**2, 0.0)
    X = np.asarray(X, dtype=np.float64)
    Z = X - np.average(X, axis=0, weights=s) if center else X
    return np.einsum("ij,ij,i->j", Z, Z, s)


class DropoutRegressor(RegularizedRegressor):
    r"""Linear regression trained with input dropout, solved in expectation.

    Dropout training fits :math:`y_i \approx b + \sum_j \delta_{ij} x_{ij}
    w_j` where every input :math:`x_{ij}` is kept with probability
    :math:`1 - p` and rescaled by :math:`1/(1-p)` ("inverted" dropout), that
    is :math:`\delta_{ij} = m_{ij} / (1 - p)` with independent
    :math:`m_{ij} \sim \text{Bernoulli}(1 - p)`; the intercept is never
    dropped. Instead of sampling masks, this estimator minimizes the
    expected loss exactly. Since :math:`E\,\delta_{ij} = 1` and
    :math:`\operatorname{Var}\delta_{ij} = p/(1-p)`, with independent
    :math:`\delta_{ij}`,

    .. math::

        E\left[\frac{1}{2S} \sum_i s_i \Big(y_i - b - \sum_j \delta_{ij}
        x_{ij} w_j\Big)^2\right]
        = \frac{1}{2S} \sum_i s_i (y_i - b - x_i^\top w)^2
        + \frac{p}{1-p} \cdot \frac{1}{2} \sum_j v_j w_j^2,
        \qquad v_j = \frac{1}{S} \sum_i s_i x_{ij}^2 ,

    (sample weights :math:`s`, :math:`S = \sum_i s_i`): a ridge whose
    per-feature factors are the weighted **raw** (uncentred) second moments
    of the inputs, because a dropped input becomes 0, not its mean. The
    intercept stays unpenalized: the expectation does not involve it. This is
    exactly ``ElasticNet(alpha=p / (1 - p), l1_ratio=0,
    penalty_factor=v)``, which is how it is solved. With centred inputs (for
    instance after :class:`~sklearn.preprocessing.StandardScaler`) the
    factors are the variances, and after standardization they are all 1: an
    ordinary ridge of strength ``p / (1 - p)``. ``p=0`` is ordinary least
    squares (solved by ``lstsq``, the minimum-norm solution when the centred
    columns are collinear).

    This is Srivastava et al. (2014), Section 9.1 (who write the retention
    probability and no rescaling), and the linear-regression case of Wager,
    Wang and Liang (2013), where the dropout penalty is exact.

    Parameters
    ----------
    p : float, default=0.5
        Probability :math:`p \in [0, 1)` of dropping each input.
    fit_intercept : bool, default=True
        Whether to fit an intercept (never dropped, never penalized).
    max_iter : int, default=1000
        Maximum number of epochs of the solver (``p > 0``).
    tol : float, default=1e-4
        Duality-gap tolerance of the solver, scikit-learn's meaning
        (``p > 0``; lower it for more digits).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients, on the scale of the inputs without dropout.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept (0 when ``fit_intercept=False``).
    alpha_ : float
        The equivalent ridge strength :math:`p / (1 - p)`.
    penalty_factor_ : ndarray of shape (n_features,)
        The factors :math:`v_j`, weighted mean of :math:`x_{ij}^2`.
    n_iter_ : int or list of int
        Epochs of the solver per target (0 for ``p=0``).
    dual_gap_ : float or ndarray of shape (n_targets,)
        Duality gap of the solution (0 for ``p=0``).
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    ElasticNet : With ``l1_ratio=0`` and ``penalty_factor``, the same model.
    Ridge : The ridge with equal factors.

    References
    ----------
    N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever and R.
    Salakhutdinov, "Dropout: a simple way to prevent neural networks from
    overfitting", Journal of Machine Learning Research 15, 2014, Section 9.1.
    S. Wager, S. Wang and P. Liang, "Dropout training as adaptive
    regularization", Advances in Neural Information Processing Systems 26,
    2013.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn_reg import DropoutRegressor, ElasticNet
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((40, 3))
    >>> y = X @ [1.0, -2.0, 0.5] + 0.1 * rng.standard_normal(40)
    >>> model = DropoutRegressor(p=0.2).fit(X, y)
    >>> model.alpha_
    0.25
    >>> same = ElasticNet(alpha=0.25, l1_ratio=0, penalty_factor=(X**2).mean(0)).fit(X, y)
    >>> np.allclose(model.coef_, same.coef_)
    True
    """

    _param_table = {
        "p": Real(0, 1, "left"),
        "fit_intercept": Boolean(),
        "max_iter": Integer(1),
        "tol": Real(0, None, "left"),
    }

    def __init__(self, p=0.5, *, fit_intercept=True, max_iter=1000, tol=1e-4):
        self.p = p
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y, sample_weight=None):
        """Fit the expected dropout loss.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight)
        s = np.ones(X.shape[0]) if sample_weight is None else sample_weight.astype(np.float64)
        self.penalty_factor_ = weighted_sq_norms(X, s) / s.sum()
        self.alpha_ = self.p / (1.0 - self.p)
        if self.p == 0:
            coef, intercept = least_squares(X, y, sample_weight, self.fit_intercept)
            coef = np.asarray(coef, dtype=X.dtype).T  # (n_targets, n_features) or (n_features,)
            if coef.ndim == 2 and coef.shape[0] == 1:
                coef = coef[0]
            self.coef_ = coef
            if not self.fit_intercept:
                self.intercept_ = 0.0
            else:
                self.intercept_ = intercept if np.ndim(y) == 1 else np.asarray(intercept, dtype=X.dtype)
            n_targets = 1 if np.ndim(y) == 1 else y.shape[1]
            self.n_iter_ = 0 if n_targets == 1 else [0] * n_targets
            self.dual_gap_ = 0.0 if n_targets == 1 else np.zeros(n_targets)
            return self
        model = ElasticNet(alpha=self.alpha_, l1_ratio=0.0, penalty_factor=self.penalty_factor_,
                           fit_intercept=self.fit_intercept, max_iter=self.max_iter,
                           tol=self.tol).fit(X, y, sample_weight=sample_weight)
        for name in ("coef_", "intercept_", "n_iter_", "dual_gap_"):
            setattr(self, name, getattr(model, name))
        return self
