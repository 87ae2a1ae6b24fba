"""Per-feature penalty factors on the elastic-net family."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import sparse

from sklearn_reg import ElasticNet, ElasticNetCV, Lasso, LassoCV, alpha_grid

from conftest import kkt_violation, make_data, to_dense


def weighted_kkt(X, y, coef, intercept, alpha, l1_ratio, v):
    """KKT of 1/(2n)||r||^2 + alpha * sum v_j (rho |w_j| + (1-rho)/2 w_j^2)."""
    Xd = to_dense(X)
    r = y - Xd @ coef - intercept
    grad = -Xd.T @ r / len(y) + alpha * (1 - l1_ratio) * v * coef
    l1 = alpha * l1_ratio * v
    nz = coef != 0
    viol = list(np.abs(grad[nz] + l1[nz] * np.sign(coef[nz])))
    viol += list(np.maximum(np.abs(grad[~nz]) - l1[~nz], 0))
    viol.append(abs(r.mean()))
    return max(viol)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.6])
def test_optimality_with_factors(container, l1_ratio):
    X, y = make_data(40, 25, container=container, density=0.5 if container != "dense" else 1.0, seed=2)
    v = np.random.default_rng(1).uniform(0, 2, 25)
    v[[0, 3]] = 0.0
    m = ElasticNet(alpha=0.2, l1_ratio=l1_ratio, penalty_factor=v, tol=1e-12, max_iter=100_000).fit(X, y)
    assert weighted_kkt(X, y, m.coef_, m.intercept_, 0.2, l1_ratio, v) < 1e-6
    assert m.coef_[0] != 0 and m.coef_[3] != 0


@pytest.mark.parametrize("container", ["dense", "csc"])
def test_factor_equals_column_rescaling(container):
    X, y = make_data(40, 20, container=container, density=0.5 if container != "dense" else 1.0, seed=3)
    v = np.random.default_rng(2).uniform(0.3, 3, 20)
    a = Lasso(alpha=0.05, penalty_factor=v, tol=1e-12, max_iter=100_000).fit(X, y)
    Xs = to_dense(X) / v
    b = Lasso(alpha=0.05, tol=1e-12, max_iter=100_000).fit(Xs if container == "dense" else sparse.csc_matrix(Xs), y)
    assert_allclose(a.coef_, b.coef_ / v, atol=1e-8)
    assert_allclose(a.intercept_, b.intercept_, atol=1e-8)


def test_all_ones_is_scikit_learn_model():
    X, y = make_data(30, 10)
    a = Lasso(alpha=0.1, penalty_factor=np.ones(10), tol=1e-10).fit(X, y)
    b = Lasso(alpha=0.1, tol=1e-10).fit(X, y)
    assert_allclose(a.coef_, b.coef_)


def test_alpha_max_accounts_for_factors():
    X, y = make_data(40, 15, seed=4)
    v = np.linspace(0.2, 3, 15)
    v[7] = 0.0
    top = alpha_grid(X, y, penalty_factor=v, n_alphas=1)[0]
    Xc, yc = X - X.mean(0), y - y.mean()
    expected = np.max(np.abs(Xc.T @ yc / 40)[v > 0] / v[v > 0])
    assert top == pytest.approx(expected, rel=1e-12)
    # above alpha_max only the unpenalized feature is used, by least squares
    m = Lasso(alpha=top * 1.01, penalty_factor=v, tol=1e-12).fit(X, y)
    assert np.count_nonzero(m.coef_) <= 1
    cv = LassoCV(alphas=10, cv=3, penalty_factor=v).fit(X, y)
    assert cv.alphas_[0] <= top * (1 + 1e-12)
    ref = Lasso(alpha=cv.alpha_, penalty_factor=v).fit(X, y)
    assert_allclose(cv.coef_, ref.coef_)


def test_cv_with_factors_matches_gridsearch():
    from sklearn.model_selection import GridSearchCV, KFold
    X, y = make_data(50, 12, seed=5)
    v = np.r_[0.0, np.ones(11)]
    cv = ElasticNetCV(l1_ratio=0.5, alphas=8, cv=KFold(4), penalty_factor=v, tol=1e-10).fit(X, y)
    gs = GridSearchCV(ElasticNet(l1_ratio=0.5, penalty_factor=v, tol=1e-10), {"alpha": list(cv.alphas_)},
                      cv=KFold(4), scoring="neg_mean_squared_error").fit(X, y)
    assert gs.best_params_["alpha"] == pytest.approx(cv.alpha_)


@pytest.mark.parametrize("bad,exc", [([1.0, 2.0], ValueError), (-np.ones(5), ValueError),
                                      (np.full(5, np.nan), ValueError), ("abc", TypeError)])
def test_bad_penalty_factor(bad, exc):
    X, y = make_data(20, 5)
    with pytest.raises(exc, match="penalty_factor"):
        Lasso(penalty_factor=bad).fit(X, y)
    with pytest.raises(exc, match="penalty_factor"):
        LassoCV(penalty_factor=bad, cv=3).fit(X, y)
