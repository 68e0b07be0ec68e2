-- wrk script: cycles through pre-signed workflow_job deliveries (one line each: delivery TAB signature TAB body).
-- Each wrk thread takes every Nth line so threads never send the same delivery. After a full lap a suffix makes the
-- delivery id new again (the job is then already stored: a "stale" event, still one durable write before the 202).
-- Arguments: file, thread count, salt (makes delivery ids unique across runs).
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  salt = args[3] or "x"
  deliveries, signatures, bodies, n = {}, {}, {}, 0
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == tid then
      local d, s, b = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      n = n + 1
      deliveries[n], signatures[n], bodies[n] = d, s, b
    end
    i = i + 1
  end
  idx, lap = 0, 0
end

function request()
  idx = idx + 1
  if idx > n then
    idx, lap = 1, lap + 1
  end
  return wrk.format("POST", "/webhooks/github", {
    ["Content-Type"] = "application/json",
    ["User-Agent"] = "GitHub-Hookshot/bench",
    ["X-GitHub-Event"] = "workflow_job",
    ["X-GitHub-Delivery"] = salt .. "-" .. deliveries[idx] .. "-" .. lap,
    ["X-Hub-Signature-256"] = signatures[idx],
  }, bodies[idx])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %.1f %.1f\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
