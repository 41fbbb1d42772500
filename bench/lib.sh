# Plumbing shared by the daemon benchmarks (intake, bookings, operator, reports): sourced by each
# after `cd` to the repository root. The functions read and set the scripts' globals: OUT (the
# run's folder), PORT (the daemon's port), BIN, BUILD, DAEMON, PRELOAD, JAR.

# bench_require TOOL PACKAGE: stops the run, saying what to install, when TOOL is not on the PATH.
bench_require() {
  command -v "$1" >/dev/null || { echo "bench: $1 is needed (apt-get install $2)"; exit 1; }
}

# Sets BIN, the piazza binary measured, and BUILD, what it is for RESULTS.md: PIAZZA_BIN when set
# (before/after runs), else the release build, built first.
bench_binary() {
  if [ -n "${PIAZZA_BIN:-}" ]; then
    BIN=$PIAZZA_BIN
    BUILD="binary $PIAZZA_BIN"
  else
    swift build -c release --product piazza
    BIN="$(swift build -c release --show-bin-path)/piazza"
    BUILD=release
  fi
}

# bench_workdir [YAML]: a fresh $OUT with a copy of content/, an empty data/ and $OUT/piazza.yaml,
# a daemon of the vigonza portal on 127.0.0.1:$PORT, with the line YAML added (e.g. limits).
bench_workdir() {
  rm -rf "$OUT"
  mkdir -p "$OUT/data"
  cp -r content "$OUT/content"
  cat > "$OUT/piazza.yaml" <<YAML
listen: 127.0.0.1:$PORT
content: content
theme: $PWD/themes/default
data: data
portals: [vigonza]
${1:-}
YAML
}

# Starts the daemon ($BIN on $OUT/piazza.yaml, log in $OUT/daemon.log, LD_PRELOAD=$PRELOAD when
# set), sets DAEMON, kills it when the script exits, and waits up to 30 s (a large database
# migrates first) for /healthz; stops the run with the log if it does not answer.
start_daemon() {
  LD_PRELOAD="${PRELOAD:-}" "$BIN" daemon --config "$OUT/piazza.yaml" > "$OUT/daemon.log" 2>&1 &
  DAEMON=$!
  trap 'kill $DAEMON 2>/dev/null || true' EXIT
  await_health "$PORT" daemon "$OUT/daemon.log"
}

# await_health PORT NAME LOG: waits up to 30 s for http://127.0.0.1:PORT/healthz to answer 2xx;
# else stops the run, saying NAME did not start, with its LOG.
await_health() {
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return
    sleep 0.1
  done
  echo "bench: $2 did not start"; cat "$3"; exit 1
}

# Stops the daemon started by start_daemon (SIGTERM, waiting for it to exit).
stop_daemon() { kill -TERM "$DAEMON"; wait "$DAEMON" || true; }

# bench_log_in NAME PASSWORD: logs into the back office with curl (the login form's CSRF token,
# then the post); the session cookie is in $JAR ($OUT/cookies.txt).
bench_log_in() {
  JAR="$OUT/cookies.txt"
  local token
  token=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/operator/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "nome=$1" \
    --data-urlencode "password=$2" "http://127.0.0.1:$PORT/operator/login"
}

# percentile_ms FILE P: the P-th percentile (nearest rank) of FILE, one time in seconds a line,
# sorted, in milliseconds with one decimal.
percentile_ms() {
  awk -v p="$2" '{ t[NR] = $1 } END { i = NR * p / 100; if (i > int(i)) i = int(i) + 1; printf "%.1f", t[i] * 1000 }' "$1"
}

# The machine a result was measured on, for RESULTS.md: cores, CPU model, memory, Swift version
# and the load average (the machine is shared).
bench_machine() {
  echo "nproc $(nproc), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1 | awk '{print $1, $2}'), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(swift --version 2>&1 | sed -n 's/.*\(Swift version [0-9.]*\).*/\1/p' | head -1), load avg $(cut -d' ' -f1-3 /proc/loadavg)"
}

# bench_record HEADER INTRO ENTRY: appends ENTRY (a summary line, a blank line, maybe a table) at
# the end of the section HEADER ("## Intake") of bench/RESULTS.md, making the section with INTRO
# when it is not there yet.
bench_record() {
  python3 - bench/RESULTS.md "$1" "$2" "$3" <<'PY'
import sys
path, header, intro, entry = sys.argv[1:5]
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmark results\n"
entry = entry.strip() + "\n"
if header not in text:
    text = text.rstrip("\n") + "\n\n" + header + "\n\n" + intro + "\n\n" + entry
else:
    start = text.index(header)
    nxt = text.find("\n## ", start + len(header))
    section = text[start:] if nxt < 0 else text[start:nxt]
    section = section.rstrip("\n") + "\n\n" + entry
    text = text[:start] + section + ("" if nxt < 0 else "\n" + text[nxt:].lstrip("\n"))
open(path, "w").write(text)
PY
  echo "recorded in bench/RESULTS.md"
}
