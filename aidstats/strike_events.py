"""Read the Ukrainian Air Force strike reports (raw CSV) into typed, checked events.

:func:`read_strike_events` reads any published version of the "Massive Missile
Attacks on Ukraine" file, from the early 9-column layout to the 22-column 2026
one, and returns one row per reported weapon model per attack window: the
event frame, whose columns and dtypes are :data:`COLUMNS` and whose contract
(what each column holds, the row rules, the provenance in ``attrs``) the
docstring of :func:`read_strike_events` states. Nothing is dropped: a row that
breaks a rule is kept, its ``invalid_reason`` names the rule, and one
:class:`DataQualityWarning` summarises what was flagged. Structural problems
(not a CSV, required columns missing, undecodable bytes) raise
:class:`~aidstats.errors.DataValidationError`.

Model names resolve through the weapon catalogue (:mod:`aidstats._core.weapons`,
bundled as ``weapon_catalog``); the dict- and list-looking columns are parsed by
:mod:`aidstats._read.literal`, which never evaluates its input.

Composite rows
--------------
A row naming several models (``X-101/X-555 and Kalibr``) is split into one
row per model when the split loses nothing and guesses nothing:
``launched_details`` gives a count for exactly the row's parts summing to
``launched``, and every other count present (``destroyed``, ``not_reach_goal``,
``still_attacking``, ``is_shahed``) is either missing, zero, or (for
``destroyed``) split by model keys in ``destroyed_details``. A true mix
(cruise with ballistic missiles) is split by ``launched`` alone when that is
all the details give, its other counts missing on the parts, so that its
ballistic missiles are counted as ballistic. Otherwise the row is kept whole
(``is_composite=True``) with a class derived from its parts
(:func:`combine_classes`: ``S-400 and Iskander-M`` is ballistic, a remaining
mix ``mixed_missiles``). In the 2026 file two rows with ``launched_details``
mix Iskander-M/KN-23 with cruise missiles and are split by launched; four keep
a non-zero ``destroyed`` keyed by region and parts of one kind, and stay
whole.

Examples
--------
>>> import io, warnings
>>> from aidstats.strike_events import read_strike_events
>>> text = (
...     "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\\n"
...     "2023-05-15 20:00,2023-05-16 3:30,X-101/X-555,Caspian Sea,Kyiv,Tu-95MS,8,8,kpszsu/posts/1\\n"
... )
>>> events = read_strike_events(io.StringIO(text))
>>> row = events.iloc[0]
>>> row["model"], row["weapon_class"], float(row["launched"]), row["schema_version"]
('Kh-101/Kh-555', 'cruise_missile', 8.0, 'v2023-9col')
"""

from __future__ import annotations

from aidstats._core.weapons import combine_classes, normalise_model_key, split_model_name
from aidstats._read.strike_file import COLUMNS, KNOWN_SCHEMAS, read_strike_events
from aidstats.errors import DataQualityWarning

__all__ = [
    "COLUMNS",
    "KNOWN_SCHEMAS",
    "DataQualityWarning",
    "combine_classes",
    "normalise_model_key",
    "read_strike_events",
    "split_model_name",
]

# Public home of the reader: reprs, help() and this module's doctests find it here.
read_strike_events.__module__ = __name__
