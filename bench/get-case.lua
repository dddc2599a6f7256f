-- wrk: GET a random case (state, timeline, clocks). Environment: BENCH_TOKEN, BENCH_CASES (file:
-- "workflow/case_no" a line), BENCH_DELAY_MS (optional): each connection waits this long after a
-- response before its next request — a rate limit (wrk has no open-loop mode; wrk2 is not packaged).
local token = os.getenv("BENCH_TOKEN")
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local cases = {}
for line in io.lines(os.getenv("BENCH_CASES")) do cases[#cases + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  return wrk.format("GET", "/v1/cases/" .. cases[math.random(#cases)])
end

if delay_ms > 0 then
  delay = function() return delay_ms end
end

done = function(summary, latency, requests)
  local s = summary.errors
  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, s.status, s.connect + s.read + s.write + s.timeout,
    latency:percentile(50), latency:percentile(99)))
end
