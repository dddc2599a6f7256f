-- wrk: POST an escalation event (keeps an open dispute open) on a random open dispute.
-- Environment: BENCH_TOKEN (bearer token), BENCH_CASES (file: one case number a line).
local token = os.getenv("BENCH_TOKEN")
local cases = {}
for line in io.lines(os.getenv("BENCH_CASES")) do cases[#cases + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"event":"escalation","data":{"kind":"criminal"}}'

request = function()
  return wrk.format(nil, "/v1/cases/dispute/" .. cases[math.random(#cases)] .. "/events")
end

done = function(summary, latency, requests)
  local s = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, s.status, s.connect + s.read + s.write + s.timeout,
    latency:percentile(50), latency:percentile(99)))
end
