-- wrk script for scripts/loadtest.sh: picks a random path per request from the
-- URL lists the shell script wrote, by MODE (env): ceiling, cached, browse, steckbrief, mixed.
-- Cached: a few public pages requested over and over, so all but the first are
-- page-cache hits (what a newsletter link does to the site).
-- Mixed: 40 % Steckbrief, 30 % browse (list pages), 30 % search (filter combinations).
-- Steckbriefe are not equally popular: 80 % of detail requests go to the first
-- HOT (200) paths of the list (a newsletter, the top of search results), 20 % to
-- any of the 10,000.
-- At the end it prints one JSON line with throughput, latency percentiles and errors.

local mode = os.getenv("MODE") or "mixed"
local dir = os.getenv("URL_DIR") or "."
local lists = {}

local function load(name)
  local paths = {}
  for line in io.lines(dir .. "/" .. name .. ".txt") do
    if #line > 0 then paths[#paths + 1] = line end
  end
  return paths
end

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
  for _, name in ipairs({ "ceiling", "cached", "browse", "search", "steckbrief" }) do
    lists[name] = load(name)
  end
end

local hot = tonumber(os.getenv("HOT") or "200")

local function pick(name)
  local paths = lists[name]
  if name == "steckbrief" and math.random() < 0.8 then
    return paths[math.random(math.min(hot, #paths))]
  end
  return paths[math.random(#paths)]
end

function request()
  local path
  if mode == "mixed" then
    local r = math.random()
    if r < 0.4 then path = pick("steckbrief")
    elseif r < 0.7 then path = pick("browse")
    else path = pick("search") end
  else
    path = pick(mode)
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"mode": "%s", "requests": %d, "seconds": %.1f, "rps": %.1f, ' ..
    '"p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    mode, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
