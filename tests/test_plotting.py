"""sklearn_reg.plotting: the displays draw the data they are given or compute."""

import doctest
import importlib
import sys

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeRegressor  # noqa: E402

import sklearn_reg  # noqa: E402
from sklearn_reg import (  # noqa: E402
    ElasticNet,
    ElasticNetCV,
    Lasso,
    LassoCV,
    LassoIC,
    PathSearchCV,
    Ridge,
    RidgeCV,
    alpha_grid,
    enet_path,
    lasso_path,
    ridge_path,
)
from sklearn_reg import plotting  # noqa: E402
from sklearn_reg.plotting import (  # noqa: E402
    CoefficientComparisonDisplay,
    CVCurveDisplay,
    RegularizationPathDisplay,
)

from conftest import make_data  # noqa: E402

N_FEATURES = 6


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def data():
    return make_data(60, N_FEATURES, seed=0, n_informative=3)


@pytest.fixture(scope="module")
def lasso_cv(data):
    return LassoCV(cv=3, alphas=15).fit(*data)


def standard_error(fold_errors):
    """The standard error of the mean over folds, written out here."""
    k = fold_errors.shape[-1]
    return np.std(fold_errors, axis=-1, ddof=1) / np.sqrt(k)


def check_markers(display, alpha, alpha_1se):
    assert_array_equal(display.alpha_line_.get_xdata(), [alpha, alpha])
    if alpha_1se is None:
        assert display.alpha_1se_line_ is None
    else:
        assert_array_equal(display.alpha_1se_line_.get_xdata(), [alpha_1se, alpha_1se])


def check_alpha_axis(ax, alphas):
    assert ax.get_xscale() == "log"
    left, right = ax.get_xlim()
    assert left > right  # alpha decreases to the right
    assert left >= np.max(alphas) and right <= np.min(alphas)
    assert "decreasing" in ax.get_xlabel()


def check_path_lines(display, alphas, coefs):
    assert len(display.lines_) == coefs.shape[0]
    for j, line in enumerate(display.lines_):
        assert_array_equal(line.get_xdata(), alphas)
        assert_allclose(line.get_ydata(), coefs[j], rtol=1e-12, atol=1e-12)


def path_at(display, alpha):
    """The drawn coefficients at ``alpha`` (one of the drawn x values)."""
    k = int(np.flatnonzero(display.lines_[0].get_xdata() == alpha)[0])
    return np.array([line.get_ydata()[k] for line in display.lines_])


# --------------------------------------------------------------------------
# matplotlib is optional


def test_module_imports_without_matplotlib_and_plot_says_how_to_install(monkeypatch):
    monkeypatch.setattr(sklearn_reg, "plotting", plotting)  # restored afterwards
    monkeypatch.delitem(sys.modules, "sklearn_reg.plotting")
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)  # "import matplotlib" now fails
    fresh = importlib.import_module("sklearn_reg.plotting")
    assert fresh is not plotting
    displays = [
        fresh.RegularizationPathDisplay([1.0, 0.1], [[0.0, 1.0]]),
        fresh.CVCurveDisplay([1.0, 0.1], [2.0, 1.0], [0.1, 0.1]),
        fresh.CoefficientComparisonDisplay({"a": [1.0]}),
    ]
    for display in displays:
        with pytest.raises(ImportError, match=r'pip install "sklearn-reg\[plot\]"'):
            display.plot()
    with pytest.raises(ImportError, match="RegularizationPathDisplay.from_estimator needs matplotlib"):
        fresh.RegularizationPathDisplay.from_estimator(Lasso(), [[0.0], [1.0]], [0.0, 1.0])


# --------------------------------------------------------------------------
# RegularizationPathDisplay


def test_path_from_path_draws_every_coefficient_and_the_markers():
    X, y = make_data(50, 4, seed=1)
    alphas, coefs, _ = lasso_path(X, y, alphas=20, fit_intercept=True)
    names = ["a", "b", "c", "d"]
    display = RegularizationPathDisplay.from_path(alphas, coefs, feature_names=names,
                                                  alpha=alphas[8], alpha_1se=alphas[4])
    check_path_lines(display, alphas, coefs)
    check_markers(display, alphas[8], alphas[4])
    check_alpha_axis(display.ax_, alphas)
    assert display.ax_.get_ylabel() == "Coefficient"
    legend = [t.get_text() for t in display.ax_.get_legend().get_texts()]
    assert legend[:4] == names
    assert any(text.startswith("chosen alpha") for text in legend)
    assert any(text.startswith("1-SE alpha") for text in legend)
    assert display.figure_ is display.ax_.figure


def test_path_sorts_alphas_decreasingly_and_defaults():
    alphas = np.array([0.01, 0.1, 1.0])
    coefs = np.array([[3.0, 2.0, 0.0], [-1.0, -0.5, 0.0]])
    display = RegularizationPathDisplay(alphas, coefs).plot()
    check_path_lines(display, alphas[::-1], coefs[:, ::-1])
    assert [line.get_label() for line in display.lines_] == ["x0", "x1"]
    assert display.alpha_line_ is None and display.alpha_1se_line_ is None
    # NaN means "no marker", as RidgeCV's alpha_1se_ may be
    display = RegularizationPathDisplay(alphas, coefs, alpha=0.1, alpha_1se=np.nan).plot()
    check_markers(display, 0.1, None)


def test_path_kwargs_go_to_the_lines():
    display = RegularizationPathDisplay([1.0, 0.1], [[0.0, 1.0], [0.0, 2.0]]).plot(
        lw=3, color="C3")
    assert all(line.get_linewidth() == 3 for line in display.lines_)
    assert all(line.get_color() == "C3" for line in display.lines_)


def test_path_with_many_features_names_only_the_largest():
    rng = np.random.default_rng(0)
    alphas = np.geomspace(1.0, 0.01, 8)
    coefs = np.outer(rng.standard_normal(12), np.linspace(0.0, 1.0, 8))
    display = RegularizationPathDisplay(alphas, coefs, alpha=0.1).plot(n_labels=4)
    assert len(display.lines_) == 12
    legend = [t.get_text() for t in display.ax_.get_legend().get_texts()]
    assert legend == ["chosen alpha = 0.1"]  # the markers only
    largest = np.argsort(-np.abs(coefs[:, -1]))[:4]
    assert sorted(t.get_text() for t in display.ax_.texts) == sorted(f"x{j}" for j in largest)


def test_path_rejects_bad_shapes_and_non_positive_alphas():
    with pytest.raises(ValueError, match="transpose"):
        RegularizationPathDisplay([1.0, 0.1, 0.01], np.zeros((3, 2))).plot()
    with pytest.raises(ValueError, match="log scale"):
        RegularizationPathDisplay([1.0, 0.0], np.zeros((2, 2))).plot()
    with pytest.raises(ValueError, match="feature names"):
        RegularizationPathDisplay([1.0, 0.1], np.zeros((2, 2)), feature_names=["a"]).plot()


def test_path_from_fitted_lasso_cv_reuses_its_grid_and_choice(data, lasso_cv):
    X, y = data
    display = RegularizationPathDisplay.from_estimator(lasso_cv, X, y)
    _, expected, _ = enet_path(X, y, l1_ratio=1.0, alphas=lasso_cv.alphas_, fit_intercept=True)
    check_path_lines(display, lasso_cv.alphas_, expected)
    assert len(display.lines_) == N_FEATURES
    check_markers(display, lasso_cv.alpha_, lasso_cv.alpha_1se_)
    check_alpha_axis(display.ax_, lasso_cv.alphas_)
    # the drawn path goes through the model LassoCV refitted at alpha_
    assert_allclose(path_at(display, lasso_cv.alpha_), lasso_cv.coef_, atol=1e-3)


def test_path_from_pipeline_uses_the_transformed_data():
    X, y = make_data(60, N_FEATURES, seed=2)
    X = X * np.arange(1, N_FEATURES + 1) + 5.0
    pipe = make_pipeline(StandardScaler(), LassoCV(cv=3, alphas=12, rule="1se")).fit(X, y)
    display = RegularizationPathDisplay.from_estimator(pipe, X, y)
    cv = pipe[-1]
    _, expected, _ = lasso_path(pipe[0].transform(X), y, alphas=cv.alphas_, fit_intercept=True)
    check_path_lines(display, cv.alphas_, expected)
    check_markers(display, cv.alpha_, cv.alpha_1se_)
    assert_allclose(path_at(display, cv.alpha_), cv.coef_, atol=1e-3)
    assert [line.get_label() for line in display.lines_] == [f"x{j}" for j in range(N_FEATURES)]


def test_path_from_unfitted_pipeline_fits_clones(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), Lasso(alpha=0.05))
    display = RegularizationPathDisplay.from_estimator(pipe, X, y, alphas=10, eps=1e-2)
    Xs = StandardScaler().fit_transform(X)
    grid = alpha_grid(Xs, y, n_alphas=10, eps=1e-2)
    _, expected, _ = lasso_path(Xs, y, alphas=grid, fit_intercept=True)
    check_path_lines(display, grid, expected)
    check_markers(display, 0.05, None)
    assert not hasattr(pipe[0], "mean_")  # the given pipeline is left unfitted


def test_path_from_unfitted_cv_estimator_fits_a_clone(data, lasso_cv):
    X, y = data
    unfitted = LassoCV(cv=3, alphas=15)
    display = RegularizationPathDisplay.from_estimator(unfitted, X, y)
    assert not hasattr(unfitted, "alpha_")
    check_markers(display, lasso_cv.alpha_, lasso_cv.alpha_1se_)
    assert_array_equal(display.lines_[0].get_xdata(), lasso_cv.alphas_)


def test_path_from_elastic_net_uses_its_mixing_and_positivity(data):
    X, y = data
    model = ElasticNet(alpha=0.1, l1_ratio=0.3, positive=True)
    display = RegularizationPathDisplay.from_estimator(model, X, y, alphas=[1.0, 0.1, 0.01])
    _, expected, _ = enet_path(X, y, l1_ratio=0.3, alphas=[1.0, 0.1, 0.01], positive=True,
                               fit_intercept=True)
    check_path_lines(display, [1.0, 0.1, 0.01], expected)
    assert np.all(expected >= 0)
    model.fit(X, y)
    assert_allclose(path_at(display, 0.1), model.coef_, atol=1e-3)


def test_path_from_elastic_net_cv_takes_the_chosen_l1_ratio_row(data):
    X, y = data
    cv = ElasticNetCV(l1_ratio=[0.2, 0.9], cv=3, alphas=10).fit(X, y)
    row = [0.2, 0.9].index(cv.l1_ratio_)
    display = RegularizationPathDisplay.from_estimator(cv, X, y)
    _, expected, _ = enet_path(X, y, l1_ratio=cv.l1_ratio_, alphas=cv.alphas_[row],
                               fit_intercept=True)
    check_path_lines(display, cv.alphas_[row], expected)
    check_markers(display, cv.alpha_, cv.alpha_1se_)
    assert_allclose(path_at(display, cv.alpha_), cv.coef_, atol=1e-3)


def test_path_from_path_search_cv(data):
    X, y = data
    search = PathSearchCV(make_pipeline(StandardScaler(), ElasticNet(l1_ratio=0.5)),
                          alphas=10, cv=3).fit(X, y)
    display = RegularizationPathDisplay.from_estimator(search, X, y)
    Xs = search.best_estimator_[0].transform(X)
    _, expected, _ = enet_path(Xs, y, l1_ratio=0.5, alphas=search.alphas_, fit_intercept=True)
    check_path_lines(display, search.alphas_, expected)
    check_markers(display, search.alpha_, search.alpha_1se_)
    assert_allclose(path_at(display, search.alpha_), search.best_estimator_[-1].coef_, atol=1e-3)


def test_path_from_lasso_ic(data):
    X, y = data
    ic = LassoIC(criterion="bic", alphas=12).fit(X, y)
    display = RegularizationPathDisplay.from_estimator(ic, X, y)
    assert_array_equal(display.lines_[0].get_xdata(), ic.alphas_)
    check_markers(display, ic.alpha_, None)
    assert_allclose(path_at(display, ic.alpha_), ic.coef_, atol=1e-3)


def test_path_from_ridge_cv_uses_its_alphas(data):
    X, y = data
    alphas = np.geomspace(1e-2, 1e3, 12)
    cv = RidgeCV(alphas=alphas, cv=3).fit(X, y)
    display = RegularizationPathDisplay.from_estimator(cv, X, y)
    _, expected = ridge_path(X, y, alphas=alphas[::-1])
    check_path_lines(display, alphas[::-1], expected)
    check_markers(display, cv.alpha_, cv.alpha_1se_)
    assert_allclose(path_at(display, cv.alpha_), cv.coef_, rtol=1e-8, atol=1e-10)


def test_path_from_ridge_generates_a_log_grid(data):
    X, y = data
    display = RegularizationPathDisplay.from_estimator(Ridge(alpha=3.0), X, y, alphas=7)
    drawn = display.lines_[0].get_xdata()
    total = np.sum((X - X.mean(axis=0)) ** 2)
    assert_allclose(drawn, np.geomspace(10 * total, 1e-3 * total / 10, 7))
    # the drawn coefficients are ridge solutions, checked at one alpha
    a = drawn[3]
    assert_allclose(path_at(display, a), Ridge(alpha=a).fit(X, y).coef_, rtol=1e-8, atol=1e-10)
    check_markers(display, 3.0, None)


def test_path_feature_names_from_a_dataframe():
    pd = pytest.importorskip("pandas")
    X, y = make_data(40, 3, seed=3)
    frame = pd.DataFrame(X, columns=["height", "weight", "age"])
    model = make_pipeline(StandardScaler(), Lasso(alpha=0.1)).fit(frame, y)
    display = RegularizationPathDisplay.from_estimator(model, frame, y, alphas=5)
    assert [line.get_label() for line in display.lines_] == ["height", "weight", "age"]
    display = RegularizationPathDisplay.from_estimator(Lasso(), frame, y, alphas=5,
                                                       feature_names=["a", "b", "c"])
    assert [line.get_label() for line in display.lines_] == ["a", "b", "c"]


def test_path_from_unsupported_estimator_is_a_clear_error(data):
    X, y = data
    with pytest.raises(TypeError, match="supports sklearn_reg's Lasso.*LinearRegression"):
        RegularizationPathDisplay.from_estimator(LinearRegression(), X, y)
    with pytest.raises(TypeError, match="last step of the Pipeline is .*DecisionTreeRegressor"):
        RegularizationPathDisplay.from_estimator(
            make_pipeline(StandardScaler(), DecisionTreeRegressor()), X, y)
    with pytest.raises(ValueError, match="one target"):
        RegularizationPathDisplay.from_estimator(Lasso(), X, np.c_[y, y])


# --------------------------------------------------------------------------
# CVCurveDisplay


def check_band(band, alphas, low, high):
    """The band's polygon runs along ``low`` and back along ``high``."""
    vertices = np.concatenate([path.vertices for path in band.get_paths()])
    assert_allclose(vertices[:, 1].min(), low.min())
    assert_allclose(vertices[:, 1].max(), high.max())
    points = {(float(x), float(v)) for x, v in np.round(vertices, 10)}
    for a, lo, hi in zip(alphas, low, high):
        assert (round(a, 10), round(lo, 10)) in points
        assert (round(a, 10), round(hi, 10)) in points


def test_cv_curve_of_lasso_cv_is_the_mean_of_mse_path(lasso_cv):
    display = CVCurveDisplay.from_estimator(lasso_cv)
    mean = lasso_cv.mse_path_.mean(axis=1)
    se = standard_error(lasso_cv.mse_path_)
    assert_array_equal(display.line_.get_xdata(), lasso_cv.alphas_)
    assert_allclose(display.line_.get_ydata(), mean, rtol=1e-12)
    check_band(display.band_, lasso_cv.alphas_, mean - se, mean + se)
    check_markers(display, lasso_cv.alpha_, lasso_cv.alpha_1se_)
    check_alpha_axis(display.ax_, lasso_cv.alphas_)
    assert display.ax_.get_ylabel() == "Mean squared error"
    # the 1-SE alpha is the largest alpha within one standard error of the minimum
    best = np.argmin(mean)
    within = lasso_cv.alphas_[mean <= mean[best] + se[best]]
    assert lasso_cv.alpha_1se_ == within.max()


def test_cv_curve_of_elastic_net_cv_takes_the_chosen_l1_ratio_row(data):
    X, y = data
    cv = ElasticNetCV(l1_ratio=[0.2, 0.9], cv=3, alphas=10).fit(X, y)
    row = [0.2, 0.9].index(cv.l1_ratio_)
    display = CVCurveDisplay.from_estimator(cv)
    assert_array_equal(display.line_.get_xdata(), cv.alphas_[row])
    assert_allclose(display.line_.get_ydata(), cv.mse_path_[row].mean(axis=1), rtol=1e-12)
    se = standard_error(cv.mse_path_[row])
    mean = cv.mse_path_[row].mean(axis=1)
    check_band(display.band_, cv.alphas_[row], mean - se, mean + se)
    check_markers(display, cv.alpha_, cv.alpha_1se_)


@pytest.mark.parametrize("scoring, sign, label", [
    ("r2", 1.0, "R2 (higher is better)"),
    ("neg_mean_absolute_error", -1.0, "Mean absolute error"),
])
def test_cv_curve_with_a_scorer_uses_cv_results(data, scoring, sign, label):
    X, y = data
    cv = LassoCV(cv=3, alphas=10, scoring=scoring).fit(X, y)
    display = CVCurveDisplay.from_estimator(cv)
    folds = np.c_[[cv.cv_results_[f"split{k}_test_score"] for k in range(3)]].T
    assert_allclose(display.line_.get_ydata(), sign * folds.mean(axis=1), rtol=1e-12)
    mean, se = sign * folds.mean(axis=1), standard_error(folds)
    check_band(display.band_, cv.alphas_, mean - se, mean + se)
    assert display.ax_.get_ylabel() == label


def test_cv_curve_of_ridge_cv_leave_one_out(data):
    X, y = data
    alphas = np.array([10.0, 0.01, 1.0, 100.0, 0.1])  # any order
    cv = RidgeCV(alphas=alphas, rule="1se").fit(X, y)
    display = CVCurveDisplay.from_estimator(cv)
    order = np.argsort(-alphas)
    # independent leave-one-out errors: refit without each sample
    errors = np.array([[(y[i] - Ridge(alpha=a).fit(np.delete(X, i, 0), np.delete(y, i))
                         .predict(X[i:i + 1])[0]) ** 2 for i in range(len(y))] for a in alphas])
    assert_array_equal(display.line_.get_xdata(), alphas[order])
    assert_allclose(display.line_.get_ydata(), errors.mean(axis=1)[order], rtol=1e-8)
    mean, se = errors.mean(axis=1)[order], standard_error(errors)[order]
    check_band(display.band_, alphas[order], mean - se, mean + se)
    check_markers(display, cv.alpha_, cv.alpha_1se_)
    assert "leave-one-out" in display.ax_.get_ylabel()


def test_cv_curve_of_path_search_cv(data):
    X, y = data
    search = PathSearchCV(make_pipeline(StandardScaler(), Lasso()), alphas=10, cv=3,
                          rule="1se").fit(X, y)
    display = CVCurveDisplay.from_estimator(search)
    folds = -np.c_[[search.cv_results_[f"split{k}_test_score"] for k in range(3)]].T
    assert_array_equal(display.line_.get_xdata(), search.alphas_)
    assert_allclose(display.line_.get_ydata(), folds.mean(axis=1), rtol=1e-12)
    se = standard_error(folds)
    check_band(display.band_, search.alphas_, folds.mean(axis=1) - se, folds.mean(axis=1) + se)
    check_markers(display, search.alpha_, search.alpha_1se_)


def test_cv_curve_from_a_fitted_pipeline(data):
    X, y = data
    pipe = make_pipeline(StandardScaler(), LassoCV(cv=3, alphas=8)).fit(X, y)
    display = CVCurveDisplay.from_estimator(pipe)
    assert_allclose(display.line_.get_ydata(), pipe[-1].mse_path_.mean(axis=1), rtol=1e-12)


def test_cv_curve_errors(data, lasso_cv):
    X, y = data
    with pytest.raises(TypeError, match="supports fitted sklearn_reg LassoCV.*Lasso"):
        CVCurveDisplay.from_estimator(Lasso().fit(X, y))
    with pytest.raises(NotFittedError):
        CVCurveDisplay.from_estimator(LassoCV())
    with pytest.raises(ValueError, match="same shape"):
        CVCurveDisplay([1.0, 0.1], [1.0], [0.1, 0.1]).plot()


def test_cv_curve_from_arrays_and_style():
    display = CVCurveDisplay([0.1, 1.0], [2.0, 3.0], [0.5, 0.2], score_name="R2",
                             greater_is_better=True).plot(color="C2", marker="s")
    assert_array_equal(display.line_.get_xdata(), [1.0, 0.1])
    assert_array_equal(display.line_.get_ydata(), [3.0, 2.0])
    assert display.line_.get_color() == "C2" and display.line_.get_marker() == "s"
    check_band(display.band_, np.array([1.0, 0.1]), np.array([2.8, 1.5]), np.array([3.2, 2.5]))
    assert display.ax_.get_ylabel() == "R2 (higher is better)"
    assert display.alpha_line_ is None and display.alpha_1se_line_ is None


# --------------------------------------------------------------------------
# CoefficientComparisonDisplay


def test_comparison_bar_heights_are_the_coefficients():
    coefs = {"Lasso": [0.0, 2.0, 0.0, -1.0], "Ridge": [0.3, 1.5, -0.2, -0.8],
             "Elastic net": [0.0, 1.8, 0.0, -0.9]}
    display = CoefficientComparisonDisplay(coefs, feature_names=list("abcd")).plot()
    assert list(display.bars_) == list(coefs)
    for i, (name, coef) in enumerate(coefs.items()):
        bars = display.bars_[name]
        assert len(bars) == 4
        assert_allclose([bar.get_height() for bar in bars], coef)
        centres = np.array([bar.get_x() + bar.get_width() / 2 for bar in bars])
        assert np.all(np.abs(centres - np.arange(4)) < 0.4)  # grouped around feature j
        assert_allclose(centres - np.arange(4), (i - 1) * 0.8 / 3)  # side by side
    assert [t.get_text() for t in display.ax_.get_xticklabels()] == list("abcd")
    legend = [t.get_text() for t in display.ax_.get_legend().get_texts()]
    assert legend == ["Lasso: 2 of 4 non-zero", "Ridge: 4 of 4 non-zero",
                      "Elastic net: 2 of 4 non-zero"]


def test_comparison_from_estimators(data):
    X, y = data
    lasso = make_pipeline(StandardScaler(), Lasso(alpha=0.3)).fit(X, y)
    ridge = RidgeCV(alphas=[0.1, 1.0, 10.0]).fit(X, y)
    search = PathSearchCV(ElasticNet(), alphas=5, cv=3).fit(X, y)
    display = CoefficientComparisonDisplay.from_estimators(
        {"L1": lasso, "L2": ridge, "EN": search})
    for name, coef in [("L1", lasso[-1].coef_), ("L2", ridge.coef_),
                       ("EN", search.best_estimator_.coef_)]:
        assert_allclose([bar.get_height() for bar in display.bars_[name]], coef)
    assert len(display.bars_["L1"]) == N_FEATURES
    # a list is named by class, repeats numbered
    display = CoefficientComparisonDisplay.from_estimators(
        [lasso, Lasso(alpha=1.0).fit(X, y), ridge])
    assert list(display.bars_) == ["Lasso", "Lasso (2)", "RidgeCV"]


def test_comparison_errors(data):
    X, y = data
    with pytest.raises(NotFittedError):
        CoefficientComparisonDisplay.from_estimators([Lasso()])
    with pytest.raises(TypeError, match="no coef_"):
        CoefficientComparisonDisplay.from_estimators([DecisionTreeRegressor().fit(X, y)])
    with pytest.raises(ValueError, match="as many coefficients"):
        CoefficientComparisonDisplay({"a": [1.0, 2.0], "b": [1.0]}).plot()
    with pytest.raises(ValueError, match="non-empty dict"):
        CoefficientComparisonDisplay({}).plot()


# --------------------------------------------------------------------------
# All displays: given axes, saving


def test_displays_draw_into_the_given_axes(data, lasso_cv):
    X, y = data
    figure = Figure(layout="constrained")
    axes = figure.subplots(1, 3)
    path = RegularizationPathDisplay.from_estimator(lasso_cv, X, y, ax=axes[0])
    curve = CVCurveDisplay.from_estimator(lasso_cv, ax=axes[1])
    bars = CoefficientComparisonDisplay.from_estimators({"LassoCV": lasso_cv}, ax=axes[2])
    for display, ax in zip([path, curve, bars], axes):
        assert display.ax_ is ax and display.figure_ is figure
    assert all(line in axes[0].lines for line in path.lines_)
    assert curve.line_ in axes[1].lines and curve.band_ in axes[1].collections
    assert list(bars.bars_["LassoCV"]) == list(axes[2].patches)


def test_displays_save_as_png(tmp_path, data, lasso_cv):
    X, y = data
    displays = {
        "path": RegularizationPathDisplay.from_estimator(lasso_cv, X, y),
        "cv": CVCurveDisplay.from_estimator(lasso_cv),
        "coefs": CoefficientComparisonDisplay.from_estimators(
            [lasso_cv, Ridge(alpha=1.0).fit(X, y)]),
    }
    for name, display in displays.items():
        out = tmp_path / f"{name}.png"
        display.figure_.savefig(out, dpi=60)
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 1000


def test_docstring_examples_run():
    result = doctest.testmod(plotting, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 10
    assert result.failed == 0
