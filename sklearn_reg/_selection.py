"""Choosing a regularization strength from cross-validated errors.

Shared by every CV estimator, so that the ``"min"`` and ``"1se"`` rules and
the standard error mean the same thing everywhere.
"""

import numpy as np

RULES = ("min", "1se")


def mean_and_standard_error(fold_errors):
    """Mean over folds and its standard error, along the last axis.

    The standard error is ``std(ddof=1) / sqrt(n_folds)``, as glmnet's
    ``cvsd``; with a single fold it is 0.
    """
    fold_errors = np.asarray(fold_errors, dtype=np.float64)
    n_folds = fold_errors.shape[-1]
    mean = fold_errors.mean(axis=-1)
    if n_folds < 2:
        return mean, np.zeros_like(mean)
    return mean, fold_errors.std(axis=-1, ddof=1) / np.sqrt(n_folds)


def best_index(mean):
    """Index of the smallest mean error.

    Errors within a relative 1e-10 of the minimum count as ties (solver
    round-off must not decide) and the first of them wins: on a decreasing
    grid, the largest strength.
    """
    mean = np.asarray(mean, dtype=np.float64)
    lowest = np.nanmin(mean)
    slack = 1e-10 * max(abs(lowest), np.finfo(np.float64).tiny)
    return int(np.flatnonzero(mean <= lowest + slack)[0])


def one_standard_error_index(mean, se, strengths):
    """Index of the largest strength whose mean error is within one standard
    error of the minimum (glmnet's ``lambda.1se``).

    ``mean``, ``se`` and ``strengths`` are 1-d arrays over the same grid, in
    any order; a larger strength means a simpler model.
    """
    mean = np.asarray(mean, dtype=np.float64)
    best = best_index(mean)
    threshold = mean[best] + se[best]
    candidates = np.flatnonzero(mean <= threshold)
    return int(candidates[np.argmax(np.asarray(strengths)[candidates])])


def choose_index(mean, se, strengths, rule):
    """Apply ``rule`` (``"min"`` or ``"1se"``) to a 1-d error curve."""
    if rule == "min":
        return best_index(mean)
    return one_standard_error_index(mean, se, strengths)
