-- Counting shared by the wrk drivers of bench/bookings.sh and bench/vouchers.sh: threads are
-- numbered (`id`), each counts its answers, and `done` prints one RESULT line that the shell
-- scripts read: requests, duration, the answers of success (status DONE, 303 unless the driver sets
-- it), the refusals (status REFUSED), both set by the driver before loading this file, anything else,
-- p50/p99 and socket errors.
DONE = DONE or 303
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- Called by the driver's init: every thread starts from zero.
function reset_counts()
  seen_done, seen_refused, other = 0, 0, 0
end

function response(status, headers, body)
  if status == DONE then seen_done = seen_done + 1
  elseif status == REFUSED then seen_refused = seen_refused + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, refused, bad = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("seen_done")
    refused = refused + thread:get("seen_refused")
    bad = bad + thread:get("other")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d s%d=%d s%d=%d other=%d p50_us=%d p99_us=%d socket_errors=%d\n",
    summary.requests, summary.duration, DONE, ok, REFUSED, refused, bad, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout))
end
