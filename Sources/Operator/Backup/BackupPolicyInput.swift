import FileWallBallAPI
import Foundation
import KubeClient

/// What the backup builders read of a BackupPolicy: identity, generation, the decoded spec and annotations.
public struct BackupPolicyInput: Sendable, Equatable {
    /// The longest policy name whose derived names fit: `P-backup` is a CronJob name (at most 52
    /// characters, the controller appends 11 to name its Jobs) and `P-now-<8 hex>` a Job name.
    public static let maxNameLength = BackupDefaults.maxNameLength

    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`.
    public var namespace: String
    /// `metadata.uid` (the owner reference's target).
    public var uid: String
    /// `metadata.generation`.
    public var generation: Int
    /// The spec as stored (defaults not yet resolved).
    public var spec: BackupPolicySpec
    /// `metadata.annotations` (the backup-now request lives here).
    public var annotations: [String: String]

    /// Creates an input.
    public init(name: String, namespace: String, uid: String, generation: Int = 1, spec: BackupPolicySpec,
                annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.generation = generation
        self.spec = spec
        self.annotations = annotations
    }

    /// Reads a BackupPolicy as served by the API server; throws when the name, namespace or uid is
    /// missing, the name is too long, or the spec does not decode.
    public init<O: KubeObject>(object: O) throws(BackupPolicyInputError) {
        let meta = object.metadata
        let identity: ObjectIdentity
        do {
            identity = try ObjectIdentity(object, noun: "the backup policy", maxNameLength: Self.maxNameLength,
                                          why: " (the CronJob and Job names are derived from it)")
        } catch {
            throw BackupPolicyInputError(code: error.code, detail: error.detail)
        }
        let (name, namespace, uid) = (identity.name, identity.namespace, identity.uid)
        let specJSON = object.object["spec"] ?? .object([:])
        let spec: BackupPolicySpec
        do {
            spec = try JSONDecoder().decode(BackupPolicySpec.self, from: Data(JSONWriter.encode(specJSON)))
        } catch {
            throw BackupPolicyInputError(code: "invalid_spec", detail: "spec of \(name) does not decode: \(error)")
        }
        self.init(name: name, namespace: namespace, uid: uid, generation: meta.generation ?? 0, spec: spec,
                  annotations: meta.annotations ?? [:])
    }

    /// Names of the objects the policy owns.
    public var names: BackupPolicyNames { BackupPolicyNames(policy: name) }

    /// The value of the `filewallball.io/backup-now` annotation, nil when absent or empty.
    public var backupNowRequest: String? {
        guard let value = annotations[BackupPolicyNames.backupNowAnnotation], !value.isEmpty else { return nil }
        return value
    }

    /// The controller owner reference the policy's children carry.
    public var ownerReference: OwnerReference {
        OwnerReference(apiVersion: FileWallBallAPIGroup.apiVersion, kind: BackupPolicyKind.names.kind,
                       name: name, uid: uid, controller: true, blockOwnerDeletion: true)
    }
}

/// Why a BackupPolicy object cannot be turned into a `BackupPolicyInput`.
public struct BackupPolicyInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code: `missing_name`, `name_too_long`, `missing_namespace`, `missing_uid` or `invalid_spec`.
    public var code: String
    /// Explanation.
    public var detail: String

    /// Creates an error.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `code: detail`.
    public var description: String { "\(code): \(detail)" }
}
