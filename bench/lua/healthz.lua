-- GET /healthz: no Redis, no MariaDB; the HTTP stack's own ceiling on this machine, for reference.
-- No request() function: wrk formats the request once and resends the same bytes, which keeps the
-- load generator (sharing the cores with serve) as cheap as it can be.
wrk.method = "GET"
wrk.path = "/healthz"
