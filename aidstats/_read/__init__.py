"""Layer 1: bytes to typed, checked frames.

Nothing here aggregates, computes statistics or draws; everything here reads.

- :mod:`~aidstats._read.dataset_info`: the metadata of a bundled dataset (its
  JSON sidecar) as frozen records;
- :mod:`~aidstats._read.datasets`: the bundled-dataset loader (names, info,
  load: parsing by the sidecar's types, pandera validation);
- :mod:`~aidstats._read.literal`: the safe parser of Python-literal cells;
- :mod:`~aidstats._read.strike_file`: the raw Air Force strike file, any
  schema version, into the event frame;
- :mod:`~aidstats._read.releases`: which upstream releases a raw-data folder
  holds, and which to build from;
- :mod:`~aidstats._read.release_diff`: what changed between two releases.

The public paths are the facades :mod:`aidstats.datasets` and
:mod:`aidstats.strike_events`.
"""
