"""The benchmark data sets, generated deterministically from numpy seeds.

Every data set comes in three sizes: ``full`` (the default run), ``quick``
(``--quick``) and ``mini``, a miniature of the same storage, dtype and shape
class on which each library is warmed up, so that Numba compilation and
first-call costs never land in a timed fit. The miniatures keep the solver
choices of the larger sizes: n > p or p > n by at least ten times for the dense
ones (RidgeCV's decomposition), and more than 2000 features for the sparse one
(Ridge's coordinate descent).
"""

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

# name -> {size: parameters}
SIZES = {
    "dense-tall": {
        "full": dict(n=20000, p=500, k=50),
        "quick": dict(n=1000, p=100, k=10),
        "mini": dict(n=200, p=20, k=5),
    },
    "dense-wide": {
        "full": dict(n=500, p=10000, k=50),
        "quick": dict(n=100, p=1000, k=10),
        "mini": dict(n=20, p=250, k=5),
    },
    "sparse": {
        "full": dict(n=20000, p=50000, k=200, density=1e-3),
        "quick": dict(n=1000, p=3000, k=20, density=5e-3),
        "mini": dict(n=200, p=2500, k=5, density=1e-2),
    },
}
RHO = 0.6  # AR(1) correlation between neighbouring features
SNR = 5.0  # ||X w*|| / ||noise||
INTERCEPT = 2.0

#: Data sets in the order of the tables; ``dense-tall-f32`` is ``dense-tall``
#: cast to float32, used by the single Lasso fit and the memory table only.
NAMES = ("diabetes", "dense-tall", "dense-wide", "sparse", "dense-tall-f32")


@dataclass
class Dataset:
    name: str
    X: object  # F-ordered ndarray or CSC matrix
    y: np.ndarray
    description: str
    size: str
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def is_sparse(self):
        return sparse.issparse(self.X)

    @property
    def shape(self):
        return self.X.shape

    def centred(self):
        """``(Xc, yc)`` for the path functions, which fit no intercept: dense X
        and y centred; sparse X kept as is (never densified) and y centred."""
        if "centred" not in self.cache:
            yc = self.y - self.y.mean()
            if self.is_sparse:
                Xc = self.X
            else:
                Xc = np.asfortranarray(self.X - self.X.mean(axis=0))
            self.cache["centred"] = (Xc, yc)
        return self.cache["centred"]

    def alpha_max(self, l1_ratio=1.0):
        """Smallest alpha zeroing every coefficient, with an intercept:
        ``max_j |x_j^T (y - ybar)| / (n * l1_ratio)`` (centring X changes
        nothing once y is centred)."""
        yc = self.y.astype(np.float64) - self.y.mean(dtype=np.float64)
        corr = np.asarray(self.X.T @ yc, dtype=np.float64).ravel()
        return float(np.abs(corr).max()) / (self.X.shape[0] * l1_ratio)


def _ar1_design(rng, n, p):
    """Gaussian design whose columns follow an AR(1) process: corr(x_i, x_j) =
    RHO ** |i - j| (a Toeplitz covariance), stored in Fortran order."""
    X = np.asfortranarray(rng.standard_normal((n, p)))
    scale = np.sqrt(1.0 - RHO**2)
    for j in range(1, p):
        X[:, j] *= scale
        X[:, j] += RHO * X[:, j - 1]
    return X


def _sparse_design(rng, n, p, density):
    """CSC design with about ``density * n * p`` standard normal entries at
    uniformly drawn positions (int32 indices)."""
    n_draws = int(round(density * n * p))
    flat = np.unique(rng.integers(0, n * p, size=n_draws, dtype=np.int64))
    rows, cols = flat % n, flat // n
    data = rng.standard_normal(flat.size)
    X = sparse.csc_matrix((data, (rows, cols)), shape=(n, p))
    X.indices = X.indices.astype(np.int32)
    X.indptr = X.indptr.astype(np.int32)
    return X


def _target(rng, X, k):
    p = X.shape[1]
    w = np.zeros(p)
    support = np.sort(rng.choice(p, size=min(k, p), replace=False))
    w[support] = rng.choice([-1.0, 1.0], support.size) * rng.uniform(0.5, 2.0, support.size)
    signal = np.asarray(X @ w).ravel()
    noise = rng.standard_normal(X.shape[0])
    noise *= np.linalg.norm(signal) / (SNR * np.linalg.norm(noise))
    return signal + noise + INTERCEPT


def make(name, size="full"):
    """Build data set ``name`` at ``size`` ("full", "quick" or "mini")."""
    if name == "diabetes":
        from sklearn.datasets import load_diabetes

        X, y = load_diabetes(return_X_y=True)
        X = np.asfortranarray(X)
        return Dataset(name, X, y, "load_diabetes(): 442 x 10, scaled features, raw target", size)
    if name == "dense-tall-f32":
        base = make("dense-tall", size)
        return Dataset(name, np.asfortranarray(base.X, dtype=np.float32), base.y.astype(np.float32),
                       base.description + ", cast to float32", size)
    spec = SIZES[name][size]
    seed = {"dense-tall": 1, "dense-wide": 2, "sparse": 3}[name] + {"full": 0, "quick": 10, "mini": 20}[size]
    rng = np.random.default_rng(seed)
    n, p, k = spec["n"], spec["p"], spec["k"]
    if name == "sparse":
        X = _sparse_design(rng, n, p, spec["density"])
        desc = (f"CSC {n} x {p}, density {spec['density']:g} (nnz {X.nnz}), "
                f"{k} true non-zeros, SNR {SNR:g}, seed {seed}")
    else:
        X = _ar1_design(rng, n, p)
        desc = (f"dense {n} x {p}, AR(1) features rho={RHO:g} (Toeplitz correlation), "
                f"{k} true non-zeros, SNR {SNR:g}, seed {seed}")
    y = _target(rng, X, k)
    return Dataset(name, X, y, desc, size)
