import FileWallBallAPI
import Foundation
import KubeClient

/// What the restore planner reads of a RestoreRequest: identity, the checked spec, the spec the controller
/// accepted, and the status it last wrote.
///
/// # The accepted spec
/// Before its first action the controller writes the resolved spec, as canonical JSON, into the annotation
/// `filewallball.io/accepted-spec` (`RestorePlan.acceptSpecAnnotation`); from then on it acts only on that
/// spec and refuses to act (reason `SpecChanged`) when `spec` no longer matches it.
/// - It survives a controller restart: it is part of the object in etcd, not controller memory.
/// - A status write cannot fake or erase it: writes to the `/status` subresource ignore `metadata`, and a
///   lost status write leaves it in place. `status.observedGeneration` has neither property (anyone who
///   may write status can rewrite it, and a lost write loses it), so it is informative only.
/// - It compares content, with defaults filled in: an API server that defaults `backup`/`safetyBackup`
///   and one that does not (or an edit that is reverted) compare equal.
/// - Caveat: someone who edits the spec and forges the annotation in the same update defeats it; real API
///   servers refuse any spec update anyway (`self == oldSelf`), this is the second line.
public struct RestoreRequestInput: Sendable, Equatable {
    /// The annotation holding the accepted spec's canonical JSON.
    public static let acceptedSpecAnnotation = "filewallball.io/accepted-spec"

    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`.
    public var namespace: String
    /// `metadata.uid` (the owner reference's target).
    public var uid: String
    /// `metadata.generation`.
    public var generation: Int
    /// `metadata.creationTimestamp` (RFC 3339): the queue order of restores of one cluster.
    public var creationTimestamp: String
    /// The spec checked and defaulted, or the first field that is wrong.
    public var spec: Result<ResolvedRestoreSpec, RestoreSpecIssue>
    /// The accepted-spec annotation's value, if the controller wrote it.
    public var acceptedSpec: String?
    /// The status as last written.
    public var status: RestoreRequestStatus

    /// Creates an input.
    public init(name: String, namespace: String, uid: String, generation: Int = 1, creationTimestamp: String,
                spec: Result<ResolvedRestoreSpec, RestoreSpecIssue>, acceptedSpec: String? = nil,
                status: RestoreRequestStatus = RestoreRequestStatus()) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.spec = spec
        self.acceptedSpec = acceptedSpec
        self.status = status
    }

    /// Reads a RestoreRequest as served; throws when its identity is incomplete or its status does not
    /// decode. A spec that does not decode or validate is not an error here: it is `spec`'s failure, which
    /// the planner reports as `InvalidSpec`.
    public init<O: KubeObject>(object: O) throws(RestoreRequestInputError) {
        let meta = object.metadata
        let identity: ObjectIdentity
        do {
            identity = try ObjectIdentity(object, noun: "the RestoreRequest")
        } catch {
            throw RestoreRequestInputError(code: error.code, detail: error.detail)
        }
        let (name, namespace, uid) = (identity.name, identity.namespace, identity.uid)
        guard let created = meta.creationTimestamp, KubeTime.parse(created) != nil else {
            throw RestoreRequestInputError(code: "missing_creation_timestamp", detail: "the RestoreRequest \(name) has no valid metadata.creationTimestamp")
        }
        var status = RestoreRequestStatus()
        if let json = object.object["status"], json != .null {
            do {
                status = try JSONDecoder().decode(RestoreRequestStatus.self, from: Data(JSONWriter.encode(json)))
            } catch {
                throw RestoreRequestInputError(code: "invalid_status", detail: "status of \(name) does not decode: \(error)")
            }
        }
        self.init(name: name, namespace: namespace, uid: uid, generation: meta.generation ?? 0, creationTimestamp: created,
                  spec: Self.readSpec(object.object["spec"]), acceptedSpec: meta.annotations?[Self.acceptedSpecAnnotation], status: status)
    }

    /// The controller owner reference of the request's Jobs.
    public var ownerReference: OwnerReference {
        OwnerReference(apiVersion: FileWallBallAPIGroup.apiVersion, kind: RestoreRequestKind.names.kind,
                       name: name, uid: uid, controller: true, blockOwnerDeletion: true)
    }

    /// The spec the controller acts on: the accepted one once recorded (and readable), else the current
    /// one when valid. The glue looks the cluster, policies and peers up with it.
    public var actingSpec: ResolvedRestoreSpec? {
        if let acceptedSpec, let accepted = ResolvedRestoreSpec(canonicalJSON: acceptedSpec) { return accepted }
        return try? spec.get()
    }

    /// How the current spec compares with the accepted one.
    var acceptance: SpecAcceptance {
        guard let acceptedSpec else { return .notRecorded }
        guard let accepted = ResolvedRestoreSpec(canonicalJSON: acceptedSpec) else {
            return .changed("the \(Self.acceptedSpecAnnotation) annotation no longer holds the spec the controller accepted")
        }
        switch spec {
        case .success(let current) where current == accepted: return .same
        case .success(let current): return .changed("spec changed after the controller accepted it (accepted \(accepted.canonicalJSON), now \(current.canonicalJSON))")
        case .failure(let issue): return .changed("spec changed after the controller accepted it and is now invalid (\(issue.message))")
        }
    }

    /// The spec compared with the accepted spec.
    enum SpecAcceptance: Equatable {
        /// The controller has not acted yet.
        case notRecorded
        /// The spec is the accepted one.
        case same
        /// The spec (or the record) changed; the text says how.
        case changed(String)
    }

    /// Decodes and validates `spec`; a decoding failure names the field from the decoder's coding path.
    private static func readSpec(_ json: JSONValue?) -> Result<ResolvedRestoreSpec, RestoreSpecIssue> {
        guard let json, json != .null else { return .failure(RestoreSpecIssue(field: "spec", problem: "is missing")) }
        let decoded: RestoreRequestSpec
        do {
            decoded = try JSONDecoder().decode(RestoreRequestSpec.self, from: Data(JSONWriter.encode(json)))
        } catch let error as DecodingError {
            return .failure(issue(from: error))
        } catch {
            return .failure(RestoreSpecIssue(field: "spec", problem: "does not decode: \(error)"))
        }
        return Result(catching: { () throws(RestoreSpecIssue) -> ResolvedRestoreSpec in try ResolvedRestoreSpec(decoded) })
    }

    /// The field and problem of a decoding error.
    private static func issue(from error: DecodingError) -> RestoreSpecIssue {
        func path(_ keys: [any CodingKey]) -> String { (["spec"] + keys.map(\.stringValue)).joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context): return RestoreSpecIssue(field: path(context.codingPath + [key]), problem: "is required")
        case .typeMismatch(let type, let context): return RestoreSpecIssue(field: path(context.codingPath), problem: "must be a \(typeName(type))")
        case .valueNotFound(let type, let context): return RestoreSpecIssue(field: path(context.codingPath), problem: "must be a \(typeName(type))")
        case .dataCorrupted(let context): return RestoreSpecIssue(field: path(context.codingPath), problem: context.debugDescription)
        @unknown default: return RestoreSpecIssue(field: "spec", problem: "does not decode: \(error)")
        }
    }

    /// A JSON word for a Swift type named in a decoding error.
    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "boolean"
        case is String.Type: return "string"
        case is Int.Type, is Double.Type: return "number"
        default: return "object"
        }
    }
}

/// Why a RestoreRequest object cannot be turned into a `RestoreRequestInput`.
public struct RestoreRequestInputError: Error, Sendable, Equatable {
    /// Stable code: `missing_name`, `missing_namespace`, `missing_uid`, `missing_creation_timestamp` or `invalid_status`.
    public var code: String
    /// Explanation.
    public var detail: String

    /// Creates an error.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}
