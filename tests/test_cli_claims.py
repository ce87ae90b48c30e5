"""``aidstats claims`` and ``aidstats check``: an article's numbers against the reports, from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidstats.cli import main


def test_claims_of_one_month_show_what_was_said_counted_and_the_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["claims", "2025-06", "--kind", "month"]) == 0
    out = capsys.readouterr().out
    # Sybiha, June 2025: "over 330 missiles, nearly 80 ballistic, 5,000 drones and glide bombs"
    assert "over 330" in out and "240 (233-249)" in out and "claim above the count" in out
    assert "nearly 80" in out and "63 (60-67)" in out
    assert "over 5,000" in out and "consistent with the count" in out
    assert "not checkable" in out  # glide bombs are not in the reports
    assert "4 claim(s), 3 checkable: 1 consistent with the count, 2 not." in out


def test_check_one_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "ballistic_missiles", "2025-06", "80", "--qualifier", "nearly"]) == 0
    out = capsys.readouterr().out
    assert "inconsistent" in out and "claim above the count" in out and "counted       63" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["claims", "2025-13"],
        ["check", "missiles", "June", "330"],
        ["check", "missiles", "2025-06", "many"],
        ["check", "tanks", "2025-06", "3"],
        ["check", "missiles", "2025-06", "330", "--qualifier", "roughly"],
    ],
)
def test_bad_claim_arguments_exit_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("aidstats: error:") and "\n" not in err


def test_claims_csv_is_written(tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    assert main(["claims", "2025-06", "--out", str(target)]) == 0
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert {"verdict", "direction", "computed_low", "computed_high"} <= set(header.split(","))
