"""Constructor-parameter checks: one small table per estimator, clear messages.

scikit-learn's declarative validator is private API, so the estimators
describe their parameters with the tiny rules below instead.
"""

import numbers

import numpy as np


def _name(estimator):
    return type(estimator).__name__


class Real:
    """A real number in an interval; ``closed`` names the included ends."""

    def __init__(self, low=None, high=None, closed="both", allow_array=False):
        self.low, self.high, self.closed, self.allow_array = low, high, closed, allow_array

    def _describe(self):
        lo = "-inf" if self.low is None else self.low
        hi = "inf" if self.high is None else self.high
        left = "[" if self.closed in ("both", "left") and self.low is not None else "("
        right = "]" if self.closed in ("both", "right") and self.high is not None else ")"
        return f"{left}{lo}, {hi}{right}"

    def __call__(self, estimator, name, value):
        what = f"The '{name}' parameter of {_name(estimator)}"
        if self.allow_array and not np.isscalar(value) and value is not None:
            arr = np.asarray(value)
            if arr.ndim != 1 or arr.dtype.kind not in "biuf":
                raise TypeError(f"{what} must be a float or a 1-d array of floats. Got {value!r} instead.")
            values = arr
        else:
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"{what} must be a float in the range {self._describe()}. Got {value!r} instead.")
            values = np.asarray([value], dtype=float)
        bad = ~np.isfinite(values)
        if self.low is not None:
            bad |= values < self.low if self.closed in ("both", "left") else values <= self.low
        if self.high is not None:
            bad |= values > self.high if self.closed in ("both", "right") else values >= self.high
        if np.any(bad):
            raise ValueError(f"{what} must be a float in the range {self._describe()}. Got {value!r} instead.")


class Integer:
    """An integer ``>= low``; ``allow_none`` admits ``None``."""

    def __init__(self, low, allow_none=False):
        self.low, self.allow_none = low, allow_none

    def __call__(self, estimator, name, value):
        if value is None and self.allow_none:
            return
        what = f"The '{name}' parameter of {_name(estimator)}"
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{what} must be an int in the range [{self.low}, inf). Got {value!r} instead.")
        if value < self.low:
            raise ValueError(f"{what} must be an int in the range [{self.low}, inf). Got {value!r} instead.")


class Boolean:
    def __call__(self, estimator, name, value):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"The '{name}' parameter of {_name(estimator)} must be a bool. Got {value!r} instead.")


class Options:
    def __init__(self, *options):
        self.options = options

    def __call__(self, estimator, name, value):
        if not isinstance(value, str) or value not in self.options:
            raise ValueError(
                f"The '{name}' parameter of {_name(estimator)} must be one of "
                f"{', '.join(map(repr, self.options))}. Got {value!r} instead."
            )


class RandomState:
    def __call__(self, estimator, name, value):
        if value is None or isinstance(value, (numbers.Integral, np.random.RandomState)):
            if isinstance(value, bool):
                raise TypeError(f"The '{name}' parameter of {_name(estimator)} must be None, an int or a RandomState.")
            return
        raise TypeError(
            f"The '{name}' parameter of {_name(estimator)} must be None, an int or a "
            f"numpy RandomState. Got {value!r} instead."
        )


class PenaltyFactor:
    """None, or a 1-d array of finite non-negative numbers (checked against
    the number of features at fit time by :func:`check_penalty_factor`)."""

    def __call__(self, estimator, name, value):
        if value is None:
            return
        arr = np.asarray(value)
        if arr.ndim != 1 or arr.dtype.kind not in "biuf":
            raise TypeError(f"The '{name}' parameter of {_name(estimator)} must be None or a 1-d array of non-negative floats. Got {value!r} instead.")
        if not np.all(np.isfinite(arr)) or np.any(arr < 0):
            raise ValueError(f"The '{name}' parameter of {_name(estimator)} must hold finite non-negative floats.")


class Bounds:
    """None, a number (``inf`` allowed) or a 1-d array of numbers."""

    def __call__(self, estimator, name, value):
        if value is None:
            return
        arr = np.asarray(value)
        if arr.ndim > 1 or arr.dtype.kind not in "biuf" or isinstance(value, bool):
            raise TypeError(f"The '{name}' parameter of {_name(estimator)} must be None, a float or a 1-d array of floats. Got {value!r} instead.")
        if np.any(np.isnan(arr)):
            raise ValueError(f"The '{name}' parameter of {_name(estimator)} must not contain NaN.")


def check_bounds(estimator, lower, upper, n_features):
    """``(lower, upper)`` as float64 arrays of n_features, or ``(None, None)``."""
    if lower is None and upper is None:
        return None, None
    arrays = []
    for name, value, default in (("lower_bounds", lower, -np.inf), ("upper_bounds", upper, np.inf)):
        arr = np.full(n_features, default) if value is None else np.asarray(value, dtype=np.float64)
        if arr.ndim == 0:
            arr = np.full(n_features, float(arr))
        if arr.shape != (n_features,):
            raise ValueError(f"The '{name}' parameter of {_name(estimator)} must be a float or have one "
                             f"entry per feature: got {arr.shape[0]} for {n_features} features.")
        arrays.append(arr)
    if np.any(arrays[0] > arrays[1]):
        bad = int(np.flatnonzero(arrays[0] > arrays[1])[0])
        raise ValueError(f"Infeasible bounds for {_name(estimator)}: lower_bounds[{bad}] = {arrays[0][bad]} "
                         f"exceeds upper_bounds[{bad}] = {arrays[1][bad]}.")
    return arrays[0], arrays[1]


def check_penalty_factor(estimator, value, n_features, dtype):
    """The penalty factors as an array of ``dtype``, or None."""
    if value is None:
        return None
    arr = np.asarray(value, dtype=dtype)
    if arr.shape != (n_features,):
        raise ValueError(
            f"The 'penalty_factor' parameter of {_name(estimator)} must have one entry per "
            f"feature: got {arr.shape[0]} for {n_features} features."
        )
    return arr


class Anything:
    def __call__(self, estimator, name, value):
        pass


def check_params(estimator, table):
    """Check every constructor parameter named in ``table`` against its rule."""
    for name, rule in table.items():
        rule(estimator, name, getattr(estimator, name))
