-- wrk script for `klaxon bench commands`: replays pre-signed Slack slash commands in order, each once.
-- wrk's Lua cannot compute HMAC-SHA256, so the benchmark signs a file first: one request a line,
-- "timestamp<TAB>signature<TAB>form body". Run with one thread (wrk -t1), arguments after `--`:
--   FILE once [EXPECT]    every line once; when the last one is answered, stop wrk early (the note workload)
--   FILE cycle [EXPECT]   start over at the end (only for the bare server, which checks nothing)
-- A response fails unless it is a 200 whose body holds EXPECT (a rejection is a 200 too, and fast); done()
-- also counts answers later than Slack's 3 s deadline (so run wrk with a longer --timeout).
-- done() prints one line, "klaxon-bench-result {json}", that the benchmark reads.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } klaxon_timespec;
int clock_gettime(int clock, klaxon_timespec *now);
int kill(int pid, int signal);
int getpid(void);
typedef struct { unsigned long bits[16]; } klaxon_sigset;
int sigprocmask(int how, const klaxon_sigset *set, klaxon_sigset *old);
]]
local CLOCK_MONOTONIC, SIGINT, SIG_UNBLOCK = 1, 2, 1
local DEADLINE = 3000000 -- Slack's, in microseconds
local timespec = ffi.new("klaxon_timespec")

local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) * 1e-9
end

-- Thread state; globals so that done(), in another Lua state, can read them with thread:get.
requests, count, cycle, expect = {}, 0, false, ""
handed, sent, answered, failed = 0, 0, 0, 0
started, finished = 0, 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  -- wrk stops early on SIGINT, but a parent's threads may block it (a Swift program's do) and children
  -- inherit that. init() runs on wrk's main thread before its worker starts: unblock it for both.
  local interrupt = ffi.new("klaxon_sigset")
  interrupt.bits[0] = bit.lshift(1, SIGINT - 1)
  ffi.C.sigprocmask(SIG_UNBLOCK, interrupt, nil)
  local file = assert(io.open(args[1], "r"))
  cycle = args[2] == "cycle"
  expect = args[3] or ""
  for line in file:lines() do
    local timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    count = count + 1
    requests[count] = wrk.format("POST", "/slack/commands", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Slack-Request-Timestamp"] = timestamp,
      ["X-Slack-Signature"] = signature,
    }, body)
  end
  file:close()
end

-- wrk asks delay() before every request(): a connection only gets a request once one is left for it;
-- the rest wait (an hour, far past any run) so no request is sent twice.
function delay()
  if cycle or handed < count then
    handed = handed + 1
    return 0
  end
  return 3600000
end

function request()
  if sent == 0 then started = now() end
  sent = sent + 1
  return requests[(sent - 1) % count + 1]
end

function response(status, headers, body)
  finished = now()
  answered = answered + 1
  if status ~= 200 or not body:find(expect, 1, true) then failed = failed + 1 end
  if not cycle and answered == count then
    -- wrk itself only stops at its duration; SIGINT is how it stops early, and it still reports.
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), SIGINT)
  end
end

-- Percentiles every 0.5 %, then finer into the tail: runs (and the note workload's chunks) combine from these.
local function percentiles(latency)
  local grid = {}
  for p = 0.5, 99, 0.5 do grid[#grid + 1] = p end
  for _, p in ipairs({ 99.2, 99.4, 99.6, 99.8, 99.9, 99.95, 99.99, 100 }) do grid[#grid + 1] = p end
  local points = {}
  for i, p in ipairs(grid) do
    -- wrk's percentile(100) ranks past the last sample and answers 0.
    points[i] = string.format('{"percentile":%g,"micros":%d}', p, p == 100 and latency.max or latency:percentile(p))
  end
  return table.concat(points, ",")
end

-- Answers later than the deadline, read off wrk's latency histogram (so only as exact as its percentiles).
local function late(latency, completed)
  if completed == 0 or latency.max <= DEADLINE then return 0 end
  local low, high = 0, 100 -- percentile(low) is within the deadline, percentile(high) past it
  for _ = 1, 30 do
    local middle = (low + high) / 2
    if latency:percentile(middle) <= DEADLINE then low = middle else high = middle end
  end
  return math.floor(completed * (100 - low) / 100 + 0.5)
end

-- wrk's own timeout count is left out: it also counts idle connections, each time it looks.
function done(summary, latency, requests)
  local thread = threads[1]
  local errors = summary.errors
  local completed = thread:get("answered")
  io.write(string.format(
    'klaxon-bench-result {"offered":%d,"sent":%d,"completed":%d,"seconds":%.6f,"failures":%d,"late":%d,"errors":%d,'
      .. '"latency":{"points":[%s]}}\n',
    thread:get("count"), thread:get("sent"), completed, thread:get("finished") - thread:get("started"), thread:get("failed"),
    late(latency, completed), errors.connect + errors.read + errors.write, completed > 0 and percentiles(latency) or ""))
end
