-- wrk driver for bench/vouchers.sh: each request redeems 1 cent of a voucher at the shop's till, as
-- its staff would (session cookie, CSRF token, a new one-time key each time), and counts the
-- answers across threads: 303 (redeemed), 422 (refused) and anything else.
--   wrk -t2 -c64 -d10s -s bench/vouchers.lua http://127.0.0.1:18084 -- CODES-FILE COOKIE CSRF
-- CODES-FILE holds one voucher code a line; request n of thread t redeems line (n * threads + t) mod lines.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local alphabet = "abcdefghijklmnopqrstuvwxyz234567"

function init(args)
  codes = {}
  for line in io.lines(args[1]) do table.insert(codes, line) end
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = args[2] }
  csrf = args[3]
  counter = 0
  seen303, seen422, other = 0, 0, 0
  math.randomseed(os.time() * 100 + id)
end

-- A one-time key of the till's form: 26 characters of the daemon's base32 alphabet.
local function key()
  local chars = {}
  for i = 1, 26 do
    local n = math.random(1, 32)
    chars[i] = alphabet:sub(n, n)
  end
  return table.concat(chars)
end

function request()
  counter = counter + 1
  local code = codes[(counter * #threads + id) % #codes + 1]
  local body = "_csrf=" .. csrf .. "&_chiave=" .. key() .. "&codice=" .. code .. "&importo=0%2C01"
  return wrk.format("POST", "/operator/vigonza/buoni", headers, body)
end

function response(status, headers, body)
  if status == 303 then seen303 = seen303 + 1 elseif status == 422 then seen422 = seen422 + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, refused, bad = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("seen303")
    refused = refused + thread:get("seen422")
    bad = bad + thread:get("other")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d s303=%d s422=%d other=%d p50_us=%d p99_us=%d socket_errors=%d\n",
    summary.requests, summary.duration, ok, refused, bad, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout))
end
