-- wrk driver for bench/intake.sh: posts a form-sized body (16 fields, about 1 KB, like the tutor
-- enrolment form filled in with a note) with a fresh one-time key per request (so every post is a
-- new application) and counts 303 answers across threads.
--   wrk -t2 -c16 -d10s -s bench/intake.lua http://127.0.0.1:18081/forms/vigonza/iscrizione-resta-al-passo -- RUN
--   wrk -t2 -c16 -d10s -s bench/intake.lua http://127.0.0.1:18000/f/iscrizione-resta-al-passo -- RUN baseline
-- The second argument "baseline" posts the same body with the names the Flask baseline requires
-- (../shared/baselines/flask_intake.py: data_nascita, misura, consenso_privacy), padded to the same
-- length: both servers parse the same number of fields and bytes.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local function encode(text)
  return (text:gsub("[^%w%-%._~ ]", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+"))
end

local note = "Luca ha una certificazione DSA (dislessia): legge lentamente ma capisce bene se qualcuno gli legge "
  .. "il testo ad alta voce. Il lunedì esce da scuola alle 13:30 e può arrivare in biblioteca con il pulmino "
  .. "comunale verso le 14:15; se serve, la nonna può accompagnarlo anche il mercoledì. Preferiamo lavorare "
  .. "soprattutto sulla matematica e sul metodo di studio, perché con i compiti scritti si scoraggia "
  .. "facilmente. Grazie per l'attenzione e per questo servizio, è molto utile. "
  .. "Se possibile vorremmo iniziare già dalla prima settimana di ottobre, con il suo compagno Marco"

-- Name, value; the one-time key `_key` is appended last, per request.
local piazza = {
  { "nome", "Maria" }, { "cognome", "Rossi" }, { "codice_fiscale", "BNCLRA90A41H501F" },
  { "telefono", "049 123456" }, { "email", "maria.rossi@example.it" },
  { "studenti.0.nome", "Luca Rossi" }, { "studenti.0.codice_fiscale", "RSSMRA45D25F205N" },
  { "studenti.0.classe", "primaria-3" }, { "studenti.0.scuola", "Scuola Rodari" },
  { "materie", "matematica" }, { "giorni", "lunedi" }, { "segnalazione_scuola", "no" },
  { "note", note }, { "privacy", "si" }, { "sito_web", "" },
}
local baselineNames = {
  ["studenti.0.nome"] = { "data_nascita", "1990-01-01" }, ["segnalazione_scuola"] = { "misura", "misura-1" },
  ["privacy"] = { "consenso_privacy", "si" },
}

local function body(pairs_)
  local parts = {}
  for _, pair in ipairs(pairs_) do table.insert(parts, encode(pair[1]) .. "=" .. encode(pair[2])) end
  return table.concat(parts, "&") .. "&_key="
end

local function baselineBody(target)
  local renamed = {}
  for _, pair in ipairs(piazza) do table.insert(renamed, baselineNames[pair[1]] or pair) end
  local text = body(renamed)
  local pad = #target - #text
  -- The note ends in ASCII letters, so shortening it never cuts a %XX escape.
  local encodedNote = encode(note)
  local noteEnd = text:find(encodedNote, 1, true) + #encodedNote
  if pad >= 0 then
    return text:sub(1, noteEnd - 1) .. string.rep("+", pad) .. text:sub(noteEnd)
  end
  return text:sub(1, noteEnd - 1 + pad) .. text:sub(noteEnd)
end

function init(args)
  run = args[1] or "run"
  counter = 0
  seen303 = 0
  other = 0
  fields = body(piazza)
  if args[2] == "baseline" then fields = baselineBody(fields) end
end

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
