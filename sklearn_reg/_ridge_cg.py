"""Conjugate gradient for ``Ridge`` on sparse X, centred implicitly.

The design is ``Z = Xw - r mu^T`` with ``Xw`` the CSC matrix of the weighted
values ``r_i x_ij`` (``_data.prepare``'s sparse layout), so centring never
densifies X. The iteration is scipy's unpreconditioned ``cg`` as scikit-learn
calls it for ``solver="sparse_cg"``, on the same system (the n x n dual
``Z Z^T + alpha I`` when ``n_features > n_samples``, else the p x p primal
``Z^T Z + alpha I``) with the same stopping rule (residual norm below
``tol`` times that of the right-hand side): the iterates, and so the
accuracy reached for a given ``tol``, are scikit-learn's up to rounding (on
an ill-conditioned system stopped early, rounding may move the stopping
iteration by one or two, either way). What differs is the
cost of an iteration: one compiled pass over the stored values for the dual
product instead of two scipy products and their temporaries, with every sum
in float64 whatever the data's dtype.
"""

import numpy as np
from numba import njit

_JIT = dict(cache=True, nogil=True)


@njit(**_JIT)
def _dual_product(data, indices, indptr, r, mu, v, alpha, out):
    """``out = (Z Z^T + alpha I) v`` in a single pass over the columns: each
    column's entry of ``Z^T v`` is scattered back as soon as it is known."""
    n = v.shape[0]
    rv = 0.0
    for i in range(n):
        rv += r[i] * v[i]
        out[i] = 0.0
    mu_s = 0.0
    for j in range(indptr.shape[0] - 1):
        start, stop = indptr[j], indptr[j + 1]
        s = 0.0
        for k in range(start, stop):
            s += data[k] * v[indices[k]]
        s -= mu[j] * rv
        mu_s += mu[j] * s
        if s != 0.0:
            for k in range(start, stop):
                out[indices[k]] += data[k] * s
    for i in range(n):
        out[i] += alpha * v[i] - r[i] * mu_s


@njit(**_JIT)
def _z_product(data, indices, indptr, r, mu, v, out):
    """``out = Z v`` (length n)."""
    out[:] = 0.0
    mu_v = 0.0
    for j in range(indptr.shape[0] - 1):
        vj = v[j]
        mu_v += mu[j] * vj
        if vj != 0.0:
            for k in range(indptr[j], indptr[j + 1]):
                out[indices[k]] += data[k] * vj
    for i in range(out.shape[0]):
        out[i] -= r[i] * mu_v


@njit(**_JIT)
def _zt_product(data, indices, indptr, r, mu, u, out):
    """``out = Z^T u`` (length p)."""
    ru = 0.0
    for i in range(u.shape[0]):
        ru += r[i] * u[i]
    for j in range(indptr.shape[0] - 1):
        s = 0.0
        for k in range(indptr[j], indptr[j + 1]):
            s += data[k] * u[indices[k]]
        out[j] = s - mu[j] * ru


@njit(**_JIT)
def _dot(a, b):
    # a plain loop: Numba's np.dot goes through a BLAS call whose overhead
    # (and threading) costs more than these vectors' arithmetic
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


@njit(**_JIT)
def _cg(data, indices, indptr, r, mu, b, alpha, rtol, max_iter, dual):
    """scipy's ``cg(A, b, rtol=rtol, atol=0, maxiter=max_iter)`` from zero,
    ``A`` the dual or primal ridge matrix; returns ``(x, n_iter)``."""
    m = b.shape[0]
    x = np.zeros(m)
    res = b.copy()
    p = np.zeros(m)
    q = np.empty(m)
    work = np.empty(r.shape[0])
    bound = rtol * np.sqrt(_dot(b, b))
    rho = _dot(res, res)
    if rho == 0.0:
        return x, 0
    rho_prev = 1.0
    for it in range(max_iter):
        if np.sqrt(rho) < bound:
            return x, it
        beta = rho / rho_prev if it > 0 else 0.0
        for i in range(m):
            p[i] = res[i] + beta * p[i]
        if dual:
            _dual_product(data, indices, indptr, r, mu, p, alpha, q)
        else:
            _z_product(data, indices, indptr, r, mu, p, work)
            _zt_product(data, indices, indptr, r, mu, work, q)
            for i in range(m):
                q[i] += alpha * p[i]
        pq = _dot(p, q)
        if pq <= 0.0:  # exact solution reached (or round-off): no descent left
            return x, it + 1
        step = rho / pq
        for i in range(m):
            x[i] += step * p[i]
            res[i] -= step * q[i]
        rho_prev = rho
        rho = _dot(res, res)
        if rho == 0.0:
            return x, it + 1
    return x, max_iter


def solve_sparse_cg(layout, y, alphas, tol, max_iter):
    """Ridge coefficients for each target of a sparse prepared problem.

    Parameters
    ----------
    layout : tuple
        ``(data, indices, indptr, r, mu, q)``, the sparse layout of
        ``_data.prepare``.
    y : ndarray of shape (n_samples, n_targets)
        Centred, weighted targets.
    alphas : ndarray of shape (n_targets,)
        Penalties in the prepared units.
    tol : float
        Relative residual norm at which the iteration stops.
    max_iter : int or None
        Iteration limit per target (scipy's ``10 * size`` when None).

    Returns
    -------
    coef : ndarray of shape (n_targets, n_features), float64
    n_iter : list of int
        Iterations per target (at least 1).
    """
    data, indices, indptr, r, mu, _ = layout
    # unsigned views (prepare keeps nnz below 2**31): Numba then indexes
    # without the wraparound test of negative indices, which halves the speed
    # of these memory-bound loops
    indices = indices.view(np.uint32)
    indptr = indptr.view(np.uint32)
    n, n_targets = y.shape
    p = mu.shape[0]
    r = np.asarray(r, dtype=np.float64)
    mu = np.asarray(mu, dtype=np.float64)
    dual = p > n
    coef = np.empty((n_targets, p))
    n_iter = []
    for k in range(n_targets):
        t = np.ascontiguousarray(y[:, k], dtype=np.float64)
        if dual:
            b = t
        else:
            b = np.empty(p)
            _zt_product(data, indices, indptr, r, mu, t, b)
        limit = 10 * b.shape[0] if max_iter is None else int(max_iter)
        x, it = _cg(data, indices, indptr, r, mu, b, float(alphas[k]), float(tol), limit, dual)
        if dual:
            _zt_product(data, indices, indptr, r, mu, x, coef[k])
        else:
            coef[k] = x
        n_iter.append(max(int(it), 1))
    return coef, n_iter
