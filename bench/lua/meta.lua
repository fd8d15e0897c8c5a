-- GET /api/v1/files/{id}/meta, each request for a random one of the 100 ids in ids.lua (written by
-- dataplane-bench.sh). The 100 requests are formatted once per thread; request() only picks one, so
-- the load generator spends its CPU on sending, not on building strings.
dofile(os.getenv("FWB_BENCH_DIR") .. "/ids.lua")
local token = os.getenv("FWB_TOKEN")
local prebuilt = {}
init = function(args)
  for i, id in ipairs(ids) do
    prebuilt[i] = wrk.format("GET", "/api/v1/files/" .. id .. "/meta", { ["Authorization"] = "Bearer " .. token })
  end
end
request = function()
  return prebuilt[math.random(#prebuilt)]
end
