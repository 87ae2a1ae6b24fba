"""Box constraints on the elastic-net family."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sklearn_reg import ElasticNet, ElasticNetCV, Lasso, LassoCV

from conftest import make_data, to_dense


def box_kkt(X, y, coef, intercept, alpha, l1_ratio, lower, upper):
    """Largest violation of the optimality conditions of the boxed problem."""
    Xd = to_dense(X)
    r = y - Xd @ coef - intercept
    g = -Xd.T @ r / len(y) + alpha * (1 - l1_ratio) * coef  # smooth gradient
    l1 = alpha * l1_ratio
    viol = [abs(r.mean())]
    for j, w in enumerate(coef):
        # the subdifferential interval of the penalty plus the normal cone
        lo_sub, hi_sub = (g[j] + l1 * np.sign(w),) * 2 if w != 0 else (g[j] - l1, g[j] + l1)
        if w <= lower[j] + 1e-12:
            lo_sub = -np.inf  # at the lower bound the cone adds (-inf, 0]
        if w >= upper[j] - 1e-12:
            hi_sub = np.inf
        viol.append(max(lo_sub, 0.0) - 0.0 if lo_sub > 0 else max(-hi_sub, 0.0))
        assert lower[j] - 1e-12 <= w <= upper[j] + 1e-12
    return max(viol)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5, 0.0])
def test_boxed_solution_is_optimal(container, l1_ratio):
    X, y = make_data(50, 12, container=container, density=0.6 if container != "dense" else 1.0, seed=7)
    rng = np.random.default_rng(0)
    lower = rng.uniform(-1.5, 0.0, 12)
    upper = rng.uniform(0.2, 1.0, 12)
    lower[0] = -np.inf
    upper[1] = np.inf
    m = ElasticNet(alpha=0.05, l1_ratio=l1_ratio, lower_bounds=lower, upper_bounds=upper, tol=1e-12,
                   max_iter=100_000).fit(X, y)
    assert box_kkt(X, y, m.coef_, m.intercept_, 0.05, l1_ratio, lower, upper) < 1e-6
    assert np.any(m.coef_ == upper) or np.any(m.coef_ == lower)  # the box is active
    assert m.dual_gap_ <= 1e-12 * np.var(y) * 10


def test_lower_zero_equals_positive():
    X, y = make_data(40, 10, seed=8)
    a = Lasso(alpha=0.05, lower_bounds=0.0, tol=1e-12).fit(X, y)
    b = Lasso(alpha=0.05, positive=True, tol=1e-12).fit(X, y)
    assert_allclose(a.coef_, b.coef_, atol=1e-9)


def test_infinite_bounds_change_nothing():
    X, y = make_data(40, 10, seed=9)
    a = Lasso(alpha=0.05, lower_bounds=-np.inf, upper_bounds=np.inf, tol=1e-12).fit(X, y)
    b = Lasso(alpha=0.05, tol=1e-12).fit(X, y)
    assert_allclose(a.coef_, b.coef_, atol=1e-9)


def test_cv_passes_bounds_through():
    X, y = make_data(60, 10, seed=10)
    m = LassoCV(cv=3, alphas=10, upper_bounds=0.5).fit(X, y)
    assert np.all(m.coef_ <= 0.5)
    ref = Lasso(alpha=m.alpha_, upper_bounds=0.5).fit(X, y)
    assert_allclose(m.coef_, ref.coef_)
    e = ElasticNetCV(cv=3, alphas=10, lower_bounds=-0.1).fit(X, y)
    assert np.all(e.coef_ >= -0.1)


@pytest.mark.parametrize("lower,upper,match", [
    (1.0, 0.0, "Infeasible bounds"), (np.zeros(3), None, "lower_bounds"), ("a", None, "lower_bounds"),
    (None, np.full(10, np.nan), "upper_bounds")])
def test_bad_bounds(lower, upper, match):
    X, y = make_data(20, 10)
    with pytest.raises((ValueError, TypeError), match=match):
        Lasso(lower_bounds=lower, upper_bounds=upper).fit(X, y)
