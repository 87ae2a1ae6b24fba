"""Regularization paths: the alpha grid and warm-started solves along it.

Every fit goes through :func:`solve_path` (a single fit is a path of one
alpha), which is the only caller of the engine.
"""

import numbers
import sys
import warnings

import numpy as np
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_array, check_random_state

from ._cd import BOX, ENET, cd_solve
from ._data import check_sample_weight, prepare, use_gram, with_gram

_CONVERGENCE_MESSAGE = (
    "Objective did not converge. You might want to increase the number of "
    "iterations (max_iter), check the scale of the features or consider "
    "increasing regularisation. Duality gap: {gap:.3e}, tolerance: {tol:.3e}"
)

_RESOLUTION = np.finfo(np.float64).resolution


def alpha_max(X, y, *, l1_ratio=1.0, fit_intercept=True, sample_weight=None,
              positive=False, penalty_factor=None):
    """Smallest alpha at which every coefficient is zero.

    ``max_j |x_j^T s (y - ybar)| / (sum(s) * l1_ratio * v_j)`` over penalized
    features, with ``x_j`` centred when ``fit_intercept``. X is never copied:
    once ``y`` is centred with the weights, centring X changes nothing.

    Parameters
    ----------
    X : {ndarray, sparse matrix} of shape (n_samples, n_features)
        Training data (validated).
    y : ndarray of shape (n_samples,)
        Target.
    l1_ratio : float, default=1.0
        Elastic-net mixing, ``0 < l1_ratio <= 1``.
    fit_intercept : bool, default=True
        Whether the intercept is fitted.
    sample_weight : ndarray of shape (n_samples,), default=None
        Sample weights.
    positive : bool, default=False
        Only positive correlations count.
    penalty_factor : ndarray of shape (n_features,), default=None
        Per-feature factors; features with a zero factor are ignored.

    Returns
    -------
    alpha_max : float
    """
    if l1_ratio <= 0:
        raise ValueError(
            "Automatic alpha grid generation is not supported for l1_ratio=0. "
            "Please supply a grid by providing the appropriate `alphas=` argument."
        )
    y = np.asarray(y, dtype=np.float64)
    s = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, np.float64)
    if fit_intercept:
        y = y - np.average(y, weights=s)
    corr = np.asarray(X.T @ (s * y), dtype=np.float64).ravel() / s.sum()
    if penalty_factor is not None:
        v = np.asarray(penalty_factor, dtype=np.float64)
        corr = np.where(v > 0, corr / np.where(v > 0, v, 1.0), 0.0)
    top = max(corr.max(), 0.0) if positive else np.abs(corr).max()
    return float(top) / l1_ratio if corr.size else 0.0


def alpha_grid(X, y, *, l1_ratio=1.0, eps=1e-3, n_alphas=100, fit_intercept=True,
               sample_weight=None, positive=False, penalty_factor=None):
    """Log-spaced grid from :func:`alpha_max` down to ``eps * alpha_max``.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        Decreasing, as scikit-learn's grid.
    """
    top = alpha_max(X, y, l1_ratio=l1_ratio, fit_intercept=fit_intercept,
                    sample_weight=sample_weight, positive=positive,
                    penalty_factor=penalty_factor)
    if top <= _RESOLUTION:
        return np.full(n_alphas, _RESOLUTION)
    return np.geomspace(top, top * eps, num=n_alphas)


def _frozen(a, dtype=None):
    """A read-only, C-contiguous view of ``a`` (copied only to get there).

    The engine takes every input array read-only: Numba compiles one variant
    per array type, writeable flag included, so user memmaps and our own
    buffers then share the compiled code.
    """
    a = np.ascontiguousarray(a, dtype=dtype).view()
    a.flags.writeable = False
    return a


def engine_layout(problem, target=0):
    """``(X, y, norms)`` of one target in the form :func:`cd_solve` takes.

    Dense ``Z`` goes as its C-ordered transpose (a view of the F-ordered
    copy), the Gram layout in float64 whatever the input dtype (p x p is
    small next to X), side arrays in float64; everything read-only.
    """
    X, y = problem.X, problem.y[:, target]
    if isinstance(X, tuple) and len(X) == 2:
        G, Zty = X
        X = (_frozen(G.T, np.float64), _frozen(Zty[:, target], np.float64))  # G is symmetric
        y = y.astype(np.float64)
    elif isinstance(X, tuple):
        data, indices, indptr, r, mu, q = X
        # the same bits read as unsigned: Numba then drops its negative-index
        # check from every gather, which halves the cost of a sparse epoch
        indices = np.asarray(indices, dtype=np.int32).view(np.uint32)
        indptr = np.asarray(indptr, dtype=np.int32).view(np.uint32)
        X = (_frozen(data), _frozen(indices), _frozen(indptr), _frozen(r, np.float64),
             _frozen(mu, np.float64), _frozen(q, np.float64))
    else:
        X = _frozen(X.T)
    return X, _frozen(y), _frozen(problem.norms, np.float64)


def projector(X, free):
    """``(free, P)``: the unpenalized features of an engine layout ``X`` and
    what :func:`sklearn_reg._cd.residual_stats` needs to project the dual
    point off their columns.

    Column layouts: an orthonormal basis of those columns, ``(n_samples,
    rank)``, by a thin SVD (collinear columns are fine). Gram layout: the
    pseudo-inverse of their Gram block. Computed once per path, in O(n k^2).
    """
    gram_layout = isinstance(X, tuple) and len(X) == 2
    if free.size == 0:
        if gram_layout:
            return _frozen(free, np.int64), _frozen(np.empty((0, 0)))
        n_samples = X[3].shape[0] if isinstance(X, tuple) else X.shape[1]
        return _frozen(free, np.int64), _frozen(np.empty((n_samples, 0)))
    if gram_layout:
        P = np.linalg.pinv(X[0][np.ix_(free, free)], hermitian=True)
    else:
        if isinstance(X, tuple):
            data, indices, indptr, r, mu, _ = X
            n_samples = r.shape[0]
            Xs = sparse.csc_matrix((data, indices.view(np.int32), indptr.view(np.int32)),
                                   shape=(n_samples, mu.shape[0]))
            Zf = Xs[:, free].toarray().astype(np.float64) - np.outer(r, mu[free])
        else:
            Zf = X[free].T.astype(np.float64)
        U, s, _ = np.linalg.svd(Zf, full_matrices=False)
        rank = int(np.sum(s > s[0] * max(Zf.shape) * np.finfo(np.float64).eps)) if s.size else 0
        P = U[:, :rank]
    return _frozen(free, np.int64), _frozen(P, np.float64)


def solve_path(problem, l1, l2, *, target=0, coef_init=None, penalty_factor=None,
               positive=False, max_iter=1000, tol=1e-4, selection="cyclic",
               random_state=None, verbose=0, penalty=ENET, gamma=0.0, lower=None,
               upper=None, memo=None):
    """Solve one target of ``problem`` for each ``(l1[i], l2[i])`` in turn,
    each warm-started from the previous solution.

    Strengths are in the engine's scaled units (see :mod:`sklearn_reg._cd`);
    ``penalty`` is the engine's penalty kind (``ENET``, ``MCP`` or ``SCAD``,
    with concavity ``gamma``). ``lower``/``upper`` (arrays of n_features)
    box the elastic net's coefficients. ``memo`` (float64, shape (6,),
    zeros for a new path) is the engine's state along the path (see
    :func:`~sklearn_reg._cd.cd_solve`): a caller solving one path in several
    calls passes the same array to each, so that the calls find the
    solutions of a single one.

    Returns
    -------
    coefs : ndarray of shape (n_steps, n_features)
    dual_gaps : ndarray of shape (n_steps,)
        Gaps divided by ``n_samples`` (scikit-learn's ``dual_gap_``).
    n_iters : list of int
    """
    n_features = problem.norms.shape[0]
    dtype = problem.y.dtype
    X, y, norms = engine_layout(problem, target)
    w = np.zeros(n_features)
    if coef_init is not None:
        w[:] = coef_init
    v = np.ones(n_features) if penalty_factor is None else np.asarray(penalty_factor, dtype=np.float64)
    if v.shape != (n_features,):
        raise ValueError(f"penalty_factor must have one entry per feature: got shape {v.shape} "
                         f"for {n_features} features.")
    v = _frozen(v)
    rng = check_random_state(random_state)
    random = selection == "random"
    no_box = _frozen(np.empty(0))
    if lower is not None or upper is not None:
        if penalty != ENET:
            raise ValueError("Box constraints are supported for the elastic net only.")
        penalty = BOX
        lower = np.full(n_features, -np.inf) if lower is None else np.asarray(lower, dtype=np.float64)
        upper = np.full(n_features, np.inf) if upper is None else np.asarray(upper, dtype=np.float64)
        if positive:
            lower = np.maximum(lower, 0.0)
        if np.any(lower > upper):
            raise ValueError("Infeasible bounds: some lower bound exceeds its upper bound.")
        # a start outside the box is moved into it
        w[:] = np.clip(w, lower, upper)
        lower, upper = _frozen(lower), _frozen(upper)
    else:
        lower = upper = no_box
    # the dual point of the elastic net is projected off the unpenalized
    # columns (not for the non-convex penalties nor for plain least squares)
    no_projection = projector(X, np.empty(0, dtype=np.int64))
    projection = projector(X, np.flatnonzero(v == 0)) if penalty in (ENET, BOX) else no_projection
    n_steps = len(l1)
    coefs = np.empty((n_steps, n_features), dtype=dtype)
    gaps = np.empty(n_steps, dtype=dtype)
    n_iters = []
    # the engine's last certificate, reused by the next step (same w)
    XtR, last_P = np.zeros(n_features), None
    memo = np.zeros(6) if memo is None else memo
    memo[0] = 0.0  # XtR is new
    for i in range(n_steps):
        seed = int(rng.randint(0, np.iinfo(np.int32).max))
        free, P = projection if penalty == BOX or l1[i] > 0 or l2[i] > 0 else no_projection
        if P is not last_P:
            memo[0] = 0.0  # the kept statistics were for another dual point
        last_P = P
        gap, tol_abs, n_iter = cd_solve(
            X, y, w, norms, float(l1[i]), float(l2[i]), v,
            bool(positive), int(max_iter), float(tol), random, seed,
            int(penalty), float(gamma), lower, upper, free, P, XtR, memo,
        )
        if gap > tol_abs:
            warnings.warn(_CONVERGENCE_MESSAGE.format(gap=gap, tol=tol_abs),
                          ConvergenceWarning, stacklevel=3)
        coefs[i] = w
        gaps[i] = gap / problem.n_samples
        n_iters.append(int(n_iter))
        if verbose:
            print(f"Path: {i + 1:03d} out of {n_steps:03d}", file=sys.stderr)
    return coefs, gaps, n_iters


def _resolve_alphas(alphas, n_alphas):
    """scikit-learn 1.9's ``alphas`` / deprecated ``n_alphas`` handling."""
    if n_alphas != "deprecated":
        warnings.warn(
            "'n_alphas' was deprecated in 1.9 and will be removed in 1.11. "
            "'alphas' now accepts an integer value which removes the need to pass "
            "'n_alphas'. Pass an explicit value to 'alphas' and leave 'n_alphas' "
            "to its default value to silence this warning.",
            FutureWarning, stacklevel=3,
        )
        if isinstance(alphas, str) or alphas is None:
            return n_alphas
    if isinstance(alphas, str) and alphas == "warn":
        return 100
    if alphas is None:
        warnings.warn(
            "'alphas=None' is deprecated and will be removed in 1.11, at which "
            "point the default value will be set to 100. Set 'alphas=100' to "
            "silence this warning.", FutureWarning, stacklevel=3,
        )
        return 100
    if isinstance(alphas, numbers.Integral) and not isinstance(alphas, bool):
        if alphas < 1:
            raise ValueError(f"The 'alphas' parameter must be a positive int or an array of floats. Got {alphas!r}.")
        return int(alphas)
    alphas = np.asarray(alphas, dtype=np.float64).ravel()
    if alphas.size == 0 or not np.all(np.isfinite(alphas)) or np.any(alphas < 0):
        raise ValueError("The 'alphas' parameter must hold non-negative finite floats.")
    return alphas


def enet_path(X, y, *, l1_ratio=0.5, eps=1e-3, n_alphas="deprecated", alphas="warn",
              precompute="auto", Xy=None, copy_X=True, coef_init=None, verbose=False,
              return_n_iter=False, positive=False, check_input=True, **params):
    r"""Compute the elastic-net path with coordinate descent.

    A drop-in for :func:`sklearn.linear_model.enet_path` for one target.
    Minimizes, for each alpha,

    .. math::

        \frac{1}{2 n} \|y - Xw\|_2^2 + \alpha \rho \|w\|_1
        + \frac{\alpha (1 - \rho)}{2} \|w\|_2^2,

    warm-starting each alpha from the previous one. As in scikit-learn, X
    and y are used as given (no intercept); pass ``fit_intercept=True`` to
    centre them (sparse X implicitly).

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Target (multi-task paths are not supported).
    l1_ratio : float, default=0.5
        Mixing parameter :math:`\rho \in (0, 1]` (0 needs explicit alphas).
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    n_alphas : int, default="deprecated"
        Deprecated, as in scikit-learn 1.9: use ``alphas=int``.
    alphas : int or array-like, default=100
        Number of alphas of the generated grid, or the alphas themselves
        (sorted decreasingly).
    precompute : bool, "auto" or array-like, default="auto"
        Solve on the Gram matrix ``X^T X`` (computed once for the whole
        path): "auto" does when ``n_samples > n_features``. A given array is
        taken as True and recomputed, so that it matches the centring.
    Xy : array-like of shape (n_features,), default=None
        Accepted for compatibility; recomputed when needed.
    copy_X : bool, default=True
        Accepted for compatibility; X is never modified.
    coef_init : ndarray of shape (n_features,), default=None
        Initial coefficients.
    verbose : bool or int, default=False
        Print progress to stderr.
    return_n_iter : bool, default=False
        Also return the number of epochs per alpha.
    positive : bool, default=False
        Constrain coefficients to be non-negative.
    check_input : bool, default=True
        Accepted for compatibility; input is always validated.
    **params : kwargs
        ``tol`` (1e-4), ``max_iter`` (1000), ``random_state``, ``selection``
        ("cyclic"), and beyond scikit-learn: ``sample_weight``,
        ``fit_intercept`` (False) and ``penalty_factor``.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        The alphas along the path.
    coefs : ndarray of shape (n_features, n_alphas)
        Coefficients along the path.
    dual_gaps : ndarray of shape (n_alphas,)
        Duality gaps at the end of each optimization.
    n_iters : list of int
        Epochs per alpha (only when ``return_n_iter``).

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import enet_path
    >>> X, y = make_regression(n_samples=50, n_features=5, random_state=0)
    >>> alphas, coefs, gaps = enet_path(X, y, alphas=3)
    >>> coefs.shape
    (5, 3)
    """
    tol = params.pop("tol", 1e-4)
    max_iter = params.pop("max_iter", 1000)
    random_state = params.pop("random_state", None)
    selection = params.pop("selection", "cyclic")
    sample_weight = params.pop("sample_weight", None)
    fit_intercept = params.pop("fit_intercept", False)
    penalty_factor = params.pop("penalty_factor", None)
    if params:
        raise ValueError("Unexpected parameters in params", params.keys())
    if not 0 <= l1_ratio <= 1:
        raise ValueError(f"l1_ratio must be in [0, 1]; got {l1_ratio!r}.")
    if selection not in ("cyclic", "random"):
        raise ValueError("selection should be either random or cyclic.")
    grid = _resolve_alphas(alphas, n_alphas)

    X = check_array(X, accept_sparse=["csc", "csr", "coo"], dtype=[np.float64, np.float32])
    if sparse.issparse(X):
        X = X.tocsc()
    y = check_array(y, dtype=X.dtype, ensure_2d=False)
    if y.ndim != 1:
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        else:
            raise ValueError("enet_path fits one target; multi-task paths are not supported (y must be 1-d).")
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X and y have inconsistent numbers of samples: {X.shape[0]} != {y.shape[0]}.")
    sample_weight = check_sample_weight(sample_weight, X.shape[0], X.dtype)
    if penalty_factor is not None:
        penalty_factor = np.asarray(penalty_factor, dtype=X.dtype)

    if isinstance(grid, int):
        grid = alpha_grid(X, y, l1_ratio=l1_ratio, eps=eps, n_alphas=grid,
                          fit_intercept=fit_intercept, sample_weight=sample_weight,
                          positive=positive, penalty_factor=penalty_factor)
    elif grid.size > 1:
        grid = np.sort(grid)[::-1]
    problem = prepare(X, y, sample_weight, fit_intercept)
    if use_gram(precompute, X):
        problem = with_gram(problem)
    n = problem.n_samples
    coefs, gaps, n_iters = solve_path(
        problem, grid * l1_ratio * n, grid * (1.0 - l1_ratio) * n,
        coef_init=coef_init, penalty_factor=penalty_factor, positive=positive,
        max_iter=max_iter, tol=tol, selection=selection,
        random_state=random_state, verbose=verbose,
    )
    if return_n_iter:
        return grid, coefs.T, gaps, n_iters
    return grid, coefs.T, gaps


def lasso_path(X, y, *, eps=1e-3, n_alphas="deprecated", alphas="warn",
               precompute="auto", Xy=None, copy_X=True, coef_init=None, verbose=False,
               return_n_iter=False, positive=False, **params):
    r"""Compute the Lasso path with coordinate descent.

    A drop-in for :func:`sklearn.linear_model.lasso_path` for one target:
    :func:`enet_path` with ``l1_ratio=1``, minimizing for each alpha

    .. math::

        \frac{1}{2 n} \|y - Xw\|_2^2 + \alpha \|w\|_1.

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Target.
    eps : float, default=1e-3
        ``alpha_min / alpha_max`` of the generated grid.
    n_alphas : int, default="deprecated"
        Deprecated, as in scikit-learn 1.9: use ``alphas=int``.
    alphas : int or array-like, default=100
        Number of alphas of the generated grid, or the alphas themselves.
    precompute : bool, "auto" or array-like, default="auto"
        As for :func:`enet_path`.
    Xy : array-like of shape (n_features,), default=None
        Accepted for compatibility.
    copy_X : bool, default=True
        Accepted for compatibility; X is never modified.
    coef_init : ndarray of shape (n_features,), default=None
        Initial coefficients.
    verbose : bool or int, default=False
        Print progress to stderr.
    return_n_iter : bool, default=False
        Also return the number of epochs per alpha.
    positive : bool, default=False
        Constrain coefficients to be non-negative.
    **params : kwargs
        As for :func:`enet_path`.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        The alphas along the path.
    coefs : ndarray of shape (n_features, n_alphas)
        Coefficients along the path.
    dual_gaps : ndarray of shape (n_alphas,)
        Duality gaps at the end of each optimization.
    n_iters : list of int
        Epochs per alpha (only when ``return_n_iter``).

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import lasso_path
    >>> X, y = make_regression(n_samples=50, n_features=5, random_state=0)
    >>> alphas, coefs, gaps = lasso_path(X, y, alphas=[1.0, 0.1])
    >>> coefs.shape
    (5, 2)
    """
    return enet_path(X, y, l1_ratio=1.0, eps=eps, n_alphas=n_alphas, alphas=alphas,
                     precompute=precompute, Xy=Xy, copy_X=copy_X, coef_init=coef_init,
                     verbose=verbose, return_n_iter=return_n_iter, positive=positive,
                     **params)
