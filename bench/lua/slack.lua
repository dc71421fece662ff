-- wrk script: signed Slack requests, a fresh timestamp and a fresh HMAC-SHA256 v0 signature on every request.
-- Environment: BENCH_SIGNING_SECRET, BENCH_KIND (command | click | click-repeat), BENCH_FAKE_SLACK (base URL of the fake
-- Slack, used in response_url), BENCH_LUA_DIR (folder of hmac.lua).
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local hmac = require("hmac")
local sign = hmac.hmac_sha256_hex(os.getenv("BENCH_SIGNING_SECRET") or "bench-signing-secret")
local kind = os.getenv("BENCH_KIND") or "command"
local fake = os.getenv("BENCH_FAKE_SLACK") or "http://127.0.0.1:18091"

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

local counter = 0

local function command_body(ts, n)
  local trigger = string.format("%d.%d.%08x%08x", ts, tid or 0, n, tid or 0)
  return "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0BENCH01&team_domain=bench-ops&enterprise_id=&enterprise_name="
    .. "&channel_id=C0BENCH01&channel_name=ovm-migrations&user_id=U0ALICE01&user_name=alice"
    .. "&command=%2Fovm&text=status&api_app_id=A0BENCH01&is_enterprise_install=false"
    .. "&response_url=" .. urlencode(fake .. "/response/T0BENCH01/" .. trigger)
    .. "&trigger_id=" .. trigger
end

local repeat_click = kind == "click-repeat"

local function click_body(ts, n)
  -- A well-formed Approve click for a migration id that does not exist: exercises verify, parse,
  -- deduplicate (every click is a new key) and hand-off; the background then answers "no longer exists".
  -- click-repeat: the same button pressed again and again by the same person (each request is still
  -- freshly signed): after the first, deduplication answers and nothing is handed off.
  local run = repeat_click and string.format("%08x%024x", tid or 0, 0) or string.format("%08x%08x%016x", tid or 0, n, ts)
  local trigger = string.format("%d.%d.%08x", ts, tid or 0, n)
  local payload = '{"type":"block_actions","user":{"id":"U0BOB0001","username":"bob","name":"bob","team_id":"T0BENCH01"},'
    .. '"api_app_id":"A0BENCH01","token":"gIkuvaNzQIHg97ATvDxqgjtO",'
    .. '"container":{"type":"message","message_ts":"' .. ts .. '.000100","channel_id":"C0BENCH01","is_ephemeral":false},'
    .. '"trigger_id":"' .. trigger .. '","team":{"id":"T0BENCH01","domain":"bench-ops"},'
    .. '"channel":{"id":"C0BENCH01","name":"ovm-migrations"},'
    .. '"response_url":"' .. fake .. '/response/T0BENCH01/' .. trigger .. '",'
    .. '"actions":[{"action_id":"gate.approve","block_id":"gate","text":{"type":"plain_text","text":"Approve","emoji":true},'
    .. '"value":"' .. run .. '.1.StopOldManager.1","style":"primary","type":"button","action_ts":"' .. ts .. '.123456"}]}'
  return "payload=" .. urlencode(payload)
end

local is_click = kind == "click" or kind == "click-repeat"
local path = is_click and "/slack/interactions" or "/slack/commands"
local make = is_click and click_body or command_body

function request()
  counter = counter + 1
  local ts = os.time()
  local body = make(ts, counter)
  local stamp = tostring(ts)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Slack-Request-Timestamp"] = stamp,
    ["X-Slack-Signature"] = "v0=" .. sign("v0:" .. stamp .. ":" .. body),
    ["User-Agent"] = "Slackbot 1.0 (+https://api.slack.com/robots)",
  }, body)
end
