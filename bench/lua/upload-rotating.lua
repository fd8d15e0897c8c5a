-- POST /api/v1/files: 1 MiB bodies from 64 pre-built requests per wrk thread, so wrk spends no CPU
-- building or copying bodies. Contents repeat after 64 requests per thread: the server still streams,
-- hashes, writes and fsyncs every upload, and skips only the rename of content it already holds.
local token = os.getenv("FWB_TOKEN")
local requests = {}
local counter = 0
init = function(args)
  local tag = tostring(math.random(1, 1000000000))
  for i = 1, 64 do
    local body = string.format("%08d%08d", i, tonumber(tag) % 100000000) .. string.rep("r", 1048576 - 16)
    requests[i] = wrk.format("POST", "/api/v1/files?name=bench.bin", {
      ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/octet-stream" }, body)
  end
end
request = function()
  counter = counter + 1
  return requests[(counter % 64) + 1]
end
