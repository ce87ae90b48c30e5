"""Builder of ``strike_salvos``: one row per Air Force report (post), from the raw strike file."""

from __future__ import annotations

from aidstats import strikes
from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._build.strike_totals import excluded_note

_COUNT = "count"
_ISO_MINUTES = "%Y-%m-%dT%H:%M:%S"


def strike_salvos(inputs: BuildInputs) -> BuiltDataset:
    events = inputs.events
    table = strikes.salvos(events)
    launched = [c for c in table.columns if c.startswith("launched_")]
    frame = table[["salvo", "reporting_command", "scope", "time_start", "time_end", "n_rows", "n_models",
                   "launched", "destroyed", "not_reach_goal", *launched]].copy()
    for column in ("time_start", "time_end"):
        frame[column] = frame[column].dt.strftime(_ISO_MINUTES)
    for column in ("launched", "destroyed", *launched):
        frame[column] = frame[column].round().astype("Int64")
    frame["not_reach_goal"] = frame["not_reach_goal"].round().astype("Int64")
    what = {c: c.removeprefix("launched_").replace("_", " ") for c in launched}
    return BuiltDataset(
        name="strike_salvos",
        title="Salvos: one row per Air Force report, with totals by weapon group and class",
        description=(
            "Every report (post) of the Ukrainian Air Force and its regional commands as one salvo: "
            "the attack window (earliest start, latest end), the number of rows and models, and the "
            "weapons launched, destroyed and locationally lost, in total and per weapon group and "
            "class. Built with aidstats.strikes.salvos from the valid rows of the raw file; one post "
            "is one salvo, so a report giving different end times per model stays whole."
        ),
        columns=(
            Column("salvo", "string", "Report identifier: the post path (or command and window where no post is given)"),
            Column("reporting_command", "string", "First segment of the post path (kpszsu = national command)"),
            Column("scope", "string", "national, regional or other"),
            Column("time_start", "datetime", "Earliest start of the attack window (Kyiv local time)"),
            Column("time_end", "datetime", "Latest end of the attack window (Kyiv local time)"),
            Column("n_rows", "integer", "Rows of the raw file in this report"),
            Column("n_models", "integer", "Distinct weapon models in this report"),
            Column("launched", "integer", "Weapons launched", _COUNT),
            Column("destroyed", "integer", "Weapons destroyed", _COUNT),
            Column("not_reach_goal", "integer", "Weapons locationally lost (0 where not recorded: see reporting_regimes)", _COUNT),
            *(Column(c, "integer", f"Launched: {what[c]}", _COUNT) for c in launched),
        ),
        primary_key=("salvo",),
        frame=frame,
        sources=(inputs.strike_source(),),
        version=inputs.strike_version,
        period_column="time_end",
        notes=(excluded_note(events), *inputs.loader_notes),
    )


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [strike_salvos(inputs)]


__all__ = ["build"]
