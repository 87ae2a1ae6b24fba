"""sklearn_reg: scikit-learn compatible L1/L2/elastic-net regression on one
Numba coordinate-descent engine.

``from sklearn_reg import Lasso`` is a drop-in for scikit-learn's class of the
same name; :class:`ElasticNet` and :class:`Ridge` likewise.
"""

from ._adaptive import AdaptiveLasso, AdaptiveLassoCV
from ._cv import ElasticNetCV, LassoCV
from ._dropout import DropoutRegressor
from ._ic import ElasticNetIC, LassoIC
from ._linear import ElasticNet, Lasso
from ._nonconvex import MCPRegressor, SCADRegressor
from ._path import alpha_grid, enet_path, lasso_path
from ._path_search import PathSearchCV
from ._relaxed import RelaxedLasso, RelaxedLassoCV
from ._ridge import Ridge
from ._ridge_cv import RidgeCV, ridge_path

__version__ = "0.1.0"

__all__ = [
    "AdaptiveLasso",
    "AdaptiveLassoCV",
    "DropoutRegressor",
    "ElasticNet",
    "ElasticNetCV",
    "ElasticNetIC",
    "Lasso",
    "LassoCV",
    "LassoIC",
    "MCPRegressor",
    "PathSearchCV",
    "RelaxedLasso",
    "RelaxedLassoCV",
    "Ridge",
    "RidgeCV",
    "SCADRegressor",
    "alpha_grid",
    "enet_path",
    "lasso_path",
    "ridge_path",
    "__version__",
]
