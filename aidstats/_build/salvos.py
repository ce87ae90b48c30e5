"""Builder of ``strike_salvos``: one row per Air Force report (post), from the raw strike file."""

from __future__ import annotations

import pandas as pd

from aidstats import strikes
from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._build.strike_totals import excluded_note
from aidstats._compute.strikes.salvos import SALVO_HEAD

_COUNT = "count"
_ISO_MINUTES = "%Y-%m-%dT%H:%M:%S"


def strike_salvos(inputs: BuildInputs) -> BuiltDataset:
    events = inputs.events
    table = strikes.salvos(events)
    launched = [c for c in table.columns if c.startswith("launched_")]
    frame = table[
        [*SALVO_HEAD, *launched]
    ].copy()
    for column in ("time_start", "time_end"):
        frame[column] = frame[column].dt.strftime(_ISO_MINUTES)
    for column in ("launched", "destroyed", "destroyed_missing", "not_reach_goal", *launched):
        frame[column] = frame[column].round().astype("Int64")
    split = frame.loc[frame["salvo_split"]]
    what = {c: c.removeprefix("launched_").replace("_", " ") for c in launched}
    return BuiltDataset(
        name="strike_salvos",
        title="Salvos: one row per Air Force report and attack, with totals by weapon group and class",
        description=(
            "Every attack reported by the Ukrainian Air Force and its regional commands as one salvo: one "
            "report post and one continuous attack window (aidstats._core.salvos: a window starting 8 hours "
            "or more after every earlier window of its post ended opens a new salvo, so a post reused for "
            "separate attacks becomes several salvos, while a report giving different end times per model "
            "stays whole). Each row gives the attack window (earliest start, latest end), the number of rows "
            "and models, and the weapons launched, destroyed and locationally lost, in total and per weapon "
            "group and class. Built with aidstats.strikes.salvos from the valid rows of the raw file."
        ),
        columns=(
            Column(
                "salvo",
                "string",
                "Salvo identifier: the post path, '<post>#<n>' where one post holds several "
                "attacks (in time order), or command and window where no post is given",
            ),
            Column("post", "string", "The report post (source) the salvo comes from"),
            Column(
                "reporting_command",
                "string",
                "First segment of the post path (kpszsu = national command)",
            ),
            Column("scope", "string", "national, regional or other"),
            Column(
                "time_start", "datetime", "Earliest start of the attack window (Kyiv local time)"
            ),
            Column("time_end", "datetime", "Latest end of the attack window (Kyiv local time)"),
            Column("n_rows", "integer", "Rows of the raw file in this report"),
            Column("n_models", "integer", "Distinct weapon models in this report"),
            Column("launched", "integer", "Weapons launched", _COUNT),
            Column(
                "destroyed",
                "integer",
                "Weapons destroyed; missing where a row of the salvo gives no destroyed "
                "figure (the salvo's count is unknown, never a partial sum)",
                _COUNT,
            ),
            Column(
                "destroyed_missing", "integer", "Launches whose destroyed count is unknown", _COUNT
            ),
            Column(
                "not_reach_goal",
                "integer",
                "Weapons locationally lost (0 where not recorded: see reporting_regimes)",
                _COUNT,
            ),
            Column(
                "salvo_split",
                "boolean",
                "The post was split into several salvos (its windows are far apart)",
            ),
            *(Column(c, "integer", f"Launched: {what[c]}", _COUNT) for c in launched),
        ),
        primary_key=("salvo",),
        frame=frame,
        sources=(inputs.strike_source(),),
        version=inputs.strike_version,
        period_column="time_end",
        notes=(
            f"{split['post'].nunique()} post(s) hold several attacks and were split into {len(split)} salvos "
            f"({split['launched'].sum():,} launched); the longest salvo lasts "
            f"{_longest(table)}.",
            f"{int(frame['destroyed'].isna().sum())} salvo(s) have an unknown destroyed count "
            f"({int(frame.loc[frame['destroyed'].isna(), 'launched'].sum()):,} launched, "
            f"{int(frame['destroyed_missing'].sum()):,} of them of unknown fate).",
            excluded_note(events),
            *inputs.loader_notes,
        ),
    )


def _longest(table: pd.DataFrame) -> str:
    longest = (table["time_end"] - table["time_start"]).max()
    hours = longest.total_seconds() / 3600 if pd.notna(longest) else 0.0
    return f"{hours:.1f} hours"


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [strike_salvos(inputs)]


__all__ = ["build"]
