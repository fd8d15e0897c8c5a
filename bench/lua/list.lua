-- GET /api/v1/files?limit=50 (a static request: wrk formats it once).
wrk.method = "GET"
wrk.path = "/api/v1/files?limit=50"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FWB_TOKEN")
