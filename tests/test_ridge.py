"""Ridge: every solver against scikit-learn and the normal equations."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import linear_model as sk

from sklearn_reg import Ridge
from sklearn_reg._ridge import SOLVER_MAP

from conftest import make_data, to_dense, weights_for


def ridge_objective(X, y, coef, intercept, alpha, sw=None):
    X = to_dense(X).astype(float)
    s = np.ones(X.shape[0]) if sw is None else sw
    r = y - X @ coef - intercept
    return np.sum(s * r * r) + alpha * coef @ coef


def normal_equations(X, y, alpha, sw, fit_intercept):
    X = to_dense(X).astype(float)
    y = y.astype(float)
    s = np.ones(X.shape[0]) if sw is None else sw
    if fit_intercept:
        xm, ym = np.average(X, axis=0, weights=s), np.average(y, weights=s)
    else:
        xm, ym = np.zeros(X.shape[1]), 0.0
    Z, t = (X - xm) * np.sqrt(s)[:, None], (y - ym) * np.sqrt(s)
    w = np.linalg.solve(Z.T @ Z + alpha * np.eye(X.shape[1]), Z.T @ t)
    return w, ym - xm @ w


@pytest.mark.parametrize("solver", ["auto", "cd", "cholesky", "svd", "lsqr", "sag", "lbfgs"])
@pytest.mark.parametrize("shape", [(50, 12), (15, 40)], ids=["tall", "wide"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
def test_matches_normal_equations_and_sklearn(container, dtype, solver, shape, weighted, fit_intercept):
    n, p = shape
    X, y = make_data(n, p, container=container, dtype=dtype, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(n, weighted)
    alpha = 3.0
    tol = 1e-12 if dtype == np.float64 else 1e-6  # float32 cannot certify a tighter gap
    m = Ridge(alpha=alpha, solver=solver, fit_intercept=fit_intercept, tol=tol, max_iter=100_000)
    m.fit(X, y, sample_weight=sw)
    assert m.coef_.dtype == dtype
    assert m.n_iter_.shape == (1,) and m.n_iter_[0] >= 1
    w, b = normal_equations(X, y, alpha, sw, fit_intercept)
    f64 = dtype == np.float64
    rtol = 1e-7 if f64 else 2e-3
    assert_allclose(m.coef_, w, rtol=rtol, atol=rtol * np.abs(w).max())
    assert_allclose(m.intercept_, b, rtol=rtol, atol=rtol * 10)
    theirs = sk.Ridge(alpha=alpha, fit_intercept=fit_intercept, tol=1e-12).fit(X, y, sample_weight=sw)
    assert_allclose(m.coef_, theirs.coef_, rtol=10 * rtol, atol=10 * rtol * np.abs(w).max())


@pytest.mark.parametrize("solver", list(SOLVER_MAP))
def test_positive_works_with_every_solver(container, solver):
    X, y = make_data(40, 15, container=container, density=0.5 if container != "dense" else 1.0)
    m = Ridge(alpha=2.0, positive=True, solver=solver, tol=1e-12, max_iter=100_000).fit(X, y)
    assert m.solver_ == "cd"
    assert np.all(m.coef_ >= 0)
    theirs = sk.Ridge(alpha=2.0, positive=True, solver="lbfgs", tol=1e-12).fit(X, y)
    obj = lambda est: ridge_objective(X, y, est.coef_, est.intercept_, 2.0)
    assert obj(m) <= obj(theirs) * (1 + 1e-9)
    # KKT of the positive ridge: gradient zero on the support, non-negative off it
    Xd = to_dense(X)
    r = y - Xd @ m.coef_ - m.intercept_
    grad = -2 * (Xd - Xd.mean(0)).T @ r + 2 * 2.0 * m.coef_
    assert np.all(np.abs(grad[m.coef_ > 0]) < 1e-5)
    assert np.all(grad[m.coef_ == 0] > -1e-5)


def test_alpha_per_target():
    X, y = make_data(40, 10)
    Y = np.column_stack([y, 2 * y + 1])
    m = Ridge(alpha=[0.5, 50.0]).fit(X, Y)
    for k, a in enumerate([0.5, 50.0]):
        single = Ridge(alpha=a).fit(X, Y[:, k])
        assert_allclose(m.coef_[k], single.coef_)
        assert_allclose(m.intercept_[k], single.intercept_)
    with pytest.raises(ValueError, match="Number of targets and number of penalties"):
        Ridge(alpha=[1.0, 2.0, 3.0]).fit(X, Y)


def test_shapes_follow_sklearn():
    X, y = make_data(30, 6)
    for target in (y, y[:, None], np.column_stack([y, y])):
        ours, theirs = Ridge().fit(X, target), sk.Ridge().fit(X, target)
        assert ours.coef_.shape == theirs.coef_.shape
        assert np.shape(ours.intercept_) == np.shape(theirs.intercept_)
        assert ours.predict(X).shape == theirs.predict(X).shape


def test_auto_picks_direct_solver_for_dense_and_cd_for_positive():
    X, y = make_data(30, 6)
    assert Ridge().fit(X, y).solver_ == "cholesky"
    assert Ridge(positive=True).fit(X, y).solver_ == "cd"
    assert Ridge(solver="svd").fit(X, y).solver_ == "svd"


def test_alpha_zero_is_least_squares():
    X, y = make_data(50, 5)
    m = Ridge(alpha=0.0).fit(X, y)
    ols = sk.LinearRegression().fit(X, y)
    assert_allclose(m.coef_, ols.coef_, rtol=1e-8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Ridge(alpha=0.0).fit(np.column_stack([X, X[:, 0]]), y)  # singular: lstsq fallback, no crash


def test_scalar_weight_and_no_intercept_follow_sklearn():
    X, y = make_data(30, 6)
    ours, theirs = Ridge(alpha=3.0).fit(X, y, sample_weight=2.5), sk.Ridge(alpha=3.0).fit(X, y, sample_weight=2.5)
    assert_allclose(ours.coef_, theirs.coef_, rtol=1e-10)
    assert not np.allclose(ours.coef_, Ridge(alpha=3.0).fit(X, y).coef_)
    Y = np.column_stack([y, -y])
    for ours, theirs in [(Ridge(fit_intercept=False), sk.Ridge(fit_intercept=False))]:
        assert ours.fit(X, Y).intercept_ == theirs.fit(X, Y).intercept_ == 0.0


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [None, "w"])
def test_wide_sparse_auto_uses_conjugate_gradient(fit_intercept, weighted, dtype):
    from scipy import sparse as sp

    rng = np.random.default_rng(0)
    n, p = 60, 2100
    X = sp.random(n, p, density=0.05, format="csr", random_state=1, dtype=dtype)
    y = (X @ rng.standard_normal(p) + rng.standard_normal(n)).astype(dtype)
    sw = weights_for(n, weighted)
    m = Ridge(alpha=0.7, fit_intercept=fit_intercept, tol=1e-8).fit(X, y, sample_weight=sw)
    assert m.solver_ == "sparse_cg" and m.n_iter_[0] >= 1 and m.coef_.dtype == dtype
    # independent: the dual normal equations of the centred, weighted problem (n x n)
    Xd = X.toarray().astype(float)
    s = np.ones(n) if sw is None else sw
    xm = np.average(Xd, axis=0, weights=s) if fit_intercept else np.zeros(p)
    ym = np.average(y, weights=s) if fit_intercept else 0.0
    Z, t = (Xd - xm) * np.sqrt(s)[:, None], (y - ym) * np.sqrt(s)
    w = Z.T @ np.linalg.solve(Z @ Z.T + 0.7 * np.eye(n), t)
    rtol = 1e-6 if dtype == np.float64 else 1e-3
    assert_allclose(m.coef_, w, rtol=rtol, atol=rtol * np.abs(w).max())
    assert_allclose(m.intercept_, ym - xm @ w, rtol=rtol, atol=rtol * 10)
    for solver in ("sparse_cg", "lsqr"):
        assert Ridge(alpha=0.7, solver=solver).fit(X, y).solver_ == "sparse_cg"
