"""What every estimator shares: input validation, the call into the engine,
intercept recovery, prediction and tags. Estimators only translate their
parameters into the engine's ``(l1, l2)``.
"""

import warnings

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, MultiOutputMixin, RegressorMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data

from ._cd import cd_solve
from ._data import check_sample_weight, prepare
from ._params import check_params

_CONVERGENCE_MESSAGE = (
    "Objective did not converge. You might want to increase the number of "
    "iterations (max_iter), check the scale of the features or consider "
    "increasing regularisation. Duality gap: {gap:.3e}, tolerance: {tol:.3e}"
)


def solve_targets(problem, l1, l2, penalty_factor, coef_init, *, positive,
                  max_iter, tol, selection, random_state):
    """Run the engine on every target of ``problem``.

    ``l1`` and ``l2`` are sequences with one strength per target, in the
    engine's scaled units. Returns ``coef`` (n_targets, n_features), the
    duality gaps divided by ``n_samples`` (scikit-learn's ``dual_gap_``) and
    the epoch counts; warns once per target that hit ``max_iter``.
    """
    n_targets = problem.y.shape[1]
    n_features = problem.norms.shape[0]
    dtype = problem.y.dtype
    coef = np.zeros((n_targets, n_features), dtype=dtype)
    if coef_init is not None:
        coef[:] = coef_init
    v = np.ones(n_features, dtype=dtype) if penalty_factor is None else penalty_factor
    rng = check_random_state(random_state)
    random = selection == "random"
    gaps = np.zeros(n_targets, dtype=dtype)
    n_iters = []
    for k in range(n_targets):
        w = np.ascontiguousarray(coef[k])
        seed = int(rng.randint(0, np.iinfo(np.int32).max))
        gap, tol_abs, n_iter = cd_solve(
            problem.X, problem.y[:, k], w, problem.norms, float(l1[k]),
            float(l2[k]), v, bool(positive), int(max_iter), float(tol),
            random, seed,
        )
        if gap > tol_abs:
            warnings.warn(
                _CONVERGENCE_MESSAGE.format(gap=gap, tol=tol_abs),
                ConvergenceWarning, stacklevel=3,
            )
        coef[k] = w
        gaps[k] = gap / problem.n_samples
        n_iters.append(int(n_iter))
    return coef, gaps, n_iters


class RegularizedRegressor(MultiOutputMixin, RegressorMixin, BaseEstimator):
    """Shared fit scaffolding; subclasses define ``_param_table`` and ``_fit``."""

    _param_table = {}

    def _validate_fit_input(self, X, y, sample_weight):
        check_params(self, self._param_table)
        X, y = validate_data(
            self, X, y,
            accept_sparse=["csc", "csr", "coo"],
            dtype=[np.float64, np.float32],
            multi_output=True,
            y_numeric=True,
        )
        if sparse.issparse(X):
            X = X.tocsc()
        y = np.asarray(y, dtype=X.dtype)
        sample_weight = check_sample_weight(sample_weight, X.shape[0], X.dtype)
        return X, y, sample_weight

    def _set_fitted(self, problem, coef, squeeze_coef, squeeze_intercept):
        """Store ``coef_``/``intercept_`` with scikit-learn's shapes."""
        intercept = problem.y_offset - coef @ problem.x_offset
        if not (np.all(np.isfinite(coef)) and np.all(np.isfinite(intercept))):
            raise ValueError(
                "The fit resulted in non-finite parameter values. The input data "
                "may contain large values and need to be preprocessed."
            )
        if not self.fit_intercept:
            intercept = np.zeros_like(intercept)
        self.coef_ = coef[0] if squeeze_coef else coef
        self.intercept_ = (intercept[0] if self.fit_intercept else 0.0) if squeeze_intercept else intercept

    def predict(self, X):
        """Predict using the linear model.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Predicted values.
        """
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=["csr", "csc", "coo"], reset=False)
        return X @ self.coef_.T + self.intercept_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags
