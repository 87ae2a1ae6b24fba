r"""Ridge regularization paths from one decomposition, and ``RidgeCV``.

Every ridge solution of a problem, for any number of ``alpha`` values, comes
from a single spectral decomposition of the centred, square-root weighted
design ``Z`` (thin SVD, or eigendecomposition of ``Z^T Z`` or ``Z Z^T``):
with ``Z^T Z = V diag(L) V^T``, the coefficients are
``w(alpha) = V diag(1 / (L + alpha)) V^T Z^T t`` and the hat matrix is
``Z (Z^T Z + alpha I)^{-1} Z^T``. Exact leave-one-out residuals follow from
its diagonal, ``e_i / (1 - h_ii)``, so :class:`RidgeCV` scores every alpha
without refitting.
"""

import inspect
import numbers
import warnings

import numpy as np
from scipy import linalg, sparse
from scipy.linalg import blas
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.metrics import check_scoring, get_scorer_names
from sklearn.model_selection import check_cv
from sklearn.utils.validation import check_X_y

from ._base import RegularizedRegressor
from ._data import Problem, check_sample_weight, prepare
from ._params import Boolean, Options
from . import _ridge_direct
from ._ridge import Ridge, _gram
from ._ridge_direct import _add_gram, centred_outer_gram, column_moments, dual_to_primal
from ._selection import RULES, choose_index, mean_and_standard_error

# A dense design at least this many times taller (wider) than wide (tall) is
# decomposed through the eigenvalues of its small Gram matrix, not by SVD.
_EIGEN_ASPECT_RATIO = 10
# Floats of leave-one-out values (residuals, hat diagonal) held at a time.
_LOO_FLOATS = 2**22


# --------------------------------------------------------------------------
# Parameter rules specific to RidgeCV (the shared ones live in _params).


class _Alphas:
    """A positive float, or a non-empty 1-d array-like of reals (checked in fit)."""

    def __call__(self, estimator, name, value):
        what = f"The '{name}' parameter of {type(estimator).__name__}"
        if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
            raise TypeError(
                f"{what} must be an array-like of floats or a float in the range "
                f"(0, inf). Got {value!r} instead."
            )
        if isinstance(value, numbers.Real) and not (np.isfinite(value) and value > 0):
            raise ValueError(
                f"{what} must be a float in the range (0, inf). Got {value!r} instead.")


class _Scoring:
    """``None``, a callable scorer, or the name of a scikit-learn scorer."""

    def __call__(self, estimator, name, value):
        if value is None or callable(value):
            return
        what = f"The '{name}' parameter of {type(estimator).__name__}"
        if isinstance(value, str):
            if value not in get_scorer_names():
                raise ValueError(
                    f"{what} must be None, a callable or a scorer name from "
                    f"sklearn.metrics.get_scorer_names(). Got {value!r} instead."
                )
            return
        raise TypeError(f"{what} must be None, a str or a callable. Got {value!r} instead.")


class _CV:
    """``None``, an int >= 2, a CV splitter or an iterable of (train, test) splits."""

    def __call__(self, estimator, name, value):
        message = (
            f"The '{name}' parameter of {type(estimator).__name__} must be None, an "
            f"int >= 2, a CV splitter or an iterable. Got {value!r} instead."
        )
        if value is None:
            return
        if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
            if value < 2:
                raise ValueError(message)
            return
        if hasattr(value, "split") and hasattr(value, "get_n_splits"):
            return
        if hasattr(value, "__iter__") and not isinstance(value, (str, bytes)):
            return
        raise TypeError(message)


class _OptionsOrNone(Options):
    def __call__(self, estimator, name, value):
        if value is not None:
            super().__call__(estimator, name, value)


def _check_alphas(alphas, *, strict, owner="RidgeCV"):
    """``alphas`` as a 1-d float64 array, each finite and > 0 (``strict``) or >= 0."""
    values = np.asarray(alphas, dtype=object).ravel() if np.ndim(alphas) <= 1 else None
    if values is None:
        raise ValueError(
            f"The 'alphas' parameter of {owner} must be 1-d. Got shape {np.shape(alphas)}.")
    if values.size == 0:
        raise ValueError(f"The 'alphas' parameter of {owner} must not be empty.")
    out = np.empty(values.size, dtype=np.float64)
    bound = "> 0.0" if strict else ">= 0.0"
    for i, a in enumerate(values):
        if isinstance(a, (bool, np.bool_)) or not isinstance(a, numbers.Real):
            raise TypeError(f"alphas[{i}] must be an instance of float, not {type(a).__name__}.")
        a = float(a)
        if not np.isfinite(a) or a < 0 or (strict and a == 0):
            hint = " with leave-one-out cross-validation (cv=None)" if strict else ""
            raise ValueError(f"alphas[{i}] == {a}, must be {bound}{hint}.")
        out[i] = a
    return out


def _full_sample_weight(sample_weight, n_samples, dtype):
    """Validated weights as an array (a scalar weight is a constant array: it
    scales the loss against the penalty, as in scikit-learn), or ``None``."""
    if isinstance(sample_weight, numbers.Number):
        sample_weight = np.full(n_samples, float(sample_weight), dtype=dtype)
    return check_sample_weight(sample_weight, n_samples, dtype)


# --------------------------------------------------------------------------
# One decomposition for every alpha.


class _Spectrum:
    """Spectral form of one prepared ridge problem.

    ``Z`` (n x p) is the engine's centred, square-root weighted design and
    ``t`` (n x T) the matching targets (``_data.prepare``). With eigenvalues
    ``L`` of ``Z^T Z``, ``m = 1 / (L + alpha)`` (0 on the numerical null
    space) and a basis ``Q`` (n x r):

    - coefficients ``w = C diag(m) Q^T t``, with ``C = V S`` (SVD) or ``V``
      (eigenvectors of ``Z^T Z``), or ``w = Z^T Q diag(m) Q^T t``
      (eigenvectors ``Q`` of ``Z Z^T``);
    - hat diagonal ``h = (Q * Q) (g * m)``, fitted values ``Q diag(g m) Q^T t``,

    where ``g = L`` when ``Q`` has orthonormal columns (SVD, or eigenvectors
    of ``Z Z^T``) and ``g = 1`` when ``Q = Z V``. When ``Q`` is a complete
    orthonormal basis of R^n, residuals and ``1 - h`` are formed from
    ``alpha * m`` directly, without the cancellation of ``1 - h`` at small
    alpha.

    ``u`` is the unit intercept direction ``sqrt(s) / ||sqrt(s)||`` (None
    without intercept): its leverage ``u_i^2`` is part of ``h``.

    For dense X and the eigenvectors of ``Z^T Z`` (a :class:`_DenseDesign`),
    ``Q = Z V`` (n x p) is never held: ``Q`` is None and :meth:`loo_blocks`
    forms it one block of rows at a time.
    """

    def __init__(self, problem, kind, u=None, overwrite=False):
        t = problem.y
        n, p = t.shape[0], problem.norms.shape[0]
        Xp = problem.X
        eps = np.finfo(np.float64).eps
        if isinstance(Xp, tuple):
            data, indices, indptr, r, mu, _ = Xp
            Xs = sparse.csc_matrix((data, indices, indptr), shape=(n, p))
            self._zt = lambda v: np.asarray(Xs.T @ v) - np.outer(mu, r @ v)
        elif isinstance(Xp, _DenseDesign):
            self._zt = Xp.zt
        else:
            self._zt = lambda v: Xp.T @ v
        C = None
        if kind == "svd":
            # ``overwrite``: Xp is the prepared copy, decomposed in place
            U, s, Vt = linalg.svd(Xp, full_matrices=False, check_finite=False,
                                  overwrite_a=overwrite)
            null = s <= (s[0] if s.size else 0.0) * eps * max(n, p)
            L = s * s
            Q, C, g = U, Vt.T * s, L
            Qt = U.T @ t
        elif kind == "cov":
            if isinstance(Xp, tuple):
                G, Zt = _gram(problem)
            elif isinstance(Xp, _DenseDesign):
                G, Zt = Xp.inner_gram(t)  # upper triangle
            else:
                G, Zt = Xp.T @ Xp, Xp.T @ t
            L, V = linalg.eigh(G, lower=False, overwrite_a=True, check_finite=False,
                               driver="evd")
            null = L <= max(L[-1] if L.size else 0.0, 0.0) * eps * max(n, p)
            if isinstance(Xp, tuple):
                Q = np.asarray(Xs @ V) - np.outer(r, mu @ V)
            elif isinstance(Xp, _DenseDesign):
                Q = None  # Z V, taken a block of rows at a time (loo_blocks)
                self._design = Xp
            else:
                Q = Xp @ V
            C, g = V, np.ones_like(L)
            Qt = V.T @ Zt
        elif kind == "gram":
            if isinstance(Xp, tuple):
                a = np.asarray(Xs @ mu).ravel()
                K = (Xs @ Xs.T).toarray()
                K -= np.outer(a, r) + np.outer(r, a) - (mu @ mu) * np.outer(r, r)
            elif isinstance(Xp, _DenseDesign):
                K = Xp.gram()
            else:
                K = Xp @ Xp.T
            # the upper triangle: all that _DenseDesign.gram sets
            L, Q = linalg.eigh(K, lower=False, overwrite_a=True, check_finite=False,
                               driver="evd")
            null = L <= max(L[-1] if L.size else 0.0, 0.0) * eps * max(n, p)
            g = L
            Qt = Q.T @ t
        else:  # pragma: no cover - internal names only
            raise ValueError(kind)
        L = np.where(null, 0.0, np.maximum(L, 0.0))
        self.null, self.L, self.g = null, L, np.where(null, 0.0, g)
        self.Q, self.C, self.Qt, self.t, self.u = Q, C, Qt, t, u
        self.complete = kind != "cov" and Q.shape[1] == n
        self.n_samples = n
        self.n_features = p
        # a column that centring and weighting zero out has an exactly zero
        # coefficient (the decomposition would leave round-off there)
        self.zero_columns = np.flatnonzero(problem.norms == 0)
        self._Qu = None

    def _m(self, alphas):
        """``1 / (L + alpha)``, 0 on the null space; shape (r,) + alphas.shape."""
        L = self.L.reshape(-1, *([1] * np.ndim(alphas)))
        null = self.null.reshape(L.shape)
        with np.errstate(divide="ignore"):
            return np.where(null, 0.0, 1.0 / (L + alphas))

    def coefs(self, alphas):
        """Coefficients (T, p, A) for 1-d ``alphas`` in the prepared units."""
        M = self._m(np.asarray(alphas, dtype=np.float64))  # (r, A)
        n_targets, n_alphas = self.Qt.shape[1], M.shape[1]
        # every target and alpha in one product with C, or with Z^T (one
        # pass over X)
        B = (M[:, None, :] * self.Qt[:, :, None]).reshape(M.shape[0], -1)
        out = self.C @ B if self.C is not None else self._zt(self.Q @ B)
        out = np.ascontiguousarray(
            np.asarray(out).reshape(self.n_features, n_targets, n_alphas).transpose(1, 0, 2))
        out[:, self.zero_columns] = 0.0
        return out

    def coef(self, alpha):
        """Coefficients (T, p) at one alpha in the prepared units."""
        return self.coefs([alpha])[..., 0]

    def loo(self, alphas):
        """Residuals ``t - t_hat`` (n, T, A) and ``1 - h`` (n, A) at 1-d
        ``alphas`` > 0: a few matrix products for all of them."""
        if self._Qu is None and self.u is not None and self.complete:
            self._Qu = self.Q.T @ self.u
        alphas = np.asarray(alphas, dtype=np.float64)
        m = self._m(alphas)  # (r, A)
        u = self.u
        n_targets, n_alphas = self.Qt.shape[1], alphas.size
        if self.complete:
            a = np.where(self.null[:, None], 1.0, alphas * m)
            one_minus_h = self._squares_times(a)
            if u is not None:
                # u_i (Q diag(a) Q^T u)_i equals u_i^2 (u spans the null space
                # of the centred Z Z^T) and cancels the rounding of that direction
                one_minus_h -= u[:, None] * (self.Q @ (a * self._Qu[:, None]))
            fitted = None
            resid = self.Q @ (a[:, None, :] * self.Qt[:, :, None]).reshape(a.shape[0], -1)
        else:
            gm = self.g[:, None] * m
            one_minus_h = self._squares_times(gm)
            np.subtract(1.0, one_minus_h, out=one_minus_h)
            if u is not None:
                one_minus_h -= (u * u)[:, None]
            fitted = self.Q @ (gm[:, None, :] * self.Qt[:, :, None]).reshape(gm.shape[0], -1)
            resid = None
        if resid is None:
            resid = self.t[:, :, None] - fitted.reshape(-1, n_targets, n_alphas)
        return resid.reshape(-1, n_targets, n_alphas), one_minus_h

    def _squares_times(self, a):
        """``(Q * Q) a`` (n, k), squaring a block of rows of ``Q`` at a time
        (no second n x r matrix)."""
        Q = self.Q
        n, r = Q.shape
        out = np.empty((n, a.shape[1]))
        step = max(1, _ridge_direct._BLOCK_ELEMENTS // max(1, r))
        for start in range(0, n, step):
            block = Q[start:start + step]
            out[start:start + step] = (block * block) @ a
        return out

    def loo_blocks(self, alphas, step):
        """:meth:`loo` for ``step`` alphas at a time: yields ``(resid,
        one_minus_h)`` for ``alphas[0:step]``, ``alphas[step:2 step]``...

        Without ``Q`` (dense X with n > p, :class:`_DenseDesign`), ``Z V``
        is formed one block of rows at a time, never whole: each block gives
        its rows of the hat diagonal and of the fitted values. The hat
        diagonal does not depend on the targets, so with many targets it is
        taken for several blocks of alphas in one pass over X (at most about
        ``_LOO_FLOATS`` of it), and the fitted values ``Z W`` of each block from
        the coefficients ``W``.
        """
        alphas = np.asarray(alphas, dtype=np.float64)
        if self.Q is not None:
            for start in range(0, alphas.size, step):
                yield self.loo(alphas[start:start + step])
            return
        n = self.n_samples
        hat_step = step * max(1, (_LOO_FLOATS // max(1, n)) // step)
        for start in range(0, alphas.size, hat_step):
            chunk = alphas[start:start + hat_step]
            gm = self.g[:, None] * self._m(chunk)  # (r, a)
            if chunk.size <= step:
                h, fitted = self._row_passes(gm, self._scaled_qt(gm))
                yield self._residuals(fitted, chunk.size), self._one_minus_h(h)
                continue
            one_minus_h = self._one_minus_h(self._row_passes(gm, None)[0])
            for sub in range(0, chunk.size, step):
                part = gm[:, sub:sub + step]
                fitted = self._row_passes(None, self.C @ self._scaled_qt(part))[1]
                yield (self._residuals(fitted, part.shape[1]),
                       one_minus_h[:, sub:sub + step])

    def _scaled_qt(self, gm):
        """``diag(gm[:, k]) Q^T t`` for every alpha k, as (r, T * a)."""
        return (gm[:, None, :] * self.Qt[:, :, None]).reshape(gm.shape[0], -1)

    def _row_passes(self, gm, B):
        """One pass over blocks of rows of ``Z``: ``h = (Q * Q) gm`` (n, a)
        when ``gm`` is given, and fitted values (n, k): ``Q B`` when ``gm``
        is given, else ``Z B`` (``B`` then holds coefficients)."""
        n = self.n_samples
        h = None if gm is None else np.empty((n, gm.shape[1]))
        fitted = None if B is None else np.empty((n, B.shape[1]))
        for rows, Zb in self._design.row_blocks():
            if gm is None:
                fitted[rows] = Zb @ B
                continue
            Qb = Zb @ self.C
            if fitted is not None:
                fitted[rows] = Qb @ B
            Qb *= Qb
            h[rows] = Qb @ gm
        return h, fitted

    def _one_minus_h(self, h):
        np.subtract(1.0, h, out=h)
        if self.u is not None:
            h -= (self.u * self.u)[:, None]
        return h

    def _residuals(self, fitted, n_alphas):
        """``t - fitted`` (n, T, a), in place of ``fitted`` (n, T * a)."""
        resid = fitted.reshape(self.n_samples, -1, n_alphas)
        np.subtract(self.t[:, :, None], resid, out=resid)
        return resid


def _count_nonzero(spectrum, alphas, per_target, block=2**22):
    """Non-zero coefficients per alpha: (T, A) per target, else (1, A) counting
    the features non-zero for some target. Coefficients are formed for a
    block of alphas at a time (about ``block`` floats); when one block holds
    them all, they are returned too (else None)."""
    n_targets = spectrum.Qt.shape[1]
    step = max(1, block // max(1, n_targets * spectrum.n_features))
    counts = []
    for start in range(0, alphas.size, step):
        coefs = spectrum.coefs(alphas[start:start + step])  # (T, p, a)
        nz = coefs != 0
        counts.append(nz.sum(axis=1) if per_target else nz.any(axis=0).sum(axis=0)[None])
    return np.concatenate(counts, axis=1), (coefs if step >= alphas.size else None)


def _auto_kind(X):
    """The fastest accurate decomposition for this shape and storage."""
    n, p = X.shape
    if sparse.issparse(X):
        return "cov" if p <= n else "gram"
    if n >= _EIGEN_ASPECT_RATIO * p:
        return "cov"
    if p >= _EIGEN_ASPECT_RATIO * n:
        return "gram"
    return "svd"


def _prepared(X, y, sample_weight, fit_intercept, kind=None):
    """float64 problem, the alpha scale and the normalized weights.

    ``prepare`` rescales the weights to sum to ``n``; an ``alpha`` in Ridge
    units becomes ``alpha * scale`` on the prepared problem. For the
    ``"gram"`` and ``"cov"`` decompositions of dense X, the problem's ``X``
    is a :class:`_DenseDesign`: X is not copied.
    """
    n = X.shape[0]
    blocked = kind in ("gram", "cov") and not sparse.issparse(X)
    if not (blocked and kind == "cov"):
        # (the blocks of the "cov" route are float64: float32 X is not copied)
        X = X.astype(np.float64, copy=False)
    y = np.asarray(y, dtype=np.float64).reshape(n, -1)
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, dtype=np.float64)
    scale = 1.0 if sample_weight is None else n / sample_weight.sum()
    weights = np.ones(n) if sample_weight is None else sample_weight * scale
    if blocked:
        problem = _DenseDesign.problem(X, y, None if sample_weight is None else weights,
                                       fit_intercept)
    else:
        problem = prepare(X, y, sample_weight, fit_intercept)
    return problem, scale, weights


def _private(problem, X):
    """Whether the problem's dense design is a copy (which the
    decomposition may overwrite), not the user's X."""
    Z = problem.X
    return isinstance(Z, np.ndarray) and not np.may_share_memory(Z, X)


class _DenseDesign:
    """The centred, square-root weighted design ``Z = R (X - 1 mu^T)`` of
    dense X, never formed whole: its n x n or p x p Gram matrix and products
    ``Z^T V`` are taken from X (``_ridge_direct``) or from blocks of its rows
    (float64, in a small buffer), the column means and centred norms from
    one pass over X."""

    def __init__(self, X, weights, mu, norms, fit_intercept):
        self.X, self.mu, self.norms, self.fit_intercept = X, mu, norms, fit_intercept
        self.r = None if weights is None else np.sqrt(weights)
        self.total = float(X.shape[0])  # the weights sum to n

    @classmethod
    def problem(cls, X, y, weights, fit_intercept):
        n, p = X.shape
        w = np.ones(n) if weights is None else weights
        if fit_intercept:
            y_offset = w @ y / n
        else:
            y_offset = np.zeros(y.shape[1])
        t = y - y_offset
        if weights is not None:
            t *= np.sqrt(weights)[:, None]
        mu, norms = column_moments(X, weights, fit_intercept)
        design = cls(X, weights, mu, norms, fit_intercept)
        return Problem(design, np.asfortranarray(t), mu, y_offset, norms, n)

    def gram(self):
        """``Z Z^T`` (upper triangle, F-ordered)."""
        return centred_outer_gram(self.X, self.r, self.mu, self.norms, self.total,
                                  self.fit_intercept)

    def zt(self, V):
        """``Z^T V`` (p x k) for V (n x k)."""
        return dual_to_primal(self.X, V, self.mu, self.r, self.total, self.norms)

    def row_blocks(self):
        """Yields ``(rows, Z[rows])``, float64, about ``_BLOCK_ELEMENTS``
        elements each, in one reused buffer (in X's memory order)."""
        X = self.X
        n, p = X.shape
        step = max(1, _ridge_direct._BLOCK_ELEMENTS // max(1, p))
        order = "C" if X.flags.c_contiguous and not X.flags.f_contiguous else "F"
        buffer = None
        for start in range(0, n, step):
            rows = slice(start, min(start + step, n))
            source = X[rows]
            if buffer is None or buffer.shape != source.shape:
                buffer = np.empty(source.shape, dtype=np.float64, order=order)
            if self.fit_intercept:
                np.subtract(source, self.mu, out=buffer)
            else:
                buffer[...] = source
            if self.r is not None:
                buffer *= self.r[rows, None]
            yield rows, buffer

    def inner_gram(self, t):
        """``(Z^T Z, Z^T t)``: the p x p Gram matrix (upper triangle,
        F-ordered) and the right-hand sides.

        For unweighted float64 X whose column means are small next to the
        columns' spread (``total mu_j^2 <= ||z_j||^2``: centring after the
        product cancels at most one bit), the product of X itself is centred
        afterwards, in O(p^2); otherwise blocks of rows of ``Z`` are added up.
        """
        X, mu = self.X, self.mu
        p = X.shape[1]
        if (X.dtype == np.float64 and self.r is None
                and (not self.fit_intercept or np.all(self.total * mu * mu <= self.norms))):
            # np.dot, not @: matmul may miss BLAS's symmetric product for X^T X
            gram = np.dot(X.T, X).T  # symmetric; the transpose is F-ordered
            zt = np.dot(X.T, t)
            if self.fit_intercept:
                gram = blas.dger(-self.total, mu, mu, a=gram, overwrite_a=1)
                zt -= np.outer(mu, t.sum(axis=0))  # t is centred: round-off only
            return gram, zt
        gram = np.zeros((p, p), order="F")
        zt = np.zeros((p, t.shape[1]))
        for rows, Zb in self.row_blocks():
            _add_gram(gram, Zb, inner=True)
            zt += Zb.T @ t[rows]
        return gram, zt


def _path(X, y, sample_weight, alphas, fit_intercept, kind="auto"):
    """float64 ``coefs`` (T, p, A) and ``intercepts`` (T, A) for every alpha."""
    kind = _auto_kind(X) if kind == "auto" else kind
    problem, scale, _ = _prepared(X, y, sample_weight, fit_intercept, kind)
    spectrum = _Spectrum(problem, kind, overwrite=_private(problem, X))
    coefs = spectrum.coefs(np.asarray(alphas) * scale)
    intercepts = problem.y_offset[:, None] - np.einsum("j,tja->ta", problem.x_offset, coefs)
    if not fit_intercept:
        intercepts[:] = 0.0
    return coefs, intercepts


def ridge_path(X, y, *, alphas, fit_intercept=True, sample_weight=None,
               return_intercept=False):
    r"""Ridge coefficients for many regularization strengths at once.

    For each ``alpha`` the solution of

    .. math::

        \min_{w, b} \sum_i s_i (y_i - x_i^\top w - b)^2 + \alpha \|w\|_2^2

    is returned: the objective and units of :class:`Ridge`, so that
    ``ridge_path(X, y, alphas=[a])`` equals ``Ridge(alpha=a).fit(X, y)``. The
    textbook L2 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \frac{\lambda}{2}\sum w^2` on
    :math:`m` samples is ``alpha = m·λ``.

    All alphas share one decomposition of the centred, square-root weighted
    design, so the path costs one fit plus a matrix product per alpha. Dense
    ``X`` uses a thin SVD, or the eigendecomposition of the small Gram matrix
    (``X^T X`` or ``X X^T``) when one side is at least ten times the other.
    Sparse ``X`` is never densified: the eigendecomposition of the implicitly
    centred ``X^T X`` (when ``n_features <= n_samples``) or ``X X^T``
    (otherwise) is used, which needs ``min(n_samples, n_features)**2``
    floats of memory. Directions of the numerical null space of ``X`` get a
    zero coefficient, so ``alpha = 0`` gives the minimum-norm least-squares
    solution.

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,) or (n_samples, n_targets)
        Target values.
    alphas : array-like of shape (n_alphas,)
        Non-negative regularization strengths, in any order.
    fit_intercept : bool, default=True
        Whether to fit an unpenalized intercept.
    sample_weight : float or array-like of shape (n_samples,), default=None
        Weights ``s_i`` of the objective (not rescaled: multiplying all of
        them by ``k`` is the same as dividing alpha by ``k``).
    return_intercept : bool, default=False
        Also return the intercepts.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        The alphas, in the order given.
    coefs : ndarray of shape (n_features, n_alphas) or (n_targets, n_features, n_alphas)
        Coefficients along the path; the second shape for 2-d ``y``. Same
        floating dtype as ``X`` (computed in float64).
    intercepts : ndarray of shape (n_alphas,) or (n_targets, n_alphas)
        Only with ``return_intercept=True``; zeros when
        ``fit_intercept=False``.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import ridge_path
    >>> X, y = make_regression(n_samples=50, n_features=4, random_state=0)
    >>> alphas, coefs = ridge_path(X, y, alphas=[0.1, 1.0, 10.0])
    >>> coefs.shape
    (4, 3)
    """
    X, y = check_X_y(
        X, y, accept_sparse=["csr", "csc", "coo"], dtype=[np.float64, np.float32],
        multi_output=True, y_numeric=True,
    )
    if not isinstance(fit_intercept, (bool, np.bool_)):
        raise TypeError(f"fit_intercept must be a bool. Got {fit_intercept!r} instead.")
    alphas = _check_alphas(alphas, strict=False, owner="ridge_path")
    if sparse.issparse(X):
        X = X.tocsc()
    sample_weight = _full_sample_weight(sample_weight, X.shape[0], X.dtype)
    coefs, intercepts = _path(X, y, sample_weight, alphas, fit_intercept)
    coefs, intercepts = coefs.astype(X.dtype), intercepts.astype(X.dtype)
    if y.ndim == 1:
        coefs, intercepts = coefs[0], intercepts[0]
    if return_intercept:
        return alphas, coefs, intercepts
    return alphas, coefs


# --------------------------------------------------------------------------
# RidgeCV


class _PredictionPassthrough(RegressorMixin, BaseEstimator):
    """Scores given predictions: ``predict(P)`` returns ``P`` unchanged."""

    def predict(self, X):
        return X


def _linear_attributes(coef, intercept, fit_intercept, y_ndim, dtype):
    """``coef_``/``intercept_`` with scikit-learn's shapes and types from
    float64 ``coef`` (T, p) and ``intercept`` (T,)."""
    coef = coef.astype(dtype)
    coef = coef[0] if coef.shape[0] == 1 else coef
    if not fit_intercept:
        return coef, 0.0
    intercept = intercept.astype(dtype)
    return coef, (intercept[0] if y_ndim == 1 else intercept)


def _fitted_ridge(alpha, coef, intercept, fit_intercept, y_ndim, dtype, n_features):
    """A fitted :class:`Ridge` holding the given solution (for scorers)."""
    est = Ridge(alpha=alpha, fit_intercept=fit_intercept)
    est.coef_, est.intercept_ = _linear_attributes(coef, intercept, fit_intercept, y_ndim, dtype)
    est.n_features_in_ = n_features
    return est


def _scorer_takes_weights(scorer, estimator):
    """Whether fold scores can be weighted: the scorer (or, for the default
    score, the estimator's ``score``) accepts ``sample_weight``. Otherwise
    warn, as scikit-learn's grid search does, and score unweighted."""
    accepts = getattr(scorer, "_accept_sample_weight", None)
    if callable(accepts):
        accept = bool(accepts())
    else:
        try:
            accept = "sample_weight" in inspect.signature(scorer).parameters
        except (TypeError, ValueError):
            accept = False
    if not accept:
        warnings.warn(
            f"The scoring {scorer} does not support sample_weight, which may lead "
            f"to statistically incorrect results when fitting {estimator} with "
            "sample_weight.",
            UserWarning, stacklevel=4,
        )
    return accept


def _select(mean_score, se, alphas, rule):
    """Index chosen by ``rule`` on one score curve (higher is better)."""
    errors = -np.asarray(mean_score, dtype=np.float64)
    if np.all(np.isnan(errors)):
        return 0
    if rule == "1se" and not np.all(np.isfinite(se)):
        return None
    return choose_index(errors, se, alphas, rule)


class RidgeCV(RegularizedRegressor):
    r"""Ridge regression with built-in cross-validation of ``alpha``.

    A drop-in for :class:`sklearn.linear_model.RidgeCV`: same parameters,
    defaults and fitted attributes, with their scikit-learn meaning. For
    each candidate ``alpha`` it minimizes the :class:`Ridge` objective

    .. math::

        \sum_i s_i (y_i - x_i^\top w - b)^2 + \alpha \|w\|_2^2

    (sample weights ``s_i`` not rescaled). The textbook L2 loss
    :math:`\frac{1}{2m}\sum(y - Xw)^2 + \frac{\lambda}{2}\sum w^2` on
    :math:`m` samples is ``Ridge(alpha=m·λ)``.

    With ``cv=None`` (the default) the exact leave-one-out (LOO) error of
    every alpha comes from one decomposition of the centred, square-root
    weighted design, with no refit: the LOO residual of sample ``i`` is
    ``e_i / (1 - h_ii)`` with ``e`` the residuals and ``h`` the hat-matrix
    diagonal of the full fit (intercept included). Otherwise each fold is
    solved for all alphas at once by :func:`ridge_path` and scored with
    ``scoring``, as scikit-learn's grid search over :class:`Ridge` does.

    On top of scikit-learn's class, ``rule="1se"`` selects the largest alpha
    whose mean cross-validated error is within one standard error of the
    minimum (glmnet's ``lambda.1se``), and the attributes ``alpha_1se_`` and
    ``cv_summary_`` describe the whole error curve. The summary is not
    called ``cv_results_`` because scikit-learn's ``RidgeCV`` already uses
    that name for the per-sample LOO values, which are kept here with the
    same meaning.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,), default=(0.1, 1.0, 10.0)
        Regularization strengths to try, in :class:`Ridge` units. They must
        be positive for leave-one-out (``cv=None``) and non-negative
        otherwise.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    scoring : str, callable or None, default=None
        Scorer name (see :func:`sklearn.metrics.get_scorer_names`) or
        callable ``scorer(estimator, X, y)`` used to rank the alphas. With
        ``None``: the negative mean squared LOO error (weighted by
        ``sample_weight``) when ``cv=None``, otherwise the estimator's
        ``score`` (:math:`R^2`). With ``cv=None`` and a scorer, the scorer
        receives the LOO predictions of all samples at once (and
        ``sample_weight`` when given).
    cv : int, cross-validation generator, iterable or None, default=None
        ``None`` for efficient leave-one-out; an int for that many
        :class:`~sklearn.model_selection.KFold` folds; or a CV splitter or an
        iterable of (train, test) index arrays. Sample weights are used to
        fit every fold and, as in scikit-learn, to score it when the scorer
        accepts ``sample_weight`` (otherwise with a warning).
    gcv_mode : {"auto", "svd", "eigen"} or None, default=None
        Decomposition behind leave-one-out. ``"svd"``: thin SVD of the
        centred design (dense ``X``; sparse ``X`` falls back to ``"eigen"``
        with a warning). ``"eigen"``: eigendecomposition of ``X X^T`` when
        ``n_samples <= n_features``, else of ``X^T X``. ``"auto"`` and
        ``None``: SVD for dense ``X`` unless one side is at least ten times
        the other (then the smaller Gram), the smaller Gram for sparse ``X``
        (never densified).
    store_cv_results : bool, default=False
        Store the per-sample leave-one-out values in ``cv_results_`` (only
        with ``cv=None``).
    alpha_per_target : bool, default=False
        Choose one alpha per target (only with ``cv=None``).
    rule : {"min", "1se"}, default="min"
        How ``alpha_`` is chosen from the cross-validated errors: ``"min"``
        (the best score, scikit-learn's choice) or ``"1se"`` (the largest
        alpha whose mean error is within one standard error of the
        minimum). ``"1se"`` needs per-fold errors: with ``cv=None`` it needs
        ``scoring=None``.

    Attributes
    ----------
    alpha_ : float or ndarray of shape (n_targets,)
        Chosen alpha; one per target with ``alpha_per_target=True``.
    best_score_ : float or ndarray of shape (n_targets,)
        Cross-validated score at ``alpha_`` (the negative mean squared LOO
        error with ``cv=None, scoring=None``); one per target with
        ``alpha_per_target=True``.
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients of the fit on all the data at ``alpha_``.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept; ``0.0`` when ``fit_intercept=False``.
    cv_results_ : ndarray of shape (n_samples, n_alphas) or (n_samples, n_targets, n_alphas)
        Only with ``store_cv_results=True``: the weighted squared LOO
        errors ``s_i (y_i - ŷ_{-i})^2`` when ``scoring=None``, else the LOO
        predictions ``ŷ_{-i}``.
    alpha_1se_ : float or ndarray of shape (n_targets,)
        The alpha the ``"1se"`` rule picks, whatever ``rule`` is; NaN when
        no standard error is available (``cv=None`` with a scorer).
    cv_summary_ : dict
        The error curve, with arrays of shape (n_alphas,), or
        (n_targets, n_alphas) with ``alpha_per_target=True`` and several
        targets:

        - ``"alphas"``: the alphas, in the order given;
        - ``"mean_test_score"``: mean cross-validated score (higher is
          better; the mean over samples with ``cv=None``);
        - ``"std_error_test_score"``: its standard error,
          ``std(ddof=1) / sqrt(n_folds)`` over folds, or over samples with
          ``cv=None`` (NaN with ``cv=None`` and a scorer);
        - ``"n_nonzero"``: number of non-zero coefficients of the fit on
          all the data (features non-zero for some target); ``n_features``
          for ridge unless coefficients are exactly zero.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Feature names, when X has string column names.

    See Also
    --------
    Ridge : Ridge regression at one alpha.
    ridge_path : Ridge coefficients for many alphas.

    Examples
    --------
    >>> from sklearn.datasets import make_regression
    >>> from sklearn_reg import RidgeCV
    >>> X, y = make_regression(n_samples=60, n_features=5, noise=5.0, random_state=0)
    >>> model = RidgeCV(alphas=[0.1, 1.0, 10.0]).fit(X, y)
    >>> float(model.alpha_)
    0.1
    >>> sorted(model.cv_summary_)
    ['alphas', 'mean_test_score', 'n_nonzero', 'std_error_test_score']
    """

    _param_table = {
        "alphas": _Alphas(),
        "fit_intercept": Boolean(),
        "scoring": _Scoring(),
        "cv": _CV(),
        "gcv_mode": _OptionsOrNone("auto", "svd", "eigen"),
        "store_cv_results": Boolean(),
        "alpha_per_target": Boolean(),
        "rule": Options(*RULES),
    }

    def __init__(self, alphas=(0.1, 1.0, 10.0), *, fit_intercept=True,
                 scoring=None, cv=None, gcv_mode=None, store_cv_results=False,
                 alpha_per_target=False, rule="min"):
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.scoring = scoring
        self.cv = cv
        self.gcv_mode = gcv_mode
        self.store_cv_results = store_cv_results
        self.alpha_per_target = alpha_per_target
        self.rule = rule

    def fit(self, X, y, sample_weight=None, **params):
        """Choose alpha by cross-validation and fit on all the data.

        Parameters
        ----------
        X : {ndarray, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Target values.
        sample_weight : float or ndarray of shape (n_samples,), default=None
            Individual weights for each sample; a float weights every
            sample alike (which, as in scikit-learn, scales the loss against
            the penalty).
        **params : dict
            Only ``groups``, passed to the CV splitter's ``split`` (for
            group-aware splitters when ``cv`` is not None).

        Returns
        -------
        self : object
            Fitted estimator.
        """
        groups = params.pop("groups", None)
        if params:
            raise TypeError(
                f"RidgeCV.fit got unexpected keyword argument(s) {sorted(params)}; "
                "only sample_weight and groups are accepted."
            )
        scalar_weight = isinstance(sample_weight, numbers.Number)
        X, y, weights = self._validate_fit_input(
            X, y, None if scalar_weight else sample_weight)
        if scalar_weight:
            weights = _full_sample_weight(sample_weight, X.shape[0], X.dtype)
        sample_weight = weights
        if self.cv is not None:
            if self.store_cv_results:
                raise ValueError("cv!=None and store_cv_results=True are incompatible")
            if self.alpha_per_target:
                raise ValueError("cv!=None and alpha_per_target=True are incompatible")
        elif self.rule == "1se" and self.scoring is not None:
            raise ValueError(
                "rule='1se' needs per-sample errors: with cv=None it requires "
                "scoring=None (or pass a cv splitter)."
            )
        alphas = _check_alphas(np.atleast_1d(np.asarray(self.alphas, dtype=object)),
                               strict=self.cv is None)
        if self.cv is None:
            self._fit_loo(X, y, sample_weight, alphas)
        else:
            self._fit_cv(X, y, sample_weight, alphas, groups)
        return self

    # ---- leave-one-out -------------------------------------------------

    def _loo_kind(self, X):
        mode = "auto" if self.gcv_mode is None else self.gcv_mode
        if mode == "svd" and sparse.issparse(X):
            warnings.warn(
                "gcv_mode='svd' needs dense X; sparse X uses gcv_mode='eigen'.",
                UserWarning, stacklevel=4,
            )
            mode = "eigen"
        if mode == "eigen":
            return "gram" if X.shape[0] <= X.shape[1] else "cov"
        if mode == "svd":
            return "svd"
        return _auto_kind(X)

    def _fit_loo(self, X, y, sample_weight, alphas):
        n_samples = X.shape[0]
        dtype = X.dtype
        kind = self._loo_kind(X)
        problem, scale, weights = _prepared(X, y, sample_weight, self.fit_intercept, kind)
        u = np.sqrt(weights / weights.sum()) if self.fit_intercept else None
        spectrum = _Spectrum(problem, kind, u, overwrite=_private(problem, X))
        y2 = np.asarray(y, dtype=np.float64).reshape(n_samples, -1)
        n_targets = y2.shape[1]
        per_target = self.alpha_per_target and n_targets > 1
        scorer = None if self.scoring is None else check_scoring(self, scoring=self.scoring)
        score_kw = {} if sample_weight is None else {"sample_weight": sample_weight}
        sqrt_w = np.sqrt(weights)
        zero_rows = np.flatnonzero(sqrt_w == 0)
        Xr = X.tocsr() if sparse.issparse(X) else X

        n_alphas = alphas.size
        rows = n_targets if per_target else 1
        mean_score = np.empty((rows, n_alphas))
        std_error = np.full((rows, n_alphas), np.nan)
        stored = np.empty((n_samples, n_targets, n_alphas)) if self.store_cv_results else None
        score_shape = None

        # leave-one-out values for a block of alphas at a time (about _LOO_FLOATS
        # floats of residuals)
        step = max(1, _LOO_FLOATS // max(1, n_samples * n_targets))
        blocks = spectrum.loo_blocks(alphas * scale, step)
        for i, alpha in enumerate(alphas):
            if i % step == 0:
                block_resid, block_omh = next(blocks)
            resid, one_minus_h = block_resid[:, :, i % step], block_omh[:, i % step]
            looe = resid / one_minus_h[:, None]
            looe[zero_rows] = 0.0  # exactly: a zero-weight row of Z and t is zero
            if scorer is None:
                sq = looe * looe / scale  # s_i (y_i - ŷ_{-i})^2 in the user's weights
                if stored is not None:
                    stored[:, :, i] = sq
                per_sample = sq if per_target else sq.mean(axis=1, keepdims=True)
                mean_err, se = mean_and_standard_error(per_sample.T)
                mean_score[:, i], std_error[:, i] = -mean_err, se
                if self.alpha_per_target and y.ndim == 2:
                    score_shape = (n_targets,)  # one score per target, as scikit-learn
            else:
                with np.errstate(divide="ignore", invalid="ignore"):
                    err = looe / sqrt_w[:, None]
                if zero_rows.size:  # a zero-weight sample does not move the fit
                    coef = spectrum.coef(alpha * scale)
                    b = problem.y_offset - coef @ problem.x_offset
                    err[zero_rows] = y2[zero_rows] - (Xr[zero_rows] @ coef.T + b)
                pred = y2 - err
                if stored is not None:
                    stored[:, :, i] = pred
                if self.alpha_per_target and y.ndim == 2:
                    s = [scorer(_PredictionPassthrough(), pred[:, j], y2[:, j], **score_kw)
                         for j in range(n_targets)]
                    score_shape = (n_targets,)
                    mean_score[:, i] = s if per_target else s[0]
                elif y.ndim == 1:
                    mean_score[:, i] = scorer(_PredictionPassthrough(), pred[:, 0], y2[:, 0],
                                              **score_kw)
                else:
                    mean_score[:, i] = scorer(_PredictionPassthrough(), pred, y2, **score_kw)

        n_nonzero, coefs = _count_nonzero(spectrum, alphas * scale, per_target)
        chosen, chosen_1se = [], []
        for k in range(rows):
            chosen.append(_select(mean_score[k], std_error[k], alphas, self.rule))
            chosen_1se.append(_select(mean_score[k], std_error[k], alphas, "1se"))
        coef = np.empty((n_targets, X.shape[1]))
        for k in range(rows):
            targets = [k] if per_target else slice(None)
            if coefs is not None:
                coef[targets] = coefs[targets, :, chosen[k]]
            else:
                coef[targets] = spectrum.coef(alphas[chosen[k]] * scale)[targets]
        intercept = problem.y_offset - coef @ problem.x_offset

        if per_target:
            self.alpha_ = alphas[chosen]
            self.best_score_ = mean_score[np.arange(rows), chosen]
            self.alpha_1se_ = np.array([np.nan if c is None else alphas[c] for c in chosen_1se])
        else:
            self.alpha_ = float(alphas[chosen[0]])
            best = mean_score[0, chosen[0]]
            self.best_score_ = np.full(score_shape, best) if score_shape else (
                np.float64(best) if scorer is None else float(best))
            self.alpha_1se_ = np.nan if chosen_1se[0] is None else float(alphas[chosen_1se[0]])
        self.coef_, self.intercept_ = _linear_attributes(
            coef, intercept, self.fit_intercept, y.ndim, dtype)
        self._set_summary(alphas, mean_score, std_error, n_nonzero, per_target)
        if stored is not None:
            self.cv_results_ = (stored[:, 0] if y.ndim == 1 else stored).astype(dtype)

    # ---- K-fold or any splitter ---------------------------------------

    def _fit_cv(self, X, y, sample_weight, alphas, groups):
        n_features = X.shape[1]
        dtype = X.dtype
        cv = check_cv(self.cv, y, classifier=False)
        scorer = check_scoring(self, scoring=self.scoring)
        Xr = X.tocsr() if sparse.issparse(X) else X
        splits = list(cv.split(Xr, y, groups))
        weighted_scores = sample_weight is not None and _scorer_takes_weights(scorer, self)
        fold_scores = np.empty((alphas.size, len(splits)))
        for f, (train, test) in enumerate(splits):
            sw = None if sample_weight is None else sample_weight[train]
            spectrum, problem, scale = self._spectrum(Xr[train], y[train], sw)
            X_test, y_test = Xr[test], y[test]
            score_kw = {"sample_weight": sample_weight[test]} if weighted_scores else {}
            for i, alpha in enumerate(alphas):
                coef = spectrum.coef(alpha * scale)
                est = _fitted_ridge(alpha, coef, problem.y_offset - coef @ problem.x_offset,
                                    self.fit_intercept, y.ndim, dtype, n_features)
                fold_scores[i, f] = scorer(est, X_test, y_test, **score_kw)
        mean_score = fold_scores.mean(axis=1)
        _, std_error = mean_and_standard_error(-fold_scores)
        best = _select(mean_score, std_error, alphas, self.rule)
        best_1se = _select(mean_score, std_error, alphas, "1se")

        spectrum, problem, scale = self._spectrum(X, y, sample_weight)
        n_nonzero, coefs = _count_nonzero(spectrum, alphas * scale, False)
        coef = spectrum.coef(alphas[best] * scale) if coefs is None else coefs[..., best]
        self.alpha_ = np.float64(alphas[best])
        self.best_score_ = np.float64(mean_score[best])
        self.alpha_1se_ = float(alphas[best_1se])
        self.coef_, self.intercept_ = _linear_attributes(
            coef, problem.y_offset - coef @ problem.x_offset, self.fit_intercept, y.ndim, dtype)
        self._set_summary(alphas, mean_score[None], std_error[None], n_nonzero, False)

    def _spectrum(self, X, y, sample_weight):
        kind = _auto_kind(X)
        problem, scale, _ = _prepared(X, y, sample_weight, self.fit_intercept, kind)
        return _Spectrum(problem, kind, overwrite=_private(problem, X)), problem, scale

    def _set_summary(self, alphas, mean_score, std_error, n_nonzero, per_target):
        pick = (lambda a: a) if per_target else (lambda a: a[0])
        self.cv_summary_ = {
            "alphas": alphas.copy(),
            "mean_test_score": pick(mean_score),
            "std_error_test_score": pick(std_error),
            "n_nonzero": pick(n_nonzero),
        }
