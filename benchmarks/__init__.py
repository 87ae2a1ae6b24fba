"""Benchmarks of sklearn_reg beside scikit-learn (and skglm, celer when installed).

Run ``python -m benchmarks --help``. Every library fits the same data in one
process, interleaved, after a warm-up; each solution's accuracy is measured by
one independent objective function (:func:`benchmarks.tasks.primal_objective`).
Results go to a reStructuredText file that ``docs/performance.rst`` includes.
"""
