-- GET /api/v1/files/{big id}: the 1 MiB file (a static request: wrk formats it once).
wrk.method = "GET"
wrk.path = "/api/v1/files/" .. os.getenv("FWB_BIG_ID")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FWB_TOKEN")
