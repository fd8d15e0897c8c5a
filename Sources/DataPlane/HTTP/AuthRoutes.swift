import Foundation
import Hummingbird

/// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
struct AuthRoutes: Sendable {
    let service: FileService

    private struct LoginBody: Decodable { let username: String; let password: String }

    func register(on router: Router<DataPlaneRequestContext>) {
        router.post("/api/v1/auth/login") { request, _ in try await login(request) }
        router.post("/api/v1/auth/logout") { request, _ in try await logout(request) }
        router.get("/api/v1/auth/me") { request, _ in try await me(request) }
    }

    func login(_ request: Request) async throws -> Response {
        let body = try await decodeJSONBody(LoginBody.self, from: request)
        guard !body.username.isEmpty, body.username.utf8.count <= 255, body.password.unicodeScalars.count <= 1024 else {
            throw APIError.badCredentials
        }
        try await service.maintenance.check()
        let found = try await withStorage { try await service.users.credentials(username: body.username) }
        // Verify against a fixed dummy hash when the user is unknown, so timing does not reveal names.
        let stored = found?.passwordHash ?? Self.dummyHash
        let valid = try await service.hasher.verify(body.password, against: stored)
        guard let user = found?.0, valid else {
            service.logger.info("login refused", metadata: ["user.name": "\(body.username)"])
            throw APIError.badCredentials
        }
        let (token, expires) = try await withStorage { try await service.sessions.create(for: user) }
        service.logger.info("login", metadata: ["user.id": "\(user.id)"])
        let json = #"{"token":"\#(token)","user":{"id":\#(user.id),"username":"# + JSONText.quote(user.username)
            + #"},"expires_at":"# + JSONText.quote(JSONText.timestamp(expires)) + "}"
        var response = JSONText.response(.ok, json)
        response.setCookie(Cookie(name: "fwb_session", value: token, maxAge: service.configuration.sessionTTLSeconds, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func logout(_ request: Request) async throws -> Response {
        let tokenHash = try RequestParsing.tokenHash(request)
        let session = try await service.session(tokenHash: tokenHash)
        try await withStorage { try await service.sessions.revoke(tokenHash: session.tokenHash) }
        var response = Response(status: .noContent)
        response.setCookie(Cookie(name: "fwb_session", value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func me(_ request: Request) async throws -> Response {
        let session = try await service.session(tokenHash: try RequestParsing.tokenHash(request))
        return JSONText.response(.ok, Self.userJSON(session.user))
    }

    static func userJSON(_ user: UserRecord) -> String {
        #"{"id":\#(user.id),"username":"# + JSONText.quote(user.username) + #","is_admin":\#(user.isAdmin)}"#
    }

    /// A well-formed Argon2id string (default cost) that no password matches.
    static let dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
}
