"""MCP and SCAD: exact coordinate steps, stationarity, skglm parity, support recovery."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.model_selection import GridSearchCV
from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_reg import Lasso, LassoCV, MCPRegressor, SCADRegressor
from sklearn_reg._cd import MCP, SCAD, _nonconvex_step

from conftest import make_data, to_dense


def penalty(t, lam, gamma, kind):
    t = np.abs(t)
    if kind == MCP:
        return np.where(t <= gamma * lam, lam * t - t ** 2 / (2 * gamma), gamma * lam ** 2 / 2)
    return np.where(t <= lam, lam * t,
                    np.where(t <= gamma * lam, (2 * gamma * lam * t - t ** 2 - lam ** 2) / (2 * (gamma - 1)),
                             lam ** 2 * (gamma + 1) / 2))


@pytest.mark.parametrize("kind,gamma", [(MCP, 3.0), (MCP, 1.5), (SCAD, 3.7), (SCAD, 2.5)])
@pytest.mark.parametrize("positive", [False, True])
def test_coordinate_step_is_the_exact_minimizer(kind, gamma, positive):
    grid = np.linspace(-6, 6, 240_001)
    rng = np.random.default_rng(0)
    for _ in range(40):
        a, b, lam = rng.uniform(0.2, 2.0), rng.uniform(-5, 5), rng.uniform(0.1, 1.5)
        f = 0.5 * a * grid ** 2 - b * grid + penalty(grid, lam, gamma, kind)
        if positive:
            f = np.where(grid < 0, np.inf, f)
        step = _nonconvex_step(a, b, lam, gamma, kind, positive)
        value = 0.5 * a * step ** 2 - b * step + penalty(step, lam, gamma, kind)
        assert value <= f.min() + 1e-8


@pytest.mark.parametrize("cls,kind", [(MCPRegressor, MCP), (SCADRegressor, SCAD)])
@pytest.mark.parametrize("container", ["dense", "csc"])
def test_solution_is_coordinatewise_optimal(cls, kind, container):
    X, y = make_data(60, 20, container=container, density=0.6 if container != "dense" else 1.0, seed=3)
    alpha = 0.15
    m = cls(alpha=alpha, tol=1e-12, max_iter=10_000).fit(X, y)
    Xd = to_dense(X) - to_dense(X).mean(axis=0)
    yc = y - y.mean()
    grid = np.linspace(-8, 8, 160_001)
    n = len(y)
    for j in range(20):
        r = yc - Xd @ m.coef_ + Xd[:, j] * m.coef_[j]
        a, b = Xd[:, j] @ Xd[:, j] / n, Xd[:, j] @ r / n
        f = 0.5 * a * grid ** 2 - b * grid + penalty(grid, alpha, m.gamma, kind)
        at = 0.5 * a * m.coef_[j] ** 2 - b * m.coef_[j] + penalty(m.coef_[j], alpha, m.gamma, kind)
        assert at <= f.min() + 1e-7
    assert m.optimality_gap_ >= 0
    assert_allclose(m.intercept_, y.mean() - to_dense(X).mean(axis=0) @ m.coef_)


def test_large_gamma_tends_to_the_lasso():
    X, y = make_data(50, 15, seed=4)
    lasso = Lasso(alpha=0.1, tol=1e-12).fit(X, y)
    mcp = MCPRegressor(alpha=0.1, gamma=1e8, tol=1e-12).fit(X, y)
    assert_allclose(mcp.coef_, lasso.coef_, atol=1e-5)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_agrees_with_skglm(fit_intercept):
    skglm = pytest.importorskip("skglm")
    X, y = make_data(100, 30, seed=5)
    ours = MCPRegressor(alpha=0.1, gamma=3.0, tol=1e-10, max_iter=10_000, fit_intercept=fit_intercept).fit(X, y)
    theirs = skglm.MCPRegression(alpha=0.1, gamma=3.0, tol=1e-10, fit_intercept=fit_intercept).fit(X, y)
    assert_allclose(ours.coef_, theirs.coef_, atol=1e-7)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=1e-7)


def sparse_problem(seed, n=200, p=50, k=5, rho=0.5):
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((n, 1))
    X = np.sqrt(rho) * base + np.sqrt(1 - rho) * rng.standard_normal((n, p))
    w = np.zeros(p)
    w[:k] = rng.choice([-1, 1], k) * rng.uniform(1, 2, k)
    return X, X @ w + rng.standard_normal(n), w != 0


def test_recovers_the_support_where_the_lasso_over_selects():
    false_pos = {"lasso": 0, "mcp": 0, "scad": 0}
    for seed in (0, 2, 3):
        X, y, truth = sparse_problem(seed)
        lasso = LassoCV(cv=5, alphas=40).fit(X, y)
        grid = {"alpha": list(lasso.alphas_[::3])}
        found = {"lasso": lasso.coef_ != 0}
        for name, est in (("mcp", MCPRegressor()), ("scad", SCADRegressor())):
            best = GridSearchCV(est, grid, cv=5, scoring="neg_mean_squared_error").fit(X, y).best_estimator_
            found[name] = best.coef_ != 0
        for name, support in found.items():
            assert np.all(support[truth]), name  # every true feature found
            false_pos[name] += int(np.sum(support & ~truth))
    assert false_pos["lasso"] >= 10  # the lasso over-selects here ...
    assert false_pos["mcp"] <= false_pos["lasso"] // 3  # ... the non-convex penalties much less
    assert false_pos["scad"] <= false_pos["lasso"] // 2


def test_bad_gamma():
    X, y = make_data(20, 5)
    with pytest.raises(ValueError, match="'gamma' parameter of MCPRegressor"):
        MCPRegressor(gamma=1.0).fit(X, y)
    with pytest.raises(ValueError, match="'gamma' parameter of SCADRegressor"):
        SCADRegressor(gamma=2.0).fit(X, y)


@parametrize_with_checks([MCPRegressor(), SCADRegressor(), MCPRegressor(positive=True)])
def test_sklearn_contract(estimator, check):
    check(estimator)
