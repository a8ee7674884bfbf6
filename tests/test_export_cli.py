"""The export command line refuses what it cannot do, by name, with exit code 2 and no file
(issue 9, defect 7) — and lists the indicator ids it accepts."""

from __future__ import annotations

import duckdb
import pytest
from test_exports import cli


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--areas", "' OR 1=1--"], 'unknown area code(s) ["\' OR 1=1--"]'),
        (["--indicator", "he19_all", "--areas", "E99999999"], "unknown area code(s) ['E99999999']"),
        (["--indicator", "nope", "--areas", "E08000021"], "unknown indicator id(s) ['nope']"),
        (["--indicator", "ks4_att8_all", "--areas", "E07000026"], "matches no rows"),
    ],
    ids=["injection", "unknown-area", "unknown-indicator", "no-rows"],
)
def test_a_selection_that_matches_nothing_fails_by_name(warehouse, tmp_path, args, says):
    out = tmp_path / "x.csv"
    run = cli(warehouse, *args, "--out", str(out))
    assert run.returncode == 2, run.stdout
    assert says in run.stderr and "Traceback" not in run.stderr
    if "area code" in says:
        assert "indicator id" not in run.stderr  # an unknown area is not blamed on the indicator
    assert not out.exists() and not list(tmp_path.iterdir())


def test_out_as_a_folder_is_refused_plainly(warehouse, tmp_path):
    run = cli(warehouse, "--indicator", "he19_all", "--out", str(tmp_path))
    assert run.returncode == 2
    assert "is a folder" in run.stderr and "Traceback" not in run.stderr


def test_list_shows_every_indicator_id(warehouse):
    run = cli(warehouse, "--list")
    assert run.returncode == 0, run.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ids = [r[0] for r in con.execute("select indicator_id from marts.indicators").fetchall()]
    listed = [line.split()[0] for line in run.stdout.splitlines()]
    assert sorted(listed) == sorted(ids) and len(ids) >= 40
    he19 = next(line for line in run.stdout.splitlines() if line.startswith("he19_fsm "))
    assert "free school meals" in he19.lower() and "utla" in he19
