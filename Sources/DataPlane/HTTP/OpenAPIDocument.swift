/// The OpenAPI 3.1 description of the public file API, served at /openapi.json.
enum OpenAPIDocument {
    static let json = #"""
    {"openapi":"3.1.0","info":{"title":"FileWallBall file API","version":"1"},
    "components":{"securitySchemes":{"bearer":{"type":"http","scheme":"bearer"},"cookie":{"type":"apiKey","in":"cookie","name":"fwb_session"}},
    "schemas":{
    "Error":{"type":"object","required":["error"],"properties":{"error":{"type":"object","required":["code","message"],"properties":{"code":{"type":"string"},"message":{"type":"string"}}}}},
    "File":{"type":"object","required":["id","name","size","sha256","content_type","created_at"],"properties":{"id":{"type":"string","format":"uuid"},"name":{"type":"string","maxLength":255},"size":{"type":"integer","minimum":0},"sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"},"content_type":{"type":"string"},"created_at":{"type":"string","format":"date-time"}}},
    "FileList":{"type":"object","required":["items","next_cursor"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/File"}},"next_cursor":{"type":["string","null"]}}},
    "User":{"type":"object","required":["id","username"],"properties":{"id":{"type":"integer"},"username":{"type":"string"},"is_admin":{"type":"boolean"}}},
    "Login":{"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}},
    "LoginResult":{"type":"object","required":["token","user","expires_at"],"properties":{"token":{"type":"string"},"user":{"$ref":"#/components/schemas/User"},"expires_at":{"type":"string","format":"date-time"}}}},
    "responses":{"Error":{"description":"error","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}}},
    "security":[{"bearer":[]},{"cookie":[]}],
    "paths":{
    "/api/v1/auth/login":{"post":{"security":[],"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Login"}}}},"responses":{"200":{"description":"session created","content":{"application/json":{"schema":{"$ref":"#/components/schemas/LoginResult"}}}},"400":{"$ref":"#/components/responses/Error"},"401":{"$ref":"#/components/responses/Error"}}}},
    "/api/v1/auth/logout":{"post":{"responses":{"204":{"description":"session ended on every replica"},"401":{"$ref":"#/components/responses/Error"}}}},
    "/api/v1/auth/me":{"get":{"responses":{"200":{"description":"the session's user","content":{"application/json":{"schema":{"$ref":"#/components/schemas/User"}}}},"401":{"$ref":"#/components/responses/Error"}}}},
    "/api/v1/files":{
    "post":{"parameters":[{"name":"name","in":"query","required":true,"schema":{"type":"string","minLength":1,"maxLength":255}}],"requestBody":{"required":true,"content":{"*/*":{"schema":{"type":"string","format":"binary"}}}},"responses":{"201":{"description":"stored (durable)","content":{"application/json":{"schema":{"$ref":"#/components/schemas/File"}}}},"400":{"$ref":"#/components/responses/Error"},"401":{"$ref":"#/components/responses/Error"},"413":{"$ref":"#/components/responses/Error"},"503":{"$ref":"#/components/responses/Error"}}},
    "get":{"parameters":[{"name":"limit","in":"query","schema":{"type":"integer","minimum":1,"maximum":1000,"default":50}},{"name":"cursor","in":"query","schema":{"type":"string"}}],"responses":{"200":{"description":"the caller's files, newest first","content":{"application/json":{"schema":{"$ref":"#/components/schemas/FileList"}}}},"400":{"$ref":"#/components/responses/Error"},"401":{"$ref":"#/components/responses/Error"}}}},
    "/api/v1/files/{id}":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}],
    "get":{"parameters":[{"name":"Range","in":"header","schema":{"type":"string"}},{"name":"If-None-Match","in":"header","schema":{"type":"string"}}],"responses":{"200":{"description":"the bytes","content":{"*/*":{"schema":{"type":"string","format":"binary"}}}},"206":{"description":"a byte range"},"304":{"description":"not modified"},"404":{"$ref":"#/components/responses/Error"},"416":{"$ref":"#/components/responses/Error"}}},
    "delete":{"responses":{"204":{"description":"deleted"},"404":{"$ref":"#/components/responses/Error"}}}},
    "/api/v1/files/{id}/meta":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string","format":"uuid"}}],"get":{"responses":{"200":{"description":"metadata","content":{"application/json":{"schema":{"$ref":"#/components/schemas/File"}}}},"404":{"$ref":"#/components/responses/Error"}}}},
    "/healthz":{"get":{"security":[],"responses":{"200":{"description":"alive"}}}},
    "/readyz":{"get":{"security":[],"responses":{"200":{"description":"ready"},"503":{"description":"MariaDB unreachable"}}}}}}
    """#
}
