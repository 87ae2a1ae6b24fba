"""Paths and the alpha grid against scikit-learn, plus their own certificates."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import linear_model as sk

from sklearn_reg import Lasso, alpha_grid, enet_path, lasso_path

from conftest import enet_alpha_max, kkt_violation, make_data, to_dense, weights_for


@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
@pytest.mark.parametrize("positive", [False, True])
def test_path_matches_sklearn(container, dtype, l1_ratio, positive):
    X, y = make_data(40, 30, container=container, dtype=dtype, density=0.5 if container != "dense" else 1.0)
    tol = 1e-10 if dtype == np.float64 else 1e-6
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a_ours, c_ours, g_ours = enet_path(X, y, l1_ratio=l1_ratio, alphas=20, eps=1e-2,
                                           positive=positive, tol=tol, max_iter=50_000)
        a_sk, c_sk, g_sk = sk.enet_path(X, y, l1_ratio=l1_ratio, alphas=20, eps=1e-2,
                                        positive=positive, tol=tol, max_iter=50_000)
    assert_allclose(a_ours, a_sk, rtol=1e-5 if dtype == np.float32 else 1e-12)
    assert c_ours.shape == c_sk.shape == (30, 20)
    assert c_ours.dtype == dtype
    atol = 1e-6 if dtype == np.float64 else 1e-2
    assert_allclose(c_ours, c_sk, atol=atol * max(1, np.abs(c_sk).max()))


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [None, "w"])
@pytest.mark.parametrize("positive", [False, True])
def test_alpha_grid_matches_lassocv_grid(container, fit_intercept, weighted, positive):
    X, y = make_data(40, 30, container=container, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(40, weighted)
    ours = alpha_grid(X, y, fit_intercept=fit_intercept, sample_weight=sw, positive=positive, n_alphas=30)
    theirs = sk.LassoCV(alphas=30, fit_intercept=fit_intercept, positive=positive, cv=3).fit(
        X, y, sample_weight=sw).alphas_
    assert_allclose(ours, theirs, rtol=1e-10)
    assert_allclose(ours[0], enet_alpha_max(X, y, 1.0, sw, fit_intercept, positive), rtol=1e-10)


def test_path_with_intercept_and_weights_is_optimal_at_every_alpha(container):
    X, y = make_data(30, 50, container=container, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(30, "w")
    alphas, coefs, gaps = lasso_path(X, y, alphas=15, eps=1e-2, fit_intercept=True, sample_weight=sw,
                                     tol=1e-12, max_iter=100_000)
    Xd = to_dense(X)
    s = sw / sw.sum()
    for k, alpha in enumerate(alphas):
        w = coefs[:, k]
        b = np.sum(s * (y - Xd @ w))
        assert kkt_violation(X, y, w, b, alpha, 1.0, sw) < 1e-6
        assert gaps[k] <= 1e-12 * np.var(y) * 10


def test_single_alpha_path_equals_estimator(container):
    X, y = make_data(30, 20, container=container, density=0.5 if container != "dense" else 1.0)
    for precompute in (False, True):
        _, coefs, gaps, n_iters = lasso_path(X, y, alphas=[0.1], fit_intercept=True, return_n_iter=True,
                                             precompute=precompute)
        m = Lasso(alpha=0.1, precompute=precompute).fit(X, y)
        assert_allclose(coefs[:, 0], m.coef_)
        assert n_iters[0] == m.n_iter_ and gaps[0] == m.dual_gap_


def test_warm_start_along_the_path_saves_epochs():
    X, y = make_data(50, 80)
    alphas, _, _, n_iters = lasso_path(X, y, alphas=30, return_n_iter=True, tol=1e-8)
    cold = [Lasso(alpha=a, fit_intercept=False, tol=1e-8).fit(X, y).n_iter_ for a in alphas]
    assert sum(n_iters) < sum(cold)


def test_alpha_arguments_follow_sklearn_1_9():
    X, y = make_data(20, 5)
    with pytest.warns(FutureWarning, match="n_alphas"):
        a, _, _ = lasso_path(X, y, n_alphas=7)
    assert a.shape == (7,)
    with pytest.warns(FutureWarning, match="alphas=None"):
        a, _, _ = lasso_path(X, y, alphas=None)
    assert a.shape == (100,)
    a, _, _ = lasso_path(X, y, alphas=[0.1, 1.0, 0.5])
    assert_allclose(a, [1.0, 0.5, 0.1])
    with pytest.raises(ValueError, match="alphas"):
        lasso_path(X, y, alphas=[-1.0])
    with pytest.raises(ValueError, match="Unexpected parameters"):
        lasso_path(X, y, bogus=1)
    with pytest.raises(ValueError, match="l1_ratio=0"):
        enet_path(X, y, l1_ratio=0.0, alphas=5)
    with pytest.raises(ValueError, match="multi-task"):
        lasso_path(X, np.column_stack([y, y]))


def test_penalty_factor_scales_the_grid():
    X, y = make_data(30, 10)
    v = np.linspace(0.5, 2.0, 10)
    top = alpha_grid(X, y, penalty_factor=v, n_alphas=3)[0]
    w = Lasso(alpha=top * 0.999).fit(X, y)  # no factors: a different problem
    alphas, coefs, _ = lasso_path(X, y, alphas=[top * 1.0001, top * 0.99], fit_intercept=True,
                                  penalty_factor=v, tol=1e-10)
    assert np.all(coefs[:, 0] == 0) and np.any(coefs[:, 1] != 0)
    assert w.coef_ is not None
