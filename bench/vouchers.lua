-- wrk driver for bench/vouchers.sh: each request redeems 1 cent of a voucher at the shop's till, as
-- its staff would (session cookie, CSRF token, a new one-time key each time), and counts the
-- answers across threads: 200 (redeemed: the till answers the purchase on its own post), 422
-- (refused) and anything else.
--   wrk -t2 -c64 -d10s -s bench/vouchers.lua http://127.0.0.1:18084 -- CODES-FILE COOKIE CSRF
-- CODES-FILE holds one voucher code a line; request n of thread t redeems line (7919 n + 104729 t) mod
-- lines: a prime stride visits every line.
DONE = 200
REFUSED = 422
dofile("bench/wrk_counts.lua")

local alphabet = "abcdefghijklmnopqrstuvwxyz234567"

function init(args)
  codes = {}
  for line in io.lines(args[1]) do table.insert(codes, line) end
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = args[2] }
  csrf = args[3]
  counter = 0
  reset_counts()
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
  local code = codes[(counter * 7919 + id * 104729) % #codes + 1]
  local body = "_csrf=" .. csrf .. "&_chiave=" .. key() .. "&codice=" .. code .. "&importo=0%2C01"
  return wrk.format("POST", "/operator/vigonza/buoni", headers, body)
end
