"""PathSearchCV: the same result as GridSearchCV over the same grid, the 1se
rule, groups, refit, sample weights and parameter checks."""

import numpy as np
import pytest
import sklearn
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from sklearn import linear_model as sk
from sklearn.base import clone
from sklearn.metrics import get_scorer
from sklearn.model_selection import GridSearchCV, GroupKFold, KFold
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MaxAbsScaler, StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_reg import ElasticNet, Lasso, LassoCV, Ridge
from sklearn_reg._path_search import PathSearchCV

from conftest import make_data

TIGHT = dict(tol=1e-12, max_iter=100_000)  # cold and warm starts agree to ~1e-9


def _expected_failures(search):
    if isinstance(search.estimator, Pipeline):  # as GridSearchCV over the same pipeline
        return {"check_sample_weight_equivalence_on_dense_data":
                "the preprocessing steps are fitted without sample weights"}
    return {}


@parametrize_with_checks(
    [PathSearchCV(Lasso(), alphas=5, cv=3),
     PathSearchCV(make_pipeline(StandardScaler(), ElasticNet()), alphas=5, cv=3,
                  l1_ratio=[0.5, 1.0], rule="1se")],
    expected_failed_checks=_expected_failures,
)
def test_sklearn_contract(estimator, check):
    check(estimator)


def scaled_data(n_samples=60, n_features=12, seed=0, container="dense"):
    """Features on very different scales, so that the scaler matters."""
    X, y = make_data(n_samples, n_features, seed=seed, density=0.6 if container != "dense" else 1.0)
    X = X * np.geomspace(0.1, 50.0, n_features)
    if container != "dense":
        X = sparse.csr_matrix(X)
    return X, y


def grid_of(search, step, l1_ratios=None):
    """GridSearchCV's param_grid over exactly the alphas of ``search``."""
    if l1_ratios is None:
        return {f"{step}__alpha": list(search.alphas_)}
    return [{f"{step}__alpha": list(search.alphas_[i]), f"{step}__l1_ratio": [r]}
            for i, r in enumerate(l1_ratios)]


def by_params(results, step, searched_l1):
    """mean_test_score ordered by (l1_ratio, alpha)."""
    alpha = np.asarray(results[f"param_{step}__alpha"], dtype=float)
    l1 = (np.asarray(results[f"param_{step}__l1_ratio"], dtype=float) if searched_l1
          else np.zeros_like(alpha))
    order = np.lexsort((alpha, l1))
    return alpha[order], l1[order], np.asarray(results["mean_test_score"])[order]


def assert_same_as_gridsearch(search, gs, step, searched_l1=False):
    assert search.best_params_.keys() == gs.best_params_.keys()
    for key, value in gs.best_params_.items():
        assert search.best_params_[key] == pytest.approx(value, rel=1e-12)
    assert search.best_score_ == pytest.approx(gs.best_score_, rel=1e-6)
    a_ours, l1_ours, mean_ours = by_params(search.cv_results_, step, searched_l1)
    a_gs, l1_gs, mean_gs = by_params(gs.cv_results_, step, searched_l1)
    assert_allclose(a_ours, a_gs, rtol=1e-12)
    assert_allclose(l1_ours, l1_gs)
    assert_allclose(mean_ours, mean_gs, rtol=1e-6)
    for k in range(search.n_splits_):
        key = f"split{k}_test_score"
        assert_allclose(search.cv_results_[key], gs.cv_results_[key], rtol=1e-6)
    assert search.n_splits_ == gs.n_splits_


@pytest.mark.parametrize("precompute", [False, True])
@pytest.mark.parametrize("scoring", [None, "neg_mean_absolute_error"])
def test_lasso_pipeline_equals_gridsearch(scoring, precompute):
    X, y = scaled_data()
    y[:3] += 15  # outliers: absolute and squared errors may choose differently
    pipe = make_pipeline(StandardScaler(), Lasso(precompute=precompute, **TIGHT))
    cv = KFold(4, shuffle=True, random_state=0)
    search = PathSearchCV(pipe, alphas=20, eps=1e-2, cv=cv, scoring=scoring).fit(X, y)
    gs = GridSearchCV(pipe, grid_of(search, "lasso"), cv=cv,
                      scoring=scoring or "neg_mean_squared_error").fit(X, y)
    assert_same_as_gridsearch(search, gs, "lasso")
    assert search.alpha_ == search.best_params_["lasso__alpha"]
    assert search.l1_ratio_ == 1.0
    assert_array_equal(search.cv_results_["rank_test_score"], gs.cv_results_["rank_test_score"])
    assert search.cv_results_["params"] == [{"lasso__alpha": a} for a in search.alphas_]
    assert search.scorer_._score_func is get_scorer(scoring or "neg_mean_squared_error")._score_func
    # the grid comes from the data scaled on all rows, not from the raw data
    Xs = StandardScaler().fit_transform(X)
    assert search.alphas_[0] == pytest.approx(np.abs((Xs - Xs.mean(0)).T @ (y - y.mean())).max() / len(y))


@pytest.mark.parametrize("scoring", [None, "neg_mean_absolute_error"])
def test_elasticnet_l1_ratio_list_equals_gridsearch(scoring):
    X, y = scaled_data(seed=1)
    pipe = make_pipeline(StandardScaler(), ElasticNet(**TIGHT))
    cv = KFold(4, shuffle=True, random_state=1)
    l1_ratios = [0.3, 0.8]
    search = PathSearchCV(pipe, alphas=15, eps=1e-2, l1_ratio=l1_ratios, cv=cv,
                          scoring=scoring).fit(X, y)
    assert search.alphas_.shape == (2, 15)
    gs = GridSearchCV(pipe, grid_of(search, "elasticnet", l1_ratios), cv=cv,
                      scoring=scoring or "neg_mean_squared_error").fit(X, y)
    assert_same_as_gridsearch(search, gs, "elasticnet", searched_l1=True)
    assert set(search.best_params_) == {"elasticnet__alpha", "elasticnet__l1_ratio"}
    assert search.l1_ratio_ == search.best_params_["elasticnet__l1_ratio"]
    assert len(search.cv_results_["mean_test_score"]) == 30


def test_elasticnet_own_l1_ratio_is_kept():
    X, y = scaled_data(seed=2)
    pipe = make_pipeline(StandardScaler(), ElasticNet(l1_ratio=0.7, **TIGHT))
    search = PathSearchCV(pipe, alphas=10, cv=3).fit(X, y)
    assert search.l1_ratio_ == 0.7
    assert list(search.best_params_) == ["elasticnet__alpha"]
    assert "param_elasticnet__l1_ratio" not in search.cv_results_
    assert search.best_estimator_[-1].l1_ratio == 0.7


@pytest.mark.parametrize("scoring", [None, "neg_mean_absolute_error"])
def test_sparse_pipeline_equals_gridsearch(scoring):
    X, y = scaled_data(container="csr", seed=3)
    pipe = make_pipeline(MaxAbsScaler(), Lasso(**TIGHT))
    cv = KFold(3, shuffle=True, random_state=0)
    search = PathSearchCV(pipe, alphas=15, eps=1e-2, cv=cv, scoring=scoring).fit(X, y)
    gs = GridSearchCV(pipe, grid_of(search, "lasso"), cv=cv,
                      scoring=scoring or "neg_mean_squared_error").fit(X, y)
    assert_same_as_gridsearch(search, gs, "lasso")
    dense = PathSearchCV(pipe, alphas=15, eps=1e-2, cv=cv, scoring=scoring).fit(X.toarray(), y)
    assert_allclose(dense.cv_results_["mean_test_score"], search.cv_results_["mean_test_score"],
                    rtol=1e-8)


def test_scorer_sees_the_fold_pipeline_and_raw_rows():
    X, y = scaled_data(seed=12)
    folds = list(KFold(3).split(X))
    seen = []

    def scorer(model, X_test, y_test):
        seen.append((model, X_test))
        return -np.mean((model.predict(X_test) - y_test) ** 2)

    pipe = make_pipeline(StandardScaler(), Lasso())
    search = PathSearchCV(pipe, alphas=4, cv=folds, scoring=scorer).fit(X, y)
    assert len(seen) == 4 * 3
    for k, (train, test) in enumerate(folds):
        for model, X_test in seen[4 * k: 4 * (k + 1)]:
            assert isinstance(model, Pipeline) and isinstance(model[-1], Lasso)
            assert_allclose(model[0].mean_, X[train].mean(axis=0))  # fitted on the fold
            assert_array_equal(X_test, X[test])  # untransformed rows
    default = PathSearchCV(pipe, alphas=4, cv=folds).fit(X, y)
    assert_allclose(search.cv_results_["mean_test_score"], default.cv_results_["mean_test_score"])


def test_bare_estimator_equals_lassocv():
    X, y = make_data(50, 10, seed=4)
    cv = KFold(5)
    search = PathSearchCV(Lasso(**TIGHT), alphas=12, cv=cv).fit(X, y)
    ref = LassoCV(alphas=12, cv=cv, **TIGHT).fit(X, y)
    assert_allclose(search.alphas_, ref.alphas_)
    assert_allclose(search.cv_results_["mean_test_score"], -ref.mse_path_.mean(axis=1), rtol=1e-10)
    assert search.alpha_ == ref.alpha_ and search.best_params_ == {"alpha": ref.alpha_}
    assert_allclose(search.best_estimator_.coef_, ref.coef_, rtol=1e-10)


def test_one_standard_error_rule_from_cv_results():
    X, y = scaled_data(n_samples=80, n_features=30, seed=5)
    pipe = make_pipeline(StandardScaler(), Lasso())
    search = PathSearchCV(pipe, alphas=30, cv=5, rule="1se").fit(X, y)
    r = search.cv_results_
    errors = -np.column_stack([r[f"split{k}_test_score"] for k in range(5)])
    mean = errors.mean(axis=1)
    se = errors.std(axis=1, ddof=1) / np.sqrt(5)
    assert_allclose(r["std_error_test_score"], se)
    best = np.argmin(mean)
    expected = search.alphas_[mean <= mean[best] + se[best]].max()
    assert search.alpha_ == pytest.approx(expected) == pytest.approx(search.alpha_1se_)
    assert search.best_params_ == {"lasso__alpha": search.alpha_}
    assert r["params"][search.best_index_] == search.best_params_
    assert search.best_score_ == pytest.approx(-mean[search.best_index_])
    assert search.best_estimator_[-1].alpha == search.alpha_
    # the min rule: the best mean score, rank 1, the same 1se value
    search_min = PathSearchCV(pipe, alphas=30, cv=5).fit(X, y)
    assert search_min.alpha_ == pytest.approx(search.alphas_[best])
    assert search_min.cv_results_["rank_test_score"][search_min.best_index_] == 1
    assert search_min.alpha_1se_ == search.alpha_1se_
    assert search.alpha_ >= search_min.alpha_


def test_groups_reach_the_splitter():
    X, y = scaled_data(seed=6)
    groups = np.repeat(np.arange(12), 5)
    pipe = make_pipeline(StandardScaler(), Lasso())
    search = PathSearchCV(pipe, alphas=10, cv=GroupKFold(4)).fit(X, y, groups=groups)
    folds = list(GroupKFold(4).split(X, y, groups))
    explicit = PathSearchCV(pipe, alphas=10, cv=folds).fit(X, y)
    for key in ("mean_test_score", "split0_test_score", "split3_test_score"):
        assert_array_equal(search.cv_results_[key], explicit.cv_results_[key])
    with pytest.raises(ValueError, match="groups"):
        PathSearchCV(pipe, alphas=10, cv=GroupKFold(4)).fit(X, y)


def test_refit_equals_fitting_the_pipeline_at_alpha():
    X, y = scaled_data(seed=7)
    pipe = make_pipeline(StandardScaler(), Lasso())
    search = PathSearchCV(pipe, alphas=15, cv=3).fit(X, y)
    direct = clone(pipe).set_params(lasso__alpha=search.alpha_).fit(X, y)
    assert search.best_estimator_ is not pipe
    assert_array_equal(search.best_estimator_[-1].coef_, direct[-1].coef_)
    assert search.best_estimator_[-1].intercept_ == direct[-1].intercept_
    assert_array_equal(search.predict(X[:5]), direct.predict(X[:5]))
    assert search.score(X, y) == direct.score(X, y)  # scoring=None: the estimator's R^2
    assert search.n_features_in_ == X.shape[1]
    assert not hasattr(pipe[-1], "coef_")  # the given estimator stays unfitted

    mae = PathSearchCV(pipe, alphas=15, cv=3, scoring="neg_mean_absolute_error").fit(X, y)
    assert mae.score(X, y) == pytest.approx(-np.mean(np.abs(mae.predict(X) - y)))

    lazy = PathSearchCV(pipe, alphas=15, cv=3, refit=False).fit(X, y)
    assert lazy.alpha_ == search.alpha_ and not hasattr(lazy, "best_estimator_")
    with pytest.raises(AttributeError, match="refit=False"):
        lazy.predict(X)
    assert not hasattr(lazy, "n_features_in_")


def test_sample_weight_equals_routed_gridsearch():
    X, y = scaled_data(seed=8)
    sw = np.random.default_rng(0).uniform(0.2, 3.0, len(y))
    cv = KFold(4, shuffle=True, random_state=2)
    search = PathSearchCV(make_pipeline(StandardScaler(), Lasso(**TIGHT)), alphas=12,
                          eps=1e-2, cv=cv).fit(X, y, sample_weight=sw)
    # GridSearchCV with the same behaviour: weighted final fit and test scores,
    # unweighted preprocessing
    with sklearn.config_context(enable_metadata_routing=True):
        pipe = make_pipeline(StandardScaler().set_fit_request(sample_weight=False),
                             Lasso(**TIGHT).set_fit_request(sample_weight=True))
        scorer = get_scorer("neg_mean_squared_error").set_score_request(sample_weight=True)
        gs = GridSearchCV(pipe, grid_of(search, "lasso"), cv=cv, scoring=scorer)
        gs.fit(X, y, sample_weight=sw)
    assert_same_as_gridsearch(search, gs, "lasso")
    direct = make_pipeline(StandardScaler(), Lasso(alpha=search.alpha_, **TIGHT))
    direct.fit(X, y, lasso__sample_weight=sw)
    assert_allclose(search.best_estimator_[-1].coef_, direct[-1].coef_)
    unweighted = PathSearchCV(make_pipeline(StandardScaler(), Lasso(**TIGHT)), alphas=12,
                              eps=1e-2, cv=cv).fit(X, y)
    assert not np.allclose(unweighted.cv_results_["mean_test_score"],
                           search.cv_results_["mean_test_score"])


def test_dataframe_with_a_categorical_column():
    pd = pytest.importorskip("pandas")
    from sklearn.compose import make_column_transformer
    from sklearn.preprocessing import OneHotEncoder

    X, y = make_data(60, 4, seed=9)
    df = pd.DataFrame(X, columns=list("abcd"))
    df["city"] = np.array(["x", "y", "z"])[np.arange(60) % 3]
    y = y + (df["city"] == "y") * 3.0
    pipe = make_pipeline(
        make_column_transformer((OneHotEncoder(), ["city"]), (StandardScaler(), list("abcd"))),
        Lasso(**TIGHT),
    )
    cv = KFold(3, shuffle=True, random_state=0)
    search = PathSearchCV(pipe, alphas=10, cv=cv, scoring="r2").fit(df, y)
    gs = GridSearchCV(pipe, grid_of(search, "lasso"), cv=cv, scoring="r2").fit(df, y)
    assert_same_as_gridsearch(search, gs, "lasso")
    assert list(search.feature_names_in_) == list(df.columns)


def test_threads_give_identical_results():
    X, y = scaled_data(seed=10)
    pipe = make_pipeline(StandardScaler(), ElasticNet())
    kw = dict(alphas=15, l1_ratio=[0.4, 0.9], cv=3, scoring="neg_mean_absolute_error")
    a = PathSearchCV(pipe, n_jobs=1, **kw).fit(X, y)
    b = PathSearchCV(pipe, n_jobs=2, **kw).fit(X, y)
    for key in ("mean_test_score", "split2_test_score", "n_nonzero"):
        assert_array_equal(a.cv_results_[key], b.cv_results_[key])
    assert a.best_params_ == b.best_params_


def test_explicit_alphas_are_sorted_decreasingly():
    X, y = scaled_data(seed=11)
    search = PathSearchCV(make_pipeline(StandardScaler(), Lasso()), alphas=[0.01, 1.0, 0.1],
                          cv=3, verbose=1).fit(X, y)
    assert_array_equal(search.alphas_, [1.0, 0.1, 0.01])
    assert_array_equal(search.cv_results_["param_lasso__alpha"], [1.0, 0.1, 0.01])
    assert search.cv_results_["n_nonzero"][0] <= search.cv_results_["n_nonzero"][-1]


@pytest.mark.parametrize("params, error, match", [
    (dict(rule="2se"), ValueError, "'rule' parameter"),
    (dict(alphas=0), ValueError, "'alphas' parameter"),
    (dict(alphas=[-1.0, 0.5]), ValueError, "'alphas' parameter"),
    (dict(alphas=[]), ValueError, "'alphas' parameter"),
    (dict(alphas="many"), TypeError, "'alphas' parameter"),
    (dict(eps=0.0), ValueError, "'eps' parameter"),
    (dict(l1_ratio=0.5), ValueError, "'l1_ratio' parameter.*Lasso"),
    (dict(refit="yes"), TypeError, "'refit' parameter"),
    (dict(n_jobs=1.5), TypeError, "'n_jobs' parameter"),
    (dict(scoring=["r2", "neg_mean_squared_error"]), ValueError, "'scoring' parameter"),
])
def test_bad_parameters(params, error, match):
    X, y = make_data(30, 5)
    with pytest.raises(error, match=match):
        PathSearchCV(make_pipeline(StandardScaler(), Lasso()), cv=3, **params).fit(X, y)


def test_bad_estimators_and_data():
    X, y = make_data(30, 5)
    for estimator in (sk.Lasso(), Ridge(), make_pipeline(StandardScaler(), sk.ElasticNet()),
                      make_pipeline(Lasso(), StandardScaler()), LassoCV()):
        with pytest.raises(TypeError, match="must be a sklearn_reg Lasso or ElasticNet"):
            PathSearchCV(estimator, cv=3).fit(X, y)
    with pytest.raises(ValueError, match="'l1_ratio' parameter"):
        PathSearchCV(ElasticNet(), l1_ratio=[0.5, 1.5], cv=3).fit(X, y)
    with pytest.raises(ValueError, match="'l1_ratio' parameter"):
        PathSearchCV(ElasticNet(l1_ratio=2.0), cv=3).fit(X, y)
    with pytest.raises(ValueError, match="l1_ratio=0"):
        PathSearchCV(ElasticNet(l1_ratio=0.0), cv=3).fit(X, y)
    with pytest.raises(ValueError, match="one target"):
        PathSearchCV(Lasso(), cv=3).fit(X, np.column_stack([y, y]))
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        PathSearchCV(Lasso(), cv=3).fit(X, y[:-1])
    with pytest.raises(ValueError, match="sample_weight"):
        PathSearchCV(Lasso(), cv=3).fit(X, y, sample_weight=np.ones(4))
    with pytest.raises(sklearn.exceptions.NotFittedError):
        PathSearchCV(Lasso()).predict(X)
