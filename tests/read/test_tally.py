"""NameTally: the read-only, shared mapping of unknown model names in the event frame's attrs."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats._files import dump_json
from aidstats._read.strike_file.tally import NameTally


def _tally(counts: dict[str, int]) -> NameTally:
    names = tuple(sorted(counts))
    return NameTally(names, np.array([counts[n] for n in names], dtype=np.int64))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.text(max_size=12), st.integers(0, 10**6), max_size=30), st.text(max_size=12)
)
def test_a_tally_reads_as_the_dict_it_was_made_from(counts: dict[str, int], other: str) -> None:
    tally = _tally(counts)
    assert tally == counts and dict(tally) == counts and tally.to_dict() == counts
    assert len(tally) == len(counts) and list(tally) == sorted(counts)
    assert (other in tally) == (other in counts)
    assert tally.get(other) == counts.get(other)
    assert all(type(v) is int for v in tally.values())


def test_copies_are_the_tally_itself_and_pickling_keeps_it() -> None:
    tally = NameTally(("Geran-3", "Thing"), np.array([4.0, 1.5]))
    assert copy.copy(tally) is tally and copy.deepcopy({"x": tally})["x"] is tally
    again = pickle.loads(pickle.dumps(tally))  # noqa: S301 (our own bytes: a frame pickled with its attrs)
    assert again == tally and type(again["Thing"]) is float


def test_a_tally_cannot_be_changed() -> None:
    values = np.array([4])
    tally = NameTally(("Geran-3",), values)
    values[0] = 99  # the tally holds its own copy
    assert tally["Geran-3"] == 4
    for edit in (
        lambda: tally.__setitem__("Geran-3", 5),
        lambda: tally.__delitem__("Geran-3"),
        lambda: tally.update({"x": 1}),
        lambda: tally.setdefault("x", 1),
        lambda: tally.pop("Geran-3"),
        lambda: tally.popitem(),
        lambda: tally.clear(),
    ):
        with pytest.raises(TypeError, match="read-only"):
            edit()
    with pytest.raises(TypeError, match="read-only"):
        tally |= {"x": 1}
    with pytest.raises(AttributeError):
        tally.extra = 1  # type: ignore[attr-defined]
    assert tally == {"Geran-3": 4} and isinstance(tally, dict)


def test_a_tally_is_written_as_a_json_object() -> None:
    tally = NameTally(("Geran-3", "Thing"), np.array([4, 1]))
    assert json.loads(dump_json({"unknown_models": tally})) == {
        "unknown_models": {"Geran-3": 4, "Thing": 1}
    }
    assert json.loads(json.dumps(tally)) == {"Geran-3": 4, "Thing": 1}  # as pandas writes attrs


def test_a_frame_with_tallies_in_its_attrs_keeps_them_in_parquet(tmp_path: Path) -> None:
    """A Mapping that was not a dict made pandas' to_parquet fail (json.dumps of attrs)."""
    frame = pd.DataFrame({"x": [1, 2]})
    frame.attrs["aidstats"] = {"unknown_models": NameTally(("Geran-9",), np.array([10]))}
    frame.to_parquet(tmp_path / "x.parquet")
    assert pd.read_parquet(tmp_path / "x.parquet").attrs == {
        "aidstats": {"unknown_models": {"Geran-9": 10}}
    }


def test_names_and_values_must_pair() -> None:
    with pytest.raises(ValueError, match="2 names but 1 values"):
        NameTally(("a", "b"), np.array([1]))
    with pytest.raises(KeyError):
        NameTally((), np.array([]))["a"]  # noqa: B018
