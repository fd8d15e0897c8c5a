-- GET /api/v1/files/{id}/meta over the ids in ids.lua (written by dataplane-bench.sh).
dofile(os.getenv("FWB_BENCH_DIR") .. "/ids.lua")
local token = os.getenv("FWB_TOKEN")
request = function()
  local id = ids[math.random(#ids)]
  return wrk.format("GET", "/api/v1/files/" .. id .. "/meta", { ["Authorization"] = "Bearer " .. token })
end
