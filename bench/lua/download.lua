-- GET /api/v1/files/{big id}: the 1 MiB file.
local token = os.getenv("FWB_TOKEN")
local id = os.getenv("FWB_BIG_ID")
request = function()
  return wrk.format("GET", "/api/v1/files/" .. id, { ["Authorization"] = "Bearer " .. token })
end
