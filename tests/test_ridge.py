"""Ridge: every solver against scikit-learn and the normal equations."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
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


# --------------------------------------------------------------------------
# The dense direct solve (no centred copy of X) and the sparse conjugate
# gradient (scikit-learn's sparse_cg iteration).


def _offset_data(n, p, offset, order, dtype, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + offset * rng.uniform(0.5, 2.0, p)
    y = X[:, :3] @ np.array([1.0, -2.0, 0.5]) + 0.3 * rng.standard_normal(n) + 4.0
    Y = np.column_stack([y, -y + rng.standard_normal(n)])
    return np.asarray(X, dtype=dtype, order=order), Y.astype(dtype)


@pytest.mark.parametrize("shape", [(60, 7), (9, 30)], ids=["tall", "wide"])
@pytest.mark.parametrize("offset", [0.0, 50.0], ids=["small_means", "large_means"])
@pytest.mark.parametrize("order", ["F", "C"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
@pytest.mark.parametrize("blocks", [False, True], ids=["one_block", "blocks"])
def test_dense_direct_paths_match_normal_equations(monkeypatch, dtype, shape, offset, order,
                                                   weighted, fit_intercept, blocks):
    # every route of the direct solve (Gram of X centred afterwards, or
    # centred blocks, several of them with a short last one) and both systems
    from sklearn_reg import _ridge_direct

    if blocks:
        monkeypatch.setattr(_ridge_direct, "_BLOCK_ELEMENTS", 40)
    n, p = shape
    X, Y = _offset_data(n, p, offset, order, dtype)
    X_before = X.copy()
    sw = weights_for(n, weighted)
    alphas = np.array([0.3, 7.0])
    m = Ridge(alpha=alphas, fit_intercept=fit_intercept, copy_X=False).fit(X, Y, sample_weight=sw)
    assert m.solver_ == "cholesky" and m.coef_.dtype == dtype
    assert_array_equal(X, X_before)  # never centred in place
    rtol = 1e-8 if dtype == np.float64 else 2e-3
    theirs = sk.Ridge(alpha=alphas, fit_intercept=fit_intercept, solver="cholesky").fit(
        X_before, Y, sample_weight=sw)
    for k in range(2):
        w, b = normal_equations(X, Y[:, k], alphas[k], sw, fit_intercept)
        # float32 products of uncentred, offset columns are ill-conditioned:
        # there, as accurate as scikit-learn's float32 fit (up to a factor 2)
        slack = 2 * np.abs(theirs.coef_[k] - w).max() if dtype == np.float32 else 0.0
        atol = max(rtol * np.abs(w).max(), slack)
        assert_allclose(m.coef_[k], w, rtol=rtol, atol=atol)
        intercept = m.intercept_[k] if fit_intercept else m.intercept_
        assert_allclose(intercept, b, rtol=rtol, atol=rtol * (1 + abs(b)) + slack * np.abs(X).max())


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize("where", ["X", "y", "both"])
@pytest.mark.parametrize("shape", [(30, 5), (5, 30)], ids=["tall", "wide"])
def test_dense_direct_path_rejects_nan_and_inf_as_sklearn(bad, where, shape):
    # the direct solver checks X from its Gram matrix: same errors, same order
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal(shape), rng.standard_normal(shape[0])
    if where in ("X", "both"):
        X[2, 1] = bad
    if where in ("y", "both"):
        y[3] = bad
    with pytest.raises(ValueError) as theirs:
        sk.Ridge().fit(X, y)
    with pytest.raises(ValueError) as ours:
        Ridge().fit(X, y)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("shape", [(40, 2200), (3000, 2100)], ids=["dual", "primal"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
def test_sparse_conjugate_gradient_is_sklearns_sparse_cg(shape, weighted, fit_intercept):
    # the same system, start and stopping rule as scikit-learn's sparse_cg:
    # the same iterates up to rounding, so the same accuracy at any tol (on
    # ill-conditioned systems stopped early, rounding may move the stopping
    # iteration by one or two, either way)
    from scipy import sparse as sp

    n, p = shape
    rng = np.random.default_rng(0)
    X = sp.random(n, p, density=0.01, format="csc", random_state=2) * 3.0
    X.data += 1.0
    Y = np.column_stack([X @ rng.standard_normal(p) + rng.standard_normal(n) + 5.0,
                         rng.standard_normal(n)])
    sw = weights_for(n, weighted)
    alphas = np.array([2.0, 0.5])

    def objectives(est):
        intercept = np.broadcast_to(est.intercept_, (2,))
        return np.array([ridge_objective(X, Y[:, k], est.coef_[k], intercept[k], alphas[k], sw)
                         for k in range(2)])

    best = objectives(Ridge(alpha=alphas, fit_intercept=fit_intercept, tol=1e-12).fit(
        X, Y, sample_weight=sw))
    for tol in (1e-2, 1e-4, 1e-10):
        ours = Ridge(alpha=alphas, fit_intercept=fit_intercept, tol=tol).fit(X, Y, sample_weight=sw)
        assert ours.solver_ == "sparse_cg" and np.all(ours.n_iter_ >= 1)
        theirs = sk.Ridge(alpha=alphas, fit_intercept=fit_intercept, tol=tol,
                          solver="sparse_cg").fit(X, Y, sample_weight=sw)
        gap_ours, gap_theirs = objectives(ours) - best, objectives(theirs) - best
        assert np.all(gap_ours <= 2 * gap_theirs + 1e-9 * best), (tol, gap_ours, gap_theirs)
    assert_allclose(ours.coef_, theirs.coef_, rtol=1e-6, atol=1e-8 * np.abs(theirs.coef_).max())
    assert_allclose(ours.intercept_, theirs.intercept_, rtol=1e-6, atol=1e-8)
