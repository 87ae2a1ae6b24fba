"""The coordinate-descent engine: one Numba routine for every estimator.

Problem solved, in the sample-count-scaled form used by scikit-learn's kernels::

    min_w  1/2 * ||R||^2  +  sum_j v_j * (l1 * |w_j| + l2 / 2 * w_j^2)
    R = y - Z w,   Z = diag(r) (X - 1 mu^T),   r = sqrt(sample weights)

with the sample weights rescaled to sum to ``n_samples`` (so this is ``n``
times the ``1/(2 n)`` objective of the estimators). ``y`` arrives centred and
weighted; ``Z`` is never formed for sparse input.

Layouts
-------
``X`` is either the C-ordered ``(n_features, n_samples)`` array ``Z^T``
(dense input is centred and weighted in a copy; its transpose makes each
column of ``Z`` a contiguous row, whatever the shape), or the tuple
``(data, indices, indptr, r, mu, q)`` describing a CSC matrix of the
*weighted, uncentred* values ``r_i * x_ij`` together with ``r``, the column
means ``mu`` and ``q_j = sum_i r_i * (r_i x_ij)``. Only the column primitives
below know the difference, so the update loop exists once.

The third layout, ``(G, Zty)``, is the Gram matrix ``Z^T Z`` and ``Z^T y``:
there the engine's "residual" is ``Z^T R``, of length ``n_features``, and an
update costs O(n_features) whatever ``n_samples`` (worth it when
``n_samples > n_features`` and many solves share ``G``).

For the sparse layout the residual is stored with a scalar offset,
``R = R_stored - c * r``, so that centring costs O(1) per coordinate update
instead of O(n): an epoch stays O(nnz(X)). ``aux = [c, r @ R_stored, r @ r]``
carries that state; :func:`materialize` folds the offset back before the
duality gap is computed.

Compilation
-----------
Numba compiles :func:`cd_solve` once per layout and dtype of ``X`` (the
caller passes read-only arrays, float64 coefficients and float64 side
arrays, so nothing else multiplies the variants). Only the column
primitives, the residual statistics and the short routines that move ``R``
depend on the layout; the penalty pieces, the duality gaps, screening,
working sets and extrapolation work on float64 vectors and compile once.
"""

import numpy as np
from numba import njit
from numba.core import types
from numba.extending import overload

_JIT = dict(cache=True, nogil=True)


# ---------------------------------------------------------------------------
# Column primitives. The Python bodies are the reference (and run under
# NUMBA_DISABLE_JIT); the overloads give Numba one body per layout.
# ---------------------------------------------------------------------------


def _layout(X):
    if not isinstance(X, tuple):
        return "dense"
    return "gram" if len(X) == 2 else "sparse"


def col_dot(X, j, R, aux):
    """Return ``Z[:, j] @ R`` for the true residual ``R``."""
    return _IMPLS[_layout(X)][0](X, j, R, aux)


def col_axpy(X, j, a, R, aux):
    """Apply ``R += a * Z[:, j]``."""
    _IMPLS[_layout(X)][1](X, j, a, R, aux)


def materialize(X, R, aux):
    """Fold the stored offset into ``R`` so that it is the true residual."""
    _IMPLS[_layout(X)][2](X, R, aux)


def start_residual(X, y, aux):
    """A new residual buffer for ``w = 0``: ``y``, or ``Z^T y`` for a Gram."""
    return _IMPLS[_layout(X)][3](X, y, aux)


def residual_norm2(X, y_norm2, w, R, aux):
    """``||y - Z w||^2`` (``R`` materialized)."""
    return _IMPLS[_layout(X)][5](X, y_norm2, w, R, aux)


def residual_stats(X, y_norm2, w, R, aux, XtR, free, P, idx, n_idx):
    """``(||R||^2, ||theta||^2, theta @ y)``, filling ``XtR[j] = Z[:, j]^T theta``
    for ``j`` in ``idx[:n_idx]`` (which must hold every non-zero ``w_j``).

    ``theta`` is the residual minus its projection on the unpenalized
    columns ``free``: a dual point must be orthogonal to them, and the
    residual only is so at the exact optimum. ``P`` describes that
    projection (see :func:`sklearn_reg._path.projector`): an orthonormal
    basis of those columns, ``(n_samples, rank)``, for the column layouts;
    the pseudo-inverse of their Gram block for the Gram layout. With no
    column in ``P``, ``theta`` is ``R``.
    """
    return _IMPLS[_layout(X)][4](X, y_norm2, w, R, aux, XtR, free, P, idx, n_idx)


def _dense_col_dot(X, j, R, aux):
    # BLAS dot on the contiguous row of Z^T: a plain loop cannot be
    # vectorized without reassociating the sum.
    return np.dot(X[j], R)


def _dense_col_axpy(X, j, a, R, aux):
    for i in range(R.shape[0]):
        R[i] += a * X[j, i]


def _no_offset(X, R, aux):
    pass


def _sparse_col_dot(X, j, R, aux):
    data, indices, indptr, r, mu, q = X
    acc = 0.0
    for k in range(indptr[j], indptr[j + 1]):
        acc += data[k] * R[indices[k]]
    c = aux[0]
    # xs_j @ (R_s - c r) - mu_j * r @ (R_s - c r)
    return acc - c * q[j] - mu[j] * (aux[1] - c * aux[2])


def _sparse_col_axpy(X, j, a, R, aux):
    data, indices, indptr, r, mu, q = X
    for k in range(indptr[j], indptr[j + 1]):
        R[indices[k]] += a * data[k]
    aux[0] += a * mu[j]
    aux[1] += a * q[j]


def _sparse_materialize(X, R, aux):
    r = X[3]
    c = aux[0]
    acc = 0.0
    rr = 0.0
    for i in range(R.shape[0]):
        R[i] -= c * r[i]
        acc += r[i] * R[i]
        rr += r[i] * r[i]
    aux[0] = 0.0
    aux[1] = acc
    aux[2] = rr


def _gram_col_dot(X, j, R, aux):
    return R[j]


def _gram_col_axpy(X, j, a, R, aux):
    G = X[0]  # symmetric: row j is column j, and contiguous
    for i in range(R.shape[0]):
        R[i] += a * G[j, i]


def _columns_start(X, y, aux):
    R = y.copy()
    materialize(X, R, aux)
    return R


def _gram_start(X, y, aux):
    return X[1].copy()


def _columns_stats(X, y_norm2, w, R, aux, XtR, free, P, idx, n_idx):
    materialize(X, R, aux)
    theta = R
    if P.shape[1] > 0:
        theta = R.copy()
        for a in range(P.shape[1]):
            c = 0.0
            for i in range(R.shape[0]):
                c += P[i, a] * R[i]
            for i in range(R.shape[0]):
                theta[i] -= c * P[i, a]
        materialize(X, theta, aux)  # bookkeeping for dot products with theta
    for f in range(n_idx):
        j = idx[f]
        XtR[j] = col_dot(X, j, theta, aux)
    materialize(X, R, aux)
    R_norm2 = 0.0
    T_norm2 = 0.0
    Ty = 0.0
    for i in range(R.shape[0]):
        R_norm2 += R[i] * R[i]
        T_norm2 += theta[i] * theta[i]
        Ty += theta[i] * R[i]
    # theta @ y = theta @ R + (Z^T theta) @ w, with w zero outside idx
    for f in range(n_idx):
        j = idx[f]
        Ty += XtR[j] * w[j]
    return R_norm2, T_norm2, Ty


def _gram_stats(X, y_norm2, w, R, aux, XtR, free, P, idx, n_idx):
    G, Zty = X
    wZty = 0.0
    wq = 0.0
    for j in range(w.shape[0]):
        if w[j] != 0.0:
            wZty += w[j] * Zty[j]
            wq += w[j] * R[j]
    for f in range(n_idx):
        XtR[idx[f]] = R[idx[f]]
    # ||y - Zw||^2 = ||y||^2 - w.Z^T y - w.Z^T R (cancellation: clip at 0)
    R_norm2 = max(y_norm2 - wZty - wq, 0.0)
    T_norm2 = R_norm2
    Ty = y_norm2 - wZty
    # theta = R - Z_free c with c = G_ff^+ Z_free^T R
    for a in range(free.shape[0]):
        c = 0.0
        for b in range(free.shape[0]):
            c += P[a, b] * R[free[b]]
        T_norm2 -= R[free[a]] * c
        Ty -= c * Zty[free[a]]
        for f in range(n_idx):
            j = idx[f]
            XtR[j] -= G[free[a], j] * c
    return R_norm2, max(T_norm2, 0.0), Ty


def _columns_norm2(X, y_norm2, w, R, aux):
    acc = 0.0
    for i in range(R.shape[0]):
        acc += R[i] * R[i]
    return acc


def _gram_norm2(X, y_norm2, w, R, aux):
    Zty = X[1]
    acc = y_norm2
    for j in range(w.shape[0]):
        if w[j] != 0.0:
            acc -= w[j] * (Zty[j] + R[j])
    return max(acc, 0.0)


_IMPLS = {
    "dense": (_dense_col_dot, _dense_col_axpy, _no_offset, _columns_start, _columns_stats,
              _columns_norm2),
    "sparse": (_sparse_col_dot, _sparse_col_axpy, _sparse_materialize, _columns_start, _columns_stats,
               _columns_norm2),
    "gram": (_gram_col_dot, _gram_col_axpy, _no_offset, _gram_start, _gram_stats, _gram_norm2),
}


def _impl_for(X, position):
    """The layout's implementation of a primitive, chosen from Numba's type."""
    if isinstance(X, types.Array):
        return _IMPLS["dense"][position]
    return _IMPLS["gram" if len(X.types) == 2 else "sparse"][position]


@overload(col_dot)
def _col_dot_typed(X, j, R, aux):
    return _impl_for(X, 0)


@overload(col_axpy)
def _col_axpy_typed(X, j, a, R, aux):
    return _impl_for(X, 1)


@overload(materialize)
def _materialize_typed(X, R, aux):
    return _impl_for(X, 2)


@overload(start_residual)
def _start_residual_typed(X, y, aux):
    return _impl_for(X, 3)


@overload(residual_norm2)
def _residual_norm2_typed(X, y_norm2, w, R, aux):
    return _impl_for(X, 5)


@overload(residual_stats)
def _residual_stats_typed(X, y_norm2, w, R, aux, XtR, free, P, idx, n_idx):
    return _impl_for(X, 4)


@njit(**_JIT)
def sparse_col_sq_norms(data, indptr):
    """Per-column sums of squares of CSC ``data``, accumulated in float64."""
    n_features = indptr.shape[0] - 1
    out = np.zeros(n_features)
    for j in range(n_features):
        acc = 0.0
        for k in range(indptr[j], indptr[j + 1]):
            acc += data[k] * data[k]
        out[j] = acc
    return out


# ---------------------------------------------------------------------------
# Penalty pieces: one coordinate's exact step and the duality gaps. They see
# only float64 vectors and scalars, so they compile once for every layout.
# ---------------------------------------------------------------------------

# Penalty kinds.
ENET = 0
MCP = 1
SCAD = 2
BOX = 3  # the elastic net with box constraints lower <= w <= upper


@njit(**_JIT)
def prox_enet(z, lipschitz, l1, l2, positive):
    """Minimizer of ``L/2 (w - z/L)^2 + l1 |w| + l2/2 w^2`` (``w >= 0`` if positive)."""
    if positive and z < 0.0:
        return 0.0
    a = abs(z) - l1
    if a <= 0.0:
        return 0.0
    denom = lipschitz + l2
    if denom <= 0.0:
        return 0.0
    return np.sign(z) * a / denom


@njit(**_JIT)
def _enet_gap(R_norm2, T_norm2, Ty, XtR, w, l1, l2, v, positive, idx, n_idx):
    """Duality gap of the elastic net from the residual statistics.

    The dual point is ``theta`` (the residual made orthogonal to the
    unpenalized columns) rescaled to be feasible when ``l1 > 0``:
    scikit-learn's formulation A (the L2 term joins the datafit).
    ``l1 == 0, l2 > 0``: the Fenchel gap of the ridge problem (scikit-learn's
    formulation B, which also covers ``positive``). ``l1 == l2 == 0``:
    ``||Z^T R||^2`` as scikit-learn (the projected gradient when
    ``positive``). Only the features ``idx[:n_idx]`` count (``w`` is zero
    elsewhere). Returns the gap and the dual scaling ``max(l1, dual_norm)``
    used by screening.
    """
    if l1 == 0.0 and l2 == 0.0:
        gap = 0.0
        for f in range(n_idx):
            j = idx[f]
            u = XtR[j]
            if positive and w[j] <= 0.0 and u < 0.0:
                continue
            gap += u * u
        return gap, 0.0

    if l1 == 0.0:
        penalties = 0.0
        for f in range(n_idx):
            j = idx[f]
            b = l2 * v[j]
            if b == 0.0:
                continue
            u = XtR[j]
            if positive:
                u = max(u, 0.0)
            penalties += 0.5 * b * w[j] * w[j] + u * u / (2.0 * b)
        return 0.5 * R_norm2 + 0.5 * T_norm2 - Ty + penalties, 0.0

    dual_norm = 0.0
    w_l1 = 0.0
    w_l2 = 0.0
    for f in range(n_idx):
        j = idx[f]
        if v[j] == 0.0:
            continue
        a = (XtR[j] - l2 * v[j] * w[j]) / v[j]
        if not positive:
            a = abs(a)
        if a > dual_norm:
            dual_norm = a
        w_l1 += v[j] * abs(w[j])
        w_l2 += v[j] * w[j] * w[j]
    scale = 1.0
    if dual_norm > l1:
        scale = l1 / dual_norm
    primal = 0.5 * (R_norm2 + l2 * w_l2) + l1 * w_l1
    dual = -0.5 * scale * scale * (T_norm2 + l2 * w_l2) + scale * Ty
    return primal - dual, max(l1, dual_norm)


@njit(**_JIT)
def _box_conjugate(u, l1v, l2v, lo, hi):
    """``sup_{lo <= w <= hi} u w - l1v |w| - l2v/2 w^2`` (finite by the
    caller's scaling of the dual point)."""
    if l2v > 0.0:
        t = abs(u) - l1v
        best = 0.0 if t <= 0.0 else np.sign(u) * t / l2v
        best = min(max(best, lo), hi)
        return u * best - l1v * abs(best) - 0.5 * l2v * best * best
    value = -np.inf
    for w in (lo, hi, min(max(0.0, lo), hi)):
        if np.isfinite(w):
            f = u * w - l1v * abs(w)
            if f > value:
                value = f
    return value


@njit(**_JIT)
def _box_gap(R_norm2, T_norm2, Ty, XtR, w, l1, l2, v, lower, upper, idx, n_idx):
    """Fenchel duality gap of the box-constrained elastic net.

    Dual point: ``theta`` times the largest ``s <= 1`` that keeps every
    conjugate finite (only features with no L2 term and an unbounded side
    constrain it).
    """
    s = 1.0
    primal = 0.5 * R_norm2
    for f in range(n_idx):
        j = idx[f]
        l1v, l2v = l1 * v[j], l2 * v[j]
        primal += l1v * abs(w[j]) + 0.5 * l2v * w[j] * w[j]
        if l2v > 0.0 or v[j] == 0.0:
            continue  # finite conjugate; or theta is orthogonal to the column
        u = XtR[j]
        if not np.isfinite(upper[j]) and u > l1v:
            s = min(s, l1v / u)
        if not np.isfinite(lower[j]) and -u > l1v:
            s = min(s, l1v / -u)
    dual = -0.5 * s * s * T_norm2 + s * Ty
    for f in range(n_idx):
        j = idx[f]
        dual -= _box_conjugate(s * XtR[j], l1 * v[j], l2 * v[j], lower[j], upper[j])
    return primal - dual


@njit(**_JIT)
def _piece_argmin(a, ab, c0, c1, c2, lo, hi, best_t, best_f):
    """Fold one piece ``c0 + c1 t + c2 t^2`` on ``[lo, hi)`` of a non-convex
    penalty into the running minimum of ``a/2 t^2 - ab t + P(t)``: the
    candidates are the piece's ends and its clipped stationary point."""
    quad = 0.5 * a + c2
    lin = c1 - ab
    t = lo
    f = c0 + lin * t + quad * t * t
    if f < best_f:
        best_t, best_f = t, f
    if hi < np.inf:
        t = hi
        f = c0 + lin * t + quad * t * t
        if f < best_f:
            best_t, best_f = t, f
    if quad > 0.0:
        t = min(max(-lin / (2.0 * quad), lo), hi)
        f = c0 + lin * t + quad * t * t
        if f < best_f:
            best_t, best_f = t, f
    return best_t, best_f


@njit(**_JIT)
def _nonconvex_step(a, b, lam, gamma, kind, positive):
    """Exact minimizer of ``a/2 w^2 - b w + P(w)`` (``a > 0``) for MCP/SCAD ``P``.

    The minimizer has the sign of ``b``; on each piece of ``P`` (MCP:
    ``lam t - t^2/(2 gamma)`` below ``gamma lam``, then constant; SCAD:
    linear, quadratic, constant) the function of ``t = |w|`` is quadratic.
    """
    if positive and b < 0.0:
        return 0.0
    if lam == 0.0:
        return b / a
    ab = abs(b)
    t, f = 0.0, 0.0
    if kind == MCP:
        t, f = _piece_argmin(a, ab, 0.0, lam, -0.5 / gamma, 0.0, gamma * lam, t, f)
        t, f = _piece_argmin(a, ab, 0.5 * gamma * lam * lam, 0.0, 0.0, gamma * lam, np.inf, t, f)
    else:
        g1 = gamma - 1.0
        t, f = _piece_argmin(a, ab, 0.0, lam, 0.0, 0.0, lam, t, f)
        t, f = _piece_argmin(a, ab, -lam * lam / (2.0 * g1), gamma * lam / g1, -0.5 / g1,
                             lam, gamma * lam, t, f)
        t, f = _piece_argmin(a, ab, 0.5 * lam * lam * (gamma + 1.0), 0.0, 0.0,
                             gamma * lam, np.inf, t, f)
    return t if b >= 0.0 else -t


@njit(**_JIT)
def _nonconvex_penalty(t, lam, gamma, kind):
    """MCP/SCAD penalty of ``t = |w|``."""
    if kind == MCP:
        if t < gamma * lam:
            return lam * t - 0.5 * t * t / gamma
        return 0.5 * gamma * lam * lam
    if t < lam:
        return lam * t
    if t < gamma * lam:
        return (gamma * lam * t - 0.5 * (t * t + lam * lam)) / (gamma - 1.0)
    return 0.5 * lam * lam * (gamma + 1.0)


@njit(**_JIT)
def _nonconvex_certificate(XtR, w, norms, l1, v, positive, gamma, kind, n_samples, idx, n_idx):
    """For MCP/SCAD: the total objective decrease that one exact step on each
    coordinate (from the current point) would make, scaled as the gap is
    (``XtR`` holds ``Z^T R``, unprojected)."""
    total = 0.0
    for f in range(n_idx):
        j = idx[f]
        L = norms[j]
        if L == 0.0:
            continue
        a, b, lam = L / n_samples, (XtR[j] + w[j] * L) / n_samples, l1 * v[j] / n_samples
        new = _nonconvex_step(a, b, lam, gamma, kind, positive)
        # the drop of a/2 w^2 - b w + P(w) from w[j] to new
        drop = (0.5 * a * (w[j] * w[j] - new * new) - b * (w[j] - new)
                + _nonconvex_penalty(abs(w[j]), lam, gamma, kind)
                - _nonconvex_penalty(abs(new), lam, gamma, kind))
        total += max(drop, 0.0)  # a step never increases it: below 0 is round-off
    return total * n_samples


@njit(**_JIT)
def _gap_from_stats(R_norm2, T_norm2, Ty, XtR, w, norms, l1, l2, v, positive, idx, n_idx,
                    kind, gamma, n_samples, lower, upper):
    """The stopping quantity on the features ``idx[:n_idx]``: the duality gap
    of the elastic net (boxed or not) or the non-convex certificate.
    Returns it with the dual scaling used by screening (0 when unused)."""
    if kind == ENET:
        return _enet_gap(R_norm2, T_norm2, Ty, XtR, w, l1, l2, v, positive, idx, n_idx)
    if kind == BOX:
        return _box_gap(R_norm2, T_norm2, Ty, XtR, w, l1, l2, v, lower, upper, idx, n_idx), 0.0
    return _nonconvex_certificate(XtR, w, norms, l1, v, positive, gamma, kind, n_samples,
                                  idx, n_idx), 0.0


@njit(**_JIT)
def _screen(w, XtR, norms, l1, l2, v, positive, gap, dual_scale, active, n_active, dropped):
    """Gap Safe screening: drop features that are zero at every optimum.

    Feature j is certainly inactive when ``v_j - |x_j^T theta| >
    sqrt(2 gap) / l1 * sqrt(||x_j||^2 + l2 v_j)`` for the feasible dual point
    ``theta = theta_R / max(l1, dual_norm)`` (Ndiaye et al. 2017, with the
    L2 term as augmented data, as scikit-learn). Compacts ``active``;
    dropped features with a non-zero coefficient go to ``dropped`` (the
    caller zeroes them and updates the residual). Returns both counts.
    """
    radius = np.sqrt(2.0 * max(gap, 0.0)) / l1
    kept = 0
    n_dropped = 0
    for f in range(n_active):
        j = active[f]
        if v[j] > 0.0 and norms[j] > 0.0:
            a = (XtR[j] - l2 * v[j] * w[j]) / dual_scale
            if not positive:
                a = abs(a)
            if v[j] - a > radius * np.sqrt(norms[j] + l2 * v[j]):
                if w[j] != 0.0:
                    dropped[n_dropped] = j
                    n_dropped += 1
                continue
        active[kept] = j
        kept += 1
    return kept, n_dropped


# ---------------------------------------------------------------------------
# Working sets and extrapolation (layout-free), then the routines that move
# the residual with the coefficients (one per layout).
# ---------------------------------------------------------------------------

# Working sets: used once at least _WS_MIN features survive screening; the
# first set has _WS_START features (plus twice the warm start's support),
# the next ones twice the support (doubling blindly overshoots: on p >> n
# the set would grow far past the support); a subproblem checks its own gap
# every _WS_GAP_EVERY epochs.
_WS_MIN = 64
_WS_START = 16
_WS_GAP_EVERY = 10
# Anderson extrapolation of the subproblem's iterates, every _ANDERSON_K epochs;
# along a path, cd_solve's memo counts the refusals in a row and the chances
# skipped since the last try in these slots.
_ANDERSON_K = 5
_REFUSED = 4
_SKIPPED = 5


@njit(**_JIT)
def solve_psd(G, rhs, L, z, out):
    """A solution ``out`` of ``G c = rhs`` for a small symmetric PSD ``G``
    (``L`` and ``z``: work space of G's shape and rhs's).

    Cholesky that skips pivots depending on earlier columns (their ``c`` is
    0, marked by a zero diagonal in ``L``), so a singular ``G`` is fine.
    Loops only: cheap to compile, and nothing allocated.
    """
    k = G.shape[0]
    for j in range(k):
        for m in range(k):
            L[j, m] = 0.0
    for j in range(k):
        d = G[j, j]
        for m in range(j):
            d -= L[j, m] * L[j, m]
        if d <= 1e-12 * max(G[j, j], 1e-300):
            continue
        L[j, j] = np.sqrt(d)
        for i in range(j + 1, k):
            acc = G[i, j]
            for m in range(j):
                acc -= L[i, m] * L[j, m]
            L[i, j] = acc / L[j, j]
    for j in range(k):
        z[j] = 0.0
        if L[j, j] != 0.0:
            acc = rhs[j]
            for m in range(j):
                acc -= L[j, m] * z[m]
            z[j] = acc / L[j, j]
    for j in range(k - 1, -1, -1):
        out[j] = 0.0
        if L[j, j] != 0.0:
            acc = z[j]
            for m in range(j + 1, k):
                acc -= L[m, j] * out[m]
            out[j] = acc / L[j, j]


@njit(**_JIT)
def _anderson_point(history, n_ws, positive, out, work):
    """Anderson extrapolation of the ``_ANDERSON_K + 1`` iterates in
    ``history`` (rows: past values of ``w`` on the working set) into
    ``out[:n_ws]``. Returns False when there is no usable point (degenerate
    differences, or a negative coefficient under ``positive``). ``work``:
    ``(2 * _ANDERSON_K + 3, _ANDERSON_K)`` floats of work space."""
    K = _ANDERSON_K
    C = work[:K]
    for a in range(K):
        for b in range(a + 1):
            acc = 0.0
            for f in range(n_ws):
                acc += ((history[a + 1, f] - history[a, f])
                        * (history[b + 1, f] - history[b, f]))
            C[a, b] = acc
            C[b, a] = acc
    ones = work[2 * K]
    for a in range(K):
        ones[a] = 1.0
    z = work[2 * K + 2]
    solve_psd(C, ones, work[K:2 * K], work[2 * K + 1], z)
    total = 0.0
    for a in range(K):
        total += z[a]
    if total == 0.0 or not np.isfinite(total):
        return False
    for f in range(n_ws):
        acc = 0.0
        for k in range(K):
            acc += z[k] / total * history[k + 1, f]
        if positive and acc < 0.0:
            return False
        out[f] = acc
    return True


@njit(**_JIT)
def _penalty(w, idx, n_idx, l1, l2, v):
    pen = 0.0
    for f in range(n_idx):
        j = idx[f]
        pen += v[j] * (l1 * abs(w[j]) + 0.5 * l2 * w[j] * w[j])
    return pen


@njit(**_JIT)
def _kth_smallest(a, n, k):
    """The ``k``-th smallest (0-based) of ``a[:n]``, by quickselect in place:
    O(n) expected (hand-written because Numba's sorts are slow to compile)."""
    lo, hi = 0, n - 1
    while lo < hi:
        x, y, z = a[lo], a[(lo + hi) // 2], a[hi]
        pivot = max(min(x, y), min(max(x, y), z))  # median of three
        i, j = lo, hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if k <= j:
            hi = j
        elif k >= i:
            lo = i
        else:
            break
    return a[k]


@njit(**_JIT)
def _ws_score(j, w, XtR, norms, l2, v, positive, dual_scale):
    """How far feature ``j`` is from violating its optimality condition
    (its Gap Safe score; -inf: always in the working set)."""
    if w[j] != 0.0 or v[j] == 0.0:
        return -np.inf
    if norms[j] == 0.0:
        return np.inf
    a = (XtR[j] - l2 * v[j] * w[j]) / dual_scale
    if not positive:
        a = abs(a)
    return (v[j] - a) / np.sqrt(norms[j] + l2 * v[j])


@njit(**_JIT)
def _build_working_set(w, XtR, norms, l2, v, positive, dual_scale, active, n_active,
                       ws, ws_size, scores):
    """The ``ws_size`` active features closest to violating their optimality
    condition (smallest Gap Safe score), always including the support and
    the unpenalized features, in the active set's order. Returns the set's
    size. ``scores`` is work space (the threshold is selected in place and
    the scores computed again, rather than copied: one O(p) buffer less)."""
    n_forced = 0
    for f in range(n_active):
        s = _ws_score(active[f], w, XtR, norms, l2, v, positive, dual_scale)
        scores[f] = s
        if s == -np.inf:
            n_forced += 1
    n_ws = min(max(ws_size, n_forced), n_active)
    threshold = _kth_smallest(scores, n_active, n_ws - 1)
    ties = n_ws
    for f in range(n_active):
        if scores[f] < threshold:
            ties -= 1
    k = 0
    for f in range(n_active):
        j = active[f]
        s = _ws_score(j, w, XtR, norms, l2, v, positive, dual_scale)
        if s < threshold or (s == threshold and ties > 0):
            if s == threshold:
                ties -= 1
            ws[k] = j
            k += 1
    return n_ws


@njit(**_JIT)
def _next_random(state, end):
    # xorshift32, as scikit-learn's rand_int: reproducible and thread-safe.
    s = state[0]
    s ^= (s << np.uint32(13)) & np.uint32(0xFFFFFFFF)
    s ^= s >> np.uint32(17)
    s ^= (s << np.uint32(5)) & np.uint32(0xFFFFFFFF)
    state[0] = s
    return np.int64(s % np.uint32(end))


@njit(**_JIT)
def _certificate(X, y_norm2, w, R, aux, XtR, norms, l1, l2, v, positive, idx, n_idx,
                 kind, gamma, n_samples, lower, upper, free, P, memo):
    """:func:`_gap_from_stats` of the current iterate (``R`` materialized);
    fills ``XtR`` on ``idx[:n_idx]``. On all the features, the statistics
    are kept in ``memo`` (``[1, ||R||^2, ||theta||^2, theta @ y]``): they do
    not depend on the penalty, so the next solve of a path starting from
    this ``w`` gets its first certificate for free."""
    R_norm2, T_norm2, Ty = residual_stats(X, y_norm2, w, R, aux, XtR, free, P, idx, n_idx)
    memo[0] = 1.0 if n_idx == w.shape[0] else 0.0
    memo[1] = R_norm2
    memo[2] = T_norm2
    memo[3] = Ty
    return _gap_from_stats(R_norm2, T_norm2, Ty, XtR, w, norms, l1, l2, v, positive, idx, n_idx,
                           kind, gamma, n_samples, lower, upper)


@njit(**_JIT)
def _screen_out(X, w, R, aux, XtR, norms, l1, l2, v, positive, gap, dual_scale, active,
                n_active, dropped, memo):
    """:func:`_screen`, then zero the dropped coefficients in ``w`` and ``R``."""
    kept, n_dropped = _screen(w, XtR, norms, l1, l2, v, positive, gap, dual_scale, active,
                              n_active, dropped)
    for d in range(n_dropped):
        j = dropped[d]
        col_axpy(X, j, w[j], R, aux)
        w[j] = 0.0
    if n_dropped > 0:
        memo[0] = 0.0
    return kept


@njit(**_JIT)
def _set_coefs(X, R, aux, w, ws, n_ws, values):
    """``w[ws[f]] = values[f]``, moving ``R`` along (left materialized)."""
    for f in range(n_ws):
        j = ws[f]
        if values[f] != w[j]:
            col_axpy(X, j, w[j] - values[f], R, aux)
            w[j] = values[f]
    materialize(X, R, aux)


@njit(**_JIT)
def _extrapolate(X, y_norm2, w, R, aux, history, n_ws, ws, l1, l2, v, positive, point, saved,
                 work):
    """Move ``w`` on the working set to the Anderson point of ``history``
    (whose last row is the current ``w[ws]``) if that lowers the objective,
    so that convergence is never traded. ``R`` must be materialized; on a
    refusal it is restored from ``saved`` (O(n), not a pass over the
    support). Returns whether ``w`` moved."""
    if not _anderson_point(history, n_ws, positive, point, work):
        return False
    before = 0.5 * residual_norm2(X, y_norm2, w, R, aux) + _penalty(w, ws, n_ws, l1, l2, v)
    for i in range(R.shape[0]):
        saved[i] = R[i]
    aux_saved = (aux[0], aux[1], aux[2])
    _set_coefs(X, R, aux, w, ws, n_ws, point)
    after = 0.5 * residual_norm2(X, y_norm2, w, R, aux) + _penalty(w, ws, n_ws, l1, l2, v)
    if after > before:  # no gain: undo
        for f in range(n_ws):
            w[ws[f]] = history[_ANDERSON_K, f]
        for i in range(R.shape[0]):
            R[i] = saved[i]
        aux[0], aux[1], aux[2] = aux_saved
        return False
    return True


@njit(**_JIT)
def cd_solve(X, y, w, norms, l1, l2, v, positive, max_iter, tol, random, seed,
             kind, gamma, lower, upper, free, P, XtR, memo):
    """Coordinate descent on one target; ``w`` is updated in place.

    Parameters
    ----------
    X : C-ordered ndarray (Z^T), CSC tuple or Gram tuple
        The (centred, weighted) design in one of the three layouts.
    y : ndarray of shape (n_samples,)
        Centred, weighted target, of the dtype of ``X``'s values.
    w : float64 ndarray of shape (n_features,)
        Initial coefficients (warm start), overwritten by the solution.
    norms : float64 ndarray of shape (n_features,)
        ``||Z[:, j]||^2``.
    l1, l2 : float
        Penalty strengths in the scaled objective.
    v : float64 ndarray of shape (n_features,)
        Penalty factors, ``v_j >= 0``.
    positive : bool
        Constrain ``w >= 0``.
    max_iter : int
        Maximum number of epochs.
    tol : float
        scikit-learn's tol: stop once the gap is ``<= tol * ||y||^2``.
    random : bool
        Visit coordinates in random order instead of cyclically.
    seed : int
        Seed of that order.
    kind : int
        The penalty: ``ENET`` (0, convex, stopped on the duality gap),
        ``MCP`` (1) or ``SCAD`` (2) with strength ``l1`` and concavity
        ``gamma`` (non-convex: stopped when the total decrease that exact
        coordinate steps could still make is at most ``tol * ||y||^2``),
        ``BOX`` (3, the elastic net within ``lower <= w <= upper``).
    gamma : float
        Concavity of MCP/SCAD (in the estimators' units); unused otherwise.
    lower, upper : float64 ndarray of shape (n_features,)
        Box constraints for ``BOX`` (``positive`` already folded into
        ``lower``); may be empty for the other kinds.
    free, P : int64 ndarray and float64 2-D ndarray
        The unpenalized features and their projector (see
        :func:`residual_stats`); empty when no dual point needs projecting.
    XtR : float64 ndarray of shape (n_features,)
        Work space for ``Z^T theta``, kept between the solves of a path.
    memo : float64 ndarray of shape (6,)
        State kept between the solves of a path (zeros at its start).
        ``memo[:4]``: the last full certificate's statistics (see
        :func:`_certificate`); ``memo[0] == 1`` says they (and ``XtR``)
        belong to the incoming ``w``: then the first certificate costs
        O(n_features). The caller sets ``memo[0] = 0`` whenever ``w``, the
        data or ``free, P`` change. ``memo[4:]``: extrapolations refused in
        a row and chances skipped since the last try.

    Returns
    -------
    gap : float
        Duality gap of the returned ``w`` (scaled objective).
    tol_abs : float
        ``tol * ||y||^2``, the threshold the gap was compared with.
    n_iter : int
        Epochs run (0 when the initial point already satisfied the gap).
    """
    n_features = w.shape[0]
    aux = np.zeros(3)
    state = np.array([np.uint32(seed % 4294967295 + 1)], dtype=np.uint32)
    everything = np.arange(n_features, dtype=np.uint32)
    active = np.arange(n_features, dtype=np.uint32)  # not yet screened out
    n_active = n_features
    ws = np.empty(n_features, dtype=np.uint32)  # working set: the coordinates an epoch visits
    scores = np.empty(n_features)
    dropped = np.empty(n_features, dtype=np.uint32)
    screening = l1 > 0.0 and kind == ENET  # safe rules need convexity
    use_ws = screening and n_features >= _WS_MIN
    history = np.empty((_ANDERSON_K + 1, n_features if use_ws else 0))
    point = np.empty(n_features if use_ws else 0)
    work = np.empty((2 * _ANDERSON_K + 3, _ANDERSON_K))
    ws_size = _WS_START
    for j in range(n_features):
        if w[j] != 0.0:
            ws_size += 2

    n_samples = y.shape[0]
    y_norm2 = 0.0
    for i in range(y.shape[0]):
        y_norm2 += y[i] * y[i]
    tol_abs = tol * y_norm2
    R = start_residual(X, y, aux)
    for j in range(n_features):
        if w[j] != 0.0:
            col_axpy(X, j, -w[j], R, aux)
    materialize(X, R, aux)
    saved = np.empty(R.shape[0] if use_ws else 0, dtype=R.dtype)

    if memo[0] == 1.0:
        gap, dual_scale = _gap_from_stats(memo[1], memo[2], memo[3], XtR, w, norms, l1, l2, v,
                                          positive, everything, n_features, kind, gamma,
                                          n_samples, lower, upper)
    else:
        gap, dual_scale = _certificate(X, y_norm2, w, R, aux, XtR, norms, l1, l2, v, positive,
                                       everything, n_features, kind, gamma, n_samples, lower,
                                       upper, free, P, memo)
    if gap <= tol_abs:
        return gap, tol_abs, 0
    if screening:
        n_active = _screen_out(X, w, R, aux, XtR, norms, l1, l2, v, positive, gap,
                               dual_scale, active, n_active, dropped, memo)

    n_iter = 0
    while n_iter < max_iter:
        # Outer loop: solve the subproblem on a working set of the features
        # most likely to be active, then certify on the whole problem.
        if use_ws and n_active >= _WS_MIN and ws_size < n_active:
            n_ws = _build_working_set(w, XtR, norms, l2, v, positive, dual_scale,
                                      active, n_active, ws, ws_size, scores)
        else:
            n_ws = n_active
            for f in range(n_active):
                ws[f] = active[f]
        whole = n_ws == n_active
        inner_tol = tol_abs if whole else 0.3 * gap
        n_inner = 0
        # the subproblem's gap is checked at its first small change of the
        # iterates (scikit-learn's trigger) and then when its linear rate
        # so far says it should be met, at most _WS_GAP_EVERY epochs apart:
        # a failed check costs as much as an epoch
        last_gap = gap
        last_check = 0  # no failed check yet: the first small change triggers one
        next_check = _WS_GAP_EVERY
        while n_iter < max_iter:
            n_iter += 1
            n_inner += 1
            memo[0] = 0.0
            w_max = 0.0
            d_w_max = 0.0
            for f in range(n_ws):
                j = ws[_next_random(state, n_ws) if random else f]
                L = norms[j]
                if L == 0.0:
                    continue
                w_j = w[j]
                z = col_dot(X, j, R, aux) + w_j * L
                if kind == ENET:
                    new = prox_enet(z, L, l1 * v[j], l2 * v[j], positive)
                elif kind == BOX:
                    # exact for a convex one-dimensional problem: clip the step
                    new = min(max(prox_enet(z, L, l1 * v[j], l2 * v[j], positive), lower[j]), upper[j])
                else:
                    # the scaled objective is n times the estimators' (penalty
                    # P(w; lam, gamma) with lam = l1 / n): step in their units
                    new = _nonconvex_step(L / n_samples, z / n_samples, l1 * v[j] / n_samples,
                                          gamma, kind, positive)
                if new != w_j:
                    col_axpy(X, j, w_j - new, R, aux)
                    w[j] = new
                d = abs(new - w_j)
                if d > d_w_max:
                    d_w_max = d
                if abs(new) > w_max:
                    w_max = abs(new)
            small_change = w_max == 0.0 or d_w_max / w_max <= tol
            slot = (n_inner - 1) % (_ANDERSON_K + 1)  # this set's iterates only
            if (small_change or n_iter == max_iter or n_inner % _WS_GAP_EVERY == 0
                    or (not whole and slot == _ANDERSON_K)):
                # Fold the sparse offset back before anything reads R, and
                # every few epochs so that it never grows and costs precision
                # (not every epoch: on a small working set that O(n) pass
                # would cost more than the epoch).
                materialize(X, R, aux)
            if not whole:
                for f in range(n_ws):
                    history[slot, f] = w[ws[f]]
                if slot == _ANDERSON_K:
                    # after r refusals in a row (along a whole path), try one
                    # chance in 2**r (at most 16): where the iterates do not
                    # extrapolate, a refused step costs about an epoch
                    memo[_SKIPPED] += 1.0
                    if memo[_SKIPPED] >= 2.0 ** min(memo[_REFUSED], 4.0):
                        memo[_SKIPPED] = 0.0
                        if _extrapolate(X, y_norm2, w, R, aux, history, n_ws, ws, l1, l2, v,
                                        positive, point, saved, work):
                            memo[_REFUSED] = 0.0
                        else:
                            memo[_REFUSED] += 1.0
            if whole:
                if small_change or n_iter == max_iter:
                    gap, dual_scale = _certificate(X, y_norm2, w, R, aux, XtR, norms, l1, l2, v,
                                                   positive, everything, n_features, kind,
                                                   gamma, n_samples, lower, upper, free, P, memo)
                    if gap <= tol_abs:
                        return gap, tol_abs, n_iter
                    if screening:
                        n_active = _screen_out(X, w, R, aux, XtR, norms, l1, l2, v, positive,
                                               gap, dual_scale, active, n_active, dropped, memo)
                        if n_active < n_ws:
                            break  # rebuild the (smaller) set of coordinates
            elif n_inner >= next_check or (last_check == 0 and small_change):
                inner, _ = _certificate(X, y_norm2, w, R, aux, XtR, norms, l1, l2, v, positive,
                                        ws, n_ws, kind, gamma, n_samples, lower, upper, free, P, memo)
                if inner <= inner_tol:
                    break
                wait = 1
                if 0.0 < inner < last_gap:
                    # epochs to go at the rate since the last check
                    need = (np.log(inner_tol / inner) / np.log(inner / last_gap)
                            * (n_inner - last_check))
                    wait = int(min(max(np.ceil(need), 1.0), float(_WS_GAP_EVERY)))
                last_gap = inner
                last_check = n_inner
                next_check = n_inner + wait
        if whole and n_active == n_ws:
            continue  # max_iter reached, or screening shrank the problem
        materialize(X, R, aux)  # screening may have moved R since the last check
        gap, dual_scale = _certificate(X, y_norm2, w, R, aux, XtR, norms, l1, l2, v, positive,
                                       everything, n_features, kind, gamma, n_samples, lower,
                                       upper, free, P, memo)
        if gap <= tol_abs:
            break
        if screening:
            n_active = _screen_out(X, w, R, aux, XtR, norms, l1, l2, v, positive, gap,
                                   dual_scale, active, n_active, dropped, memo)
        # the next set: twice the support (the support and as many of the
        # closest violators), never shrinking
        nnz = 0
        for j in range(n_features):
            if w[j] != 0.0:
                nnz += 1
        ws_size = min(max(2 * nnz, ws_size), n_active)
    return gap, tol_abs, n_iter
