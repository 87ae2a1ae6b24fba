"""LassoCV / ElasticNetCV: scikit-learn parity, the 1se rule, scorers, groups."""

import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn import linear_model as sk
from sklearn.model_selection import GridSearchCV, GroupKFold, KFold
from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_reg import ElasticNet, ElasticNetCV, Lasso, LassoCV

from conftest import make_data, weights_for


@parametrize_with_checks([LassoCV(cv=3, alphas=10), ElasticNetCV(cv=3, alphas=10, l1_ratio=[0.3, 0.9]),
                          LassoCV(cv=3, alphas=10, rule="1se")])
def test_sklearn_contract(estimator, check):
    check(estimator)


@pytest.mark.parametrize("weighted", [None, "w"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_lassocv_matches_sklearn(container, dtype, weighted, fit_intercept):
    X, y = make_data(60, 30, container=container, dtype=dtype, density=0.5 if container != "dense" else 1.0)
    sw = weights_for(60, weighted)
    cv = KFold(4, shuffle=True, random_state=0)
    tol = 1e-10 if dtype == np.float64 else 1e-6
    kw = dict(cv=cv, alphas=30, eps=1e-2, tol=tol, max_iter=20_000, fit_intercept=fit_intercept)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = LassoCV(**kw).fit(X, y, sample_weight=sw)
        theirs = sk.LassoCV(**kw).fit(X, y, sample_weight=sw)
    rtol = 1e-6 if dtype == np.float64 else 1e-3
    assert_allclose(ours.alphas_, theirs.alphas_, rtol=rtol)
    assert ours.mse_path_.shape == theirs.mse_path_.shape == (30, 4)
    assert_allclose(ours.mse_path_, theirs.mse_path_, rtol=rtol)
    assert ours.alpha_ == pytest.approx(theirs.alpha_, rel=rtol)
    assert_allclose(ours.coef_, theirs.coef_, rtol=rtol, atol=rtol)
    assert not hasattr(ours, "l1_ratio_")


def test_elasticnetcv_matches_sklearn_and_gridsearch():
    X, y = make_data(50, 20, seed=2)
    cv = KFold(5)
    kw = dict(l1_ratio=[0.2, 0.6, 1.0], cv=cv, alphas=15, tol=1e-10, max_iter=50_000)
    ours = ElasticNetCV(**kw).fit(X, y)
    theirs = sk.ElasticNetCV(**kw).fit(X, y)
    assert ours.mse_path_.shape == theirs.mse_path_.shape == (3, 15, 5)
    assert_allclose(ours.alphas_, theirs.alphas_)
    assert_allclose(ours.mse_path_, theirs.mse_path_, rtol=1e-6)
    assert (ours.alpha_, ours.l1_ratio_) == pytest.approx((theirs.alpha_, theirs.l1_ratio_))
    # the same choice as an exhaustive grid search over the same grid
    grid = [{"alpha": list(ours.alphas_[i]), "l1_ratio": [r]} for i, r in enumerate(kw["l1_ratio"])]
    gs = GridSearchCV(ElasticNet(tol=1e-10, max_iter=50_000), grid, cv=cv,
                      scoring="neg_mean_squared_error").fit(X, y)
    assert gs.best_params_["alpha"] == pytest.approx(ours.alpha_)
    assert gs.best_params_["l1_ratio"] == pytest.approx(ours.l1_ratio_)
    assert gs.best_score_ == pytest.approx(ours.best_score_, rel=1e-6)


def test_one_standard_error_rule_from_mse_path():
    X, y = make_data(80, 40, seed=4)
    m = LassoCV(cv=5, alphas=40, rule="1se").fit(X, y)
    mean = m.mse_path_.mean(axis=1)
    se = m.mse_path_.std(axis=1, ddof=1) / np.sqrt(5)
    best = np.argmin(mean)
    ok = mean <= mean[best] + se[best]
    expected = m.alphas_[ok].max()
    assert m.alpha_ == pytest.approx(expected) == pytest.approx(m.alpha_1se_)
    assert m.alpha_1se_ >= m.alphas_[best]
    assert_allclose(m.coef_, Lasso(alpha=expected).fit(X, y).coef_)
    # the min rule keeps the same 1se value but refits at the minimum
    m_min = LassoCV(cv=5, alphas=40).fit(X, y)
    assert m_min.alpha_ == pytest.approx(m.alphas_[best])
    assert m_min.alpha_1se_ == pytest.approx(expected)
    assert np.count_nonzero(m.coef_) <= np.count_nonzero(m_min.coef_)


def test_cv_results_table():
    X, y = make_data(40, 10)
    m = ElasticNetCV(l1_ratio=[0.5, 1.0], cv=4, alphas=6).fit(X, y)
    r = m.cv_results_
    assert r["alpha"].shape == r["mean_test_score"].shape == (12,)
    assert_allclose(r["mean_test_score"], -m.mse_path_.mean(axis=-1).ravel())
    assert_allclose(r["std_error_test_score"], m.mse_path_.std(axis=-1, ddof=1).ravel() / 2)
    for k in (0, 4, 9):  # mean support size over the folds, recomputed directly
        counts = [np.count_nonzero(ElasticNet(alpha=r["alpha"][k], l1_ratio=r["l1_ratio"][k]).fit(
            X[train], y[train]).coef_) for train, _ in KFold(4).split(X)]
        assert r["n_nonzero"][k] == pytest.approx(np.mean(counts))
    assert r["rank_test_score"].min() == 1 and "split3_test_score" in r
    assert r["mean_test_score"][r["rank_test_score"] == 1][0] == pytest.approx(m.best_score_)


def test_scoring_changes_the_criterion():
    X, y = make_data(60, 15, seed=5)
    y[:3] += 40  # outliers: absolute error and squared error may disagree
    m = LassoCV(cv=KFold(5), alphas=20, scoring="neg_mean_absolute_error").fit(X, y)
    gs = GridSearchCV(Lasso(), {"alpha": list(m.alphas_)}, cv=KFold(5), scoring="neg_mean_absolute_error").fit(X, y)
    assert m.alpha_ == pytest.approx(gs.best_params_["alpha"])
    assert m.best_score_ == pytest.approx(gs.best_score_, rel=1e-5)


def test_groups_reach_the_splitter():
    X, y = make_data(40, 10)
    groups = np.repeat(np.arange(8), 5)
    m = LassoCV(cv=GroupKFold(4), alphas=10).fit(X, y, groups=groups)
    folds = list(GroupKFold(4).split(X, y, groups))
    theirs = sk.LassoCV(cv=folds, alphas=10).fit(X, y)
    assert_allclose(m.mse_path_, theirs.mse_path_, rtol=1e-5)


def test_threads_give_identical_results():
    X, y = make_data(60, 30)
    a = ElasticNetCV(l1_ratio=[0.3, 0.8], cv=4, alphas=20, n_jobs=1).fit(X, y)
    b = ElasticNetCV(l1_ratio=[0.3, 0.8], cv=4, alphas=20, n_jobs=2).fit(X, y)
    assert_allclose(a.mse_path_, b.mse_path_)
    assert a.alpha_ == b.alpha_


def test_bad_parameters():
    X, y = make_data(30, 5)
    with pytest.raises(ValueError, match="'rule' parameter"):
        LassoCV(rule="2se").fit(X, y)
    with pytest.raises(ValueError, match="'alphas' parameter"):
        LassoCV(alphas=[-1.0]).fit(X, y)
    with pytest.raises(ValueError, match="'alphas' parameter"):
        LassoCV(alphas=0).fit(X, y)
    with pytest.raises(ValueError, match="'l1_ratio' parameter"):
        ElasticNetCV(l1_ratio=[0.5, 1.5]).fit(X, y)
    with pytest.raises(ValueError, match="l1_ratio=0"):
        ElasticNetCV(l1_ratio=0.0).fit(X, y)
    with pytest.raises(ValueError, match="'eps' parameter"):
        LassoCV(eps=0).fit(X, y)
    with pytest.raises(ValueError):
        LassoCV().fit(X, np.column_stack([y, y]))


def test_works_in_scikit_learn_tooling():
    from sklearn import config_context
    from sklearn.base import clone
    from sklearn.model_selection import cross_val_score, cross_validate
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = make_data(60, 8, seed=6)
    sw = weights_for(60, "w")
    groups = np.repeat(np.arange(6), 10)
    est = LassoCV(cv=3, alphas=10, rule="1se")
    assert clone(est).get_params() == est.get_params()
    pipe = make_pipeline(StandardScaler(), LassoCV(cv=3, alphas=10))
    assert pipe.fit(X, y).predict(X).shape == (60,)
    scores = cross_val_score(Lasso(alpha=0.1), X, y, cv=3)
    theirs = cross_val_score(sk.Lasso(alpha=0.1), X, y, cv=3)
    assert_allclose(scores, theirs, rtol=1e-6)
    with config_context(enable_metadata_routing=True):
        routed = LassoCV(cv=GroupKFold(3), alphas=10).set_fit_request(sample_weight=True, groups=True)
        routed.set_score_request(sample_weight=True)
        out = cross_validate(routed, X, y, cv=GroupKFold(2), params={"sample_weight": sw, "groups": groups},
                             return_estimator=True)
        outer = list(GroupKFold(2).split(X, y, groups))
        for (train, _), fitted in zip(outer, out["estimator"]):
            direct = LassoCV(cv=GroupKFold(3), alphas=10).fit(X[train], y[train], sample_weight=sw[train],
                                                              groups=groups[train])
            assert fitted.alpha_ == direct.alpha_
            assert_allclose(fitted.coef_, direct.coef_)
        weighted = Lasso(alpha=0.1).set_fit_request(sample_weight=True).set_score_request(sample_weight=False)
        gs = GridSearchCV(weighted, {"alpha": [0.01, 0.1, 1.0]}, cv=3).fit(X, y, sample_weight=sw)
        assert gs.best_params_["alpha"] in (0.01, 0.1, 1.0)


# ---------------------------------------------------------------------------
# Memory: one copy per fold, the path solved and scored block by block.
# These check that the memory-saving layout changes no result.

def _problem_parts(problem):
    X = problem.X
    parts = list(X) if isinstance(X, tuple) else [X]
    return parts + [problem.y, problem.x_offset, problem.y_offset, problem.norms]


@pytest.mark.parametrize("order", ["F", "C"])
@pytest.mark.parametrize("weighted", [None, "w"])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("train_kind", ["sorted", "shuffled", "mask"])
def test_split_problem_dense_is_prepare_of_the_rows(dtype, order, weighted, fit_intercept, train_kind):
    from sklearn_reg._cv import split_problem
    from sklearn_reg._data import prepare

    X, y = make_data(300, 12, dtype=dtype, seed=3)
    X = np.asarray(X, order=order) * np.linspace(1, 50, 12).astype(dtype) + dtype(7)
    sw = weights_for(300, weighted)
    sw = None if sw is None else sw.astype(dtype)
    rng = np.random.default_rng(0)
    train = {"sorted": np.sort(rng.choice(300, 220, replace=False)),
             "shuffled": rng.choice(300, 220, replace=False),
             "mask": rng.random(300) < 0.7}[train_kind]
    ours = split_problem(X, y, sw, train, fit_intercept=fit_intercept, precompute=False)
    ref = prepare(X[train], y[train], None if sw is None else sw[train], fit_intercept, copy_X=False)
    assert ours.X.flags.f_contiguous
    for a, b in zip(_problem_parts(ours), _problem_parts(ref)):
        np.testing.assert_array_equal(a, b)  # bitwise: the same means, centring and norms


def test_split_problem_dense_gram_and_errors():
    from sklearn_reg._cv import split_problem
    from sklearn_reg._data import prepare, with_gram

    X, y = make_data(80, 6, seed=4)
    train = np.arange(0, 80, 2)
    ours = split_problem(X, y, None, train, fit_intercept=True)
    ref = with_gram(prepare(X[train], y[train], None, True))
    for a, b in zip(_problem_parts(ours), _problem_parts(ref)):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(IndexError):
        split_problem(X, y, None, np.array([0, 80]), fit_intercept=True)


@pytest.mark.parametrize("container", ["csc", "csc_array"])
@pytest.mark.parametrize("weighted", [None, "w"])
def test_split_problem_sparse_is_prepare_of_the_csr_rows(container, weighted):
    from sklearn_reg._cv import split_problem
    from sklearn_reg._data import prepare

    X, y = make_data(200, 40, density=0.2, container=container, seed=5)
    sw = weights_for(200, weighted)
    train = np.random.default_rng(1).choice(200, 150, replace=False)  # unsorted rows
    ours = split_problem(X, y, sw, train, fit_intercept=True, precompute=False)
    ref = prepare(X.tocsr()[train], y[train], None if sw is None else sw[train], True)
    for a, b in zip(_problem_parts(ours), _problem_parts(ref)):
        np.testing.assert_array_equal(a, b)
    assert ours.X[1].dtype == np.int32


def test_row_order_average_and_take_rows(dtype):
    from sklearn_reg._data import row_order_average, take_rows

    rng = np.random.default_rng(2)
    for n, p in [(1, 4), (5, 1), (700, 3), (3000, 90)]:
        X = (rng.standard_normal((n, p)) * 100 + 1e3).astype(dtype)
        w = rng.uniform(0.1, 3, n).astype(dtype)
        F = np.asfortranarray(X)
        for weights in (None, w):
            got = row_order_average(F, axis=0, weights=weights)
            ref = np.average(X, axis=0, weights=weights)  # C-ordered: rows summed in turn
            assert got.dtype == ref.dtype
            np.testing.assert_array_equal(got, ref)
        rows = rng.permutation(n)[: max(1, n // 2)]
        for source in (X, F):
            taken = take_rows(source, rows)
            assert taken.flags.f_contiguous
            np.testing.assert_array_equal(taken, X[rows])


def test_path_blocks():
    from sklearn_reg._cv import path_blocks, split_problem

    X, y = make_data(60, 6000, density=0.01, container="csc", seed=6)
    problem = split_problem(X, y, None, np.arange(40), fit_intercept=True)
    blocks = path_blocks(problem, 100)
    assert len(blocks) > 1 and blocks[0][0] == 0 and blocks[-1][1] == 100
    assert all(stop - start >= 2 for start, stop in blocks)
    assert all(b[1] == c[0] for b, c in zip(blocks, blocks[1:]))
    assert path_blocks(problem, 1) == [(0, 1)]
    assert all(stop - start >= 2 for start, stop in path_blocks(problem, 2 * blocks[0][1] + 1))
    dense = split_problem(X.toarray(), y, None, np.arange(40), fit_intercept=True)
    assert path_blocks(dense, 100) == [(0, 100)]  # dense: the fold outweighs the path


@pytest.mark.parametrize("selection", ["cyclic", "random"])
@pytest.mark.parametrize("scoring", [None, "r2"])
def test_blocked_path_scores_are_the_whole_paths(selection, scoring):
    from sklearn.metrics import check_scoring

    from sklearn_reg._cv import (path_blocks, path_on_problem, path_scores_on_problem,
                                 path_test_scores, split_problem)

    X, y = make_data(80, 6000, density=0.02, container="csc", seed=7)
    train, test = np.arange(60), np.arange(60, 80)
    problem = split_problem(X, y, None, train, fit_intercept=True)
    alphas = np.geomspace(1.0, 0.1, 50) * np.abs(X.T @ (y - y.mean())).max() / 60
    assert len(path_blocks(problem, alphas.size)) > 1
    scorer = None if scoring is None else check_scoring(Lasso(), scoring=scoring)
    make = lambda k: Lasso(alpha=alphas[k])
    params = dict(alphas=alphas, l1_ratio=1.0, selection=selection, random_state=0, tol=1e-6,
                  max_iter=10_000)
    mse, scores, nnz = path_scores_on_problem(problem, X[test], y[test], None, scorer=scorer,
                                              make_estimator=make, **params)
    coefs, intercepts = path_on_problem(problem, **params)
    ref_mse, ref_scores = path_test_scores(coefs, intercepts, X[test], y[test], None, scorer, make)
    np.testing.assert_array_equal(nnz, np.count_nonzero(coefs, axis=1))
    assert_allclose(mse, ref_mse, rtol=1e-12)
    assert_allclose(scores, ref_scores, rtol=1e-12)


def test_lassocv_leaves_unsorted_sparse_input_alone():
    from scipy import sparse

    X, y = make_data(90, 30, density=0.3, container="csc", seed=8)
    shuffled = X.copy()
    for j in range(X.shape[1]):  # reverse the row order inside every column
        lo, hi = shuffled.indptr[j], shuffled.indptr[j + 1]
        shuffled.indices[lo:hi] = shuffled.indices[lo:hi][::-1]
        shuffled.data[lo:hi] = shuffled.data[lo:hi][::-1]
    shuffled.has_sorted_indices = False
    before = shuffled.indices.copy()
    a = LassoCV(cv=3, alphas=20).fit(X, y)
    b = LassoCV(cv=3, alphas=20).fit(shuffled, y)
    np.testing.assert_array_equal(shuffled.indices, before)
    assert sparse.issparse(shuffled) and a.alpha_ == b.alpha_
    np.testing.assert_array_equal(a.mse_path_, b.mse_path_)
    np.testing.assert_array_equal(a.coef_, b.coef_)
