-- GET /api/v1/files?limit=50.
local token = os.getenv("FWB_TOKEN")
request = function()
  return wrk.format("GET", "/api/v1/files?limit=50", { ["Authorization"] = "Bearer " .. token })
end
