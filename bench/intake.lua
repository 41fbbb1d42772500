-- wrk driver for bench/intake.sh: posts the tutor enrolment form with a fresh one-time key per
-- request (so every post is a new application) and counts 303 answers across threads.
--   wrk -t2 -c16 -d10s -s bench/intake.lua http://127.0.0.1:18081/forms/vigonza/iscrizione-resta-al-passo -- RUN
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = args[1] or "run"
  counter = 0
  seen303 = 0
  other = 0
end

local fields = "nome=Maria&cognome=Rossi&codice_fiscale=BNCLRA90A41H501F&telefono=049+123456"
  .. "&studenti.0.nome=Luca+Rossi&studenti.0.codice_fiscale=RSSMRA45D25F205N&studenti.0.classe=primaria-3"
  .. "&studenti.0.scuola=Scuola+Rodari&giorni=lunedi&segnalazione_scuola=no&privacy=si&sito_web=&_key="
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
  counter = counter + 1
  return wrk.format("POST", nil, headers, fields .. run .. "-" .. id .. "-" .. counter)
end

function response(status, headers, body)
  if status == 303 then seen303 = seen303 + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("seen303")
    bad = bad + thread:get("other")
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d s303=%d other=%d p50_us=%d p99_us=%d socket_errors=%d\n",
    summary.requests, summary.duration, ok, bad, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout))
end
