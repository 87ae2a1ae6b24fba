"""RidgeCV and ridge_path: scikit-learn parity, exact leave-one-out, the 1se rule."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn import linear_model as sk
from sklearn.model_selection import GroupKFold, KFold
from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_reg import Ridge
from sklearn_reg._ridge_cv import RidgeCV, _path, ridge_path

from conftest import make_data, to_dense, weights_for

ALPHAS = np.logspace(-2, 3, 9)
ATTRIBUTES = ["alpha_", "best_score_", "coef_", "intercept_", "cv_results_"]


def _tol(dtype):
    return dict(rtol=1e-6, atol=1e-8) if dtype == np.float64 else dict(rtol=3e-4, atol=1e-4)


def _targets(y, kind):
    n = y.shape[0]
    if kind == "1d":
        return y
    if kind == "2d1":
        return y[:, None]
    return np.column_stack([y, -2 * y + np.sin(np.arange(n)), np.cos(np.arange(n))]).astype(y.dtype)


def assert_same_fit(ours, theirs, **tol):
    """Same fitted attributes as scikit-learn: type, shape, dtype and value."""
    for name in ATTRIBUTES:
        if not hasattr(theirs, name):
            assert not hasattr(ours, name), name
            continue
        a, b = getattr(ours, name), getattr(theirs, name)
        assert type(a) is type(b), (name, type(a), type(b))
        assert np.shape(a) == np.shape(b), name
        assert getattr(a, "dtype", None) == getattr(b, "dtype", None), name
        assert_allclose(a, b, err_msg=name, **tol)


# --------------------------------------------------------------------------
# ridge_path


@pytest.mark.parametrize("shape", [(30, 6), (12, 25)], ids=["tall", "wide"])
@pytest.mark.parametrize("setting", [(True, None), (True, "w"), (False, "w")],
                         ids=["intercept", "intercept-weighted", "weighted"])
def test_ridge_path_equals_ridge_fits(container, dtype, shape, setting):
    fit_intercept, weighted = setting
    n, p = shape
    X, y = make_data(n, p, container=container, dtype=dtype,
                     density=0.5 if container != "dense" else 1.0)
    sw = weights_for(n, weighted)
    alphas = ALPHAS[::-1]  # returned in the order given
    out_alphas, coefs, intercepts = ridge_path(
        X, y, alphas=alphas, fit_intercept=fit_intercept, sample_weight=sw,
        return_intercept=True)
    assert_array_equal(out_alphas, alphas)
    assert coefs.shape == (p, alphas.size) and intercepts.shape == (alphas.size,)
    assert coefs.dtype == dtype and intercepts.dtype == dtype
    # the path is computed in float64: against a float64 reference it is exact to
    # float32 rounding, while a float32 Ridge solve is only accurate to ~1e-3
    exact = dict(rtol=1e-6, atol=1e-8) if dtype == np.float64 else dict(rtol=1e-5, atol=1e-5)
    for k, a in enumerate(alphas):
        theirs = sk.Ridge(alpha=a, fit_intercept=fit_intercept).fit(
            to_dense(X).astype(np.float64), y.astype(np.float64), sample_weight=sw)
        assert_allclose(coefs[:, k], theirs.coef_, **exact)
        assert_allclose(intercepts[k], theirs.intercept_, **exact)
        ours = Ridge(alpha=a, fit_intercept=fit_intercept).fit(X, y, sample_weight=sw)
        scale = np.abs(ours.coef_).max()
        if dtype == np.float64:
            tol = dict(rtol=1e-6, atol=1e-8 * scale)
        else:
            tol = dict(rtol=0, atol=2e-3 * scale)
        assert_allclose(coefs[:, k], ours.coef_, **tol)
        assert_allclose(intercepts[k], ours.intercept_, rtol=tol["rtol"], atol=10 * tol["atol"])


@pytest.mark.parametrize("container", ["dense", "csr"])
def test_ridge_path_multi_target_and_scalar_weight(container):
    X, y = make_data(25, 5, container=container)
    Y = _targets(y, "2d3")
    alphas, coefs, intercepts = ridge_path(X, Y, alphas=[3.0, 0.5], sample_weight=2.0,
                                           return_intercept=True)
    assert coefs.shape == (3, 5, 2) and intercepts.shape == (3, 2)
    for k, a in enumerate(alphas):
        # a constant weight 2 scales the loss: the same as alpha / 2 unweighted
        theirs = sk.Ridge(alpha=a / 2).fit(to_dense(X), Y)
        assert_allclose(coefs[..., k], theirs.coef_, rtol=1e-8)
        assert_allclose(intercepts[:, k], theirs.intercept_, rtol=1e-8)
    # a 2-d single-column y keeps its target axis
    assert ridge_path(X, y[:, None], alphas=[1.0])[1].shape == (1, 5, 1)


@pytest.mark.parametrize("shape", [(40, 6), (8, 30), (20, 20)], ids=["tall", "wide", "square"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_every_decomposition_gives_the_same_path(shape, fit_intercept):
    X, y = make_data(*shape, seed=3)
    sw = weights_for(shape[0], "w")
    Xs = sparse.csc_matrix(X * (np.random.default_rng(0).random(X.shape) < 0.6))
    for data in (X, Xs):
        kinds = ["cov", "gram"] + ([] if sparse.issparse(data) else ["svd"])
        paths = [_path(data, y, sw, ALPHAS, fit_intercept, kind) for kind in kinds]
        for coefs, intercepts in paths[1:]:
            assert_allclose(coefs, paths[0][0], rtol=1e-7, atol=1e-9)
            assert_allclose(intercepts, paths[0][1], rtol=1e-7, atol=1e-9)


def test_alpha_zero_is_minimum_norm_least_squares():
    X, y = make_data(30, 4)
    X = np.column_stack([X, X[:, 0]])  # rank deficient
    _, coefs, b = ridge_path(X, y, alphas=[0.0], return_intercept=True)
    Xc, yc = X - X.mean(0), y - y.mean()
    w = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    assert_allclose(coefs[:, 0], w, rtol=1e-8, atol=1e-10)
    assert_allclose(coefs[0, 0], coefs[4, 0])
    assert_allclose(b[0], y.mean() - X.mean(0) @ w)


# --------------------------------------------------------------------------
# RidgeCV against scikit-learn

LOO_CASES = {
    # name: (shape, container, weighted, fit_intercept, targets, alpha_per_target,
    #        scoring, gcv_mode)
    "tall": ((40, 8), "dense", None, True, "1d", False, None, None),
    "tall-weighted": ((40, 8), "dense", "w", True, "1d", False, None, None),
    "tall-svd-noint": ((40, 8), "dense", "w", False, "1d", False, None, "svd"),
    "wide-eigen": ((15, 30), "dense", None, True, "2d3", False, None, "eigen"),
    "wide-svd-weighted": ((15, 30), "dense", "w", True, "1d", False, None, "svd"),
    "very-tall": ((200, 6), "dense", "w", True, "2d3", True, None, None),
    "very-wide": ((12, 200), "dense", "w", True, "2d3", True, None, None),
    "multi-per-target": ((40, 8), "dense", None, True, "2d3", True, None, None),
    "single-column-per-target": ((40, 8), "dense", None, True, "2d1", True, None, None),
    "single-column": ((40, 8), "dense", "w", True, "2d1", False, None, None),
    "mae": ((40, 8), "dense", "w", True, "1d", False, "neg_mean_absolute_error", None),
    "mae-multi": ((15, 30), "dense", None, False, "2d3", False, "neg_mean_absolute_error", None),
    "r2-per-target": ((40, 8), "dense", "w", True, "2d3", True, "r2", None),
    "sparse-tall": ((40, 8), "csr", "w", True, "1d", False, None, None),
    "sparse-tall-noint": ((40, 8), "csc", None, False, "2d3", True, None, "eigen"),
    "sparse-wide": ((15, 30), "csr", "w", True, "2d3", False, None, None),
    "sparse-wide-mae": ((15, 30), "csc", None, True, "1d", False, "neg_mean_absolute_error", None),
}


@pytest.mark.parametrize("case", list(LOO_CASES))
def test_leave_one_out_matches_sklearn(case, dtype):
    shape, container, weighted, fit_intercept, kind, per_target, scoring, mode = LOO_CASES[case]
    X, y = make_data(*shape, container=container, dtype=dtype,
                     density=0.5 if container != "dense" else 1.0)
    Y = _targets(y, kind)
    sw = weights_for(shape[0], weighted)
    params = dict(alphas=ALPHAS, fit_intercept=fit_intercept, scoring=scoring, gcv_mode=mode,
                  store_cv_results=True, alpha_per_target=per_target)
    ours = RidgeCV(**params).fit(X, Y, sample_weight=sw)
    theirs = sk.RidgeCV(**params).fit(X, Y, sample_weight=sw)
    assert_same_fit(ours, theirs, **_tol(dtype))
    assert ours.n_features_in_ == theirs.n_features_in_
    assert_allclose(ours.predict(X), theirs.predict(X), **_tol(dtype))


CV_CASES = {
    # name: (container, weighted, fit_intercept, targets, scoring, cv)
    "kfold": ("dense", None, True, "1d", None, 5),
    "kfold-weighted": ("dense", "w", True, "1d", None, 5),
    "kfold-mae-weighted": ("dense", "w", True, "1d", "neg_mean_absolute_error", 5),
    "kfold-noint-multi": ("dense", None, False, "2d3", None, 5),
    "shuffled-splitter-mae": ("dense", None, True, "2d3", "neg_mean_absolute_error",
                              KFold(4, shuffle=True, random_state=0)),
    "iterable": ("dense", "w", True, "1d", "neg_mean_squared_error",
                 [(np.arange(20, 40), np.arange(20)), (np.arange(20), np.arange(20, 40))]),
}


@pytest.mark.parametrize("case", list(CV_CASES))
def test_kfold_matches_sklearn(case, dtype):
    container, weighted, fit_intercept, kind, scoring, cv = CV_CASES[case]
    X, y = make_data(40, 8, container=container, dtype=dtype)
    Y = _targets(y, kind)
    sw = weights_for(40, weighted)
    params = dict(alphas=np.r_[0.0, ALPHAS], fit_intercept=fit_intercept, scoring=scoring, cv=cv)
    ours = RidgeCV(**params).fit(X, Y, sample_weight=sw)
    theirs = sk.RidgeCV(**params).fit(X, Y, sample_weight=sw)
    assert_same_fit(ours, theirs, **_tol(dtype))


def test_kfold_sparse_matches_dense():
    # scikit-learn solves sparse folds iteratively (tol 1e-4): compare with dense instead
    X, y = make_data(40, 8, density=0.5)
    sw = weights_for(40, "w")
    dense = RidgeCV(alphas=ALPHAS, cv=5).fit(X, y, sample_weight=sw)
    for container in (sparse.csr_matrix, sparse.csc_matrix):
        ours = RidgeCV(alphas=ALPHAS, cv=5).fit(container(X), y, sample_weight=sw)
        assert ours.alpha_ == dense.alpha_
        assert_allclose(ours.best_score_, dense.best_score_, rtol=1e-9)
        assert_allclose(ours.coef_, dense.coef_, rtol=1e-9)
        assert_allclose(ours.cv_summary_["mean_test_score"], dense.cv_summary_["mean_test_score"],
                        rtol=1e-9)
    theirs = sk.RidgeCV(alphas=ALPHAS, cv=5).fit(sparse.csr_matrix(X), y, sample_weight=sw)
    assert ours.alpha_ == theirs.alpha_
    assert_allclose(ours.coef_, theirs.coef_, rtol=0, atol=1e-3 * np.abs(ours.coef_).max())


# --------------------------------------------------------------------------
# Independent checks: explicit leave-one-out loops and the 1se rule


@pytest.mark.parametrize("container", ["dense", "csr"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_leave_one_out_equals_explicit_refits(container, fit_intercept):
    n, p = 12, 4
    X, y = make_data(n, p, container=container, density=0.7 if container != "dense" else 1.0)
    sw = weights_for(n, "w")
    alphas = [0.3, 3.0]
    sq = RidgeCV(alphas=alphas, fit_intercept=fit_intercept, store_cv_results=True).fit(
        X, y, sample_weight=sw).cv_results_
    pred = RidgeCV(alphas=alphas, fit_intercept=fit_intercept, store_cv_results=True,
                   scoring="r2").fit(X, y, sample_weight=sw).cv_results_
    Xd = to_dense(X)
    for k, a in enumerate(alphas):
        for i in range(n):
            keep = np.arange(n) != i
            m = sk.Ridge(alpha=a, fit_intercept=fit_intercept).fit(Xd[keep], y[keep],
                                                                  sample_weight=sw[keep])
            y_loo = m.predict(Xd[i:i + 1])[0]
            assert_allclose(pred[i, k], y_loo, rtol=1e-9)
            assert_allclose(sq[i, k], sw[i] * (y[i] - y_loo) ** 2, rtol=1e-9)


def test_zero_weight_samples_are_left_out():
    X, y = make_data(30, 5)
    sw = weights_for(30, "w")
    sw[[3, 17]] = 0.0
    keep = sw > 0
    full = RidgeCV(alphas=ALPHAS, store_cv_results=True).fit(X, y, sample_weight=sw)
    sub = RidgeCV(alphas=ALPHAS, store_cv_results=True).fit(X[keep], y[keep],
                                                            sample_weight=sw[keep])
    assert_allclose(full.cv_results_[keep], sub.cv_results_, rtol=1e-9, atol=1e-12)
    assert_array_equal(full.cv_results_[~keep], 0.0)
    assert_allclose(full.coef_, sub.coef_, rtol=1e-9)
    # with a scorer the zero-weight samples get the full fit's prediction
    pred = RidgeCV(alphas=[1.0], scoring="r2", store_cv_results=True).fit(
        X, y, sample_weight=sw).cv_results_[:, 0]
    at_one = Ridge(alpha=1.0).fit(X, y, sample_weight=sw)
    assert_allclose(pred[~keep], at_one.predict(X[~keep]), rtol=1e-9)


def _one_se(mean_err, se, alphas):
    best = np.argmin(mean_err)
    ok = mean_err <= mean_err[best] + se[best]
    return alphas[ok].max()


@pytest.mark.parametrize("weighted", [None, "w"])
def test_one_standard_error_rule_leave_one_out(weighted):
    n = 50
    X, y = make_data(n, 20, seed=5)
    sw = weights_for(n, weighted)
    alphas = np.logspace(-1, 3, 15)[::-1]
    m = RidgeCV(alphas=alphas, store_cv_results=True).fit(X, y, sample_weight=sw)
    err = m.cv_results_  # weighted squared LOO errors, (n, n_alphas)
    mean_err, se = err.mean(axis=0), err.std(axis=0, ddof=1) / np.sqrt(n)
    summary = m.cv_summary_
    assert_array_equal(summary["alphas"], alphas)
    assert_allclose(summary["mean_test_score"], -mean_err, rtol=1e-12)
    assert_allclose(summary["std_error_test_score"], se, rtol=1e-12)
    assert_array_equal(summary["n_nonzero"], 20)
    expected = _one_se(mean_err, se, alphas)
    assert m.alpha_1se_ == expected > m.alpha_
    assert m.alpha_ == alphas[np.argmin(mean_err)]
    one_se = RidgeCV(alphas=alphas, rule="1se").fit(X, y, sample_weight=sw)
    assert one_se.alpha_ == expected
    k = list(alphas).index(expected)
    assert one_se.best_score_ == summary["mean_test_score"][k]
    ridge = Ridge(alpha=expected).fit(X, y, sample_weight=sw)
    assert_allclose(one_se.coef_, ridge.coef_, rtol=1e-8)
    assert_allclose(one_se.intercept_, ridge.intercept_, rtol=1e-8)


def test_one_standard_error_rule_kfold():
    X, y = make_data(60, 20, seed=7)
    alphas = np.logspace(-1, 3, 12)
    folds = KFold(5, shuffle=True, random_state=1)
    m = RidgeCV(alphas=alphas, cv=folds, scoring="neg_mean_squared_error", rule="1se").fit(X, y)
    fold_err = np.array([[np.mean((y[te] - sk.Ridge(alpha=a).fit(X[tr], y[tr]).predict(X[te])) ** 2)
                          for tr, te in folds.split(X)] for a in alphas])
    mean_err, se = fold_err.mean(axis=1), fold_err.std(axis=1, ddof=1) / np.sqrt(5)
    assert_allclose(m.cv_summary_["mean_test_score"], -mean_err, rtol=1e-9)
    assert_allclose(m.cv_summary_["std_error_test_score"], se, rtol=1e-7)
    assert m.alpha_ == m.alpha_1se_ == _one_se(mean_err, se, alphas)
    assert_allclose(m.coef_, Ridge(alpha=m.alpha_).fit(X, y).coef_, rtol=1e-8)


def test_one_standard_error_rule_per_target():
    X, y = make_data(40, 10, seed=2)
    Y = _targets(y, "2d3")
    m = RidgeCV(alphas=ALPHAS, alpha_per_target=True, store_cv_results=True, rule="1se").fit(X, Y)
    assert m.alpha_.shape == m.alpha_1se_.shape == m.best_score_.shape == (3,)
    assert m.cv_summary_["mean_test_score"].shape == (3, ALPHAS.size)
    for j in range(3):
        err = m.cv_results_[:, j]
        expected = _one_se(err.mean(0), err.std(0, ddof=1) / np.sqrt(40), ALPHAS)
        assert m.alpha_[j] == m.alpha_1se_[j] == expected
        assert_allclose(m.coef_[j], Ridge(alpha=expected).fit(X, Y[:, j]).coef_, rtol=1e-8)


def test_no_standard_error_for_a_scorer_with_leave_one_out():
    X, y = make_data(30, 5)
    m = RidgeCV(alphas=ALPHAS, scoring="r2").fit(X, y)
    assert np.isnan(m.alpha_1se_)
    assert np.all(np.isnan(m.cv_summary_["std_error_test_score"]))
    with pytest.raises(ValueError, match="rule='1se'.*scoring=None"):
        RidgeCV(scoring="r2", rule="1se").fit(X, y)


# --------------------------------------------------------------------------
# Parameters, inputs and the estimator contract


@pytest.mark.parametrize(
    "params, error, match",
    [
        (dict(alphas=[1.0, -1.0]), ValueError, r"alphas\[1\] == -1.0"),
        (dict(alphas=[0.0, 1.0]), ValueError, r"alphas\[0\] == 0.0, must be > 0.0"),
        (dict(alphas=[-1.0], cv=3), ValueError, r"alphas\[0\] == -1.0, must be >= 0.0"),
        (dict(alphas=0.0), ValueError, "'alphas' parameter"),
        (dict(alphas=[]), ValueError, "'alphas' parameter of RidgeCV must not be empty"),
        (dict(alphas=["a"]), TypeError, r"alphas\[0\] must be an instance of float"),
        (dict(alphas="abc"), TypeError, "'alphas' parameter"),
        (dict(alphas=[np.nan]), ValueError, r"alphas\[0\]"),
        (dict(gcv_mode="fast"), ValueError, "'gcv_mode' parameter"),
        (dict(rule="2se"), ValueError, "'rule' parameter"),
        (dict(scoring="not_a_scorer"), ValueError, "'scoring' parameter"),
        (dict(scoring=3), TypeError, "'scoring' parameter"),
        (dict(cv=1), ValueError, "'cv' parameter"),
        (dict(cv="five"), TypeError, "'cv' parameter"),
        (dict(fit_intercept="yes"), TypeError, "'fit_intercept' parameter"),
        (dict(store_cv_results=1), TypeError, "'store_cv_results' parameter"),
        (dict(alpha_per_target=None), TypeError, "'alpha_per_target' parameter"),
        (dict(cv=3, alpha_per_target=True), ValueError, "cv!=None and alpha_per_target=True"),
        (dict(cv=3, store_cv_results=True), ValueError, "cv!=None and store_cv_results=True"),
    ],
)
def test_bad_parameters_name_the_parameter(params, error, match):
    X, y = make_data(20, 3)
    with pytest.raises(error, match=match):
        RidgeCV(**params).fit(X, y)


def test_bad_inputs():
    X, y = make_data(20, 3)
    with pytest.raises(ValueError, match="sample_weight"):
        RidgeCV().fit(X, y, sample_weight=-np.ones(20))
    with pytest.raises(ValueError, match="sample_weight"):
        RidgeCV().fit(X, y, sample_weight=np.ones(5))
    with pytest.raises(TypeError, match="unexpected keyword"):
        RidgeCV().fit(X, y, foo=1)
    with pytest.raises(ValueError, match=r"alphas\[0\] == -1.0"):
        ridge_path(X, y, alphas=[-1.0])
    with pytest.raises(ValueError, match="sample_weight"):
        ridge_path(X, y, alphas=[1.0], sample_weight=np.ones(3))


def test_sparse_svd_mode_falls_back_to_eigen_with_a_warning():
    X, y = make_data(30, 6, density=0.5)
    with pytest.warns(UserWarning, match="gcv_mode='svd' needs dense X"):
        m = RidgeCV(alphas=ALPHAS, gcv_mode="svd").fit(sparse.csr_matrix(X), y)
    assert_allclose(m.coef_, RidgeCV(alphas=ALPHAS, gcv_mode="svd").fit(X, y).coef_, rtol=1e-9)


def test_scalar_sample_weight_and_groups():
    X, y = make_data(30, 6)
    for cv in (None, 5):
        ours = RidgeCV(alphas=ALPHAS, cv=cv).fit(X, y, sample_weight=3.0)
        # a constant weight is a constant weight array (scikit-learn's K-fold search
        # cannot score a scalar weight, so compare with the array there)
        theirs = sk.RidgeCV(alphas=ALPHAS, cv=cv).fit(
            X, y, sample_weight=3.0 if cv is None else np.full(30, 3.0))
        assert ours.alpha_ == theirs.alpha_
        assert_allclose(ours.coef_, theirs.coef_, rtol=1e-8)
        assert_allclose(ours.best_score_, theirs.best_score_, rtol=1e-8)
        unweighted = RidgeCV(alphas=ALPHAS / 3.0, cv=cv).fit(X, y)
        assert_allclose(ours.coef_, unweighted.coef_, rtol=1e-8)
    groups = np.repeat(np.arange(6), 5)
    m = RidgeCV(alphas=ALPHAS, cv=GroupKFold(3)).fit(X, y, groups=groups)
    assert m.cv_summary_["mean_test_score"].shape == (ALPHAS.size,)


def test_feature_names_and_shapes():
    pd = pytest.importorskip("pandas")
    X, y = make_data(30, 4)
    frame = pd.DataFrame(X, columns=list("abcd"))
    m = RidgeCV().fit(frame, y)
    assert_array_equal(m.feature_names_in_, list("abcd"))
    assert m.n_features_in_ == 4
    assert m.predict(frame).shape == (30,)
    assert 0.5 < m.score(frame, y) <= 1.0


@pytest.mark.parametrize("container", ["dense", "csr"])
@pytest.mark.parametrize("cv", [None, 4])
def test_read_only_inputs_are_left_unchanged(container, cv):
    X, y = make_data(30, 6, container=container, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(30, "w")
    arrays = [y, sw] + ([X] if container == "dense" else [X.data, X.indices, X.indptr])
    copies = [a.copy() for a in arrays]
    for a in arrays:
        a.setflags(write=False)
    RidgeCV(alphas=ALPHAS, cv=cv, store_cv_results=cv is None).fit(X, y, sample_weight=sw)
    RidgeCV(alphas=ALPHAS, cv=cv, fit_intercept=False).fit(X, y)
    ridge_path(X, y, alphas=ALPHAS, sample_weight=sw)
    for a, c in zip(arrays, copies):
        assert_array_equal(a, c)


def test_exact_zeros_are_counted_and_scalar_alphas():
    X, y = make_data(30, 5)
    X[:, 2] = 7.0  # constant: centred away, its coefficient is exactly zero
    for cv in (None, 3):
        m = RidgeCV(alphas=ALPHAS, cv=cv).fit(X, y)
        assert_array_equal(m.cv_summary_["n_nonzero"], 4)
        assert m.coef_[2] == 0.0
    ours, theirs = RidgeCV(alphas=2.0).fit(X, y), sk.RidgeCV(alphas=2.0).fit(X, y)
    assert ours.alpha_ == theirs.alpha_ == 2.0
    assert_allclose(ours.best_score_, theirs.best_score_, rtol=1e-10)


@parametrize_with_checks([RidgeCV(), RidgeCV(cv=3), RidgeCV(rule="1se")])
def test_sklearn_contract(estimator, check):
    check(estimator)


@pytest.mark.parametrize("offset", [0.0, 50.0], ids=["small_means", "large_means"])
@pytest.mark.parametrize("order", ["F", "C"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
@pytest.mark.parametrize("blocks", [False, True], ids=["one_block", "blocks"])
def test_wide_dense_leave_one_out_without_a_copy(monkeypatch, offset, order, weighted,
                                                 fit_intercept, blocks):
    # dense X with p >= 10 n: the Gram matrix of X centred afterwards (small
    # means) or formed from centred blocks (large means), X left untouched
    from sklearn_reg import _ridge_direct

    if blocks:
        monkeypatch.setattr(_ridge_direct, "_BLOCK_ELEMENTS", 50)
    rng = np.random.default_rng(3)
    n, p = 12, 150
    X = np.asarray(rng.standard_normal((n, p)) + offset * rng.uniform(0.5, 2.0, p), order=order)
    Y = np.column_stack([X[:, :4] @ [1.0, -1.0, 2.0, 0.5] + rng.standard_normal(n) + 3.0,
                         rng.standard_normal(n)])
    X_before = X.copy()
    sw = weights_for(n, weighted)
    alphas = np.logspace(-2, 3, 6)
    ours = RidgeCV(alphas=alphas, fit_intercept=fit_intercept, store_cv_results=True,
                   alpha_per_target=True).fit(X, Y, sample_weight=sw)
    theirs = sk.RidgeCV(alphas=alphas, fit_intercept=fit_intercept, store_cv_results=True,
                        alpha_per_target=True).fit(X, Y, sample_weight=sw)
    assert_array_equal(X, X_before)
    assert_same_fit(ours, theirs, rtol=1e-7, atol=1e-9)
    assert_array_equal(ours.cv_summary_["n_nonzero"], [[p] * alphas.size] * 2)


@pytest.mark.parametrize("offset", [0.0, 50.0], ids=["small_means", "large_means"])
@pytest.mark.parametrize("order", ["F", "C"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
@pytest.mark.parametrize("blocks", [False, True], ids=["one_block", "blocks"])
@pytest.mark.parametrize("targets", ["1d", "2d3-per-target", "2d3"])
def test_tall_dense_leave_one_out_without_a_copy(monkeypatch, offset, order, weighted,
                                                 fit_intercept, blocks, targets):
    # dense X with n >= 10 p: the p x p Gram matrix of X centred afterwards
    # (small means, no weights) or added up from blocks of rows of the centred
    # design, the hat diagonal and LOO residuals from Z V a block of rows at a
    # time; X is neither copied whole nor modified
    from sklearn_reg import _ridge_cv, _ridge_direct

    def no_copy(*args, **kwargs):
        raise AssertionError("dense tall X was centred in a copy")

    monkeypatch.setattr(_ridge_cv, "prepare", no_copy)
    if blocks:
        # several blocks of rows, and (several targets) the hat diagonal of
        # several blocks of alphas in one pass, their residuals in others
        monkeypatch.setattr(_ridge_direct, "_BLOCK_ELEMENTS", 70)
        monkeypatch.setattr(_ridge_cv, "_LOO_FLOATS", 3 * 200)
    rng = np.random.default_rng(5)
    n, p = 200, 7
    X = np.asarray(rng.standard_normal((n, p)) + offset * rng.uniform(0.5, 2.0, p), order=order)
    X[:, 3] += 0.3 * X[:, 1]
    y = X[:, :4] @ [1.0, -1.0, 2.0, 0.5] + rng.standard_normal(n) + 3.0
    Y = y if targets == "1d" else np.column_stack(
        [y, rng.standard_normal(n), X[:, 0] - 2 * X[:, 5] + 0.1 * rng.standard_normal(n)])
    X_before = X.copy()
    sw = weights_for(n, weighted)
    alphas = np.logspace(-3, 3, 13)
    params = dict(alphas=alphas, fit_intercept=fit_intercept, store_cv_results=True,
                  alpha_per_target=targets.endswith("per-target"))
    ours = RidgeCV(**params).fit(X, Y, sample_weight=sw)
    theirs = sk.RidgeCV(**params).fit(X, Y, sample_weight=sw)
    assert_array_equal(X, X_before)
    assert_same_fit(ours, theirs, rtol=1e-7, atol=1e-9)
    params.update(scoring="neg_mean_absolute_error")  # LOO predictions
    ours = RidgeCV(**params).fit(X, Y, sample_weight=sw)
    theirs = sk.RidgeCV(**params).fit(X, Y, sample_weight=sw)
    assert_same_fit(ours, theirs, rtol=1e-7, atol=1e-9)
    # the same path as the SVD of a centred copy and the dual's eigenvectors
    monkeypatch.undo()
    for kind in ("svd", "gram"):
        coefs, intercepts = _path(X, Y, sw, alphas, fit_intercept, kind)
        cov = _path(X, Y, sw, alphas, fit_intercept, "cov")
        assert_allclose(cov[0], coefs, rtol=1e-7, atol=1e-9 * np.abs(coefs).max())
        assert_allclose(cov[1], intercepts, rtol=1e-7, atol=1e-9 * np.abs(intercepts).max())


@pytest.mark.parametrize("shape", [(300, 12), (60, 20)], ids=["auto", "eigen"])
@pytest.mark.parametrize("weighted", [None, "w"], ids=["unweighted", "weighted"])
def test_tall_dense_float32_and_eigen_mode(monkeypatch, shape, weighted):
    # float32 X is read in float64 blocks (not cast whole): the float64 fit's
    # values to float32 rounding; gcv_mode="eigen" with n > p takes the same route
    from sklearn_reg import _ridge_cv

    n, p = shape
    mode = None if n >= 10 * p else "eigen"
    X, y = make_data(n, p, seed=4)
    X += 20.0
    sw = weights_for(n, weighted)
    Y = np.column_stack([y, np.cos(np.arange(n))])
    params = dict(alphas=np.logspace(-3, 3, 9), gcv_mode=mode, store_cv_results=True,
                  alpha_per_target=True)
    reference = RidgeCV(**params).fit(X, Y, sample_weight=sw)
    theirs = sk.RidgeCV(**params).fit(X, Y, sample_weight=sw)
    assert_same_fit(reference, theirs, rtol=1e-7, atol=1e-9)
    monkeypatch.setattr(_ridge_cv, "prepare", None)  # no centred copy
    X32 = X.astype(np.float32)
    ours = RidgeCV(**params).fit(X32, Y.astype(np.float32), sample_weight=sw)
    exact = RidgeCV(**params).fit(X32.astype(np.float64), Y.astype(np.float32).astype(np.float64),
                                  sample_weight=sw)
    assert ours.coef_.dtype == np.float32 and ours.cv_results_.dtype == np.float32
    assert_array_equal(ours.alpha_, exact.alpha_)
    assert_allclose(ours.coef_, exact.coef_, rtol=1e-5, atol=1e-6 * np.abs(exact.coef_).max())
    assert_allclose(ours.intercept_, exact.intercept_, rtol=1e-5)
    assert_allclose(ours.best_score_, exact.best_score_, rtol=1e-5)
    assert_allclose(ours.cv_results_, exact.cv_results_, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no_intercept"])
@pytest.mark.parametrize("shape", [(60, 20), (20, 45)], ids=["tall", "wide"])
def test_svd_decomposes_its_own_copy_only(fit_intercept, shape):
    # the SVD overwrites the centred copy, never the user's X (F-ordered X
    # without intercept or weights is decomposed as it is, through a copy)
    X, y = make_data(*shape, seed=6)
    X = np.asfortranarray(X)
    X_before = X.copy()
    params = dict(alphas=ALPHAS, fit_intercept=fit_intercept, gcv_mode="svd",
                  store_cv_results=True)
    ours = RidgeCV(**params).fit(X, y)
    assert_array_equal(X, X_before)
    assert_same_fit(ours, sk.RidgeCV(**params).fit(X, y), rtol=1e-7, atol=1e-9)
    coefs = ridge_path(X, y, alphas=ALPHAS, fit_intercept=fit_intercept)[1]
    assert_array_equal(X, X_before)
    assert_allclose(coefs, _path(X, y, None, ALPHAS, fit_intercept, "gram")[0][0],
                    rtol=1e-7, atol=1e-9)
