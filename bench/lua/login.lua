-- POST /api/v1/auth/login with the bench user's credentials (a static request: wrk formats it once).
wrk.method = "POST"
wrk.path = "/api/v1/auth/login"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench","password":"' .. os.getenv("FWB_PASSWORD") .. '"}'
