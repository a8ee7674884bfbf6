"""Writes data/sources.csv: the table in ``manifest_files.py`` plus each stored file's sha256.

Re-run after adding a raw file: `python scripts/make_manifest.py` recomputes `sha256` of the stored
files; the descriptive columns live in ``manifest_files.py``.
"""

import csv
import gzip
import hashlib
from pathlib import Path

from manifest_constants import ELS_COMMIT, ELS_REPO, OGL, PSI
from manifest_files import FILES, LABOUR

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    rows = []
    for path in sorted(RAW.rglob("*")):
        rel = path.relative_to(RAW).as_posix()
        if not path.is_file() or path.name.endswith(".md"):
            continue
        name = path.name
        if rel in FILES:
            pub, title, period, attr, repo, opath, commit, src_sha, notes = FILES[rel]
        elif rel.startswith("labour/"):
            key = name if name in LABOUR else name.replace(".metadata.json", ".csv.gz")
            key = key if key in LABOUR else name.replace(".metadata.json", ".csv")
            title, period, opath, src_sha = LABOUR[key]
            repo, commit = (ELS_REPO, ELS_COMMIT)
            if "long-term-sickness" in name:
                repo, commit = (
                    "ONSdigital/explore-local-statistics-app",
                    "128f0a65684af0ee15ae5b0f807503c43f8b7cf7",
                )
            pub, attr, notes = "ONS", PSI, "see labour/SOURCES.md"
            if name.endswith(".json"):
                title, opath, src_sha, notes = (
                    "Metadata: " + title,
                    opath.replace(".csv", ".json"),
                    "",
                    "definition and caveats for the catalogue",
                )
        else:
            raise SystemExit(f"no description for {rel}")
        if not src_sha and name.endswith(".gz"):
            src_sha = hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest()
        rows.append(
            {
                "file": rel,
                "domain": rel.split("/")[0],
                "publisher": pub,
                "title": title,
                "period": period,
                "licence": OGL,
                "attribution": attr,
                "origin_repo": repo,
                "origin_path": opath,
                "origin_commit": commit,
                "source_sha256": src_sha,
                "sha256": sha(path),
                "used_by": "",
                "notes": notes,
            }
        )
    out = ROOT / "data" / "sources.csv"
    old = {}
    if out.exists():
        old = {r["file"]: r for r in csv.DictReader(open(out, encoding="utf-8"))}
    for r in rows:  # keep hand-edited used_by
        r["used_by"] = old.get(r["file"], {}).get("used_by", "")
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
