"""``LassoCV`` and ``ElasticNetCV``: the warm-started path on every fold,
chosen by the minimum or the one-standard-error rule, then one refit."""

import numbers
import sys

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.metrics import check_scoring
from sklearn.model_selection import check_cv
from sklearn.utils import check_random_state

from ._base import LinearRegressorBase
from ._data import prepare, row_order_average, take_rows, use_gram, with_gram
from ._linear import ElasticNet, Lasso
from ._params import (Anything, Boolean, Bounds, Integer, Options, PenaltyFactor, RandomState,
                      Real, check_bounds, check_penalty_factor)
from ._path import alpha_grid, solve_path
from ._selection import RULES, best_index, choose_index, mean_and_standard_error


def split_problem(X, y, sample_weight, train, *, fit_intercept, precompute="auto"):
    """The engine's problem on the rows ``train`` (in the Gram layout when
    ``precompute`` says so: then one Gram serves every path on the fold).

    The fold is copied once: dense rows straight into the engine's
    Fortran order (centred there in place, with the column means of
    ``X[train]``), sparse rows of CSC ``X`` straight into the engine's CSC
    layout, sorted as a CSR round trip would leave them. A slice ``train``
    takes ``X[train]`` as it is.
    """
    average = np.average
    if isinstance(train, slice):
        X_train = X[train]
    elif sparse.issparse(X):
        X_train = X[train]
        if X_train.format == "csc" and not X_train.has_sorted_indices:
            X_train.sort_indices()  # our own copy: the canonical order of the fold's columns
    else:
        X_train, average = take_rows(X, train), row_order_average
    sw_train = None if sample_weight is None else sample_weight[train]
    gram = use_gram(precompute, X_train)
    problem = prepare(X_train, y[train], sw_train, fit_intercept, copy_X=False, average=average)
    del X_train  # the problem holds the fold's only copy (freed once the Gram is made)
    return with_gram(problem) if gram else problem


def path_on_problem(problem, *, alphas, l1_ratio, positive=False, max_iter=1000, tol=1e-4,
                    selection="cyclic", random_state=None, penalty_factor=None, lower=None,
                    upper=None, coef_init=None, memo=None):
    """The warm-started path on a prepared problem (from ``coef_init``, zero
    by default; ``memo``: see :func:`~sklearn_reg._path.solve_path`).

    Returns the coefficients (n_alphas, n_features) and intercepts
    (n_alphas,) on the original scale of X.
    """
    n = problem.n_samples
    alphas = np.asarray(alphas, dtype=np.float64)
    coefs, _, _ = solve_path(
        problem, alphas * l1_ratio * n, alphas * (1.0 - l1_ratio) * n, coef_init=coef_init,
        penalty_factor=penalty_factor, positive=positive, max_iter=max_iter,
        tol=tol, selection=selection, random_state=random_state, lower=lower, upper=upper,
        memo=memo,
    )
    intercepts = problem.y_offset[0] - coefs @ problem.x_offset
    return coefs, intercepts


def path_on_split(X, y, sample_weight, train, *, alphas, l1_ratio, fit_intercept,
                  precompute="auto", **path_params):
    """Fit the whole path on the rows ``train``; see :func:`path_on_problem`."""
    problem = split_problem(X, y, sample_weight, train, fit_intercept=fit_intercept,
                            precompute=precompute)
    return path_on_problem(problem, alphas=alphas, l1_ratio=l1_ratio, **path_params)


_SMALL_PATH = 2**18  # coefficients (2 MiB in float64) a path keeps in one block anyway


def path_blocks(problem, n_alphas):
    """``(start, stop)`` blocks of a path on ``problem`` whose coefficients
    are kept in memory at once.

    On sparse X the whole path (n_alphas x n_features, dense) can outweigh
    the data many times: there a block takes about half the memory of the
    fold's stored values (or ``_SMALL_PATH`` coefficients, if more), and
    never fewer than two alphas (a last single alpha joins the block before).
    Dense X (whose fold copy outweighs the path as soon as it has more rows
    than alphas) and the Gram layout (its p x p matrix already does) are
    solved in one block.
    """
    X, p = problem.X, max(problem.norms.shape[0], 1)
    if not (isinstance(X, tuple) and len(X) == 6):
        return [(0, n_alphas)]
    size = max(2, X[0].size // (2 * p), _SMALL_PATH // p)
    bounds = list(range(0, n_alphas, size)) + [n_alphas]
    if len(bounds) > 2 and bounds[-1] - bounds[-2] == 1:
        del bounds[-2]
    return list(zip(bounds[:-1], bounds[1:]))


def path_scores_on_problem(problem, X_test, y_test, sw_test, *, alphas, l1_ratio, scorer,
                           make_estimator, random_state=None, **path_params):
    """Solve the path on ``problem`` and score it on a test fold, block by
    block (see :func:`path_blocks`): each block is warm-started from the last
    solution of the one before and scored as soon as it is solved, so the
    whole coefficient path is never held at once.

    The solutions are those of one call to :func:`path_on_problem` (the
    seeds of ``selection="random"`` come from one generator for the whole
    path, and the engine's state goes from block to block). Returns the test mean squared errors, the scores (see
    :func:`path_test_scores`) and the counts of non-zero coefficients, one
    per alpha.
    """
    alphas = np.asarray(alphas, dtype=np.float64)
    rng = check_random_state(random_state)
    mse, scores, nnz = [], [], []
    coef_init = None
    memo = np.zeros(6)  # the engine's state, carried from block to block
    for start, stop in path_blocks(problem, alphas.size):
        coefs, intercepts = path_on_problem(problem, alphas=alphas[start:stop],
                                            l1_ratio=l1_ratio, random_state=rng,
                                            coef_init=coef_init, memo=memo, **path_params)
        block_mse, block_scores = path_test_scores(
            coefs, intercepts, X_test, y_test, sw_test, scorer,
            lambda k, start=start: make_estimator(start + k))
        mse.append(block_mse)
        scores.append(block_scores)
        nnz.append(np.count_nonzero(coefs, axis=1))
        coef_init = coefs[-1].copy()
        del coefs, intercepts
    return np.concatenate(mse), np.concatenate(scores), np.concatenate(nnz)


def path_test_scores(coefs, intercepts, X_test, y_test, sw_test, scorer, make_estimator):
    """Test-fold mean squared error and score of every model on a path.

    ``scorer=None`` scores by negative (weighted) mean squared error.
    ``make_estimator(k)`` returns an unfitted estimator for step ``k``; it
    only gets ``coef_`` and ``intercept_`` set, never fitted.
    """
    pred = X_test @ coefs.T + intercepts  # (n_test, n_alphas)
    sq = (pred - y_test[:, None]) ** 2
    mse = np.average(sq, axis=0, weights=sw_test)
    if scorer is None:
        return mse, -mse
    scores = np.empty(len(coefs))
    kwargs = {} if sw_test is None else {"sample_weight": sw_test}
    for k in range(len(coefs)):
        est = make_estimator(k)
        est.coef_, est.intercept_ = coefs[k], intercepts[k]
        est.n_features_in_ = coefs.shape[1]
        scores[k] = scorer(est, X_test, y_test, **kwargs)
    return mse, scores


def cv_summary(alphas, l1_ratios, fold_scores, n_nonzero):
    """A GridSearchCV-like ``cv_results_`` dict, one entry per (l1_ratio, alpha).

    ``fold_scores`` has shape (n_l1_ratio, n_alphas, n_folds), higher is
    better; ``n_nonzero`` (n_l1_ratio, n_alphas) is the mean count of
    non-zero coefficients over folds.
    """
    mean, se = mean_and_standard_error(fold_scores)
    flat = lambda a: np.asarray(a).reshape(-1)
    results = {
        "alpha": flat(alphas),
        "l1_ratio": np.repeat(np.asarray(l1_ratios, dtype=float), np.shape(alphas)[-1]),
        "mean_test_score": flat(mean),
        "std_test_score": flat(fold_scores.std(axis=-1)),
        "std_error_test_score": flat(se),
        "n_nonzero": flat(n_nonzero),
    }
    order = np.argsort(-results["mean_test_score"], kind="stable")
    rank = np.empty(order.size, dtype=np.int32)
    rank[order] = np.arange(1, order.size + 1)
    results["rank_test_score"] = rank
    for k in range(fold_scores.shape[-1]):
        results[f"split{k}_test_score"] = flat(fold_scores[..., k])
    return results


_CV_PARAMS = {
    "eps": Real(0, None, "neither"),
    "alphas": Anything(),
    "fit_intercept": Boolean(),
    "precompute": Anything(),
    "max_iter": Integer(1),
    "tol": Real(0, None, "left"),
    "copy_X": Boolean(),
    "cv": Anything(),
    "verbose": Anything(),
    "n_jobs": Integer(-(2**31), allow_none=True),
    "positive": Boolean(),
    "random_state": RandomState(),
    "selection": Options("cyclic", "random"),
    "rule": Options(*RULES),
    "scoring": Anything(),
    "penalty_factor": PenaltyFactor(),
    "lower_bounds": Bounds(),
    "upper_bounds": Bounds(),
}


class _PathCV(LinearRegressorBase):
    """Shared fit of the path-based CV estimators."""

    def _l1_ratios(self):
        return np.atleast_1d(np.asarray(getattr(self, "l1_ratio", 1.0), dtype=np.float64))

    def _grids(self, X, y, sample_weight, l1_ratios):
        if isinstance(self.alphas, numbers.Integral) and not isinstance(self.alphas, bool):
            if self.alphas < 1:
                raise ValueError(f"The 'alphas' parameter of {type(self).__name__} must be an int >= 1 or an array of floats. Got {self.alphas!r}.")
            return np.array([
                alpha_grid(X, y, l1_ratio=r, eps=self.eps, n_alphas=self.alphas,
                           fit_intercept=self.fit_intercept, sample_weight=sample_weight,
                           positive=self.positive, penalty_factor=self._v)
                for r in l1_ratios
            ])
        try:
            grid = np.asarray(self.alphas, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            raise TypeError(f"The 'alphas' parameter of {type(self).__name__} must be an int or an array of floats. Got {self.alphas!r}.") from None
        if grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid < 0):
            raise ValueError(f"The 'alphas' parameter of {type(self).__name__} must hold non-negative finite floats.")
        return np.tile(np.sort(grid)[::-1], (len(l1_ratios), 1))

    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit the path on every fold, choose alpha (and l1_ratio), refit.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target values.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Sample weights: used in each fold's fit and to weight each test
            fold's errors, as scikit-learn does.
        groups : array-like of shape (n_samples,), default=None
            Group labels for a group-aware ``cv`` splitter.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        X, y, sample_weight = self._validate_fit_input(X, y, sample_weight, multi_output=False)
        if sparse.issparse(X) and not X.has_sorted_indices:
            X = X.sorted_indices()  # a copy: the user's X stays untouched
        self._v = check_penalty_factor(self, self.penalty_factor, X.shape[1], np.float64)
        lower, upper = check_bounds(self, self.lower_bounds, self.upper_bounds, X.shape[1])
        l1_ratios = self._l1_ratios()
        if np.any((l1_ratios < 0) | (l1_ratios > 1)):
            raise ValueError(f"The 'l1_ratio' parameter of {type(self).__name__} must hold floats in [0, 1]. Got {self.l1_ratio!r}.")
        grids = self._grids(X, y, sample_weight, l1_ratios)
        folds = list(check_cv(self.cv).split(X, y, groups))
        scorer = None if self.scoring is None else check_scoring(self, scoring=self.scoring)
        path_params = dict(positive=self.positive, max_iter=self.max_iter, tol=self.tol,
                           selection=self.selection, random_state=self.random_state,
                           penalty_factor=self._v, lower=lower, upper=upper)

        def one_fold(X, y, sample_weight, train, test):
            # one prepared problem (and Gram) per fold serves every l1_ratio;
            # it lives in this worker only
            problem = split_problem(X, y, sample_weight, train, fit_intercept=self.fit_intercept,
                                    precompute=self.precompute)
            X_test, y_test = X[test], y[test]
            sw_test = None if sample_weight is None else sample_weight[test]
            out = []
            for i, ratio in enumerate(l1_ratios):
                make = lambda k: self._single_estimator(grids[i][k], ratio)
                out.append(path_scores_on_problem(
                    problem, X_test, y_test, sw_test, alphas=grids[i], l1_ratio=ratio,
                    scorer=scorer, make_estimator=make, **path_params))
            if self.verbose:
                print(f"[{type(self).__name__}] fold done", file=sys.stderr)
            return out

        per_fold = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(one_fold)(X, y, sample_weight, train, test) for train, test in folds
        )
        # (n_folds, n_l1_ratio, n_alphas) -> (n_l1_ratio, n_alphas, n_folds)
        mse = np.array([[o[0] for o in f] for f in per_fold]).transpose(1, 2, 0)
        scores = np.array([[o[1] for o in f] for f in per_fold]).transpose(1, 2, 0)
        nnz = np.array([[o[2] for o in f] for f in per_fold]).mean(axis=0)

        self._choose(grids, l1_ratios, scores)
        self.mse_path_ = np.squeeze(mse)
        self.alphas_ = grids[0] if len(l1_ratios) == 1 else grids
        self.cv_results_ = cv_summary(grids, l1_ratios, scores, nnz)

        model = self._single_estimator(self.alpha_, self.l1_ratio_)
        model.set_params(copy_X=self.copy_X, warm_start=False)
        model.fit(X, y, sample_weight=sample_weight)
        self.coef_, self.intercept_ = model.coef_, model.intercept_
        self.dual_gap_, self.n_iter_ = model.dual_gap_, model.n_iter_
        if not hasattr(self, "l1_ratio"):
            del self.l1_ratio_
        del self._v
        return self

    def _choose(self, grids, l1_ratios, scores):
        """Set ``alpha_``, ``l1_ratio_``, ``alpha_1se_`` and ``best_score_``."""
        mean, se = mean_and_standard_error(-scores)  # errors: lower is better
        # scikit-learn's rule: the best (l1_ratio, alpha) over the whole grid
        best_rows = [best_index(m) for m in mean]
        best_l1 = best_index([mean[i][best_rows[i]] for i in range(len(l1_ratios))])
        i_1se = choose_index(mean[best_l1], se[best_l1], grids[best_l1], "1se")
        self.alpha_1se_ = float(grids[best_l1][i_1se])
        self.l1_ratio_ = float(l1_ratios[best_l1])
        i_alpha = best_rows[best_l1] if self.rule == "min" else i_1se
        self.alpha_ = float(grids[best_l1][i_alpha])
        self.best_score_ = float(-mean[best_l1][i_alpha])

    def _single_estimator(self, alpha, l1_ratio):
        params = dict(alpha=alpha, fit_intercept=self.fit_intercept, max_iter=self.max_iter,
                      tol=self.tol, positive=self.positive, random_state=self.random_state,
                      selection=self.selection, penalty_factor=self.penalty_factor,
                      lower_bounds=self.lower_bounds, upper_bounds=self.upper_bounds)
        if hasattr(self, "l1_ratio"):
            return ElasticNet(l1_ratio=l1_ratio, **params)
        return Lasso(**params)


_CV_ATTRIBUTES = """
    Attributes
    ----------
    alpha_ : float
        The alpha chosen by ``rule`` and used for the final fit.
    alpha_1se_ : float
        The largest alpha whose mean CV error is within one standard error of
        the minimum (for the best ``l1_ratio``), whatever ``rule`` is.
    {l1_ratio_}alphas_ : ndarray of shape (n_alphas,) or (n_l1_ratio, n_alphas)
        The grid of alphas, decreasing.
    mse_path_ : ndarray of shape (n_alphas, n_folds) or (n_l1_ratio, n_alphas, n_folds)
        Test mean squared error of every fold along the path (weighted by
        the test fold's sample weights when given).
    cv_results_ : dict of ndarray
        One entry per (l1_ratio, alpha), as :class:`~sklearn.model_selection.GridSearchCV`:
        ``alpha``, ``l1_ratio``, ``mean_test_score``, ``std_test_score``,
        ``std_error_test_score``, ``rank_test_score``, ``split<k>_test_score``
        and ``n_nonzero`` (mean count of non-zero coefficients over folds).
        Scores are ``scoring``'s (negative MSE by default): higher is better.
    best_score_ : float
        Mean CV score at the chosen parameters.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the final fit.
    intercept_ : float
        Intercept of the final fit.
    dual_gap_ : float
        Duality gap of the final fit.
    n_iter_ : int
        Epochs of the final fit.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.
"""

_CV_COMMON_PARAMS = """
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    alphas : int or array-like, default=100
        Number of alphas of the generated grid (from the smallest alpha
        zeroing every coefficient down to ``eps`` times it), or the alphas.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept; done inside every fold.
    precompute : "auto", bool or array-like, default="auto"
        Solve each fold on its Gram matrix, computed once per fold and
        shared by every alpha and l1_ratio; "auto" does when the training
        fold has more samples than features.
    max_iter : int, default=1000
        Maximum number of epochs per alpha.
    tol : float, default=1e-4
        Duality-gap tolerance, scikit-learn's meaning.
    copy_X : bool, default=True
        Passed to the final fit.
    cv : int, cross-validation generator or iterable, default=None
        As in scikit-learn: None is 5-fold, an int is k-fold, or any splitter.
    verbose : bool or int, default=False
        Report each finished fold on stderr.
    n_jobs : int, default=None
        Threads over folds (and l1_ratios); the engine releases the GIL.
    positive : bool, default=False
        Constrain coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate order when ``selection="random"``.
    selection : {"cyclic", "random"}, default="cyclic"
        Coordinate order.
    rule : {"min", "1se"}, default="min"
        How alpha is chosen: ``"min"`` minimizes the mean CV error (as
        scikit-learn); ``"1se"`` takes the largest alpha within one standard
        error of that minimum (glmnet's ``lambda.1se``), a sparser model.
    scoring : str, callable or None, default=None
        Any scikit-learn scorer to choose alpha by; None is mean squared
        error, as scikit-learn.
    penalty_factor : array-like of shape (n_features,), default=None
        Per-feature penalty factors (glmnet's ``penalty.factor``; 0 leaves a
        feature unpenalized), used in every fold, in the alpha grid and in
        the final fit.
    lower_bounds, upper_bounds : float or array-like of shape (n_features,), default=None
        Box constraints on the coefficients, in every fold and the final
        fit (the alpha grid ignores them).
"""


class LassoCV(_PathCV):
    __doc__ = (r"""Lasso with alpha chosen by cross-validation along the path.

    A drop-in for :class:`sklearn.linear_model.LassoCV`, plus the
    one-standard-error rule, any scorer and a ``cv_results_`` table. The
    objective is :class:`Lasso`'s, :math:`\frac{1}{2n}\|y - Xw - b\|^2 +
    \alpha\|w\|_1` (the textbook L1 loss with ``alpha=λ``).

    Parameters
    ----------
""" + _CV_COMMON_PARAMS + _CV_ATTRIBUTES.format(l1_ratio_="") + """
    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import LassoCV
    >>> X, y = make_regression(n_samples=60, n_features=8, noise=1.0, random_state=0)
    >>> model = LassoCV(cv=3, rule="1se").fit(X, y)
    >>> model.alpha_ >= model.cv_results_["alpha"][model.cv_results_["rank_test_score"] == 1][0]
    True
    """)

    _param_table = _CV_PARAMS

    def __init__(self, *, eps=1e-3, alphas=100, fit_intercept=True, precompute="auto",
                 max_iter=1000, tol=1e-4, copy_X=True, cv=None, verbose=False,
                 n_jobs=None, positive=False, random_state=None, selection="cyclic",
                 rule="min", scoring=None, penalty_factor=None, lower_bounds=None,
                 upper_bounds=None):
        self.eps = eps
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.copy_X = copy_X
        self.cv = cv
        self.verbose = verbose
        self.n_jobs = n_jobs
        self.positive = positive
        self.random_state = random_state
        self.selection = selection
        self.rule = rule
        self.scoring = scoring
        self.penalty_factor = penalty_factor
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds


class ElasticNetCV(_PathCV):
    __doc__ = (r"""Elastic net with alpha and l1_ratio chosen by cross-validation.

    A drop-in for :class:`sklearn.linear_model.ElasticNetCV`, plus the
    one-standard-error rule, any scorer and a ``cv_results_`` table. The
    objective is :class:`ElasticNet`'s. ``l1_ratio=0`` (ridge) needs an
    explicit ``alphas`` array.

    Parameters
    ----------
    l1_ratio : float or list of float, default=0.5
        Mixing parameter(s) to try; the best is kept in ``l1_ratio_``.
""" + _CV_COMMON_PARAMS + _CV_ATTRIBUTES.format(l1_ratio_="""l1_ratio_ : float
        The chosen mixing parameter.
    """) + """
    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import ElasticNetCV
    >>> X, y = make_regression(n_samples=60, n_features=8, noise=1.0, random_state=0)
    >>> ElasticNetCV(l1_ratio=[0.5, 0.9], cv=3).fit(X, y).l1_ratio_ in (0.5, 0.9)
    True
    """)

    _param_table = {**_CV_PARAMS, "l1_ratio": Anything()}

    def __init__(self, *, l1_ratio=0.5, eps=1e-3, alphas=100, fit_intercept=True,
                 precompute="auto", max_iter=1000, tol=1e-4, cv=None, copy_X=True,
                 verbose=0, n_jobs=None, positive=False, random_state=None,
                 selection="cyclic", rule="min", scoring=None, penalty_factor=None,
                 lower_bounds=None, upper_bounds=None):
        self.l1_ratio = l1_ratio
        self.eps = eps
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.cv = cv
        self.copy_X = copy_X
        self.verbose = verbose
        self.n_jobs = n_jobs
        self.positive = positive
        self.random_state = random_state
        self.selection = selection
        self.rule = rule
        self.scoring = scoring
        self.penalty_factor = penalty_factor
        self.lower_bounds = lower_bounds
        self.upper_bounds = upper_bounds
