"""Builder of ``donor_groups``: membership of donor groups as data, with dates."""

from __future__ import annotations

from aidstats._build.dataset import BuiltDataset, Column
from aidstats._build.inputs import BuildInputs
from aidstats._core.donor_groups import membership_frame
from aidstats._core.sources import AIDSTATS


def donor_groups(inputs: BuildInputs) -> BuiltDataset:
    frame = membership_frame()
    frame["joined"] = frame["joined"].dt.strftime("%Y-%m-%d")
    return BuiltDataset(
        name="donor_groups",
        title="Donor groups: EU27, EU with institutions, G7, NATO, Nordic-Baltic Eight, Europe",
        description=(
            "Membership of donor groups as data, used to aggregate aid by group. EU27 lists all 27 "
            "members (Ireland, Cyprus and Malta included). NATO rows carry the date of accession "
            "so that membership can be taken as of a month; EU rows the date of accession to the "
            "EU or its predecessor. Turkiye is in NATO but not in the 'Europe' group."
        ),
        columns=(
            Column("group", "string", "Group name"),
            Column(
                "iso3", "string", "ISO 3166-1 alpha-3 code of the member; 'EU' for EU institutions"
            ),
            Column("country", "string", "Member name as used by the Kiel tracker"),
            Column("joined", "date", "Date of accession (EU, NATO); missing where not meaningful"),
            Column("group_description", "string", "What the group is"),
        ),
        primary_key=("group", "iso3"),
        frame=frame,
        sources=(dict(AIDSTATS),),
        version="1",
    )


def build(inputs: BuildInputs) -> list[BuiltDataset]:
    return [donor_groups(inputs)]
