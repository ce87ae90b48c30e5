"""Layer 2: pure computation on frames (pandas, numpy, scipy, statsmodels).

Nothing here opens a file, loads a bundled dataset or imports matplotlib:
every function takes its data as an argument. The public facades
(:mod:`aidstats.strikes`, :mod:`aidstats.aid`, :mod:`aidstats.stats`) apply
conveniences such as default data. The sibling packages ``strikes``, ``aid``
and ``stats`` do not import each other; what they share lives in
:mod:`aidstats._core` or :mod:`aidstats._compute.tables`.
"""
