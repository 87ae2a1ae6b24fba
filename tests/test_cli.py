"""Tests of the command-line interface (``sklearn-reg`` / ``python -m sklearn_reg``).

Everything runs in process through ``cli.main([...])`` on small CSV files written here, except
the ``python -m sklearn_reg`` and installed-script checks.
"""

import csv
import io
import os
import pickle
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import sklearn_reg
from sklearn_reg import (
    ElasticNet,
    ElasticNetCV,
    Lasso,
    LassoCV,
    Ridge,
    RidgeCV,
    enet_path,
    lasso_path,
)
from sklearn_reg import cli

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FEATURES = ["size", "age", "rooms", "noise"]
TARGET = "price"


def _run_module(*args):
    """Run ``python -m sklearn_reg ARGS`` on the same package as this test process imports."""
    env = dict(os.environ)
    package_root = str(Path(sklearn_reg.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "sklearn_reg", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _data(n_samples=40, seed=0):
    """Features on very different scales (so that standardizing matters) and a sparse signal."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, len(FEATURES))) * [30.0, 5.0, 1.0, 0.1] + [100, 40, 3, 0]
    y = X @ [0.5, -0.2, 3.0, 0.0] + 10.0 + rng.standard_normal(n_samples)
    return X, y


def _write_csv(path, header, rows):
    with open(path, "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _write_data(path, X, y, columns=None):
    """Write X and y as CSV (repr of floats: the file holds exactly these values)."""
    columns = columns or [*FEATURES, TARGET]
    table = {**dict(zip(FEATURES, X.T)), TARGET: y}
    rows = [[repr(float(table[c][i])) for c in columns] for i in range(len(y))]
    return _write_csv(path, columns, rows)


def _write_text(path, text):
    path.write_text(text)
    return path


def _read_csv(path):
    with open(path, newline="") as stream:
        rows = list(csv.reader(stream))
    return rows[0], np.array(rows[1:], dtype=float)


def _assert_one_line_error(capsys, status, *words):
    out, err = capsys.readouterr()
    assert status != 0
    assert out == ""
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("sklearn-reg: error:"), err
    for word in words:
        assert word.lower() in err.lower(), (word, err)
    return err


def _parse_fit_output(out):
    """``({key: text}, {name: coefficient})`` from the output of ``fit``."""
    fields, coefs = {}, {}
    for line in out.splitlines():
        if line.startswith("  "):
            name, value = line.split()
            coefs[name] = float(value)
        elif ": " in line:
            key, value = line.split(": ", 1)
            fields[key] = value
    return fields, coefs


def _original_scale(pipeline):
    """Coefficients and intercept of a fitted (scaler,) model pipeline on the raw features."""
    final = pipeline[-1]
    if len(pipeline.steps) == 1:
        return final.coef_, final.intercept_
    scaler = pipeline[0]
    coef = final.coef_ / scaler.scale_
    return coef, final.intercept_ - np.sum(coef * scaler.mean_)


def _fold_mse(X, y, model, standardize, n_folds=3):
    """Mean and standard error over K folds of the test MSE of ``model`` (on scaled X)."""
    Xs = StandardScaler().fit_transform(X) if standardize else X
    errors = []
    for train, test in KFold(n_folds).split(Xs):
        fit = model.fit(Xs[train], y[train])
        errors.append(np.mean((fit.predict(Xs[test]) - y[test]) ** 2))
    return np.mean(errors), np.std(errors, ddof=1) / np.sqrt(n_folds)


# --------------------------------------------------------------------------------------------
# demo
# --------------------------------------------------------------------------------------------


def test_demo_prints_table_and_writes_plots(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    status = cli.main(["demo", "--out", str(tmp_path), "--quiet"])
    out, err = capsys.readouterr()

    assert status == 0
    assert err == ""  # --quiet: nothing but the table
    lines = out.splitlines()
    header, rows = lines[0], lines[2:]
    for column in ("dataset", "model", "alpha", "test MSE", "nonzero", "max|dcoef|", "fit ms"):
        assert column in header
    for dataset in ("classic", "correlated", "diabetes"):
        for model in ("Lasso", "Ridge", "ElasticNet"):
            assert any(
                row.split()[:2] in ([dataset, model], [dataset, model + "*"]) for row in rows
            ), (dataset, model, out)
    for name in ("lasso_path.png", "lasso_cv.png"):
        png = tmp_path / name
        assert png.is_file()
        assert png.read_bytes()[:8] == PNG_MAGIC


def test_demo_chooses_alpha_with_our_cv_classes():
    X, y, _ = cli.demo_datasets()["diabetes"]
    searches = cli.choose_alphas(X, y)
    assert isinstance(searches["Lasso"], LassoCV)
    assert isinstance(searches["ElasticNet"], ElasticNetCV)
    assert isinstance(searches["Ridge"], RidgeCV)
    for search in searches.values():
        assert np.isfinite(search.alpha_) and np.isfinite(search.alpha_1se_)
        assert search.alpha_1se_ >= search.alpha_


def test_demo_output_path_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    status = cli.main(["demo", "--out", str(not_a_folder)])
    _assert_one_line_error(capsys, status, "not a folder")


# --------------------------------------------------------------------------------------------
# fit
# --------------------------------------------------------------------------------------------

FIT_CASES = {
    "lasso": (["--model", "lasso"], lambda: LassoCV(cv=3), True),
    "elasticnet": (
        ["--model", "elasticnet", "--l1-ratio", "0.3", "0.8"],
        lambda: ElasticNetCV(l1_ratio=[0.3, 0.8], cv=3),
        True,
    ),
    "ridge-raw": (
        ["--model", "ridge", "--no-standardize"],
        lambda: RidgeCV(
            alphas=40 * np.logspace(-4, 4, 100), cv=3, scoring="neg_mean_squared_error"
        ),
        False,
    ),
}


@pytest.mark.parametrize("case", list(FIT_CASES))
def test_fit_prints_the_chosen_model_on_the_original_scale(case, tmp_path, capsys):
    options, make_cv, standardize = FIT_CASES[case]
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    out_dir = tmp_path / "run"
    status = cli.main(
        ["fit", str(data), "--target", TARGET, "--cv", "3", "--out", str(out_dir), "-q", *options]
    )
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""

    # an independent fit of the same pipeline
    steps = [StandardScaler(), make_cv()] if standardize else [make_cv()]
    reference = make_pipeline(*steps).fit(X, y)
    coef, intercept = _original_scale(reference)
    np.testing.assert_allclose(X @ coef + intercept, reference.predict(X), rtol=1e-10)

    fields, printed = _parse_fit_output(out)
    cv_model = reference[-1]
    assert float(fields["alpha"].split()[0]) == pytest.approx(cv_model.alpha_, rel=1e-5)
    assert float(fields["alpha_1se"].split()[0]) == pytest.approx(cv_model.alpha_1se_, rel=1e-5)
    if case == "elasticnet":
        assert float(fields["l1_ratio"]) == cv_model.l1_ratio_

    # CV error ± standard error at the chosen alpha: the fold errors of the independent fit ...
    mean, std_error = (float(v) for v in fields["CV error"].split()[:3:2])
    if case == "ridge-raw":
        at = np.flatnonzero(cv_model.cv_summary_["alphas"] == cv_model.alpha_)[0]
        folds = None
    else:
        row = 0 if case == "lasso" else [0.3, 0.8].index(cv_model.l1_ratio_)
        at = np.flatnonzero(np.atleast_2d(cv_model.alphas_)[row] == cv_model.alpha_)[0]
        folds = cv_model.mse_path_.reshape(-1, cv_model.alphas_.shape[-1], 3)[row, at]
        assert mean == pytest.approx(folds.mean(), rel=1e-5)
        assert std_error == pytest.approx(folds.std(ddof=1) / np.sqrt(3), rel=1e-5)
    # ... and those of fits at that alpha, fold by fold (the path stops at the solver's tol)
    single = {
        "lasso": lambda: Lasso(alpha=cv_model.alpha_, tol=1e-10, max_iter=100_000),
        "elasticnet": lambda: ElasticNet(
            alpha=cv_model.alpha_, l1_ratio=cv_model.l1_ratio_, tol=1e-10, max_iter=100_000
        ),
        "ridge-raw": lambda: Ridge(alpha=cv_model.alpha_),
    }[case]()
    expected_mean, expected_se = _fold_mse(X, y, single, standardize)
    rel = 1e-5 if folds is None else 1e-2
    assert mean == pytest.approx(expected_mean, rel=rel)
    assert std_error == pytest.approx(expected_se, rel=rel)

    nonzero = {name: c for name, c in zip(FEATURES, coef) if c != 0}
    assert fields["non-zero coefficients (original scale)"] == f"{len(nonzero)} of {len(FEATURES)}"
    assert set(printed) == {"(intercept)", *nonzero}
    assert printed["(intercept)"] == pytest.approx(intercept, rel=1e-8)
    for name, value in nonzero.items():
        assert printed[name] == pytest.approx(value, rel=1e-8, abs=1e-12), name

    assert (out_dir / "model.skops").is_file()
    if cli.have_matplotlib():
        prefix = options[1]
        for name in (f"{prefix}_path.png", f"{prefix}_cv.png"):
            assert (out_dir / name).read_bytes()[:8] == PNG_MAGIC
    assert str(out_dir / "model.skops") in out


def test_fit_rule_1se_chooses_alpha_1se(tmp_path, capsys):
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    argv = ["fit", str(data), "--target", TARGET, "--cv", "3", "--out", str(tmp_path), "-q"]
    assert cli.main([*argv, "--rule", "1se"]) == 0
    fields, _ = _parse_fit_output(capsys.readouterr().out)
    reference = make_pipeline(StandardScaler(), LassoCV(cv=3, rule="1se")).fit(X, y)
    assert float(fields["alpha"].split()[0]) == pytest.approx(reference[-1].alpha_, rel=1e-5)
    assert reference[-1].alpha_ == reference[-1].alpha_1se_


def test_fit_notes_go_to_stderr_without_a_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    argv = ["fit", str(data), "--target", TARGET, "--cv", "3", "--out", str(tmp_path)]
    assert cli.main(argv) == 0
    _, err = capsys.readouterr()
    assert "choosing alpha with LassoCV" in err
    assert "fold done" not in err
    assert "cross-validation:" not in err and "%|" not in err


class _FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("quiet", [False, True], ids=["bar", "quiet"])
def test_fit_progress_bar_on_a_terminal_only_without_quiet(quiet, tmp_path, monkeypatch, capsys):
    pytest.importorskip("tqdm")
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    terminal = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0)
    argv = ["fit", str(data), "--target", TARGET, "--cv", "3", "--out", str(tmp_path)]
    assert cli.main(argv + (["--quiet"] if quiet else [])) == 0
    drawn = terminal.getvalue()
    if quiet:
        assert drawn == ""
    else:
        assert "LassoCV cross-validation" in drawn
        assert "/4" in drawn  # 3 folds and the final fit
        assert "fold done" not in drawn  # the estimator's reports feed the bar
    fields, _ = _parse_fit_output(capsys.readouterr().out)
    assert "alpha" in fields
    model = cli.load_model(tmp_path / "model.skops")
    assert not model[-1].verbose  # the saved model is quiet


# --------------------------------------------------------------------------------------------
# predict
# --------------------------------------------------------------------------------------------


@pytest.fixture
def fitted_model(tmp_path):
    """``(model file, X, y, reference pipeline)``: a model written by ``fit``."""
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    status = cli.main(
        ["fit", str(data), "--target", TARGET, "--cv", "3", "--out", str(tmp_path / "run"), "-q"]
    )
    assert status == 0
    reference = make_pipeline(StandardScaler(), LassoCV(cv=3)).fit(X, y)
    return tmp_path / "run" / "model.skops", X, y, reference


def test_predict_round_trip_equals_the_pipeline(fitted_model, tmp_path, capsys):
    model_file, _, _, reference = fitted_model
    capsys.readouterr()
    X_new, y_new = _data(n_samples=15, seed=1)
    # other column order, the target present: columns are matched by name
    new = _write_data(tmp_path / "new.csv", X_new, y_new, columns=[TARGET, *FEATURES[::-1]])
    predictions = tmp_path / "predictions.csv"

    assert cli.main(["predict", str(model_file), str(new), "--out", str(predictions)]) == 0
    _, err = capsys.readouterr()
    assert "15 predictions written" in err
    header, values = _read_csv(predictions)
    assert header == ["prediction"]
    np.testing.assert_allclose(values[:, 0], reference.predict(X_new), rtol=1e-9)

    assert cli.main(["predict", str(model_file), str(new)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "prediction"
    np.testing.assert_array_equal(np.array(lines[1:], dtype=float), values[:, 0])


def test_saved_model_is_the_fitted_pipeline_with_column_names(fitted_model):
    model_file, X, _, reference = fitted_model
    model = cli.load_model(model_file)
    assert [type(step) for _, step in model.steps] == [StandardScaler, LassoCV]
    assert list(model.feature_names_in_) == FEATURES
    assert model[-1].alpha_ == reference[-1].alpha_


def _pickle_file(path):
    with open(path, "wb") as stream:
        pickle.dump({"not": "a model"}, stream)
    return path


@pytest.mark.parametrize(
    "make_file",
    [
        lambda tmp: _pickle_file(tmp / "model.pkl"),
        lambda tmp: Path(__import__("joblib").dump(LassoCV(), tmp / "model.joblib")[0]),
        lambda tmp: _pickle_file(tmp / "model.skops"),  # a pickle under a .skops name
        lambda tmp: _pickle_file(tmp / "model.bin"),
    ],
    ids=["pickle", "joblib", "pickle-named-skops", "pickle-other-name"],
)
def test_predict_refuses_pickle_and_joblib_files(make_file, tmp_path, capsys):
    model_file = make_file(tmp_path)
    X, y = _data(n_samples=5)
    data = _write_data(tmp_path / "new.csv", X, y)
    status = cli.main(["predict", str(model_file), str(data)])
    _assert_one_line_error(capsys, status, "pickle", "execute code", "only .skops models")


class NotOurs:
    """A class that is in no trusted list."""

    def __init__(self):
        self.value = 1


def _empty_zip(path):
    zipfile.ZipFile(path, "w").close()
    return path


def _skops_dump(obj, path):
    sio = pytest.importorskip("skops.io")
    sio.dump(obj, path)
    return path


@pytest.mark.parametrize(
    "make_file, words",
    [
        (
            lambda tmp: _skops_dump(NotOurs(), tmp / "m.skops"),
            ["not a sklearn-reg model", "trusted", "NotOurs"],
        ),
        (
            lambda tmp: _skops_dump(
                make_pipeline(StandardScaler(), LinearRegression()).fit([[0.0], [1.0]], [0, 1]),
                tmp / "m.skops",
            ),
            ["not a sklearn-reg model", "Pipeline"],
        ),
        (lambda tmp: _skops_dump({"a": 1}, tmp / "m.skops"), ["not a sklearn-reg model", "dict"]),
        (lambda tmp: _write_csv(tmp / "m.skops", ["a"], [["1"]]), ["not a valid .skops"]),
        (lambda tmp: _empty_zip(tmp / "m.zip"), ["not a .skops model"]),
        (lambda tmp: tmp / "missing.skops", ["no such model file", "missing.skops"]),
    ],
    ids=["untrusted-type", "foreign-pipeline", "not-a-model", "not-a-zip", "wrong-extension",
         "missing"],
)
def test_predict_refuses_model_files_that_are_not_ours(make_file, words, tmp_path, capsys):
    model_file = make_file(tmp_path)
    X, y = _data(n_samples=5)
    data = _write_data(tmp_path / "new.csv", X, y)
    status = cli.main(["predict", str(model_file), str(data)])
    _assert_one_line_error(capsys, status, *words)


def test_predict_data_lacking_a_model_column(fitted_model, tmp_path, capsys):
    model_file, *_ = fitted_model
    capsys.readouterr()
    data = _write_csv(tmp_path / "new.csv", ["size", "age"], [["1", "2"]])
    status = cli.main(["predict", str(model_file), str(data)])
    _assert_one_line_error(capsys, status, "lacks", "'rooms'", "'noise'")


def test_trusted_types_are_our_classes_and_the_pipeline_parts():
    assert "sklearn.pipeline.Pipeline" in cli.TRUSTED_TYPES
    assert "sklearn.preprocessing._data.StandardScaler" in cli.TRUSTED_TYPES
    for cls in (LassoCV, ElasticNetCV, RidgeCV):
        assert f"{cls.__module__}.{cls.__qualname__}" in cli.TRUSTED_TYPES
    assert all(name.startswith(("sklearn.", "sklearn_reg.")) for name in cli.TRUSTED_TYPES)


# --------------------------------------------------------------------------------------------
# path
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["lasso", "elasticnet"])
def test_path_writes_csv_equal_to_the_path_on_standardized_data(model, tmp_path, capsys):
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    argv = ["path", str(data), "--target", TARGET, "--alphas", "20", "--out", str(tmp_path)]
    if model == "elasticnet":
        argv += ["--model", "elasticnet", "--l1-ratio", "0.7"]
    assert cli.main(argv) == 0
    out, _ = capsys.readouterr()

    header, table = _read_csv(tmp_path / f"{model}_path.csv")
    assert header == ["alpha", *FEATURES]
    Xs = StandardScaler().fit_transform(X)
    if model == "lasso":
        alphas, coefs, _ = lasso_path(Xs, y, alphas=20, fit_intercept=True)
    else:
        alphas, coefs, _ = enet_path(Xs, y, l1_ratio=0.7, alphas=20, fit_intercept=True)
    np.testing.assert_array_equal(table[:, 0], alphas)
    np.testing.assert_array_equal(table[:, 1:], coefs.T)
    assert np.all(table[0, 1:] == 0)  # the largest alpha zeroes every coefficient
    assert np.count_nonzero(table[-1, 1:]) > 0
    assert str(tmp_path / f"{model}_path.csv") in out
    if cli.have_matplotlib():
        assert (tmp_path / f"{model}_path.png").read_bytes()[:8] == PNG_MAGIC


def test_path_default_output_is_a_new_folder_in_the_working_directory(tmp_path, monkeypatch):
    X, y = _data()
    data = _write_data(tmp_path / "train.csv", X, y)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["path", str(data), "--target", TARGET, "--alphas", "5", "-q"]) == 0
    (folder,) = tmp_path.glob("sklearn_reg_path_*")
    assert (folder / "lasso_path.csv").is_file()


# --------------------------------------------------------------------------------------------
# bad input: one line on stderr, non-zero exit
# --------------------------------------------------------------------------------------------

BAD_FILES = {
    "good": lambda p: _write_data(p, *_data()),
    "empty": lambda p: _write_text(p, ""),
    "header-only": lambda p: _write_text(p, "size,age,price\n"),
    "text-target": lambda p: _write_csv(p, ["size", "price"], [["1", "2"], ["2", "cheap"]]),
    "text-features": lambda p: _write_csv(
        p, ["size", "city", "color", "price"],
        [["1", "Paris", "red", "2"], ["2", "Rome", "blue", "3"]],
    ),
    "missing-cells": lambda p: _write_csv(
        p, ["size", "age", "price"], [["1", "", "2"], ["2", "NaN", "3"], ["3", "4", ""]]
    ),
    "ragged": lambda p: _write_csv(p, ["size", "price"], [["1", "2"], ["2", "3", "4"]]),
    "target-only": lambda p: _write_csv(p, ["price"], [["1"], ["2"]]),
    "two-rows": lambda p: _write_csv(p, ["size", "price"], [["1", "2"], ["2", "3"]]),
}

BAD_INPUTS = [
    ("missing-file", ["fit", "{tmp}/nope.csv", "--target", "price"], ["no such file", "nope.csv"]),
    ("missing-target", ["fit", "{good}", "--target", "value"],
     ["no column 'value'", "available columns", "size", "age", "rooms", "noise", "price"]),
    ("non-numeric-target", ["fit", "{text-target}", "--target", "price"],
     ["target column 'price'", "not numeric", "cheap"]),
    ("non-numeric-features", ["fit", "{text-features}", "--target", "price"],
     ["non-numeric", "'city'", "'color'", "one-hot"]),
    ("missing-cells", ["fit", "{missing-cells}", "--target", "price"],
     ["3 empty or NaN cells", "'age': 2", "'price': 1", "impute"]),
    ("empty-file", ["fit", "{empty}", "--target", "price"], ["is empty", "header"]),
    ("header-only", ["fit", "{header-only}", "--target", "price"], ["no data rows"]),
    ("ragged-row", ["fit", "{ragged}", "--target", "price"],
     ["line 3", "3 fields", "header has 2"]),
    ("no-features", ["fit", "{target-only}", "--target", "price"], ["no feature columns"]),
    ("too-few-rows", ["fit", "{two-rows}", "--target", "price", "--cv", "3"],
     ["--cv 3", "at least 3 data rows", "has 2"]),
    ("unknown-model", ["fit", "{good}", "--target", "price", "--model", "lars"],
     ["--model", "invalid choice", "lars"]),
    ("l1-ratio-above-1", ["fit", "{good}", "--target", "price", "--model", "elasticnet",
                          "--l1-ratio", "0.5", "1.5"], ["--l1-ratio", "1.5", "[0, 1]"]),
    ("l1-ratio-below-0", ["fit", "{good}", "--target", "price", "--model", "elasticnet",
                          "--l1-ratio", "-0.1"], ["--l1-ratio", "-0.1", "[0, 1]"]),
    ("l1-ratio-for-lasso", ["fit", "{good}", "--target", "price", "--l1-ratio", "0.5"],
     ["--l1-ratio", "elasticnet only"]),
    ("l1-ratio-zero", ["fit", "{good}", "--target", "price", "--model", "elasticnet",
                       "--l1-ratio", "0"], ["--model ridge"]),
    ("too-few-folds", ["fit", "{good}", "--target", "price", "--cv", "1"], ["--cv", "2 folds"]),
    ("predict-missing-model", ["predict", "{tmp}/m.skops", "{good}"], ["no such model file"]),
    ("predict-not-skops", ["predict", "{good}", "{good}"], ["not a .skops model"]),
    ("path-missing-file", ["path", "{tmp}/nope.csv", "--target", "price"], ["no such file"]),
    ("path-missing-target", ["path", "{good}", "--target", "value"], ["available columns"]),
    ("path-non-numeric", ["path", "{text-features}", "--target", "price"],
     ["non-numeric", "one-hot"]),
    ("path-unknown-model", ["path", "{good}", "--target", "price", "--model", "ridge"],
     ["invalid choice", "ridge"]),
    ("path-l1-ratio-above-1", ["path", "{good}", "--target", "price", "--model", "elasticnet",
                               "--l1-ratio", "2"], ["--l1-ratio", "[0, 1]"]),
    ("path-l1-ratio-zero", ["path", "{good}", "--target", "price", "--model", "elasticnet",
                            "--l1-ratio", "0"], ["(0, 1]"]),
]


@pytest.mark.parametrize("argv, words", [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_one_line_on_stderr_and_a_nonzero_exit(argv, words, tmp_path, capsys):
    files = {name: str(make(tmp_path / f"{name}.csv")) for name, make in BAD_FILES.items()}
    files["tmp"] = str(tmp_path)
    out_dir = tmp_path / "out"
    argv = [arg.format(**files) for arg in argv]
    if argv[0] != "predict":
        argv += ["--out", str(out_dir)]
    status = cli.main(argv)
    _assert_one_line_error(capsys, status, *words)
    assert not out_dir.exists()  # nothing is written for bad input


@pytest.mark.parametrize(
    "argv",
    [[], ["bogus"], ["fit"], ["predict", "m.skops"], ["demo", "--bogus"], ["demo", "extra"]],
    ids=["no-command", "unknown-command", "fit-without-args", "predict-without-data",
         "unknown-option", "extra-argument"],
)
def test_usage_errors_return_2_with_one_line(argv, capsys):
    assert cli.main(argv) == 2
    _assert_one_line_error(capsys, 2)


# --------------------------------------------------------------------------------------------
# help, python -m, installed script
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["demo", "fit", "predict", "path"])
def test_help_of_every_subcommand_shows_an_example(command, capsys):
    assert cli.main([command, "--help"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert f"usage: sklearn-reg {command}" in out
    assert "examples:" in out
    assert f"sklearn-reg {command} " in out.split("examples:")[1]


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_and_version_in_process(argv, capsys):
    assert cli.main(argv) == 0
    out, _ = capsys.readouterr()
    assert "sklearn-reg" in out


def test_python_m_help_exits_0_with_an_example():
    result = _run_module("--help")
    assert result.returncode == 0, result.stderr
    for command in ("demo", "fit", "predict", "path"):
        assert command in result.stdout
    assert "examples:" in result.stdout
    assert "sklearn-reg demo" in result.stdout


def test_python_m_bad_option_is_one_line_on_stderr():
    result = _run_module("demo", "--no-such-option")
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "--no-such-option" in result.stderr
    assert "Traceback" not in result.stderr


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "sklearn-reg"
    if not script.exists():
        pytest.skip("package not installed in this environment (no sklearn-reg script)")
    result = subprocess.run(
        [str(script), "--version"], check=False, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sklearn-reg {sklearn_reg.__version__}"
