r"""Direct ridge solves on dense X without a centred copy of X.

The normal equations need the Gram matrix of the centred, square-root
weighted design ``Z = diag(r) (X - 1 mu^T)``: ``Z^T Z`` (p x p) when
``n_features <= n_samples``, else ``Z Z^T`` (n x n). scikit-learn forms
``Z`` in a copy of X; here X is only read:

- for float64 data whose column means are small next to the columns'
  spread (so that centring after the product cancels little: at most one
  bit of the products' accuracy, checked on the result), the Gram product of
  X itself is centred afterwards, in O(p^2) (``X^T X - n mu mu^T``) or
  O(n^2) (``P (R X X^T R) P`` with the weighted centring projection ``P``),
  and the coefficients and intercept of the dual come from products with X
  and that Gram matrix;
- otherwise (and for float32 data, whose products stay float32 as in
  scikit-learn) ``Z`` is formed one block of rows or columns at a time in a
  small buffer that stays in cache while BLAS adds its Gram product: the
  exact centring of a full copy without the copy's memory.
"""

import numpy as np
from scipy import linalg
from numba import njit
from scipy.linalg import blas

# Elements of one centred block (4 MiB of float64): large enough for BLAS to
# run at full speed, small enough to stay in cache between the subtraction
# and the product.
_BLOCK_ELEMENTS = 2**19
# Rows (or columns) sampled to predict whether centring after the product
# is accurate, before paying for the product.
_SAMPLE = 256


def _x_offset(X, sample_weight, total):
    """Weighted column means of X, float64."""
    if sample_weight is None:
        return np.asarray(X.mean(axis=0), dtype=np.float64)
    # a product, not np.average: that would hold a weighted copy of X
    return np.asarray(sample_weight.astype(X.dtype) @ X, dtype=np.float64) / total


def _block(X, rows, cols, x_offset, r, buffer):
    """``Z[rows, cols]`` in ``buffer`` (or a new array when the shape differs)."""
    source = X[rows, cols]
    if buffer is None or buffer.shape != source.shape:
        buffer = np.empty(source.shape, dtype=X.dtype, order="F" if X.flags.f_contiguous else "C")
    np.subtract(source, x_offset[cols].astype(X.dtype, copy=False), out=buffer)
    if r is not None:
        buffer *= r[rows, None].astype(X.dtype, copy=False)
    return buffer


def _add_gram(gram, block, inner):
    """Add ``block^T block`` (``inner``) or ``block block^T`` to the upper
    triangle of ``gram`` (F-ordered float64).

    BLAS ``syrk`` computes one triangle only, half the products of a general
    matrix product, and accumulates in place; a C-ordered block is handed
    over as its (F-ordered) transpose, never copied.
    """
    syrk = blas.get_blas_funcs("syrk", (block,))
    trans = int(inner)
    if not block.flags.f_contiguous:
        block, trans = block.T, 1 - trans
    if block.dtype == np.float64:
        syrk(1.0, block, beta=1.0, c=gram, trans=trans, lower=0, overwrite_c=1)
    else:  # float32 products, as for a float32 copy, summed in float64
        gram += syrk(1.0, block, trans=trans, lower=0)


def _sample(n, size=_SAMPLE, run=32):
    """A sample of ``size`` of ``n`` rows or columns: runs of ``run``
    consecutive indices (cheap to gather from either memory order), evenly
    spread."""
    if n <= size:
        return slice(None)
    starts = np.linspace(0, n - run, size // run).astype(np.intp)
    return (starts[:, None] + np.arange(run)).ravel()


def _small_means(Xs, w, frobenius):
    """Whether the (weighted) column means of the sample ``Xs`` are small next
    to the columns' spread: ``total mu_j^2 <= ||z_j||^2 / 2`` for every
    column, or summed over the columns with ``frobenius``."""
    w = np.ones(Xs.shape[0]) if w is None else w
    mu = (w @ Xs) / w.sum()  # the sample's columns' means, with all the rows
    spread = w @ (Xs - mu) ** 2
    excess = w.sum() * mu**2
    if frobenius:
        return 2 * excess.sum() <= spread.sum()
    return bool(np.all(2 * excess <= spread))


@njit(cache=True, nogil=True, fastmath={"reassoc", "contract"})
def _column_sums(X, t, sums, xt):
    """``sums = X^T 1`` and ``xt = X^T t`` for F-ordered X in one pass (a
    column is reread from cache for each target after the first)."""
    n, p = X.shape
    for j in range(p):
        s = 0.0
        a = 0.0
        for i in range(n):
            x = X[i, j]
            s += x
            a += x * t[i, 0]
        sums[j] = s
        xt[j, 0] = a
        for k in range(1, t.shape[1]):
            a = 0.0
            for i in range(n):
                a += X[i, j] * t[i, k]
            xt[j, k] = a


def _sums(X, t):
    """``(X^T 1, X^T t)`` reading X once."""
    n, p = X.shape
    if X.flags.f_contiguous:
        sums, xt = np.empty(p), np.empty((p, t.shape[1]))
        _column_sums(X, np.ascontiguousarray(t), sums, xt)
        return sums, xt
    both = np.dot(X.T, np.column_stack([np.ones(n), t]))
    return both[:, 0], both[:, 1:]


def _no_check(x_finite):
    pass


def _finite_diagonal(gram):
    return bool(np.isfinite(gram.diagonal()).all())


def _primal(X, t, sample_weight, total, fit_intercept, alphas, check_finite):
    """``(Z^T Z + alpha I) w = Z^T t``; returns ``(coef (p, T), x_offset)``."""
    n, p = X.shape
    fast = X.dtype == np.float64 and sample_weight is None
    if fast and fit_intercept:
        fast = _small_means(X[_sample(n)], None, frobenius=False)
    if fast:
        sums, rhs = _sums(X, t)
        # np.dot, not @: matmul may miss BLAS's symmetric product for X^T X
        gram = np.dot(X.T, X).T  # symmetric; the transpose is F-ordered
        check_finite(_finite_diagonal(gram))
        mu = np.zeros(p)
        if fit_intercept:
            mu = sums / n
            raw = gram.diagonal().copy()
            gram = blas.dger(-float(n), mu, mu, a=gram, overwrite_a=1)  # in place: no temporary
            rhs -= np.outer(mu, t.sum(axis=0))  # t is centred: round-off only
        if not fit_intercept or np.all(raw <= 2 * gram.diagonal()):
            return solve_shifted(gram, alphas, rhs, overwrite=True), mu
    r = None if sample_weight is None else np.sqrt(sample_weight)
    mu = _x_offset(X, sample_weight, total) if fit_intercept else np.zeros(p)
    gram = np.zeros((p, p), order="F")
    rhs = np.zeros((p, t.shape[1]))
    step = max(1, _BLOCK_ELEMENTS // p)
    buffer = None
    for start in range(0, n, step):
        rows = slice(start, min(start + step, n))
        buffer = _block(X, rows, slice(None), mu, r, buffer)
        _add_gram(gram, buffer, inner=True)
        rhs += np.dot(buffer.T, t[rows].astype(X.dtype, copy=False))
    check_finite(_finite_diagonal(gram))
    return solve_shifted(gram, alphas, rhs), mu


def _dual(X, t, y_offset, sample_weight, total, fit_intercept, alphas, check_finite):
    """``(Z Z^T + alpha I) c = t``, ``w = Z^T c``; returns ``(coef (p, T),
    intercept (T,))``."""
    n, p = X.shape
    w = np.ones(n) if sample_weight is None else sample_weight
    r = np.sqrt(w)
    fast = X.dtype == np.float64
    if fast and fit_intercept:
        fast = _small_means(X[:, _sample(p)], sample_weight, frobenius=True)
    if fast:
        gram = np.dot(X, X.T).T  # X X^T, symmetric; the transpose is F-ordered
        check_finite(_finite_diagonal(gram))
        if sample_weight is not None:
            gram *= r[:, None]
            gram *= r
        if fit_intercept:
            # Z Z^T = P (R X X^T R) P with P = I - r r^T / total, in O(n^2)
            a = gram @ r / total
            raw = np.trace(gram)
            b = a - (r @ a / (2 * total)) * r
            gram = blas.dger(-1.0, r, b, a=gram, overwrite_a=1)
            gram = blas.dger(-1.0, b, r, a=gram, overwrite_a=1)
        if not fit_intercept or 2 * np.trace(gram) >= raw:
            C = solve_shifted(gram, alphas, t, overwrite=True)
            # Z^T C = X^T R P C: one product with X
            PC = C - np.outer(r, r @ C) / total if fit_intercept else C
            coef = np.dot(X.T, PC * r[:, None])
            if not fit_intercept:
                return coef, y_offset
            # mu^T coef = w^T X X^T R P C / total = a^T P C
            return coef, y_offset - a @ PC
    mu = _x_offset(X, sample_weight, total) if fit_intercept else np.zeros(p)
    gram = np.zeros((n, n), order="F")
    col_sq = np.empty(p)
    step = max(1, _BLOCK_ELEMENTS // n)
    buffer = None
    rr = None if sample_weight is None else r
    for start in range(0, p, step):
        cols = slice(start, min(start + step, p))
        buffer = _block(X, slice(None), cols, mu, rr, buffer)
        _add_gram(gram, buffer, inner=False)
        col_sq[cols] = np.einsum("ij,ij->j", buffer, buffer, dtype=np.float64)
    check_finite(_finite_diagonal(gram))
    C = solve_shifted(gram, alphas, t)
    coef = dual_to_primal(X, C, mu, rr, total, col_sq)
    return coef, y_offset - mu @ coef


def dual_to_primal(X, C, x_offset, r, total, col_sq):
    """Coefficients ``Z^T C`` (p x T) from the dual solution ``C`` (n x T).

    ``Z^T C = X^T (r C) - mu (r^T C)`` costs one product with X. Its rounding
    grows with ``|mu_j|`` relative to the spread of column j, so when some
    column's mean is larger than its (weighted) RMS deviation the product is
    taken on centred blocks instead, as accurate as with a centred copy.
    """
    n, p = X.shape
    RC = C if r is None else C * r[:, None]
    if np.all(total * x_offset**2 <= col_sq):
        coef = np.dot(X.T, RC.astype(X.dtype, copy=False)).astype(np.float64)
        coef -= np.outer(x_offset, RC.sum(axis=0) if r is None else r @ C)
        return coef
    coef = np.empty((p, C.shape[1]))
    step = max(1, _BLOCK_ELEMENTS // n)
    buffer = None
    for start in range(0, p, step):
        cols = slice(start, min(start + step, p))
        buffer = _block(X, slice(None), cols, x_offset, None, buffer)
        coef[cols] = np.dot(buffer.T, RC.astype(X.dtype, copy=False))
    return coef


# reassociated sums (vectorized); NaN and infinity still propagate
@njit(cache=True, nogil=True, fastmath={"reassoc", "contract"})
def _moments_by_column(X, w, center, mu, sq):
    n, p = X.shape
    total = 0.0
    for i in range(n):
        total += w[i]
    for j in range(p):
        m = 0.0
        if center:
            for i in range(n):
                m += w[i] * X[i, j]
            m /= total
        s = 0.0
        for i in range(n):  # the column is still in cache
            d = X[i, j] - m
            s += w[i] * d * d
        mu[j] = m
        sq[j] = s


@njit(cache=True, nogil=True, fastmath={"reassoc", "contract"})
def _moments_by_row(X, w, center, mu, sq):
    n, p = X.shape
    mu[:] = 0.0
    sq[:] = 0.0
    if center:
        total = 0.0
        for i in range(n):
            total += w[i]
            for j in range(p):
                mu[j] += w[i] * X[i, j]
        for j in range(p):
            mu[j] /= total
    for i in range(n):
        for j in range(p):
            d = X[i, j] - mu[j]
            sq[j] += w[i] * d * d


def column_moments(X, weights, center):
    """Weighted column means (zeros unless ``center``) and squared norms of
    the centred, square-root weighted columns, exactly (two passes over each
    column, or over the rows of C-ordered X), in float64."""
    n, p = X.shape
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    mu, sq = np.empty(p), np.empty(p)
    kernel = _moments_by_row if X.flags.c_contiguous and not X.flags.f_contiguous else _moments_by_column
    kernel(X, w, bool(center), mu, sq)
    return mu, sq


def centred_outer_gram(X, r, mu, norms, total, fit_intercept):
    """``Z Z^T`` (n x n, F-ordered, upper triangle set) of
    ``Z = diag(r) (X - 1 mu^T)``, from the exact column means ``mu`` and
    centred squared norms ``norms`` (``r`` None: unit weights, ``total``
    the sum of the weights).

    When the means are small next to the spread (``total ||mu||^2`` at most
    ``||Z||_F^2``, so centring after the product costs at most one bit), the
    product of X itself is centred in O(n^2); otherwise blocks of ``Z`` are
    formed in a small buffer.
    """
    n, p = X.shape
    if X.dtype == np.float64 and (not fit_intercept or total * (mu @ mu) <= norms.sum()):
        gram = np.dot(X, X.T).T  # symmetric; the transpose is F-ordered
        if r is not None:
            gram *= r[:, None]
            gram *= r
        if fit_intercept:
            w_sqrt = np.ones(n) if r is None else r
            a = gram @ w_sqrt / total
            b = a - (w_sqrt @ a / (2 * total)) * w_sqrt
            gram = blas.dger(-1.0, w_sqrt, b, a=gram, overwrite_a=1)
            gram = blas.dger(-1.0, b, w_sqrt, a=gram, overwrite_a=1)
        return gram
    gram = np.zeros((n, n), order="F")
    step = max(1, _BLOCK_ELEMENTS // n)
    buffer = None
    for start in range(0, p, step):
        cols = slice(start, min(start + step, p))
        buffer = _block(X, slice(None), cols, mu, r, buffer)
        _add_gram(gram, buffer, inner=False)
    return gram


def solve_dense(X, Y, sample_weight, fit_intercept, alphas, check_finite=None):
    """Ridge coefficients and intercepts for dense X by a direct solve.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Training data (float32 or float64), left untouched.
    Y : ndarray of shape (n_samples, n_targets)
        Targets.
    sample_weight : ndarray of shape (n_samples,) or None
        Weights ``s_i`` of the loss (not rescaled).
    fit_intercept : bool
        Whether to fit an unpenalized intercept.
    alphas : ndarray of shape (n_targets,)
        Penalty of each target.
    check_finite : callable or None
        Called as ``check_finite(x_finite)`` once the Gram matrix is formed
        and before anything can fail on NaN or infinity, ``x_finite`` telling
        whether its diagonal is finite (which it is when X is; an overflow
        may make it False for finite X).

    Returns
    -------
    coef : ndarray of shape (n_targets, n_features), float64
    intercept : ndarray of shape (n_targets,), float64
        Zeros without intercept.
    """
    n, p = X.shape
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight, dtype=np.float64)
    total = float(n if sample_weight is None else sample_weight.sum())
    Y = Y.astype(np.float64, copy=False)
    if not fit_intercept:
        y_offset = np.zeros(Y.shape[1])
    elif sample_weight is None:
        y_offset = Y.mean(axis=0)
    else:
        y_offset = sample_weight @ Y / total
    t = Y - y_offset
    if sample_weight is not None:
        t *= np.sqrt(sample_weight)[:, None]
    if check_finite is None:
        check_finite = _no_check
    if p <= n:
        coef, x_offset = _primal(X, t, sample_weight, total, fit_intercept, alphas, check_finite)
        return coef.T, y_offset - x_offset @ coef
    coef, intercept = _dual(X, t, y_offset, sample_weight, total, fit_intercept, alphas,
                            check_finite)
    return coef.T, intercept


@njit(cache=True, nogil=True)
def _upper_one_norm(A):
    """1-norm of the symmetric matrix whose upper triangle ``A`` (F-ordered)
    holds, without a temporary."""
    m = A.shape[0]
    sums = np.zeros(m)
    for j in range(m):
        s = abs(A[j, j])
        for i in range(j):
            v = abs(A[i, j])
            s += v
            sums[i] += v
        sums[j] += s
    return sums.max() if m else 0.0


def solve_shifted(gram, alphas, rhs, overwrite=False):
    """``(gram + alphas[k] I) x_k = rhs[:, k]`` for every column k.

    Only the upper triangle of the symmetric ``gram`` (F-ordered) is read;
    with ``overwrite``, ``gram`` must hold both triangles and the last
    factorization is made in its upper one (saving a copy). A Cholesky factorization per distinct alpha,
    checked as scipy's ``solve(assume_a="pos")`` checks it; a matrix that is
    not numerically positive definite, or is ill-conditioned (alpha ~ 0,
    collinear X), is solved by least squares instead.

    Returns
    -------
    x : ndarray of shape rhs.shape, float64
    """
    m = gram.shape[0]
    out = np.empty(rhs.shape)
    potrf, pocon, potrs, lamch = linalg.get_lapack_funcs(
        ("potrf", "pocon", "potrs", "lamch"), (gram,))
    distinct = np.unique(alphas)
    diagonal = gram.diagonal().copy()
    for a in distinct:
        cols = np.flatnonzero(alphas == a)
        in_place = overwrite and a == distinct[-1] and gram.flags.f_contiguous
        A = gram if in_place else np.array(gram, order="F", copy=True)
        A.flat[::m + 1] += a
        anorm = _upper_one_norm(A)
        factor, info = potrf(A, lower=0, overwrite_a=1, clean=0)
        if info == 0:
            rcond, info = pocon(factor, anorm)
        if info == 0 and rcond >= lamch("E"):
            x, info = potrs(factor, rhs[:, cols], lower=0)
            if info == 0:
                out[:, cols] = x.reshape(m, cols.size)
                continue
        if in_place:  # the lower triangle is intact
            A = np.tril(gram, -1)
            A += A.T
        else:
            A = np.triu(gram, 1)
            A += A.T
        A.flat[::m + 1] = diagonal + a
        out[:, cols] = linalg.lstsq(A, rhs[:, cols])[0]
    return out
