-- wrk script: every request asks for the next line of a file (a private link, an
-- advisor's page), so the server sees thousands of different pages, as real
-- traffic does, never one URL again and again. A line is a path (a GET) or a path,
-- a tab and a form body (a POST, as a browser without JavaScript sends a form).
-- Reports one JSON line.
local paths, bodies, post_headers = {}, {}, {}
local counter = 0

init = function(args)
  for line in io.lines(args[1]) do
    local path, body = line:match("^([^\t]*)\t(.*)$")
    paths[#paths + 1] = path or line
    bodies[#bodies + 1] = body or false
  end
  -- The headers given with -H (wrk.headers) on every request; a form's type on POSTs.
  for name, value in pairs(wrk.headers) do
    post_headers[name] = value
  end
  post_headers["Content-Type"] = "application/x-www-form-urlencoded"
  -- Each thread starts at its own place in the list (seeded by its own table's address).
  math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 2147483647)
  counter = math.random(#paths)
end

request = function()
  counter = counter % #paths + 1
  if bodies[counter] then
    return wrk.format("POST", paths[counter], post_headers, bodies[counter])
  end
  return wrk.format("GET", paths[counter])
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "bad_status": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
