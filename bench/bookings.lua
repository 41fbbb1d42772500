-- wrk driver for bench/bookings.sh: each request books one seat of a slot for a new family (a name
-- unique to the run, thread and request, so no post is a repeat of another) and counts the answers
-- across threads: 303 (booked), 409 (full) and anything else.
--   wrk -t2 -c64 -d10s -s bench/bookings.lua http://127.0.0.1:18082 -- RUN SLOTS-FILE
-- SLOTS-FILE holds one booking path a line (/bookings/vigonza/bench/<slot>); request n of thread t
-- posts to line (7919 n + 104729 t) mod lines: a prime stride visits every line. (A stride by the
-- thread count did not: `setup` runs in wrk's main Lua state, so each thread saw 0 threads and
-- posted to one line only.)
REFUSED = 409
dofile("bench/wrk_counts.lua")

function init(args)
  run = args[1] or "run"
  paths = {}
  for line in io.lines(args[2]) do table.insert(paths, line) end
  counter = 0
  reset_counts()
end

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
  counter = counter + 1
  local path = paths[(counter * 7919 + id * 104729) % #paths + 1]
  local body = "posti=1&nome=Famiglia+" .. run .. "-" .. id .. "-" .. counter
    .. "&contatto=049+1234567&consenso=si"
  return wrk.format("POST", path, headers, body)
end
