#!/usr/bin/env bash
# Bookings benchmark (issue 15, PRODUCT.md §7 and §11): booking posts per second and latency with the
# real daemon, and the capacity rule under load: seats booked never exceed a slot's capacity.
#
#   bash bench/bookings.sh                        # spread: 64 connections; hot slot: 256 connections
#   SPREAD_CONNECTIONS=16 HOT_CONNECTIONS=512 DURATION=5s bash bench/bookings.sh
#
# Starts the daemon on a copy of the demo content with two more Vigonza calendars, written for
# today so the run does not depend on the date: `bench` (20 resources × 10 days = 200 slots of
# 10,000 seats each: every post books) and `corsa` (one slot of 3 seats). wrk (bench/bookings.lua)
# posts one seat for a new family each time:
#   1. spread: SPREAD_CONNECTIONS connections over the 200 slots for DURATION: 303s per second, p50, p99;
#   2. hot: HOT_CONNECTIONS connections on the 3-seat slot for DURATION: exactly 3 × 303, the rest 409.
# Then it checks in the database that no slot holds more confirmed seats than its capacity, and that
# the rows stored equal the 303s (plus at most one request per connection in flight when wrk stopped).
#
# Environment:
#   SPREAD_CONNECTIONS (default 64), HOT_CONNECTIONS (default 256), DURATION (default 10s)
#   PORT         daemon port (default 18082)
#   PIAZZA_BIN   a piazza binary to measure instead of building the release one
#   RECORD       1 (default) appends the result to bench/RESULTS.md under "## Bookings"; 0 does not
#
# Output: bench/out/bookings/ (git-ignored): content/, data/, piazza.yaml, daemon.log, wrk-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

SPREAD_CONNECTIONS=${SPREAD_CONNECTIONS:-64}
HOT_CONNECTIONS=${HOT_CONNECTIONS:-256}
DURATION=${DURATION:-10s}
PORT=${PORT:-18082}
RECORD=${RECORD:-1}
OUT=bench/out/bookings

bench_require wrk wrk
bench_require sqlite3 sqlite3
bench_binary
bench_workdir "limits: { body_bytes: 1048576, file_bytes: 524288, per_ip_per_minute: 1000000 }"
CALENDARS="$OUT/content/vigonza/calendars"
mkdir -p "$CALENDARS"
day() { date -u -d "+$1 days" +%Y-%m-%d; }
{
  printf 'title: Banco di prova\ndescription: Molti turni con molti posti.\ncapacity: 10000\nresources:\n'
  for r in $(seq 20); do printf '  - { id: r%d, name: "Aula %d" }\n' "$r" "$r"; done
  printf 'extra_slots:\n'
  for d in $(seq 2 11); do
    for r in $(seq 20); do printf '  - { resource: r%d, date: %s, start: "10:00", end: "11:00" }\n' "$r" "$(day "$d")"; done
  done
} > "$CALENDARS/bench.yaml"
printf 'title: Corsa ai posti\ndescription: Tre posti.\ncapacity: 3\nresources:\n  - { id: aula, name: Aula }\nextra_slots:\n  - { resource: aula, date: %s, start: "10:00", end: "11:00" }\n' \
  "$(day 2)" > "$CALENDARS/corsa.yaml"
for d in $(seq 2 11); do
  for r in $(seq 20); do echo "/bookings/vigonza/bench/$(day "$d")T10:00-r$r"; done
done > "$OUT/spread-slots.txt"
echo "/bookings/vigonza/corsa/$(day 2)T10:00-aula" > "$OUT/hot-slot.txt"

start_daemon

DB="$OUT/data/vigonza/piazza.sqlite"
rows() { sqlite3 "$DB" "SELECT count(*) FROM bookings WHERE calendar_id = '$1' AND state = 'confermata'"; }

# drive NAME CONNECTIONS SLOTS-FILE CALENDAR: one wrk run; sets rps, p50ms, p99ms, s303, s409, other,
# sock and added (rows of CALENDAR added).
drive() {
  local name=$1 c=$2 slots=$3 calendar=$4 before line
  before=$(rows "$calendar")
  wrk -t2 -c"$c" -d"$DURATION" --timeout 10s --latency -s bench/bookings.lua "http://127.0.0.1:$PORT" \
    -- "$name" "$slots" > "$OUT/wrk-$name.txt"
  added=$(( $(rows "$calendar") - before ))
  line=$(grep '^RESULT' "$OUT/wrk-$name.txt")
  val() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<" $line"; }
  s303=$(val s303); s409=$(val s409); other=$(val other); sock=$(val socket_errors)
  rps=$(awk -v n="$(val requests)" -v d="$(val duration_us)" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
  p50ms=$(awk -v v="$(val p50_us)" 'BEGIN { printf "%.1f", v / 1000 }')
  p99ms=$(awk -v v="$(val p99_us)" 'BEGIN { printf "%.1f", v / 1000 }')
  echo "$name: $c connections, $rps req/s, p50 $p50ms ms, p99 $p99ms ms, 303s $s303, 409s $s409, other $other, socket errors $sock, rows added $added"
}

drive spread "$SPREAD_CONNECTIONS" "$OUT/spread-slots.txt" bench
SPREAD_ROW="| spread over 200 slots of 10,000 seats | $SPREAD_CONNECTIONS | $rps | $p50ms | $p99ms | $s303 | $s409 | $other | $sock | $added |"
SPREAD_OK=$(( added >= s303 && added - s303 <= SPREAD_CONNECTIONS ))
drive hot "$HOT_CONNECTIONS" "$OUT/hot-slot.txt" corsa
HOT_ROW="| one slot of 3 seats | $HOT_CONNECTIONS | $rps | $p50ms | $p99ms | $s303 | $s409 | $other | $sock | $added |"
HOT_OK=$(( s303 == 3 && added == 3 ))

stop_daemon
trap - EXIT
OVER=$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT slot_id, SUM(seats) AS taken FROM bookings WHERE state = 'confermata' GROUP BY calendar_id, slot_id HAVING taken > CASE calendar_id WHEN 'corsa' THEN 3 ELSE 10000 END)")
INTEGRITY=$(sqlite3 "$DB" "PRAGMA integrity_check")
echo "slots over capacity: $OVER; hot slot exactly 3 bookings: $([ "$HOT_OK" = 1 ] && echo yes || echo no); rows = 303s (spread, within in-flight): $([ "$SPREAD_OK" = 1 ] && echo yes || echo no); integrity_check: $INTEGRITY"

if [ "$RECORD" = 1 ]; then
  SUMMARY="- $(date -u '+%Y-%m-%d %H:%M UTC') · \`SPREAD_CONNECTIONS=$SPREAD_CONNECTIONS HOT_CONNECTIONS=$HOT_CONNECTIONS DURATION=$DURATION bash bench/bookings.sh\` · piazza $(git rev-parse --short HEAD) ($BUILD) · slots over capacity: $OVER · hot slot: $([ "$HOT_OK" = 1 ] && echo "exactly 3 bookings" || echo "NOT 3 bookings") · integrity_check: $INTEGRITY · machine: $(bench_machine)"
  TABLE="| load | connections | req/s | p50 ms | p99 ms | 303 | 409 | other | socket errors | rows added |"$'\n'"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"$'\n'"$SPREAD_ROW"$'\n'"$HOT_ROW"
  bench_record "## Bookings" 'One entry per run of `bench/bookings.sh`: wrk posts of one seat for a new family each, to `POST /bookings/vigonza/<calendar>/<slot>`; every 303 is a booking committed durably (WAL, synchronous=FULL) after its seats were counted in the same write transaction. "spread" books 200 slots with room for everyone; "hot" sends every post to one 3-seat slot, where exactly 3 must be booked and every other post answered 409. req/s counts every answer (303 and 409).' "$SUMMARY"$'\n\n'"$TABLE"
fi
[ "$OVER" = 0 ] && [ "$HOT_OK" = 1 ] && [ "$SPREAD_OK" = 1 ] && [ "$INTEGRITY" = ok ]
