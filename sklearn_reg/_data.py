"""From validated user arrays to the engine's layout: weights, centring, norms.

Everything the estimators, paths and CV objects need to hand a problem to
:func:`sklearn_reg._cd.cd_solve` is computed here, once.
"""

from collections import namedtuple

import numpy as np
from scipy import sparse

from ._cd import sparse_col_sq_norms

Problem = namedtuple(
    "Problem",
    [
        "X",  # engine layout: F-ordered centred weighted array, or CSC tuple
        "y",  # ndarray (n_samples, n_targets), centred and weighted
        "x_offset",  # ndarray (n_features,): weighted column means (0 without intercept)
        "y_offset",  # ndarray (n_targets,)
        "norms",  # ndarray (n_features,): squared norms of the engine's columns
        "n_samples",
    ],
)


def check_sample_weight(sample_weight, n_samples, dtype):
    """Validate ``sample_weight``; ``None`` or a scalar mean unit weights."""
    if sample_weight is None or np.isscalar(sample_weight):
        if sample_weight is not None and not np.isfinite(sample_weight):
            raise ValueError("sample_weight must be finite.")
        return None
    sample_weight = np.asarray(sample_weight)
    if sample_weight.dtype.kind not in "biuf":
        raise TypeError(
            f"sample_weight must be numeric, got dtype {sample_weight.dtype}."
        )
    sample_weight = sample_weight.astype(dtype, copy=False)
    if sample_weight.ndim != 1 or sample_weight.shape[0] != n_samples:
        raise ValueError(
            f"sample_weight.shape == {sample_weight.shape}, expected "
            f"({n_samples},)!"
        )
    if not np.all(np.isfinite(sample_weight)):
        raise ValueError("sample_weight contains NaN or infinity.")
    if np.any(sample_weight < 0):
        raise ValueError("sample_weight must be non-negative.")
    if not np.any(sample_weight > 0):
        raise ValueError("Sample weights must contain at least one non-zero number.")
    return sample_weight


def prepare(X, y, sample_weight, fit_intercept, copy_X=True, average=np.average):
    """Build the engine's :class:`Problem` from validated ``X`` and ``y``.

    Weights are rescaled to sum to ``n_samples`` (scikit-learn's convention for
    the elastic-net family). Dense ``X`` is centred and weighted in one
    Fortran-ordered copy, made in place only when ``copy_X=False`` and the
    array already has the engine's layout; sparse ``X`` is never densified
    and is centred implicitly. ``average(X, axis=0, weights=...)`` gives the
    column means of dense X (see :func:`row_order_average`).
    """
    n_samples, n_features = X.shape
    dtype = X.dtype
    y = np.asarray(y, dtype=dtype).reshape(n_samples, -1)
    if sample_weight is not None:
        sample_weight = sample_weight * (n_samples / sample_weight.sum())
        r = np.sqrt(sample_weight).astype(dtype)
    if fit_intercept:
        y_offset = np.average(y, axis=0, weights=sample_weight).astype(dtype)
    else:
        y_offset = np.zeros(y.shape[1], dtype=dtype)
    y_c = y - y_offset
    if sample_weight is not None:
        y_c *= r[:, None]
    y_c = np.asfortranarray(y_c)

    if sparse.issparse(X):
        X = sparse.csc_matrix(X)
        if X.nnz >= np.iinfo(np.int32).max:
            raise ValueError("Sparse X with 2**31 or more stored values is not supported.")
        indices = X.indices.astype(np.int32, copy=False)
        indptr = X.indptr.astype(np.int32, copy=False)
        data = X.data
        if sample_weight is None:
            r = np.ones(n_samples, dtype=dtype)
            q = np.asarray(X.sum(axis=0), dtype=np.float64).ravel()
        else:
            data = data * r[indices]  # a copy: the user's data stays untouched
            q = np.asarray(X.T @ sample_weight, dtype=np.float64).ravel()
        mu = q / n_samples if fit_intercept else np.zeros(n_features)
        # ||x_j - mu_j||^2 = sum x_ij^2 - 2 mu_j q_j + n mu_j^2, with one
        # temporary (p-sized arrays are most of a sparse fit's memory)
        norms = sparse_col_sq_norms(data, indptr)
        tmp = np.multiply(mu, q)
        tmp *= 2.0
        norms -= tmp
        np.multiply(mu, mu, out=tmp)
        tmp *= n_samples
        norms += tmp
        del tmp
        np.maximum(norms, 0.0, out=norms)
        mu = mu.astype(dtype, copy=False)
        layout = (data, indices, indptr, r, mu, q.astype(dtype, copy=False))
        return Problem(layout, y_c, mu, y_offset, norms.astype(dtype, copy=False), n_samples)

    if fit_intercept:
        x_offset = average(X, axis=0, weights=sample_weight).astype(dtype)
    else:
        x_offset = np.zeros(n_features, dtype=dtype)
    if fit_intercept or sample_weight is not None:
        in_place = not copy_X and X.flags.f_contiguous and X.flags.writeable
        Z = X if in_place else np.array(X, order="F", dtype=dtype, copy=True)
        if fit_intercept:
            Z -= x_offset
        if sample_weight is not None:
            Z *= r[:, None]
    else:
        Z = np.asfortranarray(X)
    norms = np.einsum("ij,ij->j", Z, Z, dtype=np.float64).astype(dtype)
    return Problem(Z, y_c, x_offset, y_offset, norms, n_samples)


_BLOCK = 2**18  # elements of the temporary blocks below (2 MiB in float64)


def take_rows(X, rows):
    """``X[rows]`` of a dense ``X`` as one Fortran-ordered copy, the engine's
    layout, which :func:`prepare` then centres in place (``X[rows]`` would be
    C-ordered, and centring would copy it once more).

    ``rows`` is anything ``X[rows]`` takes on the first axis (integers,
    a boolean mask, a list), with the same errors.
    """
    n, p = X.shape
    rows = np.arange(n)[rows]
    out = np.empty((rows.size, p), dtype=X.dtype, order="F")
    if not X.flags.f_contiguous:  # blocks of rows, contiguous in X
        step = max(1, _BLOCK // max(p, 1))
        for i in range(0, rows.size, step):
            out[i:i + step] = X[rows[i:i + step]]
    elif rows.size >= 1024:  # long columns: one gather each, straight into its place
        for j in range(p):  # rows are valid now: "clip" spares take()'s bounds buffer
            np.take(X[:, j], rows, out=out[:, j], mode="clip")
    else:  # short columns: blocks of them, fewer calls
        step = max(1, _BLOCK // max(rows.size, 1))
        for j in range(0, p, step):
            out[:, j:j + step] = X[rows, j:j + step]
    return out


def row_order_average(X, axis=0, weights=None):
    """``np.average(X, axis=0, weights=weights)`` exactly as numpy computes it
    on a C-ordered copy of ``X``, whatever the layout of ``X``.

    numpy sums the rows of a C-ordered array one after the other, but the
    contiguous columns of a Fortran-ordered one pairwise: the last bits
    differ. This keeps the former (the means of a fold taken as ``X[rows]``,
    which is C-ordered) on the single Fortran-ordered copy of
    :func:`take_rows`, summing blocks of rows in turn, each block's sum
    continuing the one before.
    """
    if axis != 0:
        raise ValueError("row_order_average averages over the rows only (axis=0).")
    n, p = X.shape
    if X.flags.c_contiguous or n == 0:
        return np.average(X, axis=0, weights=weights)
    if weights is None:
        dtype = X.dtype
    else:
        weights = np.asarray(weights)
        dtype = np.result_type(X.dtype, weights.dtype)
    step = max(1, _BLOCK // max(p, 1))
    buf = np.empty((min(step, n) + 1, p), dtype=dtype)
    total = None
    for i in range(0, n, step):
        block = X[i:i + step]
        b = block.shape[0]
        first = 0 if total is None else 1  # row 0 carries the sum so far
        if weights is None:
            buf[first:first + b] = block
        else:
            np.multiply(block, weights[i:i + step, None], out=buf[first:first + b], dtype=dtype)
        if total is not None:
            buf[0] = total
        total = np.add.reduce(buf[:first + b], axis=0)
    if weights is None:  # numpy's mean: the sum divided in place by the count
        return np.true_divide(total, np.intp(n), out=total, casting="unsafe")
    scale = weights.reshape(n, 1).sum(axis=(0,), dtype=dtype)
    if np.any(scale == 0.0):
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    return total / scale


def gram(problem):
    """``Z^T Z`` (Fortran order) and ``Z^T y`` (n_features, n_targets) of the
    engine's centred, weighted design, in float64; sparse X is never densified."""
    X = problem.X
    if isinstance(X, tuple):
        data, indices, indptr, r, mu, q = X
        n, p = problem.y.shape[0], mu.shape[0]
        # float64 products: the centring below subtracts nearly equal terms
        Xs = sparse.csc_matrix((data.astype(np.float64), indices, indptr), shape=(n, p))
        mu, q, r = mu.astype(np.float64), q.astype(np.float64), r.astype(np.float64)
        G = (Xs.T @ Xs).toarray()
        G -= np.outer(mu, q) + np.outer(q, mu) - n * np.outer(mu, mu)
        Zy = np.asarray(Xs.T @ problem.y) - np.outer(mu, r @ problem.y)
        return np.asfortranarray(G), Zy
    # float64 products; the engine's Gram layout is float64 for any input
    # np.dot, not @: numpy's matmul misses the fast BLAS path for Z^T Z here
    return (np.asfortranarray(np.dot(X.T, X), dtype=np.float64),
            np.asarray(np.dot(X.T, problem.y), dtype=np.float64))


def with_gram(problem):
    """The same problem in the engine's Gram layout ``(G, Z^T y)``."""
    if isinstance(problem.X, tuple) and len(problem.X) == 2:
        return problem
    return problem._replace(X=gram(problem))


def use_gram(precompute, X):
    """scikit-learn's ``precompute``: True, False, "auto" or a user Gram
    (taken as True: ours is recomputed to match the centring and weights).

    "auto" takes the Gram when an epoch on it, O(p^2), is cheaper than one
    on X: dense X with ``n_samples > n_features``, sparse X only when it
    also has more than ``n_features**2`` stored values.
    """
    n_samples, n_features = X.shape
    if isinstance(precompute, str):
        if precompute != "auto":
            raise ValueError(f"precompute should be one of True, False, 'auto' or array-like. Got {precompute!r}.")
        if sparse.issparse(X):
            return n_samples > n_features and X.nnz > n_features * n_features
        return n_samples > n_features
    if precompute is None:
        return False
    if isinstance(precompute, (bool, np.bool_)):
        return bool(precompute)
    return True
