"""Bad input gets a clear error naming the problem; inputs are never modified."""

import numpy as np
import pytest
from scipy import sparse

from sklearn_reg import ElasticNet, Lasso, Ridge

from conftest import make_data

ESTIMATORS = [Lasso, ElasticNet, Ridge]


@pytest.fixture
def data():
    return make_data(20, 5)


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("bad", ["nan", "inf", "complex", "object", "string", "3d", "1d", "empty_rows", "empty_cols"])
def test_bad_X(cls, bad, data):
    X, y = data
    if bad == "nan":
        X = X.copy(); X[0, 0] = np.nan
    elif bad == "inf":
        X = X.copy(); X[1, 1] = np.inf
    elif bad == "complex":
        X = X + 1j
    elif bad == "object":
        X = X.astype(object); X[0, 0] = {"a": 1}
    elif bad == "string":
        X = np.full(X.shape, "a")
    elif bad == "3d":
        X = X[:, :, None]
    elif bad == "1d":
        X = X[:, 0]
    elif bad == "empty_rows":
        X, y = X[:0], y[:0]
    elif bad == "empty_cols":
        X = X[:, :0]
    with pytest.raises((ValueError, TypeError)):
        cls().fit(X, y)


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("bad", ["nan", "inf", "mismatch", "string", "3d"])
def test_bad_y(cls, bad, data):
    X, y = data
    if bad == "nan":
        y = y.copy(); y[0] = np.nan
    elif bad == "inf":
        y = y.copy(); y[0] = -np.inf
    elif bad == "mismatch":
        y = y[:-1]
    elif bad == "string":
        y = np.array(["a"] * len(y))
    elif bad == "3d":
        y = y[:, None, None]
    with pytest.raises((ValueError, TypeError)):
        cls().fit(X, y)


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("sw,match", [
    ("negative", "sample_weight"), ("nan", "sample_weight"), ("inf", "sample_weight"),
    ("short", "sample_weight"), ("zeros", "non-zero"), ("2d", "sample_weight"), ("text", "sample_weight")])
def test_bad_sample_weight(cls, sw, match, data):
    X, y = data
    w = {"negative": -np.ones(20), "nan": np.r_[np.nan, np.ones(19)], "inf": np.r_[np.inf, np.ones(19)],
         "short": np.ones(19), "zeros": np.zeros(20), "2d": np.ones((20, 2)), "text": np.array(["a"] * 20)}[sw]
    with pytest.raises((ValueError, TypeError), match=match):
        cls().fit(X, y, sample_weight=w)


@pytest.mark.parametrize("cls,param,value,exc", [
    (Lasso, "alpha", -1.0, ValueError), (Lasso, "alpha", np.nan, ValueError), (Lasso, "alpha", "1", TypeError),
    (ElasticNet, "l1_ratio", 1.5, ValueError), (ElasticNet, "l1_ratio", -0.1, ValueError),
    (Lasso, "max_iter", 0, ValueError), (Lasso, "max_iter", 2.5, TypeError), (Lasso, "tol", -1e-3, ValueError),
    (Lasso, "selection", "sideways", ValueError), (Lasso, "fit_intercept", "yes", TypeError),
    (Lasso, "positive", 1, TypeError), (Lasso, "random_state", "seed", TypeError),
    (Ridge, "alpha", -1.0, ValueError), (Ridge, "alpha", [1.0, -2.0], ValueError),
    (Ridge, "solver", "newton", ValueError), (Ridge, "max_iter", 0, ValueError),
])
def test_bad_parameters_name_the_parameter(cls, param, value, exc, data):
    X, y = data
    with pytest.raises(exc, match=f"'{param}' parameter of {cls.__name__}"):
        cls(**{param: value}).fit(X, y)


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("container", ["dense", "csc", "csr"])
def test_inputs_are_not_modified(cls, container, data):
    X, y = data
    X = np.asfortranarray(X)
    Xc = X if container == "dense" else getattr(sparse, container + "_matrix")(X)
    sw = np.linspace(0.5, 2, 20)
    snapshot = [Xc.copy(), y.copy(), sw.copy()]
    cls(alpha=0.1).fit(Xc, y, sample_weight=sw)
    if container == "dense":
        np.testing.assert_array_equal(Xc, snapshot[0])
    else:
        np.testing.assert_array_equal(Xc.toarray(), snapshot[0].toarray())
    np.testing.assert_array_equal(y, snapshot[1])
    np.testing.assert_array_equal(sw, snapshot[2])


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("container", ["dense", "csc"])
def test_read_only_and_memmap_inputs(cls, container, data, tmp_path):
    X, y = data
    path = tmp_path / "X.npy"
    np.save(path, np.asfortranarray(X))
    Xm = np.load(path, mmap_mode="r")
    ym = y.copy(); ym.flags.writeable = False
    ref = cls(alpha=0.1).fit(X, y)
    if container == "csc":
        S = sparse.csc_matrix(X)
        for arr in (S.data, S.indices, S.indptr):
            arr.flags.writeable = False
        Xm = S
    m = cls(alpha=0.1).fit(Xm, ym)
    np.testing.assert_allclose(m.coef_, ref.coef_, rtol=1e-10)
    np.testing.assert_allclose(m.predict(Xm), ref.predict(X), rtol=1e-10)


def test_copy_X_false_may_center_in_place_but_gives_same_model(data):
    X, y = data
    ref = Lasso(alpha=0.1).fit(X, y)
    Xf = np.asfortranarray(X.copy())
    m = Lasso(alpha=0.1, copy_X=False).fit(Xf, y)
    np.testing.assert_allclose(m.coef_, ref.coef_)
    np.testing.assert_allclose(m.intercept_, ref.intercept_)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_huge_values_never_give_nan_coefficients(cls):
    X, y = make_data(20, 5)
    X = X * 1e300
    try:
        m = cls(alpha=0.1).fit(X, y)
    except ValueError:
        return  # a clear error is acceptable
    assert np.all(np.isfinite(m.coef_))


def test_predict_checks_feature_count(data):
    X, y = data
    m = Lasso(alpha=0.1).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        m.predict(X[:, :3])
