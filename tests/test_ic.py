"""LassoIC and ElasticNetIC: the criterion against scikit-learn's LassoLarsIC and
against an independent computation from the path, p > n, parameters, contract."""

import warnings
from math import log, pi

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LassoLarsIC
from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_reg import ElasticNet, Lasso, enet_path
from sklearn_reg import ElasticNetIC, LassoIC

from conftest import CONTAINERS, make_data, to_dense

TIGHT = {"tol": 1e-12, "max_iter": 100_000}


# ---------------------------------------------------------------------------
# Against scikit-learn's LassoLarsIC
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("criterion", ["aic", "bic"])
@pytest.mark.parametrize("seed", [0, 1])
def test_criterion_matches_lassolarsic_on_its_breakpoints(container, criterion, seed):
    X, y = make_data(60, 8, seed=seed)
    sk = LassoLarsIC(criterion=criterion).fit(X, y)
    # The comparison premise: no variable leaves the LARS path, so the active
    # set just above each breakpoint is the one LARS counts at the breakpoint.
    assert sk.alphas_.size == X.shape[1] + 1
    # At a breakpoint the entering variable is exactly 0 for LARS but may be
    # ~1e-16 for coordinate descent (df is discontinuous there): evaluate a
    # hair above each breakpoint, where RSS is the same to ~1e-8.
    alphas = sk.alphas_ * (1 + 1e-8)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        ours = LassoIC(criterion=criterion, alphas=alphas, **TIGHT).fit(CONTAINERS[container](X), y)
    assert_allclose(ours.alphas_, alphas)
    assert_allclose(ours.noise_variance_, sk.noise_variance_, rtol=1e-10)
    assert_allclose(ours.criterion_, sk.criterion_, rtol=1e-7)
    assert np.argmin(ours.criterion_) == np.argmin(sk.criterion_)
    assert_allclose(ours.alpha_, sk.alpha_, rtol=2e-8)
    assert_allclose(ours.coef_, sk.coef_, atol=1e-8)
    assert_allclose(ours.intercept_, sk.intercept_, atol=1e-8)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("positive", [False, True])
def test_noise_variance_estimate_matches_lassolarsic(container, fit_intercept, positive):
    X, y = make_data(40, 6, seed=3)
    sk = LassoLarsIC(fit_intercept=fit_intercept, positive=positive).fit(X, y)
    ours = LassoIC(fit_intercept=fit_intercept, positive=positive, alphas=5).fit(
        CONTAINERS[container](X), y)
    assert_allclose(ours.noise_variance_, sk.noise_variance_, rtol=1e-9)


# ---------------------------------------------------------------------------
# An independent computation from the path coefficients
# ---------------------------------------------------------------------------


def _criterion_from_path(X, y, alphas, coefs, l1_ratio, criterion, sigma2=None):
    """AIC/BIC of every path model, from the definitions (dense float64); the
    noise variance by OLS with a column of ones unless ``sigma2`` is given."""
    X = to_dense(X).astype(np.float64)
    y = np.asarray(y, dtype=np.float64)
    n, p = X.shape
    W = coefs.T.astype(np.float64)  # (n_alphas, n_features)
    xm, ym = X.mean(axis=0), y.mean()
    b = ym - W @ xm
    rss = np.array([np.sum((y - X @ w - bk) ** 2) for w, bk in zip(W, b)])
    if sigma2 is None:
        X1 = np.column_stack([np.ones(n), X])
        r = y - X1 @ np.linalg.lstsq(X1, y, rcond=None)[0]
        sigma2 = r @ r / (n - p - 1)
    df = np.zeros(len(alphas))
    Xc = X - xm
    for k, (alpha, w) in enumerate(zip(alphas, coefs.T)):
        A = np.abs(w) > np.finfo(w.dtype).eps
        if l1_ratio == 1:
            df[k] = A.sum()
        elif A.any():
            Z = Xc[:, A]
            lam2 = n * alpha * (1 - l1_ratio)
            hat = Z @ np.linalg.solve(Z.T @ Z + lam2 * np.eye(Z.shape[1]), Z.T)
            df[k] = np.trace(hat)
    factor = 2.0 if criterion == "aic" else log(n)
    return n * log(2 * pi * sigma2) + rss / sigma2 + factor * df, b, sigma2, df


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["f64", "f32"])
@pytest.mark.parametrize("criterion", ["aic", "bic"])
@pytest.mark.parametrize("l1_ratio", [1.0, 0.5])
def test_criterion_recomputed_from_the_path(container, dtype, criterion, l1_ratio):
    X, y = make_data(50, 12, seed=2, dtype=dtype, container=container,
                     density=0.6 if container != "dense" else 1.0)
    est = (LassoIC(criterion=criterion, alphas=20, eps=1e-2) if l1_ratio == 1
           else ElasticNetIC(criterion=criterion, l1_ratio=l1_ratio, alphas=20, eps=1e-2))
    est.fit(X, y)
    alphas, coefs, gaps = enet_path(X, y, l1_ratio=l1_ratio, alphas=est.alphas_, fit_intercept=True)
    assert_array_equal(alphas, est.alphas_)
    expected, b, sigma2, df = _criterion_from_path(X, y, alphas, coefs, l1_ratio, criterion)
    assert est.alphas_.shape == est.criterion_.shape == (20,)
    assert np.all(np.diff(est.alphas_) < 0)
    assert_allclose(est.noise_variance_, sigma2, rtol=1e-9)
    assert_allclose(est.criterion_, expected, rtol=1e-9)
    if l1_ratio < 1:  # the ridge part shrinks the degrees of freedom below |A|
        sizes = (np.abs(coefs) > np.finfo(coefs.dtype).eps).sum(axis=0)
        assert np.all(df <= sizes) and np.any(df < sizes - 0.01)
    best = int(np.argmin(expected))
    assert est.alpha_ == est.alphas_[best]
    assert est.coef_.dtype == dtype
    assert_array_equal(est.coef_, coefs[:, best])
    assert_allclose(est.intercept_, b[best], rtol=1e-6 if dtype == np.float32 else 1e-12)
    assert est.dual_gap_ == gaps[best]
    assert isinstance(est.n_iter_, int) and est.n_iter_ >= 1
    assert_allclose(est.predict(X), to_dense(X) @ est.coef_ + est.intercept_, rtol=1e-5)


@pytest.mark.parametrize("container", ["dense", "csc"])
def test_float32_agrees_with_float64(container):
    X, y = make_data(60, 10, seed=4, container=container, density=0.7 if container != "dense" else 1.0)
    for make in (lambda: LassoIC(criterion="bic", alphas=25, tol=1e-6),
                 lambda: ElasticNetIC(l1_ratio=0.7, alphas=25, tol=1e-6)):
        e64 = make().fit(X, y)
        e32 = make().fit(X.astype(np.float32), y.astype(np.float32))
        assert_allclose(e32.alphas_, e64.alphas_, rtol=1e-5)
        assert_allclose(e32.criterion_, e64.criterion_, rtol=1e-4)
        assert e32.alpha_ == pytest.approx(e64.alpha_, rel=1e-5)
        assert_allclose(e32.coef_, e64.coef_, atol=1e-3)


# ---------------------------------------------------------------------------
# The selected model, the l1_ratio=1 case, p > n
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("container", ["dense", "csc"])
def test_selected_model_is_the_single_fit_at_alpha(container):
    X, y = make_data(60, 15, seed=5, container=container, density=0.6 if container != "dense" else 1.0)
    for ic, single in ((LassoIC(criterion="bic", alphas=30, **TIGHT), lambda a: Lasso(alpha=a, **TIGHT)),
                       (ElasticNetIC(l1_ratio=0.3, alphas=30, **TIGHT),
                        lambda a: ElasticNet(alpha=a, l1_ratio=0.3, **TIGHT))):
        ic.fit(X, y)
        ref = single(ic.alpha_).fit(X, y)
        assert_allclose(ic.coef_, ref.coef_, atol=1e-7)
        assert_allclose(ic.intercept_, ref.intercept_, atol=1e-7)
        assert_allclose(ic.predict(X), ref.predict(X), atol=1e-6)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("criterion", ["aic", "bic"])
def test_elasticnetic_with_l1_ratio_one_is_lassoic(container, criterion):
    X, y = make_data(40, 10, seed=6, container=container, density=0.6 if container != "dense" else 1.0)
    lasso = LassoIC(criterion=criterion, alphas=15).fit(X, y)
    enet = ElasticNetIC(criterion=criterion, l1_ratio=1.0, alphas=15).fit(X, y)
    for attr in ("alphas_", "criterion_", "alpha_", "coef_", "intercept_", "noise_variance_",
                 "n_iter_", "dual_gap_"):
        assert_array_equal(getattr(enet, attr), getattr(lasso, attr))
    assert enet.l1_ratio_ == 1.0 and not hasattr(lasso, "l1_ratio_")


@pytest.mark.parametrize("container", ["dense", "csc"])
def test_more_features_than_samples(container):
    X, y = make_data(20, 50, seed=7, container=container, density=0.5 if container != "dense" else 1.0)
    for est in (LassoIC(), ElasticNetIC(), LassoIC(fit_intercept=False)):
        with pytest.raises(ValueError, match="noise_variance") as exc:
            est.fit(X, y)
        assert "n_samples=20, n_features=50" in str(exc.value)
    for est, l1_ratio in ((LassoIC(criterion="bic", noise_variance=0.25, alphas=30), 1.0),
                          (ElasticNetIC(noise_variance=0.25, alphas=30), 0.5)):
        est.fit(X, y)
        assert est.noise_variance_ == 0.25
        assert 0 < np.count_nonzero(est.coef_) < 50
        _, coefs, _ = enet_path(X, y, l1_ratio=l1_ratio, alphas=est.alphas_, fit_intercept=True)
        expected, _, _, _ = _criterion_from_path(X, y, est.alphas_, coefs, l1_ratio,
                                                 est.criterion, sigma2=0.25)
        assert_allclose(est.criterion_, expected, rtol=1e-9)
        assert est.alpha_ == est.alphas_[np.argmin(expected)]
    # the elastic-net path activates more features than samples (df from the n x n side)
    assert np.count_nonzero(coefs, axis=0).max() > 20


def test_noise_variance_estimate_needs_n_greater_than_p_plus_intercept():
    X, y = make_data(11, 10, seed=8)
    with pytest.raises(ValueError, match="n_samples > n_features \\+ fit_intercept"):
        LassoIC().fit(X, y)
    est = LassoIC(fit_intercept=False, alphas=10).fit(X, y)  # 11 > 10 + 0
    assert est.noise_variance_ > 0


def test_exact_fit_keeps_the_criterion_finite():
    rng = np.random.default_rng(9)
    X = rng.standard_normal((30, 4))
    y = X @ np.array([1.0, -2.0, 0.0, 3.0]) + 1.0
    est = LassoIC(alphas=20, **TIGHT).fit(X, y)
    assert est.noise_variance_ > 0 and np.all(np.isfinite(est.criterion_))
    assert est.alpha_ == est.alphas_[-1]


def test_user_alphas_are_sorted_and_ridge_needs_them():
    X, y = make_data(40, 6, seed=10)
    est = LassoIC(alphas=[0.01, 1.0, 0.1]).fit(X, y)
    assert_array_equal(est.alphas_, [1.0, 0.1, 0.01])
    with pytest.raises(ValueError, match="alphas"):
        ElasticNetIC(l1_ratio=0.0).fit(X, y)
    ridge = ElasticNetIC(l1_ratio=0.0, alphas=[10.0, 1.0, 0.1]).fit(X, y)
    assert np.all(ridge.coef_ != 0) and ridge.l1_ratio_ == 0.0


def test_positive_constrains_the_selected_model():
    X, y = make_data(50, 8, seed=11)
    est = LassoIC(positive=True, alphas=20).fit(X, y)
    assert np.all(est.coef_ >= 0)


# ---------------------------------------------------------------------------
# Parameters, unsupported inputs, scikit-learn's contract
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("Estimator", [LassoIC, ElasticNetIC])
@pytest.mark.parametrize(
    "params, error",
    [
        ({"criterion": "cp"}, ValueError),
        ({"alphas": 0}, ValueError),
        ({"alphas": [0.1, -1.0]}, ValueError),
        ({"alphas": []}, ValueError),
        ({"alphas": [0.1, np.nan]}, ValueError),
        ({"alphas": 0.5}, TypeError),
        ({"alphas": [[0.1]]}, TypeError),
        ({"alphas": "auto"}, TypeError),
        ({"eps": 0.0}, ValueError),
        ({"max_iter": 0}, ValueError),
        ({"max_iter": 1.5}, TypeError),
        ({"tol": -1.0}, ValueError),
        ({"fit_intercept": 1}, TypeError),
        ({"positive": "yes"}, TypeError),
        ({"noise_variance": 0.0}, ValueError),
        ({"noise_variance": -1.0}, ValueError),
        ({"noise_variance": "1"}, TypeError),
        ({"copy_X": None}, TypeError),
        ({"verbose": -1}, ValueError),
    ],
)
def test_bad_parameters_name_the_parameter(Estimator, params, error):
    X, y = make_data(20, 3)
    name = next(iter(params))
    with pytest.raises(error, match=f"'{name}' parameter of {Estimator.__name__}"):
        Estimator(**params).fit(X, y)


@pytest.mark.parametrize("l1_ratio", [-0.1, 1.5, "half"])
def test_bad_l1_ratio(l1_ratio):
    X, y = make_data(20, 3)
    with pytest.raises((ValueError, TypeError), match="'l1_ratio' parameter of ElasticNetIC"):
        ElasticNetIC(l1_ratio=l1_ratio).fit(X, y)


def test_sample_weight_and_several_targets_are_rejected():
    X, y = make_data(30, 4)
    with pytest.raises(TypeError, match="does not support sample_weight"):
        LassoIC().fit(X, y, sample_weight=np.ones(30))
    with pytest.raises(TypeError, match="unexpected keyword"):
        ElasticNetIC().fit(X, y, weights=np.ones(30))
    with pytest.raises(ValueError, match="1d array"):
        LassoIC().fit(X, np.column_stack([y, y]))


@parametrize_with_checks([LassoIC(), ElasticNetIC()])
def test_sklearn_contract(estimator, check):
    check(estimator)


def test_residuals_in_blocks_give_the_same_criterion(monkeypatch):
    import sklearn_reg._ic as ic

    X, y = make_data(40, 6, seed=12)
    whole = LassoIC(alphas=12).fit(X, y)
    monkeypatch.setattr(ic, "_BLOCK", 5 * 40)  # five alphas per block
    blocks = LassoIC(alphas=12).fit(X, y)
    assert_allclose(blocks.criterion_, whole.criterion_, rtol=1e-12)
