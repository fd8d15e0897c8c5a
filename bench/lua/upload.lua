-- POST /api/v1/files: 1 MiB bodies, each one different (no dedup shortcut: every upload is renamed
-- into a new content address). The request head is formatted once; each request is ONE concatenation
-- of head, a 16-byte unique prefix and the shared rest of the body (one 1 MiB copy in Lua, one in wrk).
local token = os.getenv("FWB_TOKEN")
local size = 1048576
local base = string.rep("u", size - 16)
local head = "POST /api/v1/files?name=bench.bin HTTP/1.1\r\n" ..
  "Host: 127.0.0.1\r\nAuthorization: Bearer " .. token .. "\r\n" ..
  "Content-Type: application/octet-stream\r\nContent-Length: " .. size .. "\r\n\r\n"
local counter = 0
local thread_tag = 0
init = function(args)
  thread_tag = math.random(1, 99999999)
end
request = function()
  counter = counter + 1
  return head .. string.format("%08d%08d", counter % 100000000, thread_tag) .. base
end
