"""Lasso and ElasticNet: agreement with scikit-learn, optimality, identities."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import sparse
from sklearn import linear_model as sk
from sklearn.exceptions import ConvergenceWarning

from sklearn_reg import ElasticNet, Lasso, Ridge

from conftest import (enet_alpha_max, enet_objective, kkt_violation, make_data,
                      to_dense, weights_for)

SHAPES = {"tall": (50, 12), "wide": (20, 40)}
MODELS = {"lasso": (Lasso, sk.Lasso, {}, 1.0), "enet": (ElasticNet, sk.ElasticNet, {"l1_ratio": 0.5}, 0.5)}


@pytest.mark.parametrize("model", list(MODELS))
@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("alpha_frac", [0.9, 0.1, 0.005])
@pytest.mark.parametrize("positive", [False, True], ids=["signed", "positive"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
def test_agrees_with_sklearn(model, shape, alpha_frac, positive, weighted, fit_intercept,
                             container, dtype):
    ours_cls, their_cls, extra, rho = MODELS[model]
    n, p = SHAPES[shape]
    X, y = make_data(n, p, container=container, dtype=dtype, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(n, weighted)
    alpha = alpha_frac * enet_alpha_max(X, y, rho, sw, fit_intercept, positive)
    f64 = dtype == np.float64
    params = dict(alpha=alpha, fit_intercept=fit_intercept, positive=positive,
                  tol=1e-10 if f64 else 1e-6, max_iter=200_000 if f64 else 20_000, **extra)
    with warnings.catch_warnings():
        # float32 cannot always certify the tight gap; the objective check decides.
        warnings.simplefilter("ignore" if not f64 else "error", ConvergenceWarning)
        ours = ours_cls(**params).fit(X, y, sample_weight=sw)
        warnings.simplefilter("ignore", ConvergenceWarning)
        theirs = their_cls(**params).fit(X, y, sample_weight=sw)

    assert ours.coef_.dtype == dtype
    obj = lambda m: enet_objective(X, y.astype(float), m.coef_.astype(float), float(m.intercept_), alpha, rho, sw)
    ours_obj, their_obj = obj(ours), obj(theirs)
    scale = float(np.var(y)) + 1.0
    assert ours_obj <= their_obj + (1e-9 if f64 else 1e-4) * scale
    atol = 1e-5 if f64 else 2e-2
    assert_allclose(ours.coef_, theirs.coef_, atol=atol * max(1.0, np.abs(theirs.coef_).max()))
    assert_allclose(ours.intercept_, theirs.intercept_, atol=atol * 10 * max(1.0, abs(theirs.intercept_)))


@pytest.mark.parametrize("positive", [False, True])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.7, 0.2])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_kkt_and_gap_without_reference(container, dtype, positive, l1_ratio, fit_intercept):
    X, y = make_data(40, 60, container=container, dtype=dtype, density=0.4 if container != "dense" else 1.0, seed=3)
    sw = weights_for(40, "w", seed=4)
    alpha = 0.05 * enet_alpha_max(X, y, l1_ratio, sw, fit_intercept, positive)
    tol = 1e-12 if dtype == np.float64 else 1e-7
    m = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, positive=positive, fit_intercept=fit_intercept,
                   tol=tol, max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore" if dtype == np.float32 else "error", ConvergenceWarning)
        m.fit(X, y, sample_weight=sw)
    viol = kkt_violation(X, y, m.coef_, m.intercept_, alpha, l1_ratio, sw, positive, fit_intercept)
    assert viol < (1e-6 if dtype == np.float64 else 1e-3) * max(1.0, float(np.std(y)))
    if positive:
        assert np.all(m.coef_ >= 0)
    rounding = 0.0 if dtype == np.float64 else 1e-5 * np.var(y)  # float32 gap is noisy near 0
    assert -rounding <= m.dual_gap_ <= tol * np.var(y) * 10 + rounding
    # the reported gap bounds the distance to the optimal objective
    best = enet_objective(X, y.astype(float), m.coef_.astype(float), float(m.intercept_), alpha, l1_ratio, sw)
    shifted = m.coef_.astype(float).copy()
    shifted[0] += 1e-3
    assert enet_objective(X, y.astype(float), shifted, float(m.intercept_), alpha, l1_ratio, sw) >= best - 1e-12


def test_gap_and_n_iter_match_sklearn_dense():
    X, y = make_data(60, 30)
    for alpha in [0.5, 0.05, 0.01]:
        a = sk.Lasso(alpha=alpha, tol=1e-8).fit(X, y)
        b = Lasso(alpha=alpha, tol=1e-8).fit(X, y)
        assert b.n_iter_ == a.n_iter_
        assert_allclose(b.dual_gap_, a.dual_gap_, rtol=1e-6, atol=1e-14)


def test_enet_l1_ratio_one_is_lasso(container):
    X, y = make_data(30, 50, container=container, density=0.5 if container != "dense" else 1.0)
    a = ElasticNet(alpha=0.1, l1_ratio=1.0, tol=1e-10).fit(X, y)
    b = Lasso(alpha=0.1, tol=1e-10).fit(X, y)
    assert_allclose(a.coef_, b.coef_)
    assert_allclose(a.intercept_, b.intercept_)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_enet_l1_ratio_zero_is_ridge_scaled(container, fit_intercept):
    n = 40
    X, y = make_data(n, 15, container=container, density=0.5 if container != "dense" else 1.0)
    lam = 0.3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        a = ElasticNet(alpha=lam, l1_ratio=0.0, tol=1e-14, max_iter=100_000,
                       fit_intercept=fit_intercept).fit(X, y)
    b = Ridge(alpha=n * lam, fit_intercept=fit_intercept).fit(X, y)
    assert_allclose(a.coef_, b.coef_, rtol=1e-6, atol=1e-8)
    assert_allclose(a.intercept_, b.intercept_, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("cls", [Lasso, ElasticNet])
def test_integer_weights_equal_repeated_rows(container, cls):
    X, y = make_data(25, 30, container=container, density=0.5 if container != "dense" else 1.0)
    reps = np.random.default_rng(0).integers(0, 4, 25)
    reps[0] = 1
    Xd = to_dense(X)
    Xr = np.repeat(Xd, reps, axis=0)
    yr = np.repeat(y, reps)
    if container != "dense":
        Xr = type(X)(Xr)
    a = cls(alpha=0.05, tol=1e-12, max_iter=100_000).fit(X, y, sample_weight=reps)
    b = cls(alpha=0.05, tol=1e-12, max_iter=100_000).fit(Xr, yr)
    assert_allclose(a.coef_, b.coef_, atol=1e-7)
    assert_allclose(a.intercept_, b.intercept_, atol=1e-7)


@pytest.mark.parametrize("positive", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_alpha_max_boundary(container, positive, fit_intercept):
    X, y = make_data(30, 20, container=container, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(30, "w")
    amax = enet_alpha_max(X, y, 1.0, sw, fit_intercept, positive)
    at = Lasso(alpha=amax * 1.0001, positive=positive, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    assert np.all(at.coef_ == 0)
    assert at.n_iter_ == 0
    below = Lasso(alpha=amax * 0.95, positive=positive, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    assert np.any(below.coef_ != 0)


def test_dense_equals_sparse_containers(dtype):
    X, y = make_data(40, 25, density=0.3, dtype=dtype)
    sw = weights_for(40, "w")
    tol = 1e-10 if dtype == np.float64 else 1e-6
    ref = ElasticNet(alpha=0.02, l1_ratio=0.6, tol=tol).fit(X, y, sample_weight=sw)
    for conv in (sparse.csc_matrix, sparse.csr_matrix, sparse.coo_matrix, sparse.csc_array, sparse.csr_array):
        m = ElasticNet(alpha=0.02, l1_ratio=0.6, tol=tol).fit(conv(X), y, sample_weight=sw)
        assert_allclose(m.coef_, ref.coef_, rtol=1e-4 if dtype == np.float32 else 1e-7, atol=1e-6)
        assert_allclose(m.intercept_, ref.intercept_, rtol=1e-4 if dtype == np.float32 else 1e-7)


def test_float32_stays_float32(container):
    X, y = make_data(30, 10, container=container, dtype=np.float32, density=0.5 if container != "dense" else 1.0)
    m = ElasticNet(alpha=0.1).fit(X, y)
    assert m.coef_.dtype == np.float32
    assert m.predict(X).dtype == np.float32


def test_multi_output_matches_per_target(container):
    X, y = make_data(30, 12, container=container, density=0.5 if container != "dense" else 1.0)
    Y = np.column_stack([y, -2 * y + 1, np.sin(y)])
    m = Lasso(alpha=0.05, tol=1e-10).fit(X, Y)
    assert m.coef_.shape == (3, 12) and m.intercept_.shape == (3,)
    assert len(m.n_iter_) == 3 and m.dual_gap_.shape == (3,)
    s = sk.Lasso(alpha=0.05, tol=1e-10).fit(X, Y)
    assert_allclose(m.coef_, s.coef_, atol=1e-6)
    assert m.predict(X).shape == (30, 3)
    assert m.sparse_coef_.shape == (3, 12)


def test_column_y_is_squeezed_like_sklearn():
    X, y = make_data(30, 5)
    m = Lasso(alpha=0.1).fit(X, y[:, None])
    s = sk.Lasso(alpha=0.1).fit(X, y[:, None])
    assert m.coef_.shape == s.coef_.shape
    assert np.shape(m.intercept_) == np.shape(s.intercept_)


def test_warm_start_reuses_solution():
    X, y = make_data(40, 30)
    m = Lasso(alpha=0.05, warm_start=True, tol=1e-8).fit(X, y)
    first = m.n_iter_
    m.fit(X, y)
    assert m.n_iter_ <= 1 < first


def test_random_selection_reaches_same_solution():
    X, y = make_data(40, 30)
    a = Lasso(alpha=0.05, tol=1e-12, max_iter=100_000).fit(X, y)
    b = Lasso(alpha=0.05, tol=1e-12, max_iter=100_000, selection="random", random_state=0).fit(X, y)
    c = Lasso(alpha=0.05, tol=1e-12, max_iter=100_000, selection="random", random_state=0).fit(X, y)
    assert_allclose(a.coef_, b.coef_, atol=1e-7)
    assert_allclose(b.coef_, c.coef_)
    assert b.n_iter_ == c.n_iter_


def test_convergence_warning_reports_gap_and_tol():
    X, y = make_data(20, 60)
    with pytest.warns(ConvergenceWarning, match=r"Duality gap: .*tolerance: "):
        m = Lasso(alpha=1e-4, max_iter=2, tol=1e-12).fit(X, y)
    assert m.n_iter_ == 2
    assert m.dual_gap_ > 0


@pytest.mark.parametrize("case", ["zero_column", "duplicate", "all_zero_X", "constant_y", "n_much_larger", "p_much_larger"])
def test_degenerate_inputs_are_normal(container, case):
    X, y = make_data(30, 8)
    if case == "zero_column":
        X[:, 3] = 0.0
    elif case == "duplicate":
        X[:, 4] = X[:, 2]
    elif case == "all_zero_X":
        X[:] = 0.0
    elif case == "constant_y":
        y[:] = 3.5
    elif case == "n_much_larger":
        X, y = make_data(2000, 3)
    elif case == "p_much_larger":
        X, y = make_data(8, 500)
    Xc = X if container == "dense" else getattr(sparse, container + "_matrix")(X)
    for cls in (Lasso, ElasticNet):
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            m = cls(alpha=0.01, tol=1e-8, max_iter=100_000).fit(Xc, y)
        assert np.all(np.isfinite(m.coef_)) and np.isfinite(m.intercept_)
        if case == "zero_column":
            assert m.coef_[3] == 0
        if case == "duplicate" and cls is Lasso:
            assert_allclose(m.predict(Xc), sk.Lasso(alpha=0.01, tol=1e-8).fit(Xc, y).predict(Xc), atol=1e-4)
        if case in ("all_zero_X", "constant_y"):
            assert np.all(m.coef_ == 0)
            assert_allclose(m.predict(Xc), np.full(len(y), y.mean()))


@pytest.mark.parametrize("weighted", [None, "w"])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("positive", [False, True])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.4])
def test_gram_mode_reaches_the_same_solution(container, dtype, weighted, fit_intercept, positive, l1_ratio):
    X, y = make_data(80, 15, container=container, dtype=dtype, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(80, weighted)
    tol = 1e-10 if dtype == np.float64 else 1e-5
    kw = dict(alpha=0.05, l1_ratio=l1_ratio, fit_intercept=fit_intercept, positive=positive, tol=tol,
              max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore" if dtype == np.float32 else "error", ConvergenceWarning)
        direct = ElasticNet(**kw).fit(X, y, sample_weight=sw)
        gram = ElasticNet(precompute=True, **kw).fit(X, y, sample_weight=sw)
        auto = ElasticNet(precompute="auto", **kw).fit(X, y, sample_weight=sw)
    rtol = 1e-6 if dtype == np.float64 else 1e-3
    assert_allclose(gram.coef_, direct.coef_, rtol=rtol, atol=rtol)
    assert_allclose(gram.intercept_, direct.intercept_, rtol=rtol, atol=rtol)
    assert_allclose(auto.coef_, gram.coef_)
    assert gram.coef_.dtype == dtype
    assert kkt_violation(X, y, gram.coef_, gram.intercept_, 0.05, l1_ratio, sw, positive,
                         fit_intercept) < (1e-6 if dtype == np.float64 else 1e-2)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("precompute", [False, True])
def test_refits_are_bitwise_identical_with_working_sets(container, precompute):
    # wide enough for working sets and extrapolation to engage
    X, y = make_data(120, 300, seed=11, container=container, density=0.5 if container != "dense" else 1.0)
    fits = [Lasso(alpha=0.01, precompute=precompute, tol=1e-8, max_iter=10_000).fit(X, y) for _ in range(3)]
    for m in fits[1:]:
        np.testing.assert_array_equal(m.coef_, fits[0].coef_)
        assert m.n_iter_ == fits[0].n_iter_
    assert kkt_violation(X, y, fits[0].coef_, fits[0].intercept_, 0.01, 1.0) < 1e-5


def test_no_intercept_is_scalar_zero_like_sklearn():
    X, y = make_data(30, 6)
    Y = np.column_stack([y, -y])
    assert Lasso(fit_intercept=False, alpha=0.1).fit(X, Y).intercept_ == 0.0
    assert sk.Lasso(fit_intercept=False, alpha=0.1).fit(X, Y).intercept_ == 0.0


def test_single_feature_fits_without_warnings():
    X, y = make_data(50, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = Lasso(alpha=0.01, tol=1e-10).fit(X, y)
    assert_allclose(m.coef_, sk.Lasso(alpha=0.01, tol=1e-10).fit(X, y).coef_, rtol=1e-8)
