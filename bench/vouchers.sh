#!/usr/bin/env bash
# Voucher redemption benchmark (issue 19, speed): redemptions per second and latency at a shop's till
# with the real daemon, and the money rule under load: every balance equals the amount issued less
# the purchases stored, and none goes below zero.
#
#   bash bench/vouchers.sh                          # 1,000 vouchers; 64 connections, spread and hot
#   CONNECTIONS=256 DURATION=5s bash bench/vouchers.sh
#
# bench/OperatorCorpus fills Vigonza's Misura 1 (a voucher measure) with COUNT applications, issues
# a voucher of 500 € to each of the first VOUCHERS accepted ones and enrols one shop, through the
# daemon's own storage code; `piazza user add --role merchant` gives the shop a till login, which
# curl uses to log in and read the till's CSRF token. wrk (bench/vouchers.lua) then posts
# redemptions of 1 cent, each with a new one-time key, as the till's form does:
#   1. spread: CONNECTIONS connections over all the vouchers for DURATION;
#   2. hot: CONNECTIONS connections on one voucher for DURATION (every purchase contends for one
#      balance, checked and written in one transaction).
# Then it checks in the database that the purchases stored equal the 200s (the till answers a purchase on its post) (plus at most one request
# per connection in flight when wrk stopped), that no balance is below zero, and that the amounts
# issued equal the balances plus the purchases.
#
# Environment: CONNECTIONS (default 64), DURATION (default 10s), COUNT (default 4000), VOUCHERS
# (default 1000), PORT (default 18084), PIAZZA_BIN a daemon binary to measure instead of the
# release build, CORPUS_BIN (default .build/debug/OperatorCorpus), RECORD 1 (default) appends to
# bench/RESULTS.md under "## Vouchers".
# Output: bench/out/vouchers/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
COUNT=${COUNT:-4000}
VOUCHERS=${VOUCHERS:-1000}
PORT=${PORT:-18084}
RECORD=${RECORD:-1}
CORPUS_BIN=${CORPUS_BIN:-.build/debug/OperatorCorpus}
OUT=bench/out/vouchers
SHOP=00743110157
PASSWORD="una password di prova lunga"

bench_require wrk wrk
bench_require sqlite3 sqlite3
[ -x "$CORPUS_BIN" ] || swift build --product OperatorCorpus
bench_binary
bench_workdir "limits: { per_ip_per_minute: 1000000 }"
"$CORPUS_BIN" --content "$OUT/content" --data "$OUT/data" --portal vigonza --form misura-1 --count "$COUNT" \
  --vouchers "$VOUCHERS" --shop "$SHOP"
echo "$PASSWORD" | "$BIN" user add cassa --role merchant --portal vigonza --merchant "$SHOP" --password-stdin \
  --config "$OUT/piazza.yaml" >/dev/null

DB="$OUT/data/vigonza/piazza.sqlite"
sqlite3 "$DB" "SELECT code FROM vouchers ORDER BY id" > "$OUT/spread-codes.txt"
head -1 "$OUT/spread-codes.txt" > "$OUT/hot-code.txt"
[ "$(wc -l < "$OUT/spread-codes.txt")" -gt 0 ] || { echo "bench: no voucher was issued"; exit 1; }

start_daemon
bench_log_in cassa "$PASSWORD"
COOKIE=$(awk '$6 == "piazza_operatore" { print $6 "=" $7 }' "$JAR")
CSRF=$(curl -s -b "$JAR" "http://127.0.0.1:$PORT/operator/vigonza/buoni" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$COOKIE" ] && [ -n "$CSRF" ] || { echo "bench: the shop could not log in"; cat "$OUT/daemon.log"; exit 1; }

purchases() { sqlite3 "$DB" "SELECT count(*) FROM redemptions"; }

# drive NAME CODES-FILE: one wrk run; sets rps, p50ms, p99ms, s200, s422, other, sock and added.
drive() {
  local name=$1 codes=$2 before line
  before=$(purchases)
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/vouchers.lua "http://127.0.0.1:$PORT" \
    -- "$codes" "$COOKIE" "$CSRF" > "$OUT/wrk-$name.txt"
  added=$(( $(purchases) - before ))
  line=$(grep '^RESULT' "$OUT/wrk-$name.txt")
  val() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<" $line"; }
  s200=$(val s200); s422=$(val s422); other=$(val other); sock=$(val socket_errors)
  rps=$(awk -v n="$(val requests)" -v d="$(val duration_us)" 'BEGIN { printf "%.0f", n / (d / 1e6) }')
  p50ms=$(awk -v v="$(val p50_us)" 'BEGIN { printf "%.1f", v / 1000 }')
  p99ms=$(awk -v v="$(val p99_us)" 'BEGIN { printf "%.1f", v / 1000 }')
  echo "$name: $CONNECTIONS connections, $rps req/s, p50 $p50ms ms, p99 $p99ms ms, 200s $s200, 422s $s422, other $other, socket errors $sock, purchases added $added"
}

drive spread "$OUT/spread-codes.txt"
SPREAD_ROW="| spread over $(wc -l < "$OUT/spread-codes.txt") vouchers | $CONNECTIONS | $rps | $p50ms | $p99ms | $s200 | $s422 | $other | $sock | $added |"
SPREAD_OK=$(( added >= s200 && added - s200 <= CONNECTIONS ))
drive hot "$OUT/hot-code.txt"
HOT_ROW="| one voucher | $CONNECTIONS | $rps | $p50ms | $p99ms | $s200 | $s422 | $other | $sock | $added |"
HOT_OK=$(( added >= s200 && added - s200 <= CONNECTIONS ))

stop_daemon
trap - EXIT
NEGATIVE=$(sqlite3 "$DB" "SELECT count(*) FROM vouchers v WHERE v.amount_cents < (SELECT coalesce(sum(amount_cents), 0) FROM redemptions r WHERE r.voucher_id = v.id AND r.voided_at IS NULL)")
BALANCED=$(sqlite3 "$DB" "SELECT (SELECT sum(amount_cents) FROM vouchers) = (SELECT sum(v.amount_cents - coalesce((SELECT sum(r.amount_cents) FROM redemptions r WHERE r.voucher_id = v.id AND r.voided_at IS NULL), 0)) FROM vouchers v) + (SELECT coalesce(sum(amount_cents), 0) FROM redemptions WHERE voided_at IS NULL)")
INTEGRITY=$(sqlite3 "$DB" "PRAGMA integrity_check")
echo "balances below zero: $NEGATIVE; issued = balances + purchases: $([ "$BALANCED" = 1 ] && echo yes || echo no); purchases = 200s (within in-flight): spread $([ "$SPREAD_OK" = 1 ] && echo yes || echo no), hot $([ "$HOT_OK" = 1 ] && echo yes || echo no); integrity_check: $INTEGRITY"

if [ "$RECORD" = 1 ]; then
  SUMMARY="- $(date -u '+%Y-%m-%d %H:%M UTC') · \`CONNECTIONS=$CONNECTIONS DURATION=$DURATION COUNT=$COUNT VOUCHERS=$VOUCHERS bash bench/vouchers.sh\` · piazza $(git rev-parse --short HEAD) ($BUILD) · balances below zero: $NEGATIVE · issued = balances + purchases: $([ "$BALANCED" = 1 ] && echo yes || echo NO) · every 200 has its purchase: $([ "$SPREAD_OK$HOT_OK" = 11 ] && echo yes || echo NO) · integrity_check: $INTEGRITY · machine: $(bench_machine)"
  TABLE="| load | connections | req/s | p50 ms | p99 ms | 200 | 422 | other | socket errors | purchases added |"$'\n'"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"$'\n'"$SPREAD_ROW"$'\n'"$HOT_ROW"
  bench_record "## Vouchers" 'One entry per run of `bench/vouchers.sh`: wrk posts of a 1-cent purchase each, with a new one-time key, to the shop till `POST /operator/vigonza/buoni` as its logged-in staff; every 200 is a purchase committed durably after the balance was checked in the same write transaction. "spread" goes over many vouchers, "hot" sends every purchase to one voucher. req/s counts every answer.' "$SUMMARY"$'\n\n'"$TABLE"
fi
[ "$NEGATIVE" = 0 ] && [ "$BALANCED" = 1 ] && [ "$SPREAD_OK" = 1 ] && [ "$HOT_OK" = 1 ] && [ "$INTEGRITY" = ok ] && [ "$other" = 0 ]
