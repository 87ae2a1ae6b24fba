"""``PathSearchCV``: a grid search over alpha that fits one warm-started path
per fold, for a ``Lasso``/``ElasticNet`` alone or at the end of a pipeline."""

import numbers
import sys
from copy import deepcopy

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from scipy.stats import rankdata
from sklearn.base import BaseEstimator, MetaEstimatorMixin, clone
from sklearn.metrics import check_scoring, get_scorer
from sklearn.model_selection import check_cv
from sklearn.pipeline import Pipeline
from sklearn.utils import _safe_indexing, get_tags
from sklearn.utils.validation import (
    check_array,
    check_consistent_length,
    check_is_fitted,
    column_or_1d,
    indexable,
)

from ._cv import cv_summary, path_on_split, path_test_scores
from ._data import check_sample_weight
from ._linear import ElasticNet, Lasso
from ._params import Anything, Boolean, Integer, Options, Real, check_params
from ._path import alpha_grid
from ._selection import RULES, best_index, choose_index, mean_and_standard_error


class _Alphas:
    """An int >= 1 (size of the generated grid) or non-negative finite floats."""

    def __call__(self, estimator, name, value):
        what = f"The '{name}' parameter of {type(estimator).__name__}"
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            Integer(1)(estimator, name, value)
            return
        try:
            grid = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"{what} must be an int or an array of floats. Got {value!r} instead.") from None
        if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid < 0):
            raise ValueError(f"{what} must be an int >= 1 or a non-empty 1-d array of "
                             f"non-negative finite floats. Got {value!r} instead.")


class _L1Ratio:
    """None, or a float or a list of floats in [0, 1]."""

    def __call__(self, estimator, name, value):
        if value is not None:
            Real(0, 1, "both", allow_array=True)(estimator, name, value)


class _SingleScoring:
    """None, a scorer name or a callable: one metric, as alpha is chosen by it."""

    def __call__(self, estimator, name, value):
        if value is None or isinstance(value, str) or callable(value):
            return
        raise ValueError(
            f"The '{name}' parameter of {type(estimator).__name__} must be None, a "
            f"string or a callable (a single metric). Got {value!r} instead."
        )


_PARAMS = {
    "estimator": Anything(),
    "alphas": _Alphas(),
    "eps": Real(0, None, "neither"),
    "l1_ratio": _L1Ratio(),
    "cv": Anything(),
    "scoring": _SingleScoring(),
    "rule": Options(*RULES),
    "refit": Boolean(),
    "n_jobs": Integer(-(2**31), allow_none=True),
    "verbose": Anything(),
}


def _split_estimator(estimator):
    """``(preprocessing, final, step_name)`` of ``estimator``.

    ``preprocessing`` is an unfitted-or-fitted ``Pipeline`` of every step but
    the last (None without any), ``step_name`` the last step's name (None for
    a bare estimator).
    """
    if isinstance(estimator, Pipeline):
        if not estimator.steps:
            raise TypeError("PathSearchCV needs a Pipeline with at least one step.")
        name, final = estimator.steps[-1]
        preprocessing = estimator[:-1] if len(estimator.steps) > 1 else None
    else:
        name, final, preprocessing = None, estimator, None
    if not isinstance(final, ElasticNet):
        where = "The estimator" if name is None else f"The last step ({name!r}) of the pipeline"
        raise TypeError(
            f"{where} given to PathSearchCV must be a sklearn_reg Lasso or ElasticNet, "
            f"got {type(final).__module__}.{type(final).__name__}. Use GridSearchCV "
            f"for other estimators."
        )
    return preprocessing, final, name


def _engine_input(X):
    """Validated transformed data: float array or CSR matrix."""
    X = check_array(X, accept_sparse=["csr", "csc", "coo"], dtype=[np.float64, np.float32])
    return X.tocsr() if sparse.issparse(X) else X


class _ThroughPreprocessing:
    """Score a final estimator behind a fold's fitted preprocessing.

    :func:`~sklearn_reg._cv.path_test_scores` calls the scorer with the final
    estimator and the transformed test rows; this scorer instead scores the
    whole fitted pipeline on the untransformed test rows, so that the scorer
    sees exactly the model that ``GridSearchCV`` would have fitted.
    """

    def __init__(self, scorer, preprocessing, step_name, X_test):
        self.scorer = scorer
        self.steps = list(preprocessing.steps)
        self.step_name = step_name
        self.X_test = X_test

    def __call__(self, estimator, X_transformed, y, **kwargs):
        model = Pipeline(self.steps + [(self.step_name, estimator)])
        return self.scorer(model, self.X_test, y, **kwargs)


def _fold_path(preprocessing, final, step_name, X, y, sample_weight, train, test,
               alphas, l1_ratio, scorer, path_params, verbose, label):
    """Fit the preprocessing and the whole path on ``train``, score on ``test``.

    Returns the test scores (n_alphas,) and the counts of non-zero
    coefficients (n_alphas,).
    """
    X_train, X_test = _safe_indexing(X, train), _safe_indexing(X, test)
    y_train, y_test = y[train], y[test]
    sw_train = None if sample_weight is None else sample_weight[train]
    sw_test = None if sample_weight is None else sample_weight[test]
    fold_scorer = scorer
    if preprocessing is not None:
        preprocessing = clone(preprocessing)
        if scorer is not None:  # scores the pipeline on the raw test rows
            fold_scorer = _ThroughPreprocessing(scorer, preprocessing, step_name, X_test)
        X_train = _engine_input(preprocessing.fit_transform(X_train, y_train))
        X_test = _engine_input(preprocessing.transform(X_test))
    coefs, intercepts = path_on_split(X_train, y_train, sw_train, slice(None), alphas=alphas,
                                      l1_ratio=l1_ratio, **path_params)
    l1_param = {} if isinstance(final, Lasso) else {"l1_ratio": l1_ratio}

    def make_estimator(k):
        return clone(final).set_params(alpha=float(alphas[k]), **l1_param)

    _, scores = path_test_scores(coefs, intercepts, X_test, y_test, sw_test, fold_scorer,
                                 make_estimator)
    if verbose:
        print(f"[PathSearchCV] {label}: path of {len(alphas)} alphas done", file=sys.stderr)
    return scores, np.count_nonzero(coefs, axis=1)


class PathSearchCV(MetaEstimatorMixin, BaseEstimator):
    """Search alpha (and l1_ratio) of a Lasso or ElasticNet pipeline along the path.

    The estimator is a :class:`Lasso` or :class:`ElasticNet`, or a
    :class:`~sklearn.pipeline.Pipeline` whose last step is one of them, such
    as ``make_pipeline(StandardScaler(), Lasso())``. On every fold the
    preprocessing steps are fitted on the training rows only, then the whole
    regularization path is fitted on the transformed training rows and every
    alpha of the grid is scored on the test rows.

    The result is that of :class:`~sklearn.model_selection.GridSearchCV` over
    the same grid, the same folds and the same scorer: the same
    ``cv_results_`` scores, ``best_params_`` and ``best_score_`` (up to the
    solver tolerance ``tol``). It is faster because every fold fits one
    warm-started path, each alpha starting from the previous solution, where
    a grid search fits every alpha from zero and refits the preprocessing
    once per alpha and fold.

    Parameters
    ----------
    estimator : Lasso, ElasticNet or Pipeline
        The model; a pipeline's last step must be a :class:`Lasso` or an
        :class:`ElasticNet`. Its ``fit_intercept``, ``precompute``,
        ``positive``, ``max_iter``, ``tol``, ``selection`` and
        ``random_state`` are used on every fold.
    alphas : int or array-like, default=100
        Number of alphas of the generated grid, or the alphas themselves
        (searched in decreasing order). The generated grid goes from the
        smallest alpha zeroing every coefficient down to ``eps`` times it;
        it is computed once, on all the data transformed by the
        preprocessing fitted on all the data (one grid per ``l1_ratio``).
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    l1_ratio : float, list of float or None, default=None
        None keeps the final estimator's own mixing (1 for :class:`Lasso`);
        a float or a list (with an :class:`ElasticNet` only) are searched
        too. ``l1_ratio=0`` needs an explicit ``alphas`` array.
    cv : int, cross-validation generator or iterable, default=None
        As in scikit-learn: None is 5-fold, an int is k-fold, or any
        splitter (``groups`` is passed to it) or an iterable of splits.
    scoring : str, callable or None, default=None
        Any single scikit-learn scorer; None is the negative mean squared
        error. A scorer is called on the whole fitted pipeline of each fold
        and alpha, with the raw test rows.
    rule : {"min", "1se"}, default="min"
        ``"min"`` takes the best mean score, as ``GridSearchCV``; ``"1se"``
        takes, for the best ``l1_ratio``, the largest alpha whose mean error
        (negative score) is within one standard error of the best one
        (glmnet's ``lambda.1se``), a sparser model.
    refit : bool, default=True
        Refit the estimator with the chosen parameters on all the data, as
        ``best_estimator_``.
    n_jobs : int, default=None
        Parallel jobs over (l1_ratio, fold) pairs; threads by default, as
        the engine releases the GIL. Any joblib backend set by
        :func:`joblib.parallel_backend` is used instead.
    verbose : int, default=0
        Report every finished path on stderr.

    Attributes
    ----------
    alphas_ : ndarray of shape (n_alphas,) or (n_l1_ratio, n_alphas)
        The grid of alphas, decreasing; one row per ``l1_ratio`` when
        several are searched.
    alpha_ : float
        The alpha chosen by ``rule``.
    alpha_1se_ : float
        The largest alpha (for the best ``l1_ratio``) whose mean error is
        within one standard error of the best one, whatever ``rule`` is.
    l1_ratio_ : float
        The chosen mixing parameter (1 for :class:`Lasso`).
    best_params_ : dict
        The chosen parameters, named as ``GridSearchCV`` names them, e.g.
        ``{"lasso__alpha": 0.1}`` (plus ``"elasticnet__l1_ratio"`` when
        searched).
    best_score_ : float
        Mean cross-validated score of the chosen parameters.
    best_index_ : int
        Index of the chosen parameters in ``cv_results_``.
    cv_results_ : dict of ndarray
        One entry per (l1_ratio, alpha), l1_ratio first, alphas decreasing,
        with ``GridSearchCV``'s keys: ``param_<step>__alpha`` (and
        ``param_<step>__l1_ratio`` when searched), ``params``,
        ``mean_test_score``, ``std_test_score``, ``rank_test_score`` and
        ``split<k>_test_score``; plus ``std_error_test_score`` (standard
        error of the mean over folds) and ``n_nonzero`` (mean count of
        non-zero coefficients over folds). Higher scores are better.
    best_estimator_ : estimator
        A clone of ``estimator`` with ``best_params_`` set, fitted on all
        the data (only when ``refit``).
    n_splits_ : int
        Number of cross-validation splits.
    scorer_ : callable
        The scorer that chose the parameters.
    n_features_in_ : int
        Number of features seen by ``best_estimator_`` during fit.

    See Also
    --------
    LassoCV : The same path search for a bare Lasso.
    ElasticNetCV : The same path search for a bare ElasticNet.

    Notes
    -----
    ``sample_weight`` weights the fits of the final estimator on every fold
    and of ``best_estimator_``, and the test scores (as ``GridSearchCV``
    does with metadata routing and a scorer that requests them). The
    preprocessing steps are fitted without weights, as a plain ``Pipeline``
    fitted with ``<step>__sample_weight`` would be.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from sklearn_reg import Lasso, PathSearchCV
    >>> X, y = make_regression(n_samples=80, n_features=10, noise=1.0, random_state=0)
    >>> search = PathSearchCV(make_pipeline(StandardScaler(), Lasso()), alphas=20, cv=4)
    >>> search.fit(X, y).best_params_["lasso__alpha"] == search.alpha_
    True
    >>> search.cv_results_["mean_test_score"].shape
    (20,)
    """

    def __init__(self, estimator, *, alphas=100, eps=1e-3, l1_ratio=None, cv=None,
                 scoring=None, rule="min", refit=True, n_jobs=None, verbose=0):
        self.estimator = estimator
        self.alphas = alphas
        self.eps = eps
        self.l1_ratio = l1_ratio
        self.cv = cv
        self.scoring = scoring
        self.rule = rule
        self.refit = refit
        self.n_jobs = n_jobs
        self.verbose = verbose

    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit the path on every fold, choose the parameters, refit.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            Training data, as the estimator (or the pipeline's first step)
            takes it.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights of the final estimator's fits and of the test
            scores; the preprocessing is fitted without them.
        groups : array-like of shape (n_samples,), default=None
            Group labels for a group-aware ``cv`` splitter.

        Returns
        -------
        self : object
            Fitted search.
        """
        check_params(self, _PARAMS)
        preprocessing, final, step_name = _split_estimator(self.estimator)
        check_params(final, {k: v for k, v in final._param_table.items() if k != "alpha"})
        prefix = "" if step_name is None else f"{step_name}__"

        X_given = X
        # the folds select rows: a validated array for the bare estimator,
        # anything indexable (e.g. a DataFrame; sparse as CSR) for a pipeline
        X = _engine_input(X) if preprocessing is None else indexable(X)[0]
        y = check_array(y, ensure_2d=False, dtype=np.float64, input_name="y")
        if y.ndim == 2 and y.shape[1] == 1:
            y = column_or_1d(y, warn=True)
        if y.ndim != 1:
            raise ValueError(f"PathSearchCV fits one target: y must be 1-d, got shape {y.shape}.")
        check_consistent_length(X, y)
        sample_weight = check_sample_weight(sample_weight, y.shape[0], np.float64)

        searched_l1 = self.l1_ratio is not None
        if searched_l1 and isinstance(final, Lasso):
            raise ValueError(
                "The 'l1_ratio' parameter of PathSearchCV must be None when the final "
                "estimator is a Lasso (whose l1_ratio is 1); use an ElasticNet to search it."
            )
        l1_ratios = (np.atleast_1d(np.asarray(self.l1_ratio, dtype=np.float64)) if searched_l1
                     else np.array([final._mixing()], dtype=np.float64))
        grids = self._grids(preprocessing, final, X, y, sample_weight, l1_ratios)

        cv = check_cv(self.cv, y, classifier=False)
        folds = list(cv.split(X, y, groups))
        if self.scoring is None:
            self.scorer_ = get_scorer("neg_mean_squared_error")
            path_scorer = None  # the same score, computed from the path's predictions
        else:
            self.scorer_ = path_scorer = check_scoring(self.estimator, scoring=self.scoring)
        path_params = dict(fit_intercept=final.fit_intercept, precompute=final.precompute,
                           positive=final.positive, max_iter=final.max_iter, tol=final.tol,
                           selection=final.selection, random_state=final.random_state,
                           penalty_factor=final.penalty_factor)

        out = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(_fold_path)(
                preprocessing, final, step_name, X, y, sample_weight, train, test,
                grids[i], float(l1_ratios[i]), path_scorer, path_params, self.verbose,
                f"l1_ratio={l1_ratios[i]:g}, fold {k}",
            )
            for i in range(len(l1_ratios)) for k, (train, test) in enumerate(folds)
        )
        shape = (len(l1_ratios), len(folds), grids.shape[1])
        scores = np.reshape([o[0] for o in out], shape).transpose(0, 2, 1)
        nnz = np.reshape([o[1] for o in out], shape).mean(axis=1)

        i_l1, i_alpha = self._choose(grids, l1_ratios, scores)
        self.alphas_ = grids[0] if len(l1_ratios) == 1 else grids
        self.n_splits_ = len(folds)
        self.cv_results_ = self._results(grids, l1_ratios, scores, nnz, prefix, searched_l1)
        self.best_index_ = int(i_l1 * grids.shape[1] + i_alpha)
        self.best_params_ = dict(self.cv_results_["params"][self.best_index_])
        self.best_score_ = float(self.cv_results_["mean_test_score"][self.best_index_])

        if self.refit:
            fit_params = {} if sample_weight is None else {f"{prefix}sample_weight": sample_weight}
            self.best_estimator_ = clone(self.estimator).set_params(**self.best_params_)
            self.best_estimator_.fit(X_given, y, **fit_params)
        return self

    def _grids(self, preprocessing, final, X, y, sample_weight, l1_ratios):
        """One decreasing grid of alphas per l1_ratio, shape (n_l1_ratio, n_alphas)."""
        if isinstance(self.alphas, numbers.Integral):
            Xt = X if preprocessing is None else _engine_input(clone(preprocessing).fit_transform(X, y))
            return np.array([
                alpha_grid(Xt, y, l1_ratio=r, eps=self.eps, n_alphas=self.alphas,
                           fit_intercept=final.fit_intercept, sample_weight=sample_weight,
                           positive=final.positive, penalty_factor=final.penalty_factor)
                for r in l1_ratios
            ])
        grid = np.sort(np.asarray(self.alphas, dtype=np.float64))[::-1]
        return np.tile(grid, (len(l1_ratios), 1))

    def _choose(self, grids, l1_ratios, scores):
        """Set ``alpha_``, ``alpha_1se_`` and ``l1_ratio_``; return the chosen indices."""
        mean, se = mean_and_standard_error(-scores)  # errors: lower is better
        best_rows = [best_index(m) for m in mean]
        i_l1 = best_index([mean[i][best_rows[i]] for i in range(len(l1_ratios))])
        i_1se = choose_index(mean[i_l1], se[i_l1], grids[i_l1], "1se")
        i_alpha = best_rows[i_l1] if self.rule == "min" else i_1se
        self.alpha_1se_ = float(grids[i_l1][i_1se])
        self.alpha_ = float(grids[i_l1][i_alpha])
        self.l1_ratio_ = float(l1_ratios[i_l1])
        return i_l1, i_alpha

    @staticmethod
    def _results(grids, l1_ratios, scores, nnz, prefix, searched_l1):
        """``cv_results_`` with ``GridSearchCV``'s keys and ranks."""
        summary = cv_summary(grids, l1_ratios, scores, nnz)
        n = summary["alpha"].size
        unmasked = np.zeros(n, dtype=bool)
        results = {f"param_{prefix}alpha": np.ma.MaskedArray(summary["alpha"], mask=unmasked)}
        if searched_l1:
            results[f"param_{prefix}l1_ratio"] = np.ma.MaskedArray(summary["l1_ratio"], mask=unmasked.copy())
        results["params"] = [
            {f"{prefix}alpha": float(a), **({f"{prefix}l1_ratio": float(r)} if searched_l1 else {})}
            for a, r in zip(summary["alpha"], summary["l1_ratio"])
        ]
        for k in range(scores.shape[-1]):
            results[f"split{k}_test_score"] = summary[f"split{k}_test_score"]
        mean = summary["mean_test_score"]
        results["mean_test_score"] = mean
        results["std_test_score"] = summary["std_test_score"]
        results["std_error_test_score"] = summary["std_error_test_score"]
        if np.all(np.isnan(mean)):
            rank = np.ones(n, dtype=np.int32)
        else:  # as GridSearchCV: failed (NaN) scores tie with the worst
            rank = rankdata(-np.nan_to_num(mean, nan=np.nanmin(mean) - 1), method="min")
        results["rank_test_score"] = rank.astype(np.int32)
        results["n_nonzero"] = summary["n_nonzero"]
        return results

    def _best(self, what):
        check_is_fitted(self)
        if not self.refit:
            raise AttributeError(
                f"This PathSearchCV instance was initialized with refit=False: {what} "
                f"is available only after refitting on the best parameters."
            )
        return self.best_estimator_

    def predict(self, X):
        """Predict with ``best_estimator_``.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            Predicted values.
        """
        return self._best("predict").predict(X)

    def score(self, X, y, sample_weight=None):
        """Score ``best_estimator_`` on the given data, as ``GridSearchCV`` does.

        With ``scoring`` given this is ``scorer_``; with ``scoring=None`` it
        is ``best_estimator_.score`` (the coefficient of determination).

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            Test samples.
        y : array-like of shape (n_samples,)
            True values.
        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        score : float
            Higher is better.
        """
        best = self._best("score")
        kwargs = {} if sample_weight is None else {"sample_weight": sample_weight}
        if self.scoring is None:
            return best.score(X, y, **kwargs)
        return self.scorer_(best, X, y, **kwargs)

    @property
    def n_features_in_(self):
        """Number of features seen by ``best_estimator_`` during fit."""
        try:
            best = self._best("n_features_in_")
        except Exception as exc:
            raise AttributeError(f"{type(self).__name__} has no attribute 'n_features_in_'.") from exc
        return best.n_features_in_

    @property
    def feature_names_in_(self):
        """Feature names seen by ``best_estimator_`` during fit, if any."""
        try:
            best = self._best("feature_names_in_")
        except Exception as exc:
            raise AttributeError(f"{type(self).__name__} has no attribute 'feature_names_in_'.") from exc
        return best.feature_names_in_

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.estimator_type = inner.estimator_type
        tags.regressor_tags = deepcopy(inner.regressor_tags)
        tags.input_tags.sparse = inner.input_tags.sparse
        return tags
