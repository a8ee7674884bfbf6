"""No input crashes the command lines (issue 19, point 4): `evaluate` and `export` answer anything
they cannot do in one line on stderr with exit 2 — never a traceback — and a closed pipe ends
quietly. The cases the fault tests found are listed one by one; a hypothesis strategy then throws
argument lists mixing good values and junk at both commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines import cli_guard
from pipelines.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
LONG = "x" * 10_000


def call(capsys, *argv: str) -> tuple[int, str, str]:
    """Run ``python -m pipelines <argv>`` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[:2000]
    assert "Traceback" not in err and len(lines[0]) <= cli_guard.LINE + 60, lines[0][:600]
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--add-effect", "inf"], "“inf” is not a finite number"),
        (["--add-effect", "nan"], "“nan” is not a finite number"),
        (["--add-effect", "-inf"], "“-inf” is not a finite number"),
        (["--add-effect", "1e308"], "is larger than any indicator's range"),
        (["--add-effect", "abc"], "“abc” is not a number"),
        (["--areas", "E08000021", "--iv", "CUA-NCL"], "give either --iv"),
        (["--areas", LONG], "(10,000 characters)” is not an area code"),
        (["--outcome", LONG, "--iv", "CUA-NCL"], "(10,000 characters)” is not an id"),
        (["--start", "1" * 5000, "--iv", "CUA-NCL"], "(5,000 characters)” is not a year"),
        (["--bogus", LONG], "unrecognized arguments: --bogus"),
        (["--iv", "CUA-NCL"], "give --outcome and either --iv or --areas"),
    ],
    ids=[
        "inf",
        "nan",
        "-inf",
        "1e308",
        "word",
        "iv+areas",
        "long-area",
        "long-id",
        "long-year",
        "bogus",
        "no-outcome",
    ],
)
def test_evaluate_refuses_bad_arguments_in_one_line(capsys, argv, says):
    code, out, err = call(capsys, "evaluate", *argv)
    assert code == 2 and out == ""
    line = one_line(err)
    assert says in line, line
    assert LONG not in line and "x" * 100 not in line  # the echo is cut


@pytest.mark.parametrize("code", ["E92000001", "E12000001", "K02000001", "W92000004", "E47000001"])
def test_an_aggregate_is_refused_as_a_treated_area(capsys, warehouse, code):
    rc, out, err = call(
        capsys, "evaluate", "--areas", code, "--start", "2017", "--outcome", "employment_rate"
    )
    assert rc == 2 and out == ""
    line = one_line(err)
    assert code in line and "treats councils" in line, line
    word = {"E9": "a nation", "E1": "a region", "K0": "the UK", "W9": "a nation", "E4": "combined"}
    assert word[code[:2]] in line


@pytest.mark.parametrize("effect", ["-1e-3", "-3", "-2.5E+1"])
def test_negative_numbers_with_exponents_are_numbers(capsys, warehouse, effect):
    code, out, err = call(
        capsys, "evaluate", "--iv", "CUA-NCL", "--outcome", "he19_all", "--add-effect", effect
    )
    assert code == 0, err
    assert f"Checking the method: {float(effect):+g} was added" in out


def _bad_warehouses(tmp: Path, real: Path) -> dict[str, Path]:
    (tmp / "folder.duckdb").mkdir()
    (tmp / "text.duckdb").write_text("not a database\n")
    with real.open("rb") as src:
        (tmp / "truncated.duckdb").write_bytes(src.read(1 << 20))
    return {
        "missing": (tmp / "missing.duckdb", "no warehouse at"),
        "folder": (tmp / "folder.duckdb", "is a folder"),
        "text": (tmp / "text.duckdb", "is damaged or not a warehouse"),
        "truncated": (tmp / "truncated.duckdb", "is damaged or not a warehouse"),
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", "--list-outcomes"],
        ["evaluate", "--iv", "CUA-NCL", "--outcome", "he19_all"],
        ["export", "--list"],
        ["export", "--indicator", "he19_all", "--out", "OUT/x.csv"],
    ],
    ids=["list-outcomes", "evaluate", "export-list", "export"],
)
def test_every_warehouse_error_is_one_line_and_exit_2(
    capsys, monkeypatch, tmp_path, warehouse, argv
):
    import atlas.data.sql

    for kind, (path, says) in _bad_warehouses(tmp_path, warehouse).items():
        monkeypatch.setattr(atlas.data.sql, "WAREHOUSE", path)
        code, out, err = call(capsys, *[a.replace("OUT", str(tmp_path)) for a in argv])
        assert code == 2, (kind, err)
        line = one_line(err)
        assert says in line and "python -m pipelines build" in line, (kind, line)
    assert not (tmp_path / "x.csv").exists()


def test_export_refuses_a_missing_folder_and_a_contradicting_format(capsys, warehouse, tmp_path):
    code, _, err = call(
        capsys, "export", "--indicator", "he19_all", "--out", str(tmp_path / "no" / "x.csv")
    )
    assert code == 2 and "does not exist" in one_line(err)
    assert not (tmp_path / "no").exists()  # no folder made behind the user's back
    out = tmp_path / "x.csv"
    code, _, err = call(
        capsys, "export", "--indicator", "he19_all", "--format", "xlsx", "--out", str(out)
    )
    assert code == 2 and "--format xlsx but --out x.csv names a .csv file" in one_line(err)
    assert list(tmp_path.iterdir()) == []
    code, _, err = call(capsys, "export", "--indicator", "he19_all", "--out", str(out))
    assert code == 0 and out.stat().st_size > 0, err


def test_a_closed_pipe_ends_quietly(warehouse):
    """`python -m pipelines evaluate --list-outcomes | head -1`: the reader leaves at once."""
    env = {**os.environ, "CIVIC_ATLAS_WAREHOUSE": str(warehouse)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines", "evaluate", "--list-outcomes"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # like `head` exiting before the list is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err and err == "", err


def test_clip_cuts_each_long_word_and_the_line():
    text = cli_guard.clip("a " + "y" * 5000 + " b")
    assert text.startswith("a yyyy") and "(5,000 characters) b" in text and len(text) < 60
    assert len(cli_guard.clip(" ".join(["word"] * 500))) == cli_guard.LINE


# ------------------------------------------------------------------------- property-based
GOOD = {
    "evaluate": {
        "--iv": ["CUA-NCL", "LP1-01"],
        "--areas": ["E08000021", "E06000047"],
        "--start": ["2017", "2019"],
        "--outcome": ["he19_all", "employment_rate"],
        "--pool": ["E08000037", "E06000002"],
        "--add-effect": ["0.5", "-1e-3", "-3"],
        "--json": [],
        "--list-outcomes": [],
    },
    "export": {
        "--indicator": ["he19_all", "employment_rate"],
        "--areas": ["E08000021", "E12000001"],
        "--level": ["lad", "utla", "region"],
        "--format": ["csv", "parquet", "xlsx"],
        "--out": ["OUT/a.csv", "OUT/b.parquet", "OUT/c.xlsx", "OUT/none/d.csv", "OUT"],
        "--list": [],
    },
}
JUNK = st.one_of(
    st.sampled_from(
        ["inf", "nan", "-inf", "1e308", "-", "--", "", "E92000001", "K02000001", "'; drop --"]
        + ["9" * 5000, "-1e-3", "E" * 300, "é€\u202e", "--bogus", "2100", "0"]
    ),
    st.text(max_size=12),
)


def argv_lists(tmp: Path) -> st.SearchStrategy:
    """A command, then 0-6 (flag, values) groups: a flag of that command with good values, junk,
    or nothing; sometimes a flag of the other command."""

    def group(cmd: str) -> st.SearchStrategy:
        flags = st.sampled_from(sorted(GOOD[cmd]) + ["--bogus", "--areas"])
        good = st.sampled_from(sorted({v for vs in GOOD[cmd].values() for v in vs}))
        value = st.one_of(good, JUNK).map(lambda v: v.replace("OUT", str(tmp)))
        return st.tuples(flags, st.lists(value, max_size=2)).map(lambda g: [g[0], *g[1]])

    return st.sampled_from(sorted(GOOD)).flatmap(
        lambda cmd: st.lists(group(cmd), max_size=6).map(
            lambda groups: [cmd, *[tok for g in groups for tok in g]]
        )
    )


def test_no_argument_list_crashes_a_command(capsys, monkeypatch, warehouse, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    monkeypatch.chdir(tmp)  # a relative --out (any drawn word) lands here, not in the repository

    @settings(
        max_examples=int(os.environ.get("CIVIC_ATLAS_FUZZ_EXAMPLES", "60")),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(argv=argv_lists(tmp))
    def run(argv: list[str]) -> None:
        code, _out, err = call(capsys, *argv)
        assert code in (0, 2), (argv, err[-2000:])
        if code == 2:
            one_line(err)

    run()
