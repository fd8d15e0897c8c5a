-- POST /api/v1/auth/login with the bench user's credentials.
local body = '{"username":"bench","password":"' .. os.getenv("FWB_PASSWORD") .. '"}'
request = function()
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" }, body)
end
