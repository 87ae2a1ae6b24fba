"""The engine itself: layouts agree, penalty factors, gap certificates."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import sparse

from sklearn_reg._base import solve_targets
from sklearn_reg._cd import cd_solve, prox_enet
from sklearn_reg._path import engine_layout, projector
from sklearn_reg._data import prepare, with_gram

from conftest import make_data, to_dense


def solve(X, y, l1, l2, v=None, positive=False, fit_intercept=True, sw=None, tol=1e-12, gram=False):
    problem = prepare(X, y, sw, fit_intercept)
    if gram:
        problem = with_gram(problem)
    coef, gaps, n_iter = solve_targets(problem, [l1], [l2], v, None, positive=positive,
                                       max_iter=100_000, tol=tol, selection="cyclic",
                                       random_state=0)
    return problem, coef[0], gaps[0], n_iter[0]


def test_prox_is_the_scalar_minimizer():
    grid = np.linspace(-5, 5, 200_001)
    for z, L, l1, l2, pos in [(3.0, 2.0, 1.0, 0.5, False), (-3.0, 2.0, 1.0, 0.0, False),
                              (0.5, 1.0, 1.0, 0.0, False), (-2.0, 1.0, 0.3, 0.1, True),
                              (2.0, 1.0, 0.3, 0.1, True)]:
        f = 0.5 * L * grid ** 2 - z * grid + l1 * np.abs(grid) + 0.5 * l2 * grid ** 2
        if pos:
            f[grid < 0] = np.inf
        assert abs(prox_enet(z, L, l1, l2, pos) - grid[np.argmin(f)]) < 1e-4


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_sparse_layout_equals_dense_layout(dtype, fit_intercept, weighted):
    X, y = make_data(50, 30, density=0.2, dtype=dtype, seed=5)
    sw = np.random.default_rng(2).uniform(0.1, 2, 50) if weighted else None
    tol = 1e-12 if dtype == np.float64 else 1e-6
    dense = solve(X, y, 2.0, 1.0, fit_intercept=fit_intercept, sw=sw, tol=tol)
    csc = solve(sparse.csc_matrix(X), y, 2.0, 1.0, fit_intercept=fit_intercept, sw=sw, tol=tol)
    rtol = 1e-9 if dtype == np.float64 else 1e-3
    assert_allclose(csc[1], dense[1], rtol=rtol, atol=rtol)
    assert_allclose(csc[0].norms, dense[0].norms, rtol=rtol)
    assert csc[3] == dense[3] or dtype == np.float32


def test_sparse_x_is_not_densified_or_copied_without_weights():
    X, y = make_data(40, 20, density=0.2, container="csc")
    problem = prepare(X, y, None, True)
    data = problem.X[0]
    assert np.shares_memory(data, X.data)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_penalty_factor_equals_column_rescaling(container, fit_intercept):
    X, y = make_data(40, 25, seed=7)
    v = np.random.default_rng(0).uniform(0.3, 3.0, 25)
    conv = (lambda A: A) if container == "dense" else sparse.csc_matrix
    _, w_factor, _, _ = solve(conv(X), y, 3.0, 0.0, v=v, fit_intercept=fit_intercept)
    _, u, _, _ = solve(conv(X / v), y, 3.0, 0.0, fit_intercept=fit_intercept)
    assert_allclose(w_factor, u / v, atol=1e-8)


@pytest.mark.parametrize("gram", [False, True], ids=["columns", "gram"])
@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("l2", [0.0, 1.0])
def test_zero_penalty_factor_leaves_feature_unpenalized(container, l2, gram):
    X, y = make_data(60, 10, seed=8, density=0.6)
    v = np.ones(10)
    v[[1, 4]] = 0.0
    conv = (lambda A: A) if container == "dense" else sparse.csc_matrix
    # huge penalty: only the free features survive, at their least-squares fit
    problem, w, gap, n_iter = solve(conv(X), y, 1e6 * (l2 == 0), 1e12 * l2, v=v, gram=gram)
    assert n_iter > 0  # the zero start is not optimal for the free features
    Xc = X - X.mean(axis=0)
    free = [1, 4]
    ls = np.linalg.lstsq(Xc[:, free], y - y.mean(), rcond=None)[0]
    assert_allclose(w[free], ls, rtol=1e-6)
    assert np.all(np.abs(np.delete(w, free)) < 1e-5)


@pytest.mark.parametrize("gram", [False, True], ids=["columns", "gram"])
@pytest.mark.parametrize("l1,l2", [(5.0, 0.0), (5.0, 3.0), (0.0, 3.0), (0.0, 0.0)])
@pytest.mark.parametrize("positive", [False, True])
def test_gap_certifies_objective(l1, l2, positive, gram):
    X, y = make_data(30, 10, seed=9)
    problem, w, gap, n_iter = solve(X, y, l1, l2, positive=positive, tol=1e-12 if gram else 1e-14, gram=gram)
    Z, t = prepare(X, y, None, True).X, problem.y[:, 0]
    obj = lambda c: 0.5 * np.sum((t - Z @ c) ** 2) + l1 * np.abs(c).sum() + 0.5 * l2 * c @ c
    rng = np.random.default_rng(0)
    for _ in range(200):  # no nearby feasible point is better by more than the gap
        c = w + 1e-3 * rng.standard_normal(w.shape)
        if positive:
            c = np.maximum(c, 0)
        assert obj(c) >= obj(w) - gap * problem.n_samples - 1e-10
    assert gap >= -1e-12


def test_engine_reports_zero_iterations_at_the_optimum():
    X, y = make_data(30, 10, seed=9)
    problem = prepare(X, y, None, True)
    Z, t, norms = engine_layout(problem)
    w = np.zeros(10)
    free, P = projector(Z, np.empty(0, dtype=np.int64))
    gap, tol_abs, n_iter = cd_solve(Z, t, w, norms, 10 * np.abs(Z @ t).max(), 0.0,
                                    np.ones(10), False, 100, 1e-4, False, 0, 0, 0.0,
                                    np.empty(0), np.empty(0), free, P,
                                    np.zeros(10), np.zeros(6))
    assert n_iter == 0 and gap <= tol_abs


def test_float32_engine_allocates_float32(container):
    X, y = make_data(30, 10, dtype=np.float32, container=container,
                     density=0.5 if container != "dense" else 1.0)
    problem = prepare(X if container == "dense" else sparse.csc_matrix(X), y, None, True)
    assert problem.y.dtype == np.float32 and problem.norms.dtype == np.float32
    if container == "dense":
        assert problem.X.dtype == np.float32 and problem.X.flags.f_contiguous
    else:
        assert problem.X[0].dtype == np.float32


def test_working_set_holds_the_smallest_scores_in_active_order():
    from sklearn_reg._cd import _build_working_set
    rng = np.random.default_rng(1)
    for trial in range(200):
        p = int(rng.integers(1, 120))
        # scores v - |XtR| (unit norms, dual scale 1); -inf marks the support,
        # +inf a zero column; ties are frequent in every third trial
        target = (rng.choice([-np.inf, np.inf, 0.5, 1.0, 2.0], size=p) if trial % 3 == 0
                  else rng.standard_normal(p))
        w = np.where(target == -np.inf, 1.0, 0.0)
        norms = np.where(target == np.inf, 0.0, 1.0)
        XtR = np.where(np.isfinite(target), 1.0 - target, 0.0)
        active = rng.permutation(p)
        n_active = int(rng.integers(1, p + 1))
        size = int(rng.integers(1, n_active + 1))
        ws, scores = np.zeros(p, dtype=np.int64), np.empty(p)
        n = _build_working_set(w, XtR, norms, 0.0, np.ones(p), True, 1.0, active, n_active,
                               ws, size, scores)
        on_active = target[active[:n_active]]
        assert n == min(max(size, np.sum(on_active == -np.inf)), n_active)
        position = {a: i for i, a in enumerate(active[:n_active])}
        chosen = [position[j] for j in ws[:n]]
        assert chosen == sorted(set(chosen))  # distinct, active features, in order
        assert np.array_equal(np.sort(on_active[chosen]), np.sort(on_active)[:n])
