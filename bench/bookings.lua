-- wrk driver for bench/bookings.sh: each request books one seat of a slot for a new family (a name
-- unique to the run, thread and request, so no post is a repeat of another) and counts the answers
-- across threads: 303 (booked), 409 (full) and anything else.
--   wrk -t2 -c64 -d10s -s bench/bookings.lua http://127.0.0.1:18082 -- RUN SLOTS-FILE
-- SLOTS-FILE holds one booking path a line (/bookings/vigonza/bench/<slot>); request n of thread t
-- posts to line (n * threads + t) mod lines, so the load is spread evenly over the slots.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = args[1] or "run"
  paths = {}
  for line in io.lines(args[2]) do table.insert(paths, line) end
  counter = 0
  seen303, seen409, other = 0, 0, 0
end

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
  counter = counter + 1
  local path = paths[(counter * #threads + id) % #paths + 1]
  local body = "posti=1&nome=Famiglia+" .. run .. "-" .. id .. "-" .. counter
    .. "&contatto=049+1234567&consenso=si"
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 303 then seen303 = seen303 + 1 elseif status == 409 then seen409 = seen409 + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, full, bad = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("seen303")
    full = full + thread:get("seen409")
    bad = bad + thread:get("other")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d s303=%d s409=%d other=%d p50_us=%d p99_us=%d socket_errors=%d\n",
    summary.requests, summary.duration, ok, full, bad, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout))
end
