"""RelaxedLasso / RelaxedLassoCV: Lasso selection, least-squares refit, mix."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.utils.estimator_checks import parametrize_with_checks

import sklearn_reg._relaxed as relaxed_module
from sklearn_reg import Lasso
from sklearn_reg._relaxed import RelaxedLasso, RelaxedLassoCV, choose_pair

from conftest import make_data, to_dense

TIGHT = dict(tol=1e-12, max_iter=100_000)  # cold and warm starts agree to ~1e-9


@parametrize_with_checks([RelaxedLasso(), RelaxedLasso(gamma=0.5, positive=True),
                          RelaxedLassoCV(cv=3, alphas=10), RelaxedLassoCV(cv=3, alphas=10, rule="1se")])
def test_sklearn_contract(estimator, check):
    check(estimator)


def data(container="dense", seed=0):
    return make_data(60, 15, container=container, density=0.6 if container != "dense" else 1.0, seed=seed)


@pytest.mark.parametrize("container", ["dense", "csc", "csr"])
def test_gamma_one_is_the_lasso(container):
    X, y = data(container)
    model = RelaxedLasso(alpha=0.1, gamma=1.0).fit(X, y)
    lasso = Lasso(alpha=0.1).fit(X, y)
    assert_allclose(model.coef_, lasso.coef_, rtol=1e-12, atol=1e-15)
    assert model.intercept_ == pytest.approx(lasso.intercept_, rel=1e-12)
    assert_array_equal(model.support_, lasso.coef_ != 0)


@pytest.mark.parametrize("container", ["dense", "csc"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_gamma_zero_is_least_squares_on_the_lasso_support(container, weighted, fit_intercept):
    X, y = data(container, seed=1)
    sw = np.random.default_rng(3).uniform(0.2, 3, 60) if weighted else None
    model = RelaxedLasso(alpha=0.15, gamma=0.0, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
    support = Lasso(alpha=0.15, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw).coef_ != 0
    assert 0 < support.sum() < 15
    # independent: lstsq on [1, X_support] with rows scaled by sqrt(s)
    A = to_dense(X)[:, support]
    if fit_intercept:
        A = np.c_[np.ones(60), A]
    root = np.ones(60) if sw is None else np.sqrt(sw)
    sol = np.linalg.lstsq(A * root[:, None], y * root, rcond=None)[0]
    expected = np.zeros(15)
    expected[support] = sol[1:] if fit_intercept else sol
    assert_allclose(model.coef_, expected, rtol=1e-9, atol=1e-12)
    assert model.intercept_ == pytest.approx(sol[0] if fit_intercept else 0.0, rel=1e-9, abs=1e-12)
    assert_allclose(model.relaxed_coef_, expected, rtol=1e-9, atol=1e-12)


def test_intermediate_gamma_mixes_linearly():
    X, y = data(seed=2)
    lasso = RelaxedLasso(alpha=0.1, gamma=1.0).fit(X, y)
    relaxed = RelaxedLasso(alpha=0.1, gamma=0.0).fit(X, y)
    mixed = RelaxedLasso(alpha=0.1, gamma=0.3).fit(X, y)
    assert_allclose(mixed.coef_, 0.3 * lasso.coef_ + 0.7 * relaxed.coef_, rtol=1e-12)
    assert mixed.intercept_ == pytest.approx(0.3 * lasso.intercept_ + 0.7 * relaxed.intercept_, rel=1e-12)
    assert_allclose(mixed.predict(X), 0.3 * lasso.predict(X) + 0.7 * relaxed.predict(X), rtol=1e-12)


def test_positive_refit_is_non_negative_least_squares():
    from scipy.optimize import nnls
    X, y = data(seed=3)
    model = RelaxedLasso(alpha=0.05, gamma=0.0, positive=True).fit(X, y)
    s = model.support_
    Xc, yc = X[:, s] - X[:, s].mean(0), y - y.mean()
    assert_allclose(model.coef_[s], nnls(Xc, yc)[0], rtol=1e-9, atol=1e-12)
    assert np.all(model.coef_ >= 0)


def test_empty_support_keeps_only_the_intercept():
    X, y = data(seed=4)
    model = RelaxedLasso(alpha=1e3).fit(X, y)
    assert not model.support_.any()
    assert_array_equal(model.coef_, 0.0)
    assert model.intercept_ == pytest.approx(y.mean())


def one_standard_error_pair(mean, se, alphas, gammas):
    """Reference 1se: the largest alpha, then largest gamma, within one SE of the best."""
    best = np.unravel_index(np.argmin(mean), mean.shape)
    ok = mean <= mean[best] + se[best]
    cands = [(alphas[a], gammas[g], g, a) for g, a in zip(*np.nonzero(ok))]
    _, _, g, a = max(cands)
    return g, a


@pytest.mark.parametrize("container", ["dense", "csr"])
@pytest.mark.parametrize("scoring", [None, "r2"])
def test_cv_matches_gridsearch_over_alpha_and_gamma(container, scoring):
    X, y = make_data(45, 10, container=container, density=0.7 if container != "dense" else 1.0, seed=9)
    y = y + 2.0 * np.random.default_rng(9).standard_normal(45)  # noisy: the 1se pair is not the best
    folds = KFold(3, shuffle=True, random_state=0)
    gammas = [0.0, 0.5, 1.0]
    cv = RelaxedLassoCV(alphas=6, eps=0.05, gammas=gammas, cv=folds, scoring=scoring, **TIGHT).fit(X, y)
    gs = GridSearchCV(RelaxedLasso(**TIGHT), {"gamma": gammas, "alpha": list(cv.alphas_)}, cv=folds,
                      scoring=scoring or "neg_mean_squared_error").fit(X, y)
    # ours is gamma-major (as ElasticNetCV's l1_ratio), GridSearchCV's alpha-major: match rows
    theirs = [(float(a), float(g)) for a, g in zip(gs.cv_results_["param_alpha"], gs.cv_results_["param_gamma"])]
    rows = [theirs.index((a, g)) for a, g in zip(cv.cv_results_["alpha"], cv.cv_results_["gamma"])]
    assert sorted(rows) == list(range(18))
    for k in range(3):
        assert_allclose(cv.cv_results_[f"split{k}_test_score"], gs.cv_results_[f"split{k}_test_score"][rows],
                        rtol=1e-7, atol=1e-10)
    assert_allclose(cv.cv_results_["mean_test_score"], gs.cv_results_["mean_test_score"][rows], rtol=1e-7)
    assert cv.alpha_ == pytest.approx(gs.best_params_["alpha"])
    assert cv.gamma_ == gs.best_params_["gamma"]
    assert_allclose(cv.coef_, gs.best_estimator_.coef_, rtol=1e-9, atol=1e-12)
    # the one-standard-error pair, from the grid search's fold scores
    folds_scores = np.array([gs.cv_results_[f"split{k}_test_score"][rows] for k in range(3)])
    mean = -folds_scores.mean(0).reshape(3, 6)  # (gamma, alpha)
    se = (folds_scores.std(0, ddof=1) / np.sqrt(3)).reshape(3, 6)
    g, a = one_standard_error_pair(mean, se, cv.alphas_, gammas)
    assert (cv.alpha_1se_, cv.gamma_1se_) == (pytest.approx(cv.alphas_[a]), gammas[g])
    if scoring is None:  # on these data, by MSE, the rule makes a difference
        assert (cv.alpha_1se_, cv.gamma_1se_) != (cv.alpha_, cv.gamma_)
    one_se = RelaxedLassoCV(alphas=6, eps=0.05, gammas=gammas, cv=folds, scoring=scoring, rule="1se",
                            **TIGHT).fit(X, y)
    assert (one_se.alpha_, one_se.gamma_) == (cv.alpha_1se_, cv.gamma_1se_)


def test_choose_pair_breaks_ties_by_largest_alpha_then_largest_gamma():
    alphas, gammas = np.array([1.0, 0.5, 0.1]), np.array([0.0, 0.5, 1.0])
    mean = np.array([[5.0, 1.0, 2.0],   # gamma 0
                     [5.0, 1.0, 1.5],   # gamma 0.5
                     [5.0, 1.4, 1.0]])  # gamma 1
    se = np.full((3, 3), 0.5)
    assert choose_pair(mean, se, alphas, gammas, "min") == (1, 1)  # tie at alpha 0.5: largest gamma
    assert choose_pair(mean, se, alphas, gammas, "1se") == (2, 1)  # 1.4 <= 1.0 + 0.5 at alpha 0.5, gamma 1


def test_equal_supports_share_one_refit(monkeypatch):
    X, y = data(seed=6)
    calls = []
    original = relaxed_module.relaxed_fit

    def counting(X_fit, y_fit, sw, support, **kwargs):
        calls.append((X_fit, tuple(support)))  # keeps X_fit alive: its id stays unique
        return original(X_fit, y_fit, sw, support, **kwargs)

    monkeypatch.setattr(relaxed_module, "relaxed_fit", counting)
    cv = RelaxedLassoCV(alphas=40, cv=3).fit(X, y)
    on_folds = [(id(X_fit), support) for X_fit, support in calls[:-1]]  # the last: the final fit
    assert len({key[0] for key in on_folds}) == 3
    assert len(on_folds) == len(set(on_folds))  # never the same support twice on a fold
    assert len(on_folds) < 3 * 40  # so fewer solves than (fold, alpha) pairs
    assert cv.cv_results_["mean_test_score"].shape == (5 * 40,)


@pytest.mark.parametrize("param,value,exc", [
    ("alpha", -1.0, ValueError), ("gamma", 1.5, ValueError), ("gamma", "0", TypeError),
    ("max_iter", 0, ValueError), ("positive", "no", TypeError)])
def test_bad_parameters_name_the_parameter(param, value, exc):
    X, y = data()
    with pytest.raises(exc, match=f"'{param}' parameter of RelaxedLasso"):
        RelaxedLasso(**{param: value}).fit(X, y)


@pytest.mark.parametrize("param,value,exc", [
    ("gammas", [0.5, 1.5], ValueError), ("gammas", [], ValueError), ("gammas", ["a"], TypeError),
    ("alphas", 0, ValueError), ("alphas", [-1.0], ValueError), ("rule", "max", ValueError),
    ("eps", 0.0, ValueError)])
def test_cv_bad_parameters_name_the_parameter(param, value, exc):
    X, y = data()
    with pytest.raises(exc, match=f"'{param}' parameter of RelaxedLassoCV"):
        RelaxedLassoCV(cv=3, **{param: value}).fit(X, y)


def test_sparse_input_gives_the_dense_result():
    X, y = data(seed=7)
    dense = RelaxedLassoCV(alphas=15, cv=3, **TIGHT).fit(X, y)
    csr = RelaxedLassoCV(alphas=15, cv=3, **TIGHT).fit(sparse.csr_matrix(X), y)
    assert dense.alpha_ == pytest.approx(csr.alpha_, rel=1e-12) and dense.gamma_ == csr.gamma_
    assert_allclose(dense.coef_, csr.coef_, rtol=1e-8, atol=1e-10)
    assert_allclose(dense.mse_path_, csr.mse_path_, rtol=1e-7)
