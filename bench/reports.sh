#!/usr/bin/env bash
# Reports benchmark (issue 14, speed): the CSV and XLSX exports of N applications (`piazza report`,
# the same code and bytes as the back office's download) — wall time and peak RSS at N and N/10, to
# show memory flat in the number of rows — and the live dashboard's time per request (p50, p99).
#
#   bash bench/reports.sh                      # N=100000, release build
#   N=20000 PIAZZA_BIN=.build/debug/piazza RECORD=0 bash bench/reports.sh
#
# The corpus is the smallest that exercises every column: one portal database (vigonza) migrated
# by piazza itself, then N applications of the form misura-2 inserted by one SQL statement (a
# recursive CTE): ~1 KB of answers each (names, codice fiscale, dates, ISEE, an amount, options,
# IBAN, a household of 2), states spread as an office leaves them (30 % inviata, 20 % presa in
# carico, 10 % integrata, 25 % accolta with a benefit, 10 % respinta, 5 % ritirata), one in five
# with a check warning, submissions over 150 days; half the accepted cases paid.
#
# Environment: N (default 100000), PORT (default 18082), REQUESTS dashboard requests (default 30),
# RECORD 1 (default) appends to bench/RESULTS.md under "## Reports", PIAZZA_BIN a binary to measure.
# Output: bench/out/reports/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

N=${N:-100000}
PORT=${PORT:-18082}
REQUESTS=${REQUESTS:-30}
RECORD=${RECORD:-1}
OUT=bench/out/reports
PASSWORD="benchmark password 1234"

bench_require sqlite3 sqlite3
[ -x /usr/bin/time ] || { echo "bench: GNU time is needed (apt-get install time)"; exit 1; }
bench_binary
bench_workdir
DB="$OUT/data/vigonza/piazza.sqlite"

# Creates and migrates the database (the daemon, started and stopped), then fills it with $1 applications.
corpus() {
  rm -rf "$OUT/data/vigonza"
  start_daemon
  stop_daemon
  sqlite3 "$DB" <<SQL
PRAGMA synchronous = OFF;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO applications (id, token, number, year, seq, form_id, submitted_at, channel, answers, checks,
                          benefit_cents, state)
SELECT i, 'tok' || i, printf('2026-%07d', i), 2026, i, 'misura-2',
       strftime('%Y-%m-%dT%H:%M:%S.000Z', '2026-06-01', printf('-%d minutes', (i * 2161) % 216000)),
       CASE WHEN i % 10 = 0 THEN 'assisted' ELSE 'online' END,
       json_object('formID', 'misura-2', 'answers', json_array(
         json_object('name', 'nome', 'text', 'Maria ' || i), json_object('name', 'cognome', 'text', 'Rossi; "Bianchi"'),
         json_object('name', 'codice_fiscale', 'text', 'BNCLRA90A41H501F'),
         json_object('name', 'data_nascita', 'date', '1990-01-01'),
         json_object('name', 'comune_residenza', 'option', '028100'),
         json_object('name', 'indirizzo', 'text', 'Via Roma ' || (i % 200)), json_object('name', 'cap', 'text', '35010'),
         json_object('name', 'telefono', 'text', '+39 049 1234567'), json_object('name', 'email', 'text', 'maria@example.it'),
         json_object('name', 'componenti', 'rows', json_array(
           json_array(json_object('name', 'nome', 'text', 'Mario Rossi'),
                      json_object('name', 'codice_fiscale', 'text', 'RSSMRA45D25F205N')))),
         json_object('name', 'isee', 'isee', json_object('cents', 450000 + (i % 1000000), 'dsu', 'INPS-ISEE-2026-12345678A-00')),
         json_object('name', 'altri_sostegni', 'option', 'no'),
         json_object('name', 'importo_bollette', 'cents', 12050 + i % 50000),
         json_object('name', 'iban', 'text', 'IT60X0542811101000000123456'),
         json_object('name', 'intestatario_conto', 'text', '=HYPERLINK("http://x") ' || i),
         json_object('name', 'dichiarazione', 'bool', json('true')), json_object('name', 'privacy', 'bool', json('true')))),
       CASE WHEN i % 5 = 0
         THEN json_array(json_object('code', 'isee_threshold', 'status', 'warning', 'message', 'ISEE oltre la soglia.'))
         ELSE json_array(json_object('code', 'isee_threshold', 'status', 'ok', 'message', 'ISEE entro la soglia.')) END,
       25000 + (i % 4) * 5000,
       CASE WHEN i % 20 < 6 THEN 'inviata' WHEN i % 20 < 10 THEN 'presa_in_carico' WHEN i % 20 < 12 THEN 'integrata'
            WHEN i % 20 < 17 THEN 'accolta' WHEN i % 20 < 19 THEN 'respinta' ELSE 'ritirata' END
FROM n;
INSERT INTO payments (application_id, amount_cents, paid_on, reference, actor, recorded_at)
SELECT id, benefit_cents, '2026-05-30', 'M-' || (id / 100), 'bench', '2026-05-30T10:00:00.000Z'
FROM applications WHERE state = 'accolta' AND id % 2 = 0;
SQL
}

# "seconds peak-KiB bytes" of one export in format $1 (default csv), written to $OUT/export.<format>.
export_once() {
  local format=${1:-csv}
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" \
    "$BIN" report --config "$OUT/piazza.yaml" --portal vigonza --form misura-2 --format "$format" > "$OUT/export.$format"
  echo "$(cat "$OUT/time.txt") $(stat -c %s "$OUT/export.$format")"
}

SMALL=$((N / 10))
corpus "$SMALL"
read -r SMALL_S SMALL_KB SMALL_BYTES <<< "$(export_once)"
read -r XSMALL_S XSMALL_KB XSMALL_BYTES <<< "$(export_once xlsx)"
corpus "$N"
read -r BIG_S BIG_KB BIG_BYTES <<< "$(export_once)"
read -r XBIG_S XBIG_KB XBIG_BYTES <<< "$(export_once xlsx)"
LINES=$(($(wc -l < "$OUT/export.csv") - 1))
echo "export: $SMALL rows ${SMALL_S}s ${SMALL_KB} KiB; $N rows ${BIG_S}s ${BIG_KB} KiB, $BIG_BYTES bytes, $LINES lines"
echo "xlsx export: $SMALL rows ${XSMALL_S}s ${XSMALL_KB} KiB; $N rows ${XBIG_S}s ${XBIG_KB} KiB, $XBIG_BYTES bytes"

# Dashboard: the daemon on the N-row database, an admin logged in with curl, REQUESTS timed GETs.
echo "$PASSWORD" | "$BIN" user add bench --role admin --password-stdin --config "$OUT/piazza.yaml" > /dev/null
start_daemon
bench_log_in bench "$PASSWORD"
STATUS=$(curl -s -b "$JAR" -o "$OUT/dashboard.html" -w "%{http_code}" "http://127.0.0.1:$PORT/operator/vigonza/cruscotto")
[ "$STATUS" = 200 ] || { echo "bench: dashboard answered $STATUS"; exit 1; }
for _ in $(seq "$REQUESTS"); do
  curl -s -b "$JAR" -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:$PORT/operator/vigonza/cruscotto"
done | sort -n > "$OUT/dashboard-times.txt"
P50=$(percentile_ms "$OUT/dashboard-times.txt" 50)
P99=$(percentile_ms "$OUT/dashboard-times.txt" 99)
WEB=$(curl -s -b "$JAR" -o "$OUT/web.csv" -w "%{time_total}" \
  "http://127.0.0.1:$PORT/operator/vigonza/esportazioni/domande?modulo=misura-2&formato=csv")
SAME=$(cmp -s "$OUT/web.csv" "$OUT/export.csv" && echo yes || echo no)
echo "dashboard over $N rows: p50 ${P50} ms, p99 ${P99} ms ($REQUESTS requests); web export ${WEB}s, same bytes as piazza report: $SAME"

if [ "$RECORD" = 1 ]; then
  SUMMARY=$(printf -- '- %s · `N=%s bash bench/reports.sh` · piazza %s (%s) · CSV export: %s rows %ss, peak RSS %s MiB; %s rows %ss, peak RSS %s MiB, %s MB · XLSX export: %s rows %ss, peak RSS %s MiB; %s rows %ss, peak RSS %s MiB, %s MB · dashboard p50 %s ms, p99 %s ms (%s requests) · web export %ss, same bytes: %s · machine: %s' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$N" "$(git rev-parse --short HEAD)" "$BUILD" "$SMALL" "$SMALL_S" "$((SMALL_KB / 1024))" \
    "$N" "$BIG_S" "$((BIG_KB / 1024))" "$((BIG_BYTES / 1000000))" "$SMALL" "$XSMALL_S" "$((XSMALL_KB / 1024))" \
    "$N" "$XBIG_S" "$((XBIG_KB / 1024))" "$((XBIG_BYTES / 1000000))" "$P50" "$P99" "$REQUESTS" "$WEB" "$SAME" "$(bench_machine)")
  bench_record "## Reports" 'One entry per run of `bench/reports.sh`: `piazza report` CSV export (wall time and peak RSS from GNU time, at N/10 and N rows: memory should not grow with rows), the dashboard per request over N rows, and the web export timed once and compared byte for byte with the command'"'"'s.' "$SUMMARY"
fi
