"""DropoutRegressor: input dropout solved exactly in expectation (a ridge with
per-feature factors), checked against sampled dropout masks."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import sparse
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import (check_sample_weight_equivalence_on_dense_data,
                                            check_sample_weight_equivalence_on_sparse_data,
                                            parametrize_with_checks)

from sklearn_reg import Ridge
from sklearn_reg._dropout import DropoutRegressor

from conftest import CONTAINERS, make_data, to_dense

TIGHT = dict(tol=1e-14, max_iter=100_000)


@parametrize_with_checks([DropoutRegressor(), DropoutRegressor(p=0.2, fit_intercept=False)])
def test_sklearn_contract(estimator, check):
    check(estimator)


def closed_form(X, Y, p, sample_weight=None, fit_intercept=True):
    """Minimizer of sum_i s_i (y_i - b - x_i w)^2 + p/(1-p) sum_j w_j^2 sum_i s_i x_ij^2,
    from its normal equations in (b, w) (b = 0 without intercept)."""
    X = to_dense(X)
    n, d = X.shape
    s = np.ones(n) if sample_weight is None else sample_weight
    A = np.c_[np.ones(n), X] if fit_intercept else X
    penalty = p / (1 - p) * (s[:, None] * X**2).sum(0)
    G = A.T @ (s[:, None] * A)
    G[-d:, -d:] += np.diag(penalty)
    sol = np.linalg.solve(G, A.T @ (s[:, None] * Y.reshape(n, -1)))
    return (sol[1:], sol[0]) if fit_intercept else (sol, np.zeros(sol.shape[1]))


@pytest.mark.parametrize("container", ["dense", "csc", "csr"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("n_targets", [1, 2])
def test_equals_the_ridge_with_raw_second_moment_factors(container, weighted, fit_intercept, n_targets):
    X, y = make_data(40, 6, container=container, density=0.6 if container != "dense" else 1.0, seed=1)
    X = CONTAINERS[container](to_dense(X) + 0.7 * (to_dense(X) != 0))  # non-zero column means
    Y = y if n_targets == 1 else np.c_[y, -2 * y + 1]
    sw = np.random.default_rng(2).uniform(0.3, 2, 40) if weighted else None
    model = DropoutRegressor(p=0.3, fit_intercept=fit_intercept, **TIGHT).fit(X, Y, sample_weight=sw)
    coef, intercept = closed_form(X, Y, 0.3, sw, fit_intercept)
    assert_allclose(np.atleast_2d(model.coef_), coef.T, rtol=1e-8, atol=1e-10)
    assert_allclose(np.broadcast_to(model.intercept_, intercept.shape), intercept, rtol=1e-8, atol=1e-10)
    s = np.ones(40) if sw is None else sw
    assert_allclose(model.penalty_factor_, (s[:, None] * to_dense(X) ** 2).sum(0) / s.sum())
    assert model.alpha_ == pytest.approx(0.3 / 0.7)


def masked_least_squares(X, y, masks, p):
    """Minimizer of the average over masks of sum_i (y_i - b - sum_j m_ij x_ij w_j / (1 - p))^2,
    from the normal equations of the averaged objective."""
    Z = masks * X / (1 - p)  # (n_masks, n, d)
    n_masks, n, d = Z.shape
    G = np.empty((d + 1, d + 1))
    G[0, 0] = n
    G[0, 1:] = G[1:, 0] = Z.sum(axis=(0, 1)) / n_masks
    G[1:, 1:] = np.einsum("kij,kil->jl", Z, Z) / n_masks
    rhs = np.r_[y.sum(), np.einsum("kij,i->j", Z, y) / n_masks]
    sol = np.linalg.solve(G, rhs)
    return sol[1:], sol[0]


def test_agrees_with_sampled_dropout_masks():
    rng = np.random.default_rng(0)
    n, d, p = 30, 4, 0.3
    X = rng.normal(1.0, 1.0, (n, d))  # non-zero means: dropping an input is not centring it
    y = X @ np.array([1.5, -2.0, 0.0, 0.7]) + 3.0 + 0.3 * rng.standard_normal(n)
    masks = rng.random((20_000, n, d)) >= p  # keep with probability 1 - p
    batches = [masked_least_squares(X, y, m, p) for m in np.split(masks, 20)]
    batch_coef = np.array([b[0] for b in batches])
    mc_coef, mc_intercept = masked_least_squares(X, y, masks, p)
    mc_error = batch_coef.std(axis=0, ddof=1) / np.sqrt(20)  # standard error of the 20000-mask mean
    model = DropoutRegressor(p=p, **TIGHT).fit(X, y)
    assert np.all(np.abs(model.coef_ - mc_coef) <= 4 * mc_error)
    assert model.intercept_ == pytest.approx(mc_intercept, abs=4 * np.std([b[1] for b in batches]) / np.sqrt(20))
    # the test has power: the dropout shrinkage is far above the Monte-Carlo error, and the
    # centred-moment variant (a different model) is rejected
    ols = DropoutRegressor(p=0.0).fit(X, y)
    assert np.all(np.abs(ols.coef_ - mc_coef) > 10 * mc_error)
    centred_coef = closed_form(X - X.mean(0), y, p)[0][:, 0]  # factors = variances
    assert np.any(np.abs(centred_coef - mc_coef) > 10 * mc_error)


def test_standardized_inputs_give_an_ordinary_ridge():
    X, y = make_data(50, 5, seed=3)
    Xs = StandardScaler().fit_transform(X)
    model = DropoutRegressor(p=0.5, **TIGHT).fit(Xs, y)
    assert_allclose(model.penalty_factor_, 1.0)
    assert_allclose(model.coef_, Ridge(alpha=50 * 1.0).fit(Xs, y).coef_, rtol=1e-9)


def test_not_translation_invariant():
    # dropping a shifted input drops its mean too: the model depends on the origin of X
    X, y = make_data(50, 5, seed=4)
    a = DropoutRegressor(p=0.4, **TIGHT).fit(X, y)
    b = DropoutRegressor(p=0.4, **TIGHT).fit(X + 5.0, y)
    assert not np.allclose(a.coef_, b.coef_, rtol=1e-3)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("shape", [(40, 6), (8, 20)])
def test_p_zero_is_least_squares(container, shape):
    X, y = make_data(*shape, container=container, density=0.7 if container != "dense" else 1.0, seed=5)
    model = DropoutRegressor(p=0.0).fit(X, y)
    sol = np.linalg.lstsq(np.c_[np.ones(shape[0]), to_dense(X)], y, rcond=None)[0]
    # with more features than samples both are the interpolating fit; compare predictions
    assert_allclose(model.predict(X), to_dense(X) @ sol[1:] + sol[0], rtol=1e-8, atol=1e-8)
    if shape[0] > shape[1]:
        assert_allclose(model.coef_, sol[1:], rtol=1e-8)
    assert model.n_iter_ == 0


def test_p_zero_sample_weights_are_repetitions():
    # DropoutRegressor(p=0) has no solver iterations (n_iter_ = 0, as scikit-learn's direct
    # Ridge solvers), so it is not in parametrize_with_checks; its weights are checked here
    check_sample_weight_equivalence_on_dense_data("DropoutRegressor", DropoutRegressor(p=0.0))
    check_sample_weight_equivalence_on_sparse_data("DropoutRegressor", DropoutRegressor(p=0.0))


@pytest.mark.parametrize("value,exc", [(1.0, ValueError), (-0.1, ValueError), (np.nan, ValueError),
                                       ("0.5", TypeError)])
def test_bad_p_names_the_parameter(value, exc):
    X, y = make_data(20, 4)
    with pytest.raises(exc, match="'p' parameter of DropoutRegressor"):
        DropoutRegressor(p=value).fit(X, y)


def test_sparse_matches_dense():
    X, y = make_data(60, 8, density=0.3, seed=6)
    dense = DropoutRegressor(p=0.25, **TIGHT).fit(X, y)
    csc = DropoutRegressor(p=0.25, **TIGHT).fit(sparse.csc_matrix(X), y)
    assert_allclose(csc.coef_, dense.coef_, rtol=1e-9)
    assert csc.intercept_ == pytest.approx(dense.intercept_, rel=1e-9)
