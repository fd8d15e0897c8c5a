-- POST /api/v1/files: 1 MiB bodies, each one different (no dedup shortcut).
local token = os.getenv("FWB_TOKEN")
local base = string.rep("u", 1048576 - 16)
local counter = 0
local thread_tag = tostring(math.random(1, 1000000000))
request = function()
  counter = counter + 1
  local prefix = string.format("%08d%08d", counter, tonumber(thread_tag) % 100000000)
  return wrk.format("POST", "/api/v1/files?name=bench.bin", {
    ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/octet-stream" }, prefix .. base)
end
