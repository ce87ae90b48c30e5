"""Withheld figures, schema drift and user catalogues (issue 12 items 4-5; issue 11 item 3)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aidstats import strikes
from aidstats.errors import DataValidationError
from aidstats.strike_events import COLUMNS, KNOWN_SCHEMAS, DataQualityWarning, read_strike_events

_NAMES = list(KNOWN_SCHEMAS["v2026-22col"])


def _file(names: list[str], rows: list[dict[str, str]]) -> io.StringIO:
    base = {
        "time_start": "2026-08-14 18:00",
        "time_end": "2026-08-15 08:00",
        "model": "Shahed-136/131",
        "launched": "100",
        "destroyed": "90",
        "not_reach_goal": "0",
        "source": "kpszsu/posts/a",
    }
    lines = [",".join(names)]
    for row in rows:
        cells = {**base, **row}
        lines.append(
            ",".join('"' + cells.get(n, "") + '"' if cells.get(n, "") else "" for n in names)
        )
    return io.StringIO("\n".join(lines) + "\n")


def _read(source: object, **kwargs: object) -> tuple[pd.DataFrame, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        events = read_strike_events(source, **kwargs)  # type: ignore[arg-type]
    return events, [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]


# ----------------------------------------------------------------------------- withheld is not zero

_STATUS = [*_NAMES, "status_data"]
_WITHHELD = [
    {"status_data": "", "model": "Shahed-136/131"},
    {"status_data": "hidden", "model": "Iskander-M/KN-23", "launched": "0", "destroyed": "0", "not_reach_goal": "0"},
    {"status_data": "hidden", "model": "Kh-47 Kinzhal", "launched": "0", "destroyed": "0", "not_reach_goal": "0",
     "time_start": "2026-09-02 03:00", "time_end": "2026-09-02 04:00", "source": "kpszsu/posts/b"},
]  # fmt: skip


def test_withheld_rows_have_missing_counts_not_zeros_and_one_warning() -> None:
    events, messages = _read(_file(_STATUS, _WITHHELD))
    assert events["withheld"].tolist() == [False, True, True]
    hidden = events.loc[events["withheld"]]
    assert hidden[["launched", "destroyed", "not_reach_goal"]].isna().all().all()
    assert (events["invalid_reason"] == "").all()  # withheld, not wrong
    assert events["status_data"].tolist() == ["", "hidden", "hidden"]
    assert (
        len(messages) == 1
        and "2 rows marked as withheld in 'status_data' (lines 3, 4)" in messages[0]
    )
    assert "lower bounds" in messages[0]
    assert events.attrs["aidstats"]["withheld_rows"] == 2


def test_totals_over_withheld_rows_are_marked_as_lower_bounds() -> None:
    events, _ = _read(_file(_STATUS, _WITHHELD))
    volume = strikes.volume_monthly(events).set_index("month")
    assert (
        volume.loc["2026-08-01", "withheld_rows"] == 1
        and volume.loc["2026-09-01", "withheld_rows"] == 1
    )
    assert (
        volume.loc["2026-08-01", "missiles_ballistic"] == 0
    )  # a lower bound, flagged by withheld_rows
    periods = strikes.to_periods(events, by="weapon_class").set_index(["period", "weapon_class"])
    assert periods.loc[("2026-08-01", "ballistic_missile"), "withheld_rows"] == 1
    assert periods.loc[("2026-08-01", "attack_drone"), "withheld_rows"] == 0
    assert strikes.salvos(events)["destroyed"].isna().all()  # each salvo holds a withheld row


def test_a_withheld_row_with_a_disclosed_figure_keeps_it() -> None:
    rows = [{"status_data": "hidden", "launched": "5", "destroyed": "0"}]
    events, _ = _read(_file(_STATUS, rows))
    assert events["launched"].tolist() == [5.0] and np.isnan(events["destroyed"].iloc[0])


def test_a_file_without_status_data_has_no_withheld_rows() -> None:
    events, messages = _read(_file(_NAMES, [{}]))
    assert not events["withheld"].any() and not messages
    assert list(events.columns) == list(COLUMNS)


# ----------------------------------------------------------------------------- schema drift


def test_unknown_columns_are_named_once_and_kept_when_scalar() -> None:
    names = [*_NAMES, "shot_down_by_mobile_groups", "comment", "per_region"]
    rows = [
        {
            "shot_down_by_mobile_groups": "12",
            "comment": "night attack",
            "per_region": "{'east': 3}",
        },
        {"shot_down_by_mobile_groups": "", "comment": "", "per_region": ""},
    ]
    events, messages = _read(_file(names, rows))
    assert len(messages) == 1
    assert "'shot_down_by_mobile_groups', 'comment', 'per_region'" in messages[0]
    assert "not kept (they hold lists or dicts): 'per_region'" in messages[0]
    assert list(events.columns) == [*COLUMNS, "shot_down_by_mobile_groups", "comment"]
    assert events["shot_down_by_mobile_groups"].dtype == np.float64
    assert events["shot_down_by_mobile_groups"].iloc[0] == 12.0 and np.isnan(
        events["shot_down_by_mobile_groups"].iloc[1]
    )
    assert events["comment"].tolist() == ["night attack", ""]
    assert events.attrs["aidstats"]["columns_not_known"] == [
        "shot_down_by_mobile_groups",
        "comment",
        "per_region",
    ]


def test_a_column_clashing_with_the_event_frame_is_renamed() -> None:
    events, _ = _read(_file([*_NAMES, "salvo"], [{"salvo": "x"}]))
    assert events["salvo"].iloc[0] == "kpszsu/posts/a" and events["file_salvo"].iloc[0] == "x"


def test_missing_optional_columns_are_named_with_what_they_disable() -> None:
    names = [c for c in _NAMES if c not in ("is_shahed", "not_reach_goal")]
    events, messages = _read(_file(names, [{}]))
    assert len(messages) == 1
    assert "follows v2026-22col without" in messages[0]
    assert "'is_shahed' (disables the split of attack drones from decoys" in messages[0]
    assert "'not_reach_goal' (disables the locationally-lost count" in messages[0]
    assert events["is_shahed"].isna().all()


def test_old_schema_versions_read_without_a_drift_warning() -> None:
    text = (
        "time_start,time_end,model,launch_place,target,carrier,launched,destroyed,source\n"
        "2023-05-16,2023-05-16,Kalibr,Black Sea,Odesa,,3,2,kpszsu/posts/1\n"
    )
    _, messages = _read(io.StringIO(text))
    assert messages == []


# ----------------------------------------------------------------------------- unknown models, user catalogue


def test_an_unknown_model_is_counted_in_a_visible_class_and_named_with_its_launches() -> None:
    events, messages = _read(
        _file(_NAMES, [{"model": "Geran-3", "launched": "250", "destroyed": "200"}])
    )
    row = events.iloc[0]
    assert (row["model"], row["weapon_class"], row["weapon_group"]) == (
        "Geran-3",
        "unclassified_drone",
        "drone",
    )
    assert "'Geran-3' as unclassified_drone: 1 row, 250 launched (line 2)" in messages[0]
    assert events.attrs["aidstats"]["unknown_launched"] == {"Geran-3": 250.0}
    volume = strikes.volume_monthly(events)
    assert volume["drones_decoy_or_unknown"].sum() == 250  # in a total, never dropped


def test_a_user_catalogue_classes_new_names_and_wins(tmp_path: Path) -> None:
    catalog = tmp_path / "my_catalog.csv"
    catalog.write_text(
        "alias,model,weapon_class,class_reason\n"
        "Geran-3,Geran-3 (jet),attack_drone,jet-powered Shahed successor\n"
        "Unknown UAV,Unknown UAV,attack_drone,\n",
        encoding="utf-8",
    )
    rows = [{"model": "Geran-3"}, {"model": "Unknown UAV", "source": "kpszsu/posts/b"}]
    events, messages = _read(_file(_NAMES, rows), catalog=catalog)
    assert events["model"].tolist() == ["Geran-3 (jet)", "Unknown UAV"]
    assert events["weapon_class"].tolist() == ["attack_drone", "attack_drone"]
    assert messages == []
    meta = events.attrs["aidstats"]["catalog"]
    assert (
        meta["file"] == str(catalog) and meta["rows"] == 2 and meta["overridden"] == ["Unknown UAV"]
    )
    assert len(meta["sha256"]) == 64


def test_a_user_catalogue_can_be_a_frame_and_splits_composites_with_new_parts() -> None:
    catalog = pd.DataFrame({"alias": ["Geran-3"], "weapon_class": ["attack_drone"]})
    events, messages = _read(
        _file(_NAMES, [{"model": "Shahed-136/131 and Geran-3"}]), catalog=catalog
    )
    assert events["weapon_class"].tolist() == ["attack_drone"] and messages == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("alias,weapon_class\nGeran-3,loitering_thing\n", "unknown_class"),
        (
            "alias,weapon_class,weapon_group\nGeran-3,attack_drone,missile\n",
            "group_disagrees_with_class",
        ),
        ("alias,weapon_class\n,attack_drone\n", "missing_alias"),
        ("alias,weapon_class\nGeran-3,attack_drone\ngeran-3,attack_drone\n", "duplicate_alias"),
        ("model,weapon_class\nGeran-3,attack_drone\n", "missing_column"),
    ],
)
def test_a_bad_user_catalogue_is_a_data_error_with_its_failures(text: str, rule: str) -> None:
    with pytest.raises(DataValidationError) as info:
        read_strike_events(_file(_NAMES, [{}]), catalog=io.StringIO(text))
    assert rule in set(info.value.failures["rule"])


def test_figures_over_withheld_rows_say_they_show_lower_bounds() -> None:
    from aidstats import plots
    from aidstats._draw.prep import weapon_mix_table

    events, _ = _read(_file(_STATUS, _WITHHELD))
    volume_ax = plots.plot_strike_volume(strikes.volume_monthly(events), glide_bombs="omit")
    monthly = strikes.to_periods(events, by="weapon_class").rename(columns={"period": "month"})
    mix_ax = plots.plot_weapon_mix(weapon_mix_table(monthly))
    for ax in (volume_ax, mix_ax):
        footer = " ".join(t.get_text() for t in ax.figure.texts)
        assert "Lower bounds: figures withheld by the Air Force in Aug 2026, Sep 2026" in footer
