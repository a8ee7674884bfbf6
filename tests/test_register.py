"""The intervention register: its checks stop a bad row with the row id and the reason, and its
area codes expand to 2024 districts (counties -> districts, combined authorities -> members).

Fast tests run the real SQL models on hand-made rows in an in-memory DuckDB; the pipeline test
runs the real build on a private copy of data/raw with one register row broken."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines import MANIFEST, RAW_DIR, SQL_DIR
from pipelines.manifest import BuildError

REGISTER = "interventions/interventions_research.csv"
COLUMNS = [
    "id",
    "name",
    "programme",
    "type",
    "partners",
    "places",
    "lad_codes",
    "themes",
    "start_year",
    "end_year",
    "funding_gbp",
    "funder",
    "source_title",
    "source_url",
    "notes",
]
MODELS = [
    "staging/register__interventions.sql",
    "intermediate/register__corrected.sql",
    "intermediate/register__interventions.sql",
    "intermediate/register__area_codes.sql",
    "intermediate/register__problems.sql",
    "marts/interventions.sql",
    "marts/intervention_areas.sql",
]
GLOUCESTERSHIRE = ["E07000078", "E07000079", "E07000080", "E07000081", "E07000082", "E07000083"]
TEES_VALLEY = ["E06000001", "E06000002", "E06000003", "E06000004", "E06000005"]

# a few real areas, as marts.areas describes them (only the columns the register models read)
AREAS = pd.DataFrame(
    [(c, "lad", True, True, "E10000013", None) for c in GLOUCESTERSHIRE]
    + [(c, "lad", True, True, c, "E47000006") for c in TEES_VALLEY]
    + [
        ("E08000021", "lad", True, True, "E08000021", "E47000014"),
        ("E08000037", "lad", True, True, "E08000037", "E47000014"),
        ("E08000026", "lad", True, True, "E08000026", "E47000007"),
        ("E06000066", "lad", True, True, "E06000066", None),
        ("E10000013", "county", False, True, "E10000013", None),
        ("E47000006", "ca", False, True, None, None),
        ("E47000014", "ca", False, True, None, None),
    ],
    columns=["area_code", "level", "is_lad", "is_current", "utla_code", "ca_code"],
)
LAD_SUCCESSORS = pd.DataFrame(
    [("E07000190", "E06000066", "merged"), ("E08000021", "E08000021", "unchanged")],
    columns=["old_code", "lad24_code", "change_type"],
)
UTLA_SUCCESSORS = pd.DataFrame(
    [("E10000027", "E06000066", "whole")], columns=["old_utla_code", "successor_code", "coverage"]
)
GEO_CHANGES = pd.DataFrame(
    [("E08000026", "E08000099", "new_code", 2025)],  # a made-up recode
    columns=["old_code", "new_code", "change_type", "start_year"],
)


def row(id_: str, **kw: object) -> dict:
    base = {
        "id": id_,
        "name": f"Partnership {id_}",
        "programme": "Leading Places (phase 1)",
        "type": "leadership programme",
        "lad_codes": "E08000026",
        "start_year": 2016,
        "end_year": 2017,
        "themes": "health; sport",
        "source_title": "A page | Another",
        "source_url": "https://example.org/a | https://example.org/b",
        "notes": "",
    }
    return base | kw


def run_models(
    tmp_path: Path, rows: list[dict], corrections: list[tuple] = ()
) -> duckdb.DuckDBPyConnection:
    """Write the rows as the register CSV and run the register models on them, with the given
    corrections (intervention_id, field, value, source, reason) as the seed overlay."""
    (tmp_path / "interventions").mkdir(exist_ok=True)
    pd.DataFrame(rows).reindex(columns=COLUMNS).to_csv(tmp_path / REGISTER, index=False)
    con = duckdb.connect()
    con.execute(f"set file_search_path = '{tmp_path.as_posix()}'")
    for schema in ("seeds", "staging", "intermediate", "marts"):
        con.execute(f"create schema {schema}")
    con.execute(
        "create table seeds.register_corrections (intervention_id varchar, field varchar, "
        "value varchar, source varchar, reason varchar)"
    )
    if corrections:
        con.executemany(
            "insert into seeds.register_corrections values (?, ?, ?, ?, ?)", corrections
        )
    for name, frame in {
        "marts.areas": AREAS,
        "intermediate.lad_successors": LAD_SUCCESSORS,
        "intermediate.utla_successors": UTLA_SUCCESSORS,
        "staging.ons_geo__changes": GEO_CHANGES,
    }.items():
        con.register("_f", frame)
        con.execute(f"create table {name} as select * from _f")
        con.unregister("_f")
    for model in MODELS:  # the register's own models, in dependency order
        layer, stem = model.removesuffix(".sql").split("/")
        con.execute(f"create table {layer}.{stem} as " + (SQL_DIR / model).read_text())
    return con


def errors(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        (SQL_DIR / "tests" / "interventions_register_valid.sql").read_text()
    ).fetchdf()


def areas_of(con: duckdb.DuckDBPyConnection, iv: str) -> dict[str, str]:
    got = con.execute(
        "select area_code, via from marts.intervention_areas where intervention_id = $iv",
        {"iv": iv},
    ).fetchall()
    return dict(got)


def test_a_clean_register_passes_every_check(tmp_path):
    con = run_models(
        tmp_path,
        [
            row("LP1-01"),
            row(
                "CUA-NCL",
                lad_codes="E08000021",
                programme="Civic University Agreements / X",
                end_year=None,
                start_year=2021,
            ),
        ],
    )
    assert errors(con).empty
    for test in (SQL_DIR / "tests").glob("interventions_*.sql"):
        assert con.execute(test.read_text()).fetchdf().empty, test.stem
    iv = con.execute("select * from marts.interventions order by intervention_id").fetchdf()
    assert iv["programme_group"].tolist() == ["CNUA", "Leading Places 1"]
    first = iv.set_index("intervention_id").loc["LP1-01"]
    assert list(first["themes"]) == ["health", "sport"]
    assert list(first["source_urls"]) == ["https://example.org/a", "https://example.org/b"]
    assert list(first["source_titles"]) == ["A page", "Another"]
    assert not first["is_uncertain"]


def test_unknown_area_code_stops_with_row_id_and_reason(tmp_path):
    con = run_models(tmp_path, [row("LP1-01"), row("LP1-03", lad_codes="E10000013;E99999999")])
    bad = errors(con)
    assert bad["register_row"].tolist() == ["LP1-03"]
    assert bad["reason"].tolist() == ["unknown area code"]
    assert bad["message"].iloc[0] == (
        "interventions/interventions_research.csv row LP1-03: "
        "area code E99999999 is not a known area"
    )


def test_malformed_code_is_named(tmp_path):
    con = run_models(tmp_path, [row("LP1-04", lad_codes="E0800002")])
    msg = errors(con)["message"].iloc[0]
    assert "row LP1-04" in msg and "E0800002 is not a GSS code" in msg


def test_row_without_source_stops_with_row_id_and_reason(tmp_path):
    con = run_models(tmp_path, [row("LP1-01"), row("LP1-02", source_url="", source_title="")])
    bad = errors(con)
    assert bad["register_row"].tolist() == ["LP1-02"]
    assert bad["message"].iloc[0] == (
        "interventions/interventions_research.csv row LP1-02: "
        "no source URL: every row needs at least one source in source_url"
    )


def test_missing_name_programme_type_and_start_are_each_named(tmp_path):
    con = run_models(
        tmp_path,
        [
            row("X-1", name="", programme="", type="", start_year=None),
            row("X-2", start_year=2019, end_year=2010),
            row("X-2"),
        ],
    )
    bad = errors(con)
    got = set(zip(bad["register_row"], bad["reason"], strict=True))
    assert got == {
        ("X-1", "missing name"),
        ("X-1", "missing programme"),
        ("X-1", "missing type"),
        ("X-1", "no start year"),
        ("X-2", "implausible years"),
        ("X-2", "duplicate id"),
    }


def test_documented_gaps_are_flags_not_errors(tmp_path):
    """The researcher's UNVERIFIED / NOT FOUND notes turn a gap into a visible flag."""
    con = run_models(
        tmp_path,
        [
            row("LP2-08", source_url="", notes="UNVERIFIED: listed in seed documents only."),
            row("CUA-BRISTOL", start_year=None, end_year=None, notes="Signing date NOT FOUND."),
            row("LPIP-HUB", lad_codes=""),
            row("LPIP-WA", lad_codes="W06000004;W06000023"),
        ],
    )
    assert errors(con).empty
    iv = con.execute("select * from marts.interventions").fetchdf().set_index("intervention_id")
    assert iv.loc["LP2-08", "is_uncertain"] and iv.loc["CUA-BRISTOL", "is_uncertain"]
    assert iv.loc["CUA-BRISTOL", "uncertain_note"] == "Signing date NOT FOUND."
    assert any(f.startswith("no source") for f in iv.loc["LP2-08", "flags"])
    assert any(f.startswith("no area codes") for f in iv.loc["LPIP-HUB", "flags"])
    assert any("W06000004, W06000023" in f for f in iv.loc["LPIP-WA", "flags"])
    assert list(iv.loc["LPIP-WA", "listed_codes"]) == ["W06000004", "W06000023"]
    assert areas_of(con, "LPIP-WA") == {}  # non-English codes never reach intervention_areas


def test_county_expands_to_its_districts(tmp_path):
    con = run_models(tmp_path, [row("LP1-03", lad_codes="E10000013;E07000078")])
    got = areas_of(con, "LP1-03")
    assert sorted(got) == GLOUCESTERSHIRE
    assert got["E07000078"] == "listed"  # listed and county member: counted once, as listed
    assert {got[c] for c in GLOUCESTERSHIRE[1:]} == {"county member"}


def test_combined_authority_expands_to_members(tmp_path):
    con = run_models(tmp_path, [row("CA-TV", lad_codes="E47000006")])
    got = areas_of(con, "CA-TV")
    assert sorted(got) == TEES_VALLEY
    assert set(got.values()) == {"combined authority member"}


def test_older_codes_map_to_2024_successors(tmp_path):
    con = run_models(
        tmp_path, [row("OA-WSO", lad_codes="E07000190"), row("OLD-CTY", lad_codes="E10000027")]
    )
    assert areas_of(con, "OA-WSO") == {"E06000066": "listed"}
    assert areas_of(con, "OLD-CTY") == {"E06000066": "county member"}
    listed = con.execute(
        "select listed_code from marts.intervention_areas where intervention_id = 'OA-WSO'"
    ).fetchone()[0]
    assert listed == "E07000190"


def test_later_code_only_changes_read_back_to_the_2024_code(tmp_path):
    """The register uses ONS May 2026 codes; a 2025 recode (e.g. Barnsley) is its 2024 district."""
    con = run_models(tmp_path, [row("CA-X", lad_codes="E08000099")])
    assert errors(con).empty
    assert areas_of(con, "CA-X") == {"E08000026": "listed"}


# ---------- the real pipeline on a private copy of data/raw


def rehash(manifest: Path, raw: Path, rel: str) -> None:
    rows = list(csv.DictReader(open(manifest, encoding="utf-8")))
    for r in rows:
        if r["file"] == rel:
            r["sha256"] = hashlib.sha256((raw / rel).read_bytes()).hexdigest()
    with open(manifest, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.slow
def test_build_stops_on_a_bad_register_row_and_keeps_the_old_warehouse(tmp_path):
    from pipelines.build import build

    raw, manifest = tmp_path / "raw", tmp_path / "sources.csv"
    shutil.copytree(RAW_DIR, raw)
    shutil.copy(MANIFEST, manifest)
    frame = pd.read_csv(raw / REGISTER, dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "LP1-03", "lad_codes"] += ";E99999999"
    frame.loc[frame["id"] == "LP1-04", "source_url"] = ""
    frame.to_csv(raw / REGISTER, index=False)
    rehash(manifest, raw, REGISTER)
    warehouse = tmp_path / "atlas.duckdb"
    with pytest.raises(BuildError) as exc:
        build(warehouse=warehouse, raw_dir=raw, manifest=manifest, patterns=["marts.intervention*"])
    text = exc.value.message()
    assert "interventions_register_valid" in text
    assert "row LP1-03: area code E99999999 is not a known area" in text
    assert "row LP1-04: no source URL" in text
    assert not warehouse.exists()


# ---------------------------------------------------------------------------------- the real register


@pytest.fixture(scope="module")
def real(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def test_real_register_loads_every_row_with_its_group(real):
    iv = real.execute("select * from marts.interventions").fetchdf().set_index("intervention_id")
    assert len(iv) == 102
    assert iv.loc["CUA-NCL", "programme_group"] == "CNUA"
    assert iv.loc["LP1-01", "programme_group"] == "Leading Places 1"
    assert iv.loc["LP2-10", "programme_group"] == "Leading Places 2"
    assert iv.loc["LPIP-YH", "programme_group"] == "LPIP"
    assert iv.loc["LP2-08", "is_uncertain"] and not iv.loc["LP1-01", "is_uncertain"]
    assert pd.isna(iv.loc["CUA-NCL", "end_year"])  # ongoing


def test_real_counties_expand_to_their_districts(real):
    devon = real.execute(
        "select area_code, via from marts.intervention_areas where intervention_id = 'CUA-DEVON'"
    ).fetchall()
    assert len(devon) == 8 and {v for _, v in devon} == {"county member"}  # Devon's 8 districts
    glos = (
        real.execute(
            "select area_code from marts.intervention_areas "
            "where intervention_id = 'LP1-03' order by 1"
        )
        .fetchdf()["area_code"]
        .tolist()
    )
    assert glos == GLOUCESTERSHIRE


def test_real_2025_codes_read_back_to_2024_districts(real):
    sy = dict(
        real.execute(
            "select area_code, listed_code from marts.intervention_areas "
            "where intervention_id = 'CA-SY'"
        ).fetchall()
    )
    assert sy["E08000016"] == "E08000038" and sy["E08000019"] == "E08000039"  # Barnsley, Sheffield


def test_corrections_overlay_sets_fields_and_status_without_touching_the_raw_row(tmp_path):
    """Corrections come from the seed overlay with their source; status is proposed / not
    established where a correction says so, else ended (an end year before 2026) or running."""
    con = run_models(
        tmp_path,
        [
            row("LP2-10", name="LP2 Tees Valley (UNVERIFIED)", partners="not found", lad_codes=""),
            row("NE-REP", start_year=2025, end_year=None, lad_codes="E08000021"),
            row("CUA-NCL", start_year=2021, end_year=None, lad_codes="E08000021"),
            row("LP3-00", lad_codes="", start_year=None, end_year=None, notes="NOT FOUND: none."),
        ],
        corrections=[
            (
                "LP2-10",
                "partners",
                "Tees Valley Combined Authority; Teesside University",
                "Eval",
                "why",
            ),
            ("LP2-10", "name", "LP2 Tees Valley (business scale-ups)", "Eval", "theme named"),
            ("LP2-10", "lad_codes", "E47000006", "Eval", "the CA's members"),
            ("NE-REP", "status", "proposed", "Report", "a recommendation"),
            ("NE-REP", "lad_codes", "E47000014", "Report", "drawn over the MCA"),
            ("LP3-00", "status", "not established", "Register", "no evidence"),
        ],
    )
    assert errors(con).empty
    iv = con.execute("select * from marts.interventions").fetchdf().set_index("intervention_id")
    assert iv.loc["LP2-10", "partners"] == "Tees Valley Combined Authority; Teesside University"
    assert iv.loc["LP2-10", "name"] == "LP2 Tees Valley (business scale-ups)"
    assert not iv.loc["LP2-10", "is_uncertain"]  # the UNVERIFIED name is gone
    assert [c["source"] for c in iv.loc["LP2-10", "corrections"]] == ["Eval"] * 3
    assert set(areas_of(con, "LP2-10")) == set(TEES_VALLEY)
    assert iv["status"].to_dict() == {
        "CUA-NCL": "running",
        "LP2-10": "ended",
        "LP3-00": "not established",
        "NE-REP": "proposed",
    }
    # the proposal is drawn over the North East MCA; the placeholder covers nothing, unflagged
    assert areas_of(con, "NE-REP") == {
        "E08000021": "combined authority member",
        "E08000037": "combined authority member",
    }
    assert areas_of(con, "LP3-00") == {}
    assert not any(f.startswith("no area codes") for f in iv.loc["LP3-00", "flags"])
    raw = con.execute(
        "select partners from staging.register__interventions where intervention_id = 'LP2-10'"
    ).fetchone()
    assert raw == ("not found",)  # the raw register row is untouched


def test_a_bad_correction_stops_the_build(tmp_path):
    con = run_models(
        tmp_path,
        [row("LP1-01")],
        corrections=[
            ("ZZ-99", "partners", "x", "s", "r"),
            ("LP1-01", "colour", "x", "s", "r"),
            ("LP1-01", "status", "paused", "s", "r"),
            ("LP1-01", "themes", "x", "", "r"),
            ("LP1-01", "source_url", "https://example.org/order", "s", "r"),  # no title
        ],
    )
    bad = con.execute(
        (SQL_DIR / "tests" / "interventions_corrections_valid.sql").read_text()
    ).fetchdf()
    assert set(bad["problem"].str.split(" ").str[0]) >= {"no", "unknown", "status", "a"}
    assert set(bad["intervention_id"]) == {"ZZ-99", "LP1-01"} and len(bad) == 5
