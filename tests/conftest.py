"""Shared data factory and independent optimality checks for the test suite."""

import numpy as np
import pytest
from scipy import sparse

CONTAINERS = {
    "dense": lambda X: X,
    "csc": sparse.csc_matrix,
    "csr": sparse.csr_matrix,
    "csc_array": sparse.csc_array,
}


def make_data(n_samples, n_features, *, density=1.0, rho=0.5, dtype=np.float64,
              container="dense", seed=0, n_informative=5):
    """Correlated design with a sparse true signal, deterministic per seed."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((n_samples, 1))
    X = np.sqrt(rho) * base + np.sqrt(1 - rho) * rng.standard_normal((n_samples, n_features))
    if density < 1.0:
        X *= rng.random(X.shape) < density
    w = np.zeros(n_features)
    k = min(n_informative, n_features)
    w[:k] = rng.choice([-1.0, 1.0], k) * rng.uniform(1, 3, k)
    y = X @ w + 2.0 + 0.5 * rng.standard_normal(n_samples)
    return CONTAINERS[container](X.astype(dtype)), y.astype(dtype)


def to_dense(X):
    return X.toarray() if sparse.issparse(X) else np.asarray(X)


def weights_for(n_samples, kind, seed=1):
    if kind is None:
        return None
    rng = np.random.default_rng(seed)
    return rng.uniform(0.2, 3.0, n_samples)


def enet_objective(X, y, coef, intercept, alpha, l1_ratio, sample_weight=None):
    """``1/(2 sum s) sum s_i r_i^2 + alpha*rho*|w|_1 + alpha*(1-rho)/2*|w|^2``."""
    X = to_dense(X).astype(np.float64)
    s = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, float)
    r = y - X @ coef - intercept
    return (0.5 * np.sum(s * r * r) / s.sum() + alpha * l1_ratio * np.abs(coef).sum()
            + 0.5 * alpha * (1 - l1_ratio) * coef @ coef)


def enet_alpha_max(X, y, l1_ratio=1.0, sample_weight=None, fit_intercept=True, positive=False):
    """Smallest alpha with an all-zero solution, from the definition."""
    X = to_dense(X).astype(np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, float)
    if fit_intercept:
        X = X - np.average(X, axis=0, weights=s)
        y = y - np.average(y, weights=s)
    corr = X.T @ (s * y) / s.sum()
    top = corr.max() if positive else np.abs(corr).max()
    return max(top, 0.0) / l1_ratio


def kkt_violation(X, y, coef, intercept, alpha, l1_ratio, sample_weight=None,
                  positive=False, fit_intercept=True):
    """Largest distance of 0 to the subdifferential of the enet objective."""
    X = to_dense(X).astype(np.float64)
    y = np.asarray(y, dtype=np.float64)
    coef = np.asarray(coef, dtype=np.float64)
    s = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, float)
    r = y - X @ coef - intercept
    viol = []
    if fit_intercept:
        viol.append(abs(np.sum(s * r)) / s.sum())
    grad = -X.T @ (s * r) / s.sum() + alpha * (1 - l1_ratio) * coef
    l1 = alpha * l1_ratio
    nz = coef != 0
    viol.extend(np.abs(grad[nz] + l1 * np.sign(coef[nz])))
    g0 = grad[~nz]
    if positive:
        viol.extend(np.maximum(-g0 - l1, 0.0))
    else:
        viol.extend(np.maximum(np.abs(g0) - l1, 0.0))
    return max(viol) if viol else 0.0


@pytest.fixture(params=["dense", "csc", "csr"])
def container(request):
    return request.param


@pytest.fixture(params=[np.float64, np.float32], ids=["f64", "f32"])
def dtype(request):
    return request.param
