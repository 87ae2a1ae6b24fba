"""scikit-learn's estimator contract, on every public estimator, with no skips."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from sklearn_reg import ElasticNet, Lasso, Ridge


@parametrize_with_checks([Lasso(), ElasticNet(), Ridge(), Ridge(solver="cd"), Lasso(positive=True)])
def test_sklearn_contract(estimator, check):
    check(estimator)
