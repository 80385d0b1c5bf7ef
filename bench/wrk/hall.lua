-- wrk: a hall of trainees answering: every request is POST /attempts with one new attempt
-- (the template $DRILL_BODY with "@ID@" replaced by a fresh id), signed in as each of the
-- sessions in $DRILL_COOKIES (one cookie a line) in turn (scripts/measure-server.sh).
local f = assert(io.open(os.getenv("DRILL_BODY"), "r"))
local template = f:read("*a")
f:close()
local cookies = {}
for line in io.lines(os.getenv("DRILL_COOKIES")) do
  if line ~= "" then cookies[#cookies + 1] = line end
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function request()
  n = n + 1
  local id = string.format("w%dx%d", tid, n)
  local body = template:gsub("@ID@", id)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Drill-CSRF"] = "1",
    ["Cookie"] = cookies[(n + tid) % #cookies + 1],
  }, body)
end
