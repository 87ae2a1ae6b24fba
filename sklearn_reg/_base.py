"""What every estimator shares: input validation, the call into the engine,
intercept recovery, prediction and tags. Estimators only translate their
parameters into the engine's ``(l1, l2)``.
"""

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, MultiOutputMixin, RegressorMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from ._data import check_sample_weight
from ._path import solve_path
from ._params import check_params


def solve_targets(problem, l1, l2, penalty_factor, coef_init, *, positive,
                  max_iter, tol, selection, random_state, lower=None, upper=None):
    """Fit every target of ``problem`` at one strength each.

    ``l1`` and ``l2`` hold one strength per target, in the engine's scaled
    units. Returns ``coef`` (n_targets, n_features), scikit-learn's
    ``dual_gap_`` per target and the epoch counts.
    """
    n_targets = problem.y.shape[1]
    coef = np.zeros((n_targets, problem.norms.shape[0]), dtype=problem.y.dtype)
    gaps = np.zeros(n_targets, dtype=problem.y.dtype)
    n_iters = []
    for k in range(n_targets):
        coefs, gap, n_iter = solve_path(
            problem, [l1[k]], [l2[k]], target=k,
            coef_init=None if coef_init is None else coef_init[k],
            penalty_factor=penalty_factor, positive=positive, max_iter=max_iter,
            tol=tol, selection=selection, random_state=random_state, lower=lower,
            upper=upper,
        )
        coef[k], gaps[k] = coefs[0], gap[0]
        n_iters.append(n_iter[0])
    return coef, gaps, n_iters


class LinearRegressorBase(RegressorMixin, BaseEstimator):
    """Validation, intercept recovery, prediction and tags of every estimator.

    Subclasses define ``_param_table``, the rules of their parameters.
    """

    _param_table = {}

    def _validate_fit_input(self, X, y, sample_weight, multi_output=True):
        check_params(self, self._param_table)
        X, y = validate_data(
            self, X, y,
            accept_sparse=["csc", "csr", "coo"],
            dtype=[np.float64, np.float32],
            multi_output=multi_output,
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
        self.coef_ = coef[0] if squeeze_coef else coef
        if not self.fit_intercept:
            self.intercept_ = 0.0  # scikit-learn's value, whatever the number of targets
        else:
            self.intercept_ = intercept[0] if squeeze_intercept else intercept

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


class RegularizedRegressor(MultiOutputMixin, LinearRegressorBase):
    """An estimator that fits several targets at once, as scikit-learn's."""
