-- GET /healthz: no Redis, no MariaDB; the HTTP stack's own ceiling on this machine, for reference.
request = function()
  return wrk.format("GET", "/healthz")
end
