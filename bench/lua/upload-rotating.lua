-- POST /api/v1/files: 1 MiB bodies from 16 pre-built variants per wrk thread, so wrk spends no CPU
-- building bodies. Contents repeat after 16 requests per thread: the server still streams, hashes,
-- writes and fsyncs every upload, and skips only the rename of content it already holds.
local token = os.getenv("FWB_TOKEN")
local bodies = {}
local counter = 0
init = function(args)
  local tag = tostring(math.random(1, 1000000000))
  for i = 1, 16 do
    bodies[i] = string.format("%08d%08d", i, tonumber(tag) % 100000000) .. string.rep("r", 1048576 - 16)
  end
end
request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/files?name=bench.bin", {
    ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/octet-stream" }, bodies[(counter % 16) + 1])
end
