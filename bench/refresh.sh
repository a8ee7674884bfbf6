#!/bin/bash
# make the measurement in docs/refresh.md: hold back 2023 of the real employment-rate file in a
# temporary copy, build, refuse a renamed column, dry-run, refresh, rebuild (times printed by bash).
# The issue's "done when", by hand, on a copy of the repo's data (never the repo's data/raw).
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
D=${D:-$(mktemp -d)}
rm -rf $D && mkdir -p $D && cp -r data/raw $D/raw && cp -r data/seeds $D/seeds && cp data/sources.csv $D/sources.csv
F=labour/ons_els_employment-rate.csv.gz
zcat data/raw/$F > $D/employment-rate.csv                                     # the full published file
grep -v ",2023-01-01/P1Y," $D/employment-rate.csv | gzip -n -9 > $D/raw/$F     # hold back 2023
$PY - <<PYEOF
import csv, hashlib
rows = list(csv.DictReader(open("$D/sources.csv", newline="", encoding="utf-8")))
for r in rows:
    if r["file"] == "$F":
        r["sha256"] = hashlib.sha256(open("$D/raw/$F", "rb").read()).hexdigest()
w = csv.DictWriter(open("$D/sources.csv", "w", newline="", encoding="utf-8"), fieldnames=list(rows[0]))
w.writeheader(); w.writerows(rows)
PYEOF
ARGS="--raw $D/raw --manifest $D/sources.csv --target $D/atlas.duckdb --seeds $D/seeds"
hashes() { (cd $D && find raw seeds sources.csv atlas.duckdb -type f | sort | xargs sha256sum | sha256sum); }
echo "== build the held-back warehouse"; time nice $PY -m pipelines build --raw $D/raw --manifest $D/sources.csv --target $D/atlas.duckdb --seeds $D/seeds | tail -2
q() { $PY -c "import duckdb; c=duckdb.connect('$D/atlas.duckdb', read_only=True); print(c.execute(\"$1\").fetchall())"; }
q "select period, value from marts.indicator_values where indicator_id='employment_rate' and area_code='E92000001' and year >= 2022 order by year"
echo "== renamed column"; sed '1s/,observation,/,obs_value,/' $D/employment-rate.csv > $D/renamed-employment-rate.csv
H0=$(hashes); nice $PY -m pipelines refresh --from $D/renamed-employment-rate.csv $ARGS --log-dir $D/log; echo "exit $?"; [ "$H0" = "$(hashes)" ] && echo "hashes identical after the refusal"
echo "== dry run"; H0=$(hashes); time nice $PY -m pipelines refresh --from $D/employment-rate.csv --dry-run $ARGS --log-dir $D/log > $D/dry.txt; echo "exit $?"; [ "$H0" = "$(hashes)" ] && echo "hashes identical after the dry run"; grep -A3 "New periods" $D/dry.txt
echo "== refresh"; time nice $PY -m pipelines refresh --from $D/employment-rate.csv $ARGS --log-dir $D/log > $D/refresh.txt; echo "exit $?"
q "select period, value from marts.indicator_values where indicator_id='employment_rate' and area_code='E92000001' and year >= 2022 order by year"
grep "employment-rate" $D/sources.csv | cut -d, -f1,9-13
ls $D/log; sed -n 1,40p $D/log/*.md
echo "== rebuild"; time $PY -m pipelines build $ARGS | tail -1
