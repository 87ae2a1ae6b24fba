"""Figures: regularization paths, cross-validation curves, coefficient comparisons.

Three displays in scikit-learn's ``*Display`` style (see
:class:`sklearn.metrics.PredictionErrorDisplay`): the constructor takes the
data to draw, ``from_*`` class methods compute that data from estimators and
draw it, and :meth:`plot` draws into given (or new) axes and returns the
display, whose attributes hold the drawn artists (``ax_``, ``figure_``,
``lines_``, ...).

- :class:`RegularizationPathDisplay`: coefficients against alpha (glmnet's
  ``plot.glmnet``);
- :class:`CVCurveDisplay`: mean cross-validated error with one standard error
  against alpha (glmnet's ``plot.cv.glmnet``);
- :class:`CoefficientComparisonDisplay`: the coefficients of several models
  side by side (L1 sparsity against L2 shrinkage).

Both alpha axes are logarithmic and run from strong regularization on the
left to weak regularization on the right (alpha *decreases* to the right), as
in glmnet's and scikit-learn's path figures; the axis label says so.

matplotlib is an optional dependency (``pip install "sklearn-reg[plot]"``):
importing this module does not need it, drawing does. With ``ax=None`` a new
figure is made with :func:`matplotlib.pyplot.subplots`; pass axes of a
:class:`matplotlib.figure.Figure` to stay away from pyplot's global state.
"""

import numbers

import numpy as np
from scipy import sparse
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from ._cv import ElasticNetCV, LassoCV
from ._ic import ElasticNetIC
from ._linear import ElasticNet
from ._path import enet_path
from ._path_search import PathSearchCV
from ._ridge import Ridge
from ._ridge_cv import RidgeCV, ridge_path
from ._selection import mean_and_standard_error

__all__ = [
    "CVCurveDisplay",
    "CoefficientComparisonDisplay",
    "RegularizationPathDisplay",
]

INSTALL_HINT = 'pip install "sklearn-reg[plot]"'

#: Label of every alpha axis: the orientation is part of it.
ALPHA_LABEL = "alpha (log scale, decreasing to the right)"

#: With more features than this, a path figure names only the largest few.
MAX_LEGEND_FEATURES = 10

_PATH_ESTIMATORS = (ElasticNet, Ridge, LassoCV, ElasticNetCV, RidgeCV, ElasticNetIC, PathSearchCV)
_SELECTORS = (LassoCV, ElasticNetCV, RidgeCV, ElasticNetIC, PathSearchCV)
_CV_ESTIMATORS = (LassoCV, ElasticNetCV, RidgeCV, PathSearchCV)

# matplotlib's short aliases: a user's alias replaces the display's default
# for the long name (matplotlib refuses both at once).
_ALIASES = {"c": "color", "ls": "linestyle", "lw": "linewidth", "ms": "markersize",
            "mec": "markeredgecolor", "mfc": "markerfacecolor", "mew": "markeredgewidth",
            "ec": "edgecolor", "fc": "facecolor"}


# --------------------------------------------------------------------------
# Shared helpers


def _check_matplotlib(caller):
    """Raise a clear ImportError when matplotlib is missing."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise ImportError(
            f"{caller} needs matplotlib, an optional dependency of sklearn_reg. "
            f"Install it with: {INSTALL_HINT} (or pip install matplotlib)."
        ) from exc


def _axes(ax):
    """``(ax, figure)``: the given axes, or new ones on a new pyplot figure."""
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(layout="constrained")
    return ax, ax.figure


def _style(defaults, user):
    """``defaults`` updated by ``user``, dropping defaults the user aliased."""
    user = dict(user)
    given = {_ALIASES.get(key, key) for key in user}
    return {**{k: v for k, v in defaults.items() if k not in given}, **user}


def _positive_alphas(alphas, who):
    alphas = np.asarray(alphas, dtype=np.float64)
    if alphas.ndim != 1 or alphas.size == 0:
        raise ValueError(f"{who}: alphas must be a non-empty 1-d array, got shape {alphas.shape}.")
    if not np.all(np.isfinite(alphas) & (alphas > 0)):
        raise ValueError(
            f"{who}: alphas must be finite and > 0 to be drawn on a log scale; "
            f"got min {np.nanmin(alphas)!r}."
        )
    return alphas


def _marker_value(value, name, who):
    """A chosen alpha as a positive float, or None (None or NaN: no marker)."""
    if value is None:
        return None
    if np.ndim(value) != 0:
        raise ValueError(f"{who}: {name} must be a float, got shape {np.shape(value)}.")
    value = float(value)
    if np.isnan(value):
        return None
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{who}: {name} must be finite and > 0 to be drawn on a log scale; got {value!r}.")
    return value


def _alpha_axis(ax, values):
    """Log x-axis over ``values``, alpha decreasing to the right, labelled."""
    values = np.asarray([v for v in values if v is not None], dtype=np.float64)
    lo, hi = np.log10(values.min()), np.log10(values.max())
    pad = 0.02 * (hi - lo) if hi > lo else 0.1
    ax.set_xscale("log")
    ax.set_xlim(10 ** (hi + pad), 10 ** (lo - pad))  # left > right: decreasing
    ax.set_xlabel(ALPHA_LABEL)


def _draw_markers(ax, alpha, alpha_1se):
    """Vertical lines at the chosen alpha and at the 1-SE alpha (or None)."""
    alpha_line = alpha_1se_line = None
    # the 1-SE line is wider and below the chosen one: both show when they coincide
    if alpha is not None:
        alpha_line = ax.axvline(alpha, color="black", linestyle="--", linewidth=1.2,
                                zorder=2.6, label=f"chosen alpha = {alpha:.3g}")
    if alpha_1se is not None:
        alpha_1se_line = ax.axvline(alpha_1se, color="tab:gray", linestyle=":", linewidth=2.4,
                                    zorder=2.5, label=f"1-SE alpha = {alpha_1se:.3g}")
    return alpha_line, alpha_1se_line


def _feature_names(names, n_features, who):
    if names is None:
        return [f"x{j}" for j in range(n_features)]
    names = [str(name) for name in names]
    if len(names) != n_features:
        raise ValueError(f"{who}: {len(names)} feature names for {n_features} features.")
    return names


def _is_fitted(estimator):
    try:
        check_is_fitted(estimator)
    except NotFittedError:
        return False
    return True


def _qualified_name(obj):
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


def _one_target(y, who):
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"{who} draws the path of one target: y must be 1-d, got shape {y.shape}.")
    return y


def _grid_row(alphas_, l1_ratio_param, l1_ratio_):
    """The row of a (n_l1_ratio, n_alphas) grid that belongs to ``l1_ratio_``;
    returns ``(row index, alphas)``."""
    alphas_ = np.asarray(alphas_, dtype=np.float64)
    if alphas_.ndim == 1:
        return 0, alphas_
    ratios = np.atleast_1d(np.asarray(l1_ratio_param, dtype=np.float64))
    row = int(np.argmin(np.abs(ratios - l1_ratio_)))
    return row, alphas_[row]


def _names_after(preprocessing, X, fitted_model):
    """Feature names seen by the final step, when they can be known."""
    try:
        if preprocessing is not None:
            names = preprocessing.get_feature_names_out()
        else:
            names = getattr(fitted_model, "feature_names_in_", None)
            if names is None and hasattr(X, "columns"):
                names = X.columns
    except Exception:  # a transformer without get_feature_names_out, ...
        return None
    return None if names is None else [str(name) for name in names]


def _ridge_grid(X, n_alphas, eps, fit_intercept):
    r"""A decreasing log grid of ridge alphas for ``X``.

    With :math:`T = \|X - \bar X\|_F^2` (the sum of the squared, centred
    column norms, an upper bound of every eigenvalue of the centred
    :math:`X^\top X`), the grid runs from :math:`10\,T` (every coefficient
    shrunk at least 11-fold towards zero) down to :math:`\epsilon\,T / 10`
    (every direction with eigenvalue at least :math:`\epsilon\,T` within
    about 10% of least squares).
    """
    if sparse.issparse(X):
        X = sparse.csc_matrix(X, dtype=np.float64)
        total = float(X.multiply(X).sum())
        if fit_intercept:
            total -= X.shape[0] * float(np.sum(np.asarray(X.mean(axis=0)) ** 2))
    else:
        X = np.asarray(X, dtype=np.float64)
        Xc = X - X.mean(axis=0) if fit_intercept else X
        total = float(np.sum(Xc * Xc))
    if not total > 0:
        total = 1.0
    return np.geomspace(10.0 * total, eps * total / 10.0, num=n_alphas)


def _path_source(estimator, X, y, who):
    """What a path figure of ``estimator`` on (X, y) needs.

    Returns a dict: ``X`` (as the final step sees it), ``kind`` ("enet" or
    "ridge"), ``model`` (the estimator whose parameters define the penalty),
    ``grid`` (the selector's alphas, or None), ``alpha``, ``alpha_1se``,
    ``l1_ratio`` and ``names`` (feature names, or None).
    """
    if isinstance(estimator, Pipeline):
        if not estimator.steps:
            raise TypeError(f"{who} needs a Pipeline with at least one step.")
        final = estimator.steps[-1][1]
        _check_path_estimator(final, who, in_pipeline=True)
        preprocessing = None
        if len(estimator.steps) > 1:
            preprocessing = estimator[:-1]
            if _is_fitted(estimator):
                X_final = preprocessing.transform(X)
            else:
                preprocessing = clone(preprocessing)
                X_final = preprocessing.fit_transform(X, y)
        else:
            X_final = X
        source = _path_source(final, X_final, y, who)
        if preprocessing is not None:
            source["names"] = _names_after(preprocessing, X, None)
        return source

    _check_path_estimator(estimator, who, in_pipeline=False)
    if isinstance(estimator, _SELECTORS) and not _is_fitted(estimator):
        estimator = clone(estimator).fit(X, y)

    if isinstance(estimator, PathSearchCV):
        inner = estimator.estimator
        if isinstance(inner, Pipeline):
            preprocessing, model = inner[:-1] if len(inner.steps) > 1 else None, inner.steps[-1][1]
        else:
            preprocessing, model = None, inner
        X_final = X
        if preprocessing is not None:
            best = getattr(estimator, "best_estimator_", None)
            if best is not None:
                preprocessing = best[:-1]
                X_final = preprocessing.transform(X)
            else:
                preprocessing = clone(preprocessing)
                X_final = preprocessing.fit_transform(X, y)
        _, grid = _grid_row(estimator.alphas_, estimator.l1_ratio, estimator.l1_ratio_)
        return dict(X=X_final, kind="enet", model=model, grid=grid, alpha=estimator.alpha_,
                    alpha_1se=estimator.alpha_1se_, l1_ratio=estimator.l1_ratio_,
                    names=_names_after(preprocessing, X, None))

    names = _names_after(None, X, estimator)
    if isinstance(estimator, (LassoCV, ElasticNetCV)):
        l1_ratio = getattr(estimator, "l1_ratio_", 1.0)
        _, grid = _grid_row(estimator.alphas_, getattr(estimator, "l1_ratio", 1.0), l1_ratio)
        return dict(X=X, kind="enet", model=estimator, grid=grid, alpha=estimator.alpha_,
                    alpha_1se=estimator.alpha_1se_, l1_ratio=l1_ratio, names=names)
    if isinstance(estimator, ElasticNetIC):
        return dict(X=X, kind="enet", model=estimator, grid=np.asarray(estimator.alphas_),
                    alpha=estimator.alpha_, alpha_1se=None, l1_ratio=estimator._mixing(),
                    names=names)
    if isinstance(estimator, RidgeCV):
        if np.ndim(estimator.alpha_) != 0:
            raise ValueError(f"{who} draws one path: RidgeCV(alpha_per_target=True) with several "
                             "targets has one alpha per target.")
        grid = np.sort(np.asarray(estimator.cv_summary_["alphas"], dtype=np.float64))[::-1]
        return dict(X=X, kind="ridge", model=estimator, grid=grid, alpha=estimator.alpha_,
                    alpha_1se=estimator.alpha_1se_, l1_ratio=0.0, names=names)
    alpha = estimator.alpha if np.ndim(estimator.alpha) == 0 else None
    if isinstance(estimator, Ridge):
        return dict(X=X, kind="ridge", model=estimator, grid=None, alpha=alpha,
                    alpha_1se=None, l1_ratio=0.0, names=names)
    return dict(X=X, kind="enet", model=estimator, grid=None, alpha=alpha, alpha_1se=None,
                l1_ratio=estimator._mixing(), names=names)


def _label_line_ends(ax, ends, names, lines, n_labels):
    """Name the ``n_labels`` lines largest in absolute value at the right edge
    of the axes, just outside it, pushed apart so that the names do not overlap."""
    chosen = np.argsort(-np.abs(ends), kind="stable")[:max(0, int(n_labels))]
    if chosen.size == 0:
        return
    from matplotlib.font_manager import FontProperties

    size = FontProperties(size="small").get_size_in_points()
    low, high = ax.get_ylim()
    height = ax.get_window_extent().height * 72.0 / ax.figure.dpi  # points
    scale = height / (high - low) if high > low else 1.0
    wanted = ends[chosen] * scale  # points
    order = np.argsort(wanted, kind="stable")
    placed = wanted[order].copy()
    for i in range(1, placed.size):
        placed[i] = max(placed[i], placed[i - 1] + 1.1 * size)
    placed -= np.mean(placed - wanted[order])  # keep the group centred
    shift = np.empty_like(placed)
    shift[order] = placed - wanted[order]
    for j, dy in zip(chosen, shift):
        ax.annotate(names[j], xy=(1.0, ends[j]), xytext=(4.0, dy),
                    xycoords=("axes fraction", "data"), textcoords="offset points",
                    ha="left", va="center", fontsize="small", color=lines[j].get_color(),
                    annotation_clip=False)


def _check_path_estimator(estimator, who, *, in_pipeline):
    if isinstance(estimator, _PATH_ESTIMATORS):
        return
    where = "the last step of the Pipeline is" if in_pipeline else "got"
    raise TypeError(
        f"{who} supports sklearn_reg's Lasso, ElasticNet, Ridge, LassoCV, ElasticNetCV, "
        f"RidgeCV, LassoIC, ElasticNetIC and PathSearchCV, or a Pipeline ending in one of "
        f"them; {where} {_qualified_name(estimator)}."
    )


def _score_description(scoring):
    """``(name, negate, greater_is_better)`` of a CV curve for ``scoring``.

    The default (None) and ``"neg_*"`` scorers are drawn as errors (the
    negated score, lower is better), other scores as they are.
    """
    if scoring is None:
        return "Mean squared error", True, False
    if isinstance(scoring, str):
        if scoring.startswith("neg_"):
            return scoring[4:].replace("_", " ").capitalize(), True, False
        return scoring.replace("_", " ").capitalize(), False, True
    return "Score", False, True


# --------------------------------------------------------------------------
# Regularization path


class RegularizationPathDisplay:
    """Coefficient paths: every coefficient against the regularization strength.

    One line per feature, coefficient against alpha on a log axis running
    from strong regularization on the left to weak regularization on the
    right (alpha decreasing to the right), as glmnet's ``plot.glmnet`` and
    scikit-learn's path examples; vertical lines mark the chosen alpha and the
    one-standard-error alpha when given. Up to 10 features are named in a
    legend; with more, the ``n_labels`` features largest in absolute value at
    the weakest regularization are named at the right edge. Both stand to
    the right of the axes: a figure with a constrained layout (as made with
    ``ax=None``) or ``savefig(..., bbox_inches="tight")`` keeps them whole.

    Use :meth:`from_estimator` to compute the path of an estimator (bare, in
    a pipeline or chosen by cross-validation) or :meth:`from_path` to draw
    the output of :func:`~sklearn_reg.lasso_path`,
    :func:`~sklearn_reg.enet_path` or :func:`~sklearn_reg.ridge_path`. All
    parameters are stored as attributes.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The regularization strengths, all > 0 (log scale), in any order.
    coefs : array-like of shape (n_features, n_alphas)
        The coefficients at every alpha, as the path functions return them.
    feature_names : array-like of str of shape (n_features,), default=None
        Names of the features; None names them ``x0``, ``x1``, ...
    alpha : float, default=None
        The chosen alpha, marked by a dashed vertical line; None (or NaN)
        draws no marker.
    alpha_1se : float, default=None
        The one-standard-error alpha, marked by a dotted vertical line; None
        (or NaN) draws no marker.

    Attributes
    ----------
    lines_ : list of matplotlib.lines.Line2D
        One line per feature, in the order of ``coefs``; the x data are the
        alphas sorted decreasingly, the y data that feature's coefficients.
    alpha_line_ : matplotlib.lines.Line2D or None
        The marker of ``alpha``.
    alpha_1se_line_ : matplotlib.lines.Line2D or None
        The marker of ``alpha_1se``.
    ax_ : matplotlib.axes.Axes
        The axes drawn into.
    figure_ : matplotlib.figure.Figure
        The figure of ``ax_``.

    See Also
    --------
    CVCurveDisplay : The cross-validation curve that chooses alpha.
    CoefficientComparisonDisplay : Coefficients of several models side by side.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import lasso_path
    >>> from sklearn_reg.plotting import RegularizationPathDisplay
    >>> X, y = make_regression(n_samples=50, n_features=4, noise=1.0, random_state=0)
    >>> alphas, coefs, _ = lasso_path(X, y, alphas=20)
    >>> display = RegularizationPathDisplay(alphas, coefs, alpha=alphas[10]).plot()
    >>> len(display.lines_)
    4
    >>> bool(display.alpha_line_.get_xdata()[0] == alphas[10])
    True
    """

    def __init__(self, alphas, coefs, *, feature_names=None, alpha=None, alpha_1se=None):
        self.alphas = alphas
        self.coefs = coefs
        self.feature_names = feature_names
        self.alpha = alpha
        self.alpha_1se = alpha_1se

    def plot(self, ax=None, *, n_labels=5, **kwargs):
        """Draw the paths.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        n_labels : int, default=5
            With more than 10 features, how many (the largest in absolute
            value at the smallest alpha) are named at the right edge.
        **kwargs : dict
            Passed to :meth:`matplotlib.axes.Axes.plot` for every path line
            (e.g. ``linewidth``); ``label`` is taken from the feature names.

        Returns
        -------
        display : RegularizationPathDisplay
            This display, with the drawn artists as attributes.

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> from sklearn_reg.plotting import RegularizationPathDisplay
        >>> fig, ax = plt.subplots()
        >>> display = RegularizationPathDisplay([1.0, 0.1], [[0.0, 2.0]]).plot(ax=ax, lw=3)
        >>> display.ax_ is ax, display.lines_[0].get_linewidth()
        (True, 3.0)
        """
        who = f"{type(self).__name__}.plot"
        _check_matplotlib(who)
        alphas = _positive_alphas(self.alphas, who)
        coefs = np.asarray(self.coefs, dtype=np.float64)
        if coefs.ndim == 1:
            coefs = coefs[None, :]
        if coefs.ndim != 2 or coefs.shape[1] != alphas.size:
            hint = " (transpose it?)" if coefs.ndim == 2 and coefs.shape[0] == alphas.size else ""
            raise ValueError(f"{who}: coefs must have shape (n_features, n_alphas) with "
                             f"n_alphas={alphas.size}; got {coefs.shape}{hint}.")
        n_features = coefs.shape[0]
        names = _feature_names(self.feature_names, n_features, who)
        alpha = _marker_value(self.alpha, "alpha", who)
        alpha_1se = _marker_value(self.alpha_1se, "alpha_1se", who)

        order = np.argsort(-alphas, kind="stable")
        alphas, coefs = alphas[order], coefs[:, order]
        ax, figure = _axes(ax)
        style = _style({"linewidth": 1.3}, kwargs)
        style.pop("label", None)
        self.lines_ = [ax.plot(alphas, coefs[j], label=names[j], **style)[0]
                       for j in range(n_features)]
        self.alpha_line_, self.alpha_1se_line_ = _draw_markers(ax, alpha, alpha_1se)
        _alpha_axis(ax, [*alphas, alpha, alpha_1se])
        ax.set_ylabel("Coefficient")

        markers = [m for m in (self.alpha_line_, self.alpha_1se_line_) if m is not None]
        if n_features <= MAX_LEGEND_FEATURES:
            # paths fill the axes: the legend goes to their right
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
                      fontsize="small")
        else:
            if markers:
                ax.legend(handles=markers, loc="best", fontsize="small")
            _label_line_ends(ax, coefs[:, -1], names, self.lines_, n_labels)
        self.ax_, self.figure_ = ax, figure
        return self

    @classmethod
    def from_path(cls, alphas, coefs, *, feature_names=None, alpha=None, alpha_1se=None,
                  ax=None, **kwargs):
        """Draw a computed path, e.g. the output of :func:`~sklearn_reg.lasso_path`.

        Parameters
        ----------
        alphas : array-like of shape (n_alphas,)
            The regularization strengths, all > 0.
        coefs : array-like of shape (n_features, n_alphas)
            The coefficients at every alpha.
        feature_names : array-like of str of shape (n_features,), default=None
            Names of the features; None names them ``x0``, ``x1``, ...
        alpha : float, default=None
            The chosen alpha to mark, if any.
        alpha_1se : float, default=None
            The one-standard-error alpha to mark, if any.
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        **kwargs : dict
            Passed to :meth:`plot` (``n_labels``, line properties).

        Returns
        -------
        display : RegularizationPathDisplay
            The display, drawn.

        Examples
        --------
        >>> from sklearn.datasets import make_regression
        >>> from sklearn_reg import ridge_path
        >>> from sklearn_reg.plotting import RegularizationPathDisplay
        >>> X, y = make_regression(n_samples=40, n_features=3, random_state=0)
        >>> alphas, coefs = ridge_path(X, y, alphas=[0.1, 1.0, 10.0, 100.0])
        >>> display = RegularizationPathDisplay.from_path(alphas, coefs, feature_names=["a", "b", "c"])
        >>> [line.get_label() for line in display.lines_]
        ['a', 'b', 'c']
        """
        return cls(alphas, coefs, feature_names=feature_names, alpha=alpha,
                   alpha_1se=alpha_1se).plot(ax=ax, **kwargs)

    @classmethod
    def from_estimator(cls, estimator, X, y, *, alphas=100, eps=1e-3, feature_names=None,
                       ax=None, **kwargs):
        """Compute and draw the regularization path of an estimator.

        The estimator says which path (its penalty) and, for the estimators
        that choose alpha, which alphas to mark:

        - :class:`~sklearn_reg.Lasso` or :class:`~sklearn_reg.ElasticNet`:
          the path of :func:`~sklearn_reg.enet_path` with its ``l1_ratio``,
          ``positive``, ``fit_intercept``, ``max_iter`` and ``tol``; its
          ``alpha`` is marked;
        - :class:`~sklearn_reg.LassoCV`, :class:`~sklearn_reg.ElasticNetCV`,
          :class:`~sklearn_reg.PathSearchCV`: the same on the estimator's own
          grid ``alphas_`` (the row of the chosen ``l1_ratio_``), with
          ``alpha_`` and ``alpha_1se_`` marked;
          :class:`~sklearn_reg.LassoIC` and :class:`~sklearn_reg.ElasticNetIC`
          likewise, with ``alpha_``;
        - :class:`~sklearn_reg.Ridge`: the path of
          :func:`~sklearn_reg.ridge_path` on a generated log grid, its
          ``alpha`` marked; :class:`~sklearn_reg.RidgeCV`: on its ``alphas``,
          with ``alpha_`` and ``alpha_1se_``.

        An estimator that chooses alpha and is not fitted yet is cloned and
        fitted on (X, y) first (the given one is left untouched); the others
        need not be fitted. In a :class:`~sklearn.pipeline.Pipeline`, X goes
        through the preprocessing steps first: the fitted ones when the
        pipeline is fitted, else clones fitted on (X, y). Sample weights used
        in an earlier fit are not known here: the path is unweighted.

        Parameters
        ----------
        estimator : estimator or Pipeline
            A Lasso, ElasticNet, Ridge, LassoCV, ElasticNetCV, RidgeCV,
            LassoIC, ElasticNetIC or PathSearchCV of sklearn_reg, or a
            :class:`~sklearn.pipeline.Pipeline` ending in one of them.
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data (before the pipeline's preprocessing).
        y : array-like of shape (n_samples,)
            Target values.
        alphas : int or array-like, default=100
            An array gives the alphas of the path for every estimator. An int
            is the size of a generated grid, used only by estimators without
            a grid of their own: from the smallest alpha zeroing every
            coefficient down to ``eps`` times it for the L1 penalties
            (:func:`~sklearn_reg.alpha_grid`); for ridge, from ``10 * T``
            down to ``eps * T / 10`` with ``T`` the sum of the squared
            centred column norms of X (every coefficient shrunk at least
            11-fold at the top; within about 10% of least squares at the
            bottom, along every direction of X of eigenvalue at least
            ``eps * T``).
        eps : float, default=1e-3
            Length of the generated grid, see ``alphas``.
        feature_names : array-like of str, default=None
            Names of the features seen by the final step; None takes them
            from the pipeline's ``get_feature_names_out``, the estimator's
            ``feature_names_in_`` or X's columns, else ``x0``, ``x1``, ...
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        **kwargs : dict
            Passed to :meth:`plot` (``n_labels``, line properties).

        Returns
        -------
        display : RegularizationPathDisplay
            The display, drawn; its ``alphas`` and ``coefs`` hold the path.

        Raises
        ------
        TypeError
            If the estimator (or the pipeline's last step) is not one of the
            supported ones.

        Examples
        --------
        >>> from sklearn.datasets import make_regression
        >>> from sklearn.pipeline import make_pipeline
        >>> from sklearn.preprocessing import StandardScaler
        >>> from sklearn_reg import LassoCV
        >>> from sklearn_reg.plotting import RegularizationPathDisplay
        >>> X, y = make_regression(n_samples=60, n_features=5, noise=5.0, random_state=0)
        >>> model = make_pipeline(StandardScaler(), LassoCV(cv=3)).fit(X, y)
        >>> display = RegularizationPathDisplay.from_estimator(model, X, y)
        >>> len(display.lines_), display.alpha == model[-1].alpha_
        (5, True)
        """
        who = f"{cls.__name__}.from_estimator"
        _check_matplotlib(who)
        y = _one_target(y, who)
        source = _path_source(estimator, X, y, who)
        model = source["model"]
        if not isinstance(alphas, numbers.Integral) or isinstance(alphas, bool):
            grid = np.sort(np.asarray(alphas, dtype=np.float64).ravel())[::-1]
        elif source["grid"] is not None:
            grid = source["grid"]
        elif source["kind"] == "ridge":
            grid = _ridge_grid(source["X"], int(alphas), eps, model.fit_intercept)
        else:
            grid = int(alphas)
        if source["kind"] == "ridge":
            path_alphas, coefs = ridge_path(source["X"], y, alphas=grid,
                                            fit_intercept=model.fit_intercept)
        else:
            path_alphas, coefs, _ = enet_path(
                source["X"], y, l1_ratio=float(source["l1_ratio"]), alphas=grid, eps=eps,
                fit_intercept=model.fit_intercept, positive=model.positive,
                max_iter=getattr(model, "max_iter", 1000), tol=getattr(model, "tol", 1e-4),
            )
        names = feature_names if feature_names is not None else source["names"]
        if names is not None and len(names) != coefs.shape[0]:
            if feature_names is not None:
                raise ValueError(f"{who}: {len(names)} feature names for {coefs.shape[0]} features.")
            names = None
        return cls(path_alphas, coefs, feature_names=names, alpha=source["alpha"],
                   alpha_1se=source["alpha_1se"]).plot(ax=ax, **kwargs)


# --------------------------------------------------------------------------
# Cross-validation curve


class CVCurveDisplay:
    """Cross-validation curve: mean error and one standard error against alpha.

    The mean cross-validated error (or score) at every alpha, with a band of
    plus and minus one standard error, against alpha on a log axis running
    from strong regularization on the left to weak regularization on the
    right, as glmnet's ``plot.cv.glmnet``. Vertical lines mark the chosen
    alpha (dashed) and the one-standard-error alpha (dotted): the largest
    alpha whose mean error is within one standard error of the minimum.

    Use :meth:`from_estimator` to draw the curve of a fitted
    :class:`~sklearn_reg.LassoCV`, :class:`~sklearn_reg.ElasticNetCV`,
    :class:`~sklearn_reg.RidgeCV` or :class:`~sklearn_reg.PathSearchCV`.
    All parameters are stored as attributes.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,)
        The regularization strengths, all > 0, in any order.
    mean : array-like of shape (n_alphas,)
        Mean cross-validated error (or score) at every alpha.
    std_error : array-like of shape (n_alphas,)
        Its standard error (NaN where unknown: no band there).
    alpha : float, default=None
        The chosen alpha to mark; None (or NaN) draws no marker.
    alpha_1se : float, default=None
        The one-standard-error alpha to mark; None (or NaN) draws no marker.
    score_name : str, default="Mean squared error"
        What ``mean`` is: the y-axis label.
    greater_is_better : bool, default=False
        Whether ``mean`` is a score (higher is better) rather than an error;
        the y-axis label then says "(higher is better)".

    Attributes
    ----------
    line_ : matplotlib.lines.Line2D
        The mean curve; its x data are the alphas sorted decreasingly.
    band_ : matplotlib.collections.PolyCollection
        The band from ``mean - std_error`` to ``mean + std_error``.
    alpha_line_ : matplotlib.lines.Line2D or None
        The marker of ``alpha``.
    alpha_1se_line_ : matplotlib.lines.Line2D or None
        The marker of ``alpha_1se``.
    ax_ : matplotlib.axes.Axes
        The axes drawn into.
    figure_ : matplotlib.figure.Figure
        The figure of ``ax_``.

    See Also
    --------
    RegularizationPathDisplay : The coefficients along the same alphas.

    Examples
    --------
    >>> from sklearn_reg.plotting import CVCurveDisplay
    >>> display = CVCurveDisplay([1.0, 0.1, 0.01], [5.0, 2.0, 2.5], [0.4, 0.3, 0.3],
    ...                          alpha=0.1, alpha_1se=1.0).plot()
    >>> display.line_.get_ydata().tolist()
    [5.0, 2.0, 2.5]
    >>> display.ax_.get_ylabel()
    'Mean squared error'
    """

    def __init__(self, alphas, mean, std_error, *, alpha=None, alpha_1se=None,
                 score_name="Mean squared error", greater_is_better=False):
        self.alphas = alphas
        self.mean = mean
        self.std_error = std_error
        self.alpha = alpha
        self.alpha_1se = alpha_1se
        self.score_name = score_name
        self.greater_is_better = greater_is_better

    def plot(self, ax=None, **kwargs):
        """Draw the curve.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        **kwargs : dict
            Passed to :meth:`matplotlib.axes.Axes.plot` for the mean curve
            (e.g. ``color``, ``marker``); the band takes the curve's color.

        Returns
        -------
        display : CVCurveDisplay
            This display, with the drawn artists as attributes.

        Examples
        --------
        >>> from matplotlib.figure import Figure
        >>> from sklearn_reg.plotting import CVCurveDisplay
        >>> ax = Figure().add_subplot()
        >>> display = CVCurveDisplay([1.0, 0.1], [3.0, 2.0], [0.5, 0.5]).plot(ax=ax, color="C2")
        >>> display.figure_ is ax.figure, display.alpha_line_ is None
        (True, True)
        """
        who = f"{type(self).__name__}.plot"
        _check_matplotlib(who)
        alphas = _positive_alphas(self.alphas, who)
        mean = np.asarray(self.mean, dtype=np.float64)
        std_error = np.asarray(self.std_error, dtype=np.float64)
        if mean.shape != alphas.shape or std_error.shape != alphas.shape:
            raise ValueError(f"{who}: alphas, mean and std_error must have the same shape "
                             f"(n_alphas,); got {alphas.shape}, {mean.shape}, {std_error.shape}.")
        alpha = _marker_value(self.alpha, "alpha", who)
        alpha_1se = _marker_value(self.alpha_1se, "alpha_1se", who)

        order = np.argsort(-alphas, kind="stable")
        alphas, mean, std_error = alphas[order], mean[order], std_error[order]
        ax, figure = _axes(ax)
        style = _style({"color": "tab:red", "marker": "o", "markersize": 3, "linewidth": 1.3,
                        "label": "mean"}, kwargs)
        self.line_ = ax.plot(alphas, mean, **style)[0]
        self.band_ = ax.fill_between(alphas, mean - std_error, mean + std_error,
                                     color=self.line_.get_color(), alpha=0.2, linewidth=0,
                                     label="± 1 standard error",
                                     zorder=self.line_.get_zorder() - 0.5)
        self.alpha_line_, self.alpha_1se_line_ = _draw_markers(ax, alpha, alpha_1se)
        _alpha_axis(ax, [*alphas, alpha, alpha_1se])
        label = self.score_name + (" (higher is better)" if self.greater_is_better else "")
        ax.set_ylabel(label)
        ax.legend(loc="best", fontsize="small")
        self.ax_, self.figure_ = ax, figure
        return self

    @classmethod
    def from_estimator(cls, cv_estimator, *, ax=None, **kwargs):
        """Draw the cross-validation curve of a fitted CV estimator.

        - :class:`~sklearn_reg.LassoCV`, :class:`~sklearn_reg.ElasticNetCV`:
          with ``scoring=None``, the mean over folds of ``mse_path_`` (the
          row of the chosen ``l1_ratio_``) and its standard error
          ``std(ddof=1) / sqrt(n_folds)``; with a ``scoring``, the
          ``mean_test_score`` and ``std_error_test_score`` of
          ``cv_results_``;
        - :class:`~sklearn_reg.RidgeCV`: its ``cv_summary_``;
        - :class:`~sklearn_reg.PathSearchCV`: its ``cv_results_`` (the rows
          of the chosen ``l1_ratio_``).

        The default score and the ``"neg_..."`` scorers are drawn as errors
        (the mean squared error, ...: lower is better), other scorers as
        scores. ``alpha_`` and ``alpha_1se_`` are marked.

        Parameters
        ----------
        cv_estimator : LassoCV, ElasticNetCV, RidgeCV, PathSearchCV or Pipeline
            Fitted; a fitted pipeline ending in one of the first three also
            works.
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        **kwargs : dict
            Passed to :meth:`plot` (properties of the mean curve).

        Returns
        -------
        display : CVCurveDisplay
            The display, drawn.

        Raises
        ------
        TypeError
            If the estimator is not one of the supported ones.
        sklearn.exceptions.NotFittedError
            If it is not fitted.

        Examples
        --------
        >>> from sklearn.datasets import make_regression
        >>> from sklearn_reg import LassoCV
        >>> from sklearn_reg.plotting import CVCurveDisplay
        >>> X, y = make_regression(n_samples=60, n_features=5, noise=5.0, random_state=0)
        >>> model = LassoCV(cv=3, alphas=30).fit(X, y)
        >>> display = CVCurveDisplay.from_estimator(model)
        >>> bool((display.line_.get_ydata() == model.mse_path_.mean(axis=1)).all())
        True
        """
        who = f"{cls.__name__}.from_estimator"
        _check_matplotlib(who)
        estimator = cv_estimator
        if isinstance(estimator, Pipeline) and estimator.steps:
            estimator = estimator.steps[-1][1]
        if not isinstance(estimator, _CV_ESTIMATORS):
            raise TypeError(
                f"{who} supports fitted sklearn_reg LassoCV, ElasticNetCV, RidgeCV and "
                f"PathSearchCV (or a Pipeline ending in one of the first three); got "
                f"{_qualified_name(estimator)}."
            )
        check_is_fitted(estimator)
        name, negate, greater = _score_description(estimator.scoring)

        if isinstance(estimator, RidgeCV):
            summary = estimator.cv_summary_
            mean = np.asarray(summary["mean_test_score"], dtype=np.float64)
            if mean.ndim != 1 or np.ndim(estimator.alpha_) != 0:
                raise ValueError(f"{who} draws one curve: RidgeCV(alpha_per_target=True) with "
                                 "several targets has one curve per target.")
            alphas = np.asarray(summary["alphas"], dtype=np.float64)
            std_error = np.asarray(summary["std_error_test_score"], dtype=np.float64)
            if estimator.cv is None:
                name = f"{name} (leave-one-out)"
        else:
            l1_param = getattr(estimator, "l1_ratio", None)
            l1_ratio_ = getattr(estimator, "l1_ratio_", 1.0)
            row, alphas = _grid_row(estimator.alphas_, l1_param, l1_ratio_)
            block = slice(row * alphas.size, (row + 1) * alphas.size)
            if estimator.scoring is None and hasattr(estimator, "mse_path_"):
                n_rows = np.asarray(estimator.alphas_).size // alphas.size
                mse = np.asarray(estimator.mse_path_, dtype=np.float64)
                mse = mse.reshape(n_rows, alphas.size, -1)[row]
                mean, std_error = mean_and_standard_error(mse)
                negate = False
            else:
                results = estimator.cv_results_
                mean = np.asarray(results["mean_test_score"], dtype=np.float64)[block]
                std_error = np.asarray(results["std_error_test_score"], dtype=np.float64)[block]
        if negate:
            mean = -mean
        return cls(alphas, mean, std_error, alpha=estimator.alpha_,
                   alpha_1se=estimator.alpha_1se_, score_name=name,
                   greater_is_better=greater).plot(ax=ax, **kwargs)


# --------------------------------------------------------------------------
# Coefficient comparison


def _final_coef(estimator, name, who):
    """The 1-d ``coef_`` of a fitted estimator, a pipeline's last step or a
    search's ``best_estimator_``, and the feature names it saw (or None)."""
    model, preprocessing = estimator, None
    check_is_fitted(model)
    if isinstance(model, PathSearchCV):
        if not hasattr(model, "best_estimator_"):
            raise ValueError(f"{who}: {name!r} is a PathSearchCV fitted with refit=False: "
                             "it has no coefficients.")
        model = model.best_estimator_
    if isinstance(model, Pipeline):
        preprocessing = model[:-1] if len(model.steps) > 1 else None
        model = model.steps[-1][1]
    coef = getattr(model, "coef_", None)
    if coef is None:
        raise TypeError(f"{who}: {name!r} ({_qualified_name(model)}) has no coef_: only linear "
                        "models can be compared.")
    coef = np.asarray(coef, dtype=np.float64)
    if coef.ndim == 2 and coef.shape[0] == 1:
        coef = coef[0]
    if coef.ndim != 1:
        raise ValueError(f"{who}: {name!r} has coefficients of shape {coef.shape}; one target "
                         "(1-d coef_) is needed.")
    return coef, _names_after(preprocessing, None, model)


def _default_name(estimator):
    if isinstance(estimator, Pipeline) and estimator.steps:
        return type(estimator.steps[-1][1]).__name__
    return type(estimator).__name__


class CoefficientComparisonDisplay:
    """Coefficients of several models side by side, as grouped bars.

    For every feature, one bar per model: L1 (lasso) coefficients that are
    exactly zero have no bar, L2 (ridge) ones are shrunk but rarely zero, and
    the elastic net is in between; the legend gives each model's count of
    non-zero coefficients. A horizontal line marks zero.

    Use :meth:`from_estimators` to compare fitted estimators. All parameters
    are stored as attributes.

    Parameters
    ----------
    coefs : dict of str to array-like of shape (n_features,)
        Model name to its coefficients; every vector has the same length.
        The bars come in the order of the dict.
    feature_names : array-like of str of shape (n_features,), default=None
        Names of the features (the x tick labels); None names them ``x0``,
        ``x1``, ...

    Attributes
    ----------
    bars_ : dict of str to matplotlib.container.BarContainer
        The bars of every model, by model name; bar ``j`` is feature ``j``.
    ax_ : matplotlib.axes.Axes
        The axes drawn into.
    figure_ : matplotlib.figure.Figure
        The figure of ``ax_``.

    See Also
    --------
    RegularizationPathDisplay : The coefficients along a whole path.

    Examples
    --------
    >>> from sklearn_reg.plotting import CoefficientComparisonDisplay
    >>> display = CoefficientComparisonDisplay(
    ...     {"Lasso": [0.0, 1.5, 0.0], "Ridge": [0.3, 1.2, -0.2]}, feature_names=["a", "b", "c"]
    ... ).plot()
    >>> [float(bar.get_height()) for bar in display.bars_["Lasso"]]
    [0.0, 1.5, 0.0]
    """

    def __init__(self, coefs, *, feature_names=None):
        self.coefs = coefs
        self.feature_names = feature_names

    def plot(self, ax=None, **kwargs):
        """Draw the bars.

        Parameters
        ----------
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        **kwargs : dict
            Passed to :meth:`matplotlib.axes.Axes.bar` for every model's bars
            (e.g. ``edgecolor``); ``label`` is the model's name.

        Returns
        -------
        display : CoefficientComparisonDisplay
            This display, with the drawn artists as attributes.

        Examples
        --------
        >>> import matplotlib.pyplot as plt
        >>> from sklearn_reg.plotting import CoefficientComparisonDisplay
        >>> fig, ax = plt.subplots()
        >>> display = CoefficientComparisonDisplay({"m": [1.0, -1.0]}).plot(ax=ax)
        >>> [tick.get_text() for tick in ax.get_xticklabels()]
        ['x0', 'x1']
        """
        who = f"{type(self).__name__}.plot"
        _check_matplotlib(who)
        if not isinstance(self.coefs, dict) or not self.coefs:
            raise ValueError(f"{who}: coefs must be a non-empty dict {{model name: coefficients}}.")
        vectors = {}
        for name, coef in self.coefs.items():
            coef = np.asarray(coef, dtype=np.float64)
            if coef.ndim == 2 and coef.shape[0] == 1:
                coef = coef[0]
            if coef.ndim != 1:
                raise ValueError(f"{who}: the coefficients of {name!r} must be 1-d, got shape {coef.shape}.")
            vectors[str(name)] = coef
        sizes = {coef.size for coef in vectors.values()}
        if len(sizes) != 1:
            raise ValueError(f"{who}: every model needs as many coefficients; got sizes "
                             f"{ {name: coef.size for name, coef in vectors.items()} }.")
        n_features = sizes.pop()
        names = _feature_names(self.feature_names, n_features, who)

        ax, figure = _axes(ax)
        positions = np.arange(n_features)
        width = 0.8 / len(vectors)
        style = dict(kwargs)
        style.pop("label", None)
        self.bars_ = {}
        for i, (name, coef) in enumerate(vectors.items()):
            offset = (i - (len(vectors) - 1) / 2) * width
            label = f"{name}: {np.count_nonzero(coef)} of {n_features} non-zero"
            self.bars_[name] = ax.bar(positions + offset, coef, width, label=label, **style)
        ax.axhline(0.0, color="black", linewidth=0.8)
        rotate = n_features > 10 or max(len(n) for n in names) > 8
        ax.set_xticks(positions, names, rotation=90 if rotate else 0)
        ax.set_xlim(-0.5, n_features - 0.5)
        ax.set_xlabel("Feature")
        ax.set_ylabel("Coefficient")
        ax.legend(loc="best", fontsize="small")
        self.ax_, self.figure_ = ax, figure
        return self

    @classmethod
    def from_estimators(cls, estimators, *, feature_names=None, ax=None, **kwargs):
        """Compare the coefficients of fitted estimators.

        Parameters
        ----------
        estimators : dict of str to estimator, or list of estimators
            Fitted linear models with a 1-d ``coef_``, pipelines ending in
            one (the last step's ``coef_``) or a fitted
            :class:`~sklearn_reg.PathSearchCV` (its ``best_estimator_``). A
            list names them by class (the last step's for a pipeline),
            numbering repeats.
        feature_names : array-like of str, default=None
            Names of the features; None takes them from the first model (a
            pipeline's ``get_feature_names_out``, else its
            ``feature_names_in_``), else ``x0``, ``x1``, ...
        ax : matplotlib.axes.Axes, default=None
            Axes to draw into; None makes a new figure.
        **kwargs : dict
            Passed to :meth:`plot` (bar properties).

        Returns
        -------
        display : CoefficientComparisonDisplay
            The display, drawn.

        Examples
        --------
        >>> from sklearn.datasets import make_regression
        >>> from sklearn_reg import ElasticNet, Lasso, Ridge
        >>> from sklearn_reg.plotting import CoefficientComparisonDisplay
        >>> X, y = make_regression(n_samples=50, n_features=6, n_informative=2,
        ...                        noise=1.0, random_state=0)
        >>> models = [Lasso(alpha=1.0), Ridge(alpha=1.0), ElasticNet(alpha=1.0)]
        >>> display = CoefficientComparisonDisplay.from_estimators([m.fit(X, y) for m in models])
        >>> list(display.bars_)
        ['Lasso', 'Ridge', 'ElasticNet']
        """
        who = f"{cls.__name__}.from_estimators"
        _check_matplotlib(who)
        if isinstance(estimators, dict):
            items = [(str(name), est) for name, est in estimators.items()]
        else:
            items, seen = [], {}
            for est in estimators:
                base = _default_name(est)
                seen[base] = seen.get(base, 0) + 1
                items.append((base if seen[base] == 1 else f"{base} ({seen[base]})", est))
        if not items:
            raise ValueError(f"{who}: no estimators given.")
        coefs, auto_names = {}, None
        for i, (name, est) in enumerate(items):
            coefs[name], names = _final_coef(est, name, who)
            if i == 0:
                auto_names = names
        names = feature_names if feature_names is not None else auto_names
        n_features = next(iter(coefs.values())).size
        if feature_names is None and names is not None and len(names) != n_features:
            names = None
        return cls(coefs, feature_names=names).plot(ax=ax, **kwargs)
