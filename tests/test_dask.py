"""The CV estimators under joblib's dask backend, on a local two-process
cluster: the same results as in one process (deselect with ``-m "not dask"``)."""

import os
import warnings

import joblib
import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sklearn_reg import ElasticNet, ElasticNetCV, LassoCV
from sklearn_reg._path_search import PathSearchCV

from conftest import make_data

pytestmark = pytest.mark.dask

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    # Loopback only, no dashboard. The worker processes get NUMBA_CACHE_DIR
    # explicitly (besides inheriting the environment), so that they load the
    # compiled engine from the same cache instead of compiling it again.
    env = {k: os.environ[k] for k in ("NUMBA_CACHE_DIR",) if k in os.environ}
    with warnings.catch_warnings():
        # the scheduler's small HTTP server (health checks, on 127.0.0.1) moves
        # to a free port when its default one is taken: not a problem here
        warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, env=env,
        )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def on_dask(client, fit):
    """Run ``fit()`` under the dask backend; return it and the workers used."""
    with distributed.get_task_stream(client) as stream:
        with joblib.parallel_backend("dask"):
            result = fit()
    return result, {task["worker"] for task in stream.data}


def check_lassocv(client):
    X, y = make_data(60, 20, seed=0)
    fit = lambda: LassoCV(cv=KFold(4), alphas=20).fit(X, y)
    local = fit()
    remote, workers = on_dask(client, fit)
    assert workers  # the folds ran on the cluster's workers
    assert remote.alpha_ == local.alpha_
    assert_array_equal(remote.mse_path_, local.mse_path_)
    assert_array_equal(remote.coef_, local.coef_)


def check_elasticnetcv_l1_ratio_list(client):
    X, y = make_data(60, 20, seed=1)
    fit = lambda: ElasticNetCV(l1_ratio=[0.3, 0.9], cv=KFold(3), alphas=15,
                               scoring="neg_mean_absolute_error").fit(X, y)
    local = fit()
    remote, workers = on_dask(client, fit)
    assert workers
    assert (remote.alpha_, remote.l1_ratio_) == (local.alpha_, local.l1_ratio_)
    assert_array_equal(remote.mse_path_, local.mse_path_)
    assert_array_equal(remote.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"])


def check_path_search(client, scoring):
    X, y = make_data(60, 20, seed=2)
    X = X * np.geomspace(0.1, 10.0, 20)
    pipe = make_pipeline(StandardScaler(), ElasticNet())
    fit = lambda: PathSearchCV(pipe, alphas=15, l1_ratio=[0.5, 1.0], cv=KFold(3),
                               scoring=scoring).fit(X, y)
    local = fit()
    remote, workers = on_dask(client, fit)
    assert workers
    assert remote.best_params_ == local.best_params_
    assert remote.best_index_ == local.best_index_
    for key, value in local.cv_results_.items():
        if key != "params":
            assert_array_equal(remote.cv_results_[key], value, err_msg=key)
    assert_array_equal(remote.best_estimator_[-1].coef_, local.best_estimator_[-1].coef_)


def test_cv_estimators_on_dask(client):
    # One test, so that pytest-xdist never starts a second cluster.
    assert client.scheduler.address.startswith("tcp://127.0.0.1:")
    seen = client.run(os.getenv, "NUMBA_CACHE_DIR")
    assert len(seen) == 2 and set(seen.values()) == {os.environ.get("NUMBA_CACHE_DIR")}
    check_lassocv(client)
    check_elasticnetcv_l1_ratio_list(client)
    check_path_search(client, scoring=None)
    check_path_search(client, scoring="neg_mean_absolute_error")
