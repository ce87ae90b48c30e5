"""Layer 2: pure computation on frames (pandas, numpy, scipy, statsmodels).

Nothing here opens a file, loads a bundled dataset or imports matplotlib;
every function takes its data as arguments. The sibling packages
(``strikes``, ``aid``, ``stats``) do not import each other: what they share
lives in :mod:`aidstats._core`.
"""
