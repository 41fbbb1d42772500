#!/usr/bin/env bash
# Back-office queue benchmark (issue 14, speed): the queue page of one form with and without each
# filter and search, and the case page, over a portal of N applications, against the real daemon.
#
#   bash bench/operator.sh                       # N=100000, release daemon, 200 requests a page
#   N=20000 REQUESTS=50 PIAZZA_BIN=.build/debug/piazza RECORD=0 bash bench/operator.sh
#
# The corpus comes from bench/OperatorCorpus (a debug build: `swift build --build-tests` makes
# .build/debug/OperatorCorpus), which stores N applications of vigonza's misura-1 through
# PortalDatabase itself — numbering, the real automatic checks, the household index, the
# codici fiscali the search reads — spread over 150 days and over the workflow's states. The
# daemon then opens that database as in production (its migrations, indexes, no ANALYZE), an admin
# logs in with curl, and each page is asked REQUESTS times in a row (the first search by name, which
# indexes the names of every application, is timed once before); p50 and p99 of curl's
# time_total (connect to last byte, on 127.0.0.1). Every answer must be 200.
#
# Environment: N (default 100000), REQUESTS per page (default 200), PORT (default 18083), RECORD 1
# (default) appends to bench/RESULTS.md under "## Operator queue", PIAZZA_BIN a daemon binary to
# measure instead of the release build, CORPUS_BIN the generator (default .build/debug/OperatorCorpus).
# Output: bench/out/operator/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

N=${N:-100000}
REQUESTS=${REQUESTS:-200}
PORT=${PORT:-18083}
RECORD=${RECORD:-1}
CORPUS_BIN=${CORPUS_BIN:-.build/debug/OperatorCorpus}
OUT=bench/out/operator
FORM=misura-1
PASSWORD="benchmark password 1234"
BASE="http://127.0.0.1:$PORT/operator/vigonza/"

bench_require sqlite3 sqlite3
[ -x "$CORPUS_BIN" ] || { echo "bench: no $CORPUS_BIN; run swift build --build-tests first"; exit 1; }
bench_binary
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
bench_workdir
DB="$OUT/data/vigonza/piazza.sqlite"

START=$(date +%s)
"$CORPUS_BIN" --content "$OUT/content" --data "$OUT/data" --portal vigonza --form "$FORM" --count "$N"
FILL_S=$(($(date +%s) - START))

echo "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin --config "$OUT/piazza.yaml" > /dev/null
start_daemon
bench_log_in bench "$PASSWORD"

# Values the pages ask for, taken from the corpus: a number half-way down (a deep page), one
# applicant's codice fiscale, a case.
MIDDLE=$(sqlite3 "$DB" "SELECT number FROM applications ORDER BY submitted_at DESC, id DESC LIMIT 1 OFFSET $((N / 2))")
CODE=$(sqlite3 "$DB" "SELECT fiscal_code FROM application_fiscal_codes LIMIT 1 OFFSET $((N / 3))")
CASE=$(sqlite3 "$DB" "SELECT number FROM applications WHERE id = $((N / 3))")
FROM=$(date -d '-60 days' +%d/%m/%Y)
TO=$(date -d '-30 days' +%d/%m/%Y)
ROWS=$(sqlite3 "$DB" "SELECT count(*) FROM applications")
# The first search by name indexes the names of every application stored before it (once; later
# searches index only those stored since): timed on its own.
FIRST_NAME_MS=$(curl -s -b "$JAR" -o /dev/null -w "%{time_total}" "$BASE?modulo=$FORM&cerca=Rossi" | awk '{printf "%.0f", $1 * 1000}')
echo "first search by name (indexes $ROWS applications): $FIRST_NAME_MS ms"

# name|path (after /operator/vigonza/)
PAGES="queue, first page|?modulo=$FORM
queue, page after $MIDDLE|?modulo=$FORM&dopo=$MIDDLE
stato=presa_in_carico|?modulo=$FORM&stato=presa_in_carico
stato=richiesta_integrazione|?modulo=$FORM&stato=richiesta_integrazione
controlli=1|?modulo=$FORM&controlli=1
canale=assisted|?modulo=$FORM&canale=assisted
scadute=1|?modulo=$FORM&scadute=1
dal $FROM al $TO|?modulo=$FORM&dal=$FROM&al=$TO
stato + canale + controlli|?modulo=$FORM&stato=integrata&canale=assisted&controlli=1
cerca numero pratica|?modulo=$FORM&cerca=$CASE
cerca codice fiscale (lower case)|?modulo=$FORM&cerca=${CODE,,}
cerca cognome (a tenth of the cases)|?modulo=$FORM&cerca=rossi
cerca nome e cognome|?modulo=$FORM&cerca=Maria+Rossi
cerca cognome + stato|?modulo=$FORM&cerca=Bianchi&stato=presa_in_carico
case page|pratiche/$CASE"

TABLE="| page | p50 ms | p99 ms | rows listed |
|---|---:|---:|---:|"
while IFS='|' read -r NAME PATH_; do
  STATUS=$(curl -s -b "$JAR" -o "$OUT/page.html" -w "%{http_code}" "$BASE$PATH_")
  [ "$STATUS" = 200 ] || { echo "bench: $NAME answered $STATUS"; exit 1; }
  LISTED=$(grep -c '<th scope="row"><a href=' "$OUT/page.html" || true)
  for _ in $(seq "$REQUESTS"); do
    curl -s -b "$JAR" -o /dev/null -w "%{time_total}\n" "$BASE$PATH_"
  done | sort -n > "$OUT/times.txt"
  P50=$(percentile_ms "$OUT/times.txt" 50)
  P99=$(percentile_ms "$OUT/times.txt" 99)
  echo "$NAME: p50 $P50 ms, p99 $P99 ms, $LISTED rows"
  TABLE="$TABLE
| $NAME | $P50 | $P99 | $LISTED |"
done <<< "$PAGES"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

if [ "$RECORD" = 1 ]; then
  SUMMARY=$(printf -- '- %s · `N=%s REQUESTS=%s%s bash bench/operator.sh` · piazza %s (%s) · %s applications of vigonza/%s (filled in %s s; first search by name %s ms) · machine: %s · load average before %s, after %s (shared machine: other engineers building and testing)' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$N" "$REQUESTS" "${PIAZZA_BIN:+ PIAZZA_BIN=$PIAZZA_BIN}" "$(git rev-parse --short HEAD)" \
    "$BUILD" "$ROWS" "$FORM" "$FILL_S" "$FIRST_NAME_MS" "$(bench_machine)" "$LOAD_BEFORE" "$LOAD_AFTER")
  bench_record "## Operator queue" 'One entry per run of `bench/operator.sh`: the queue page of one form (50 rows) with and without each filter and search, and the case page, over N applications stored through PortalDatabase by bench/OperatorCorpus; p50/p99 of REQUESTS sequential requests each (curl time_total). Target: < 50 ms p99.' "$SUMMARY"$'\n\n'"$TABLE"
fi
