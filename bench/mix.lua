-- wrk's side of the benchmark (bench/wrk_run.py): replays a file of requests, one per line,
-- "METHOD<TAB>PATH<TAB>JSON BODY or empty<TAB>1 when it needs the bearer token<TAB>language",
-- each thread from its own place in the list, and counts answers by status and by the page
-- cache's X-Dugnad-Cache header. The summary is one JSON line on stdout, after "RESULT ".
-- Arguments (after --): the request file, the bearer token, and "once" to stop when each thread
-- has been answered for its share of the list (a miss phase: a second pass would be hits).

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

function init(args)
  requests_list = {}
  for line in io.lines(args[1]) do
    local method, path, body, auth, language =
      line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)$")
    local headers = {}
    if auth == "1" then headers["Authorization"] = "Bearer " .. (args[2] or "") end
    if language ~= "" then headers["Cookie"] = "django_language=" .. language end
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    requests_list[#requests_list + 1] = wrk.format(method, path, headers, body)
  end
  -- Threads start far apart in the list, so they do not ask for the same pages in step.
  position = math.floor((thread_number - 1) * #requests_list / 2)
  once = args[3] == "once"
  share = math.ceil(#requests_list / 2)
  answered = 0
  hit, miss, stale, uncached, ok, failed, status_304 = 0, 0, 0, 0, 0, 0, 0
end

function request()
  position = position % #requests_list + 1
  return requests_list[position]
end

function response(status, headers, body)
  if status == 200 or status == 201 or status == 409 then
    ok = ok + 1
  elseif status == 304 then
    status_304 = status_304 + 1
  else
    failed = failed + 1
  end
  local label = headers["X-Dugnad-Cache"]
  if label == "hit" then hit = hit + 1
  elseif label == "miss" then miss = miss + 1
  elseif label == "stale" then stale = stale + 1
  else uncached = uncached + 1 end
  answered = answered + 1
  if once and answered >= share then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local totals = {hit = 0, miss = 0, stale = 0, uncached = 0, ok = 0, failed = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "mean_ms": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, '
      .. '"p99_ms": %.2f, '
      .. '"hit": %d, "miss": %d, "stale": %d, "uncached": %d, "ok": %d, "failed": %d, '
      .. '"socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration / 1e6, latency.mean / 1000,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    totals.hit, totals.miss, totals.stale, totals.uncached, totals.ok, totals.failed,
    errors.connect + errors.read + errors.write, errors.timeout))
end
