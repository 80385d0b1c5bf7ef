-- wrk: POST the same JSON body (file $DRILL_BODY) again and again, signed in ($DRILL_COOKIE),
-- with the CSRF header every state-changing request needs. Used for the idempotent resend:
-- a batch whose attempts are all stored already (scripts/measure-server.sh).
local f = assert(io.open(os.getenv("DRILL_BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Drill-CSRF"] = "1"
wrk.headers["Cookie"] = os.getenv("DRILL_COOKIE")
