# Minimal Lease API (GET/POST/PUT with resourceVersion conflicts) for the idle-controller RSS bench.
# Usage: lease_mock.py PORT [CERT.pem KEY.pem]   (with a certificate it serves HTTPS)
import json, sys, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
state = {"obj": None, "rv": 100}
lock = threading.Lock()
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, code, obj):
        b = json.dumps(obj).encode()
        self.send_response(code); self.send_header("Content-Type","application/json"); self.send_header("Content-Length", str(len(b))); self.end_headers(); self.wfile.write(b)
    def body(self):
        n = int(self.headers.get("Content-Length","0")); return json.loads(self.rfile.read(n) or b"{}")
    def do_GET(self):
        with lock:
            if self.path.startswith("/version"): return self.reply(200, {"major":"1","minor":"33","gitVersion":"v1.33.0"})
            if state["obj"] is None: return self.reply(404, {"kind":"Status","code":404,"reason":"NotFound","message":"not found"})
            return self.reply(200, state["obj"])
    def do_POST(self):
        b = self.body()
        with lock:
            if state["obj"] is not None: return self.reply(409, {"kind":"Status","code":409,"reason":"AlreadyExists","message":"exists"})
            state["rv"] += 1; b["metadata"]["resourceVersion"] = str(state["rv"]); state["obj"] = b
            return self.reply(201, b)
    def do_PUT(self):
        b = self.body()
        with lock:
            if state["obj"] is None or b["metadata"].get("resourceVersion") != state["obj"]["metadata"]["resourceVersion"]:
                return self.reply(409, {"kind":"Status","code":409,"reason":"Conflict","message":"modified"})
            state["rv"] += 1; b["metadata"]["resourceVersion"] = str(state["rv"]); state["obj"] = b
            return self.reply(200, b)
server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H)
if len(sys.argv) > 3:  # CERT KEY: serve HTTPS like a real API server 
    import ssl
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
