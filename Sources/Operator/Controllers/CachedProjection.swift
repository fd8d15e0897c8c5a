import KubeClient

/// What the informers keep of the bulky objects the controller creates (ConfigMaps, Services, claims,
/// StatefulSets, Deployments, disruption budgets, NetworkPolicies): the metadata, a digest of the
/// content instead of the content itself, and only the status the controller reads.
///
/// The controller never reads those contents: it only asks whether they still hold what it applied.
/// `OwnedObjectApplier` answers that from the digest (the content it saw right after its own apply, which
/// the server answers with). This keeps a cluster's cached state at a fraction of its JSON size (see
/// bench/operator-bench.sh). Secrets (their passwords are read back), CronJobs, Jobs, Pods, ServiceAccounts
/// and the custom resources are cached whole.
public enum CachedProjection {
    /// The member holding the digest in a projected object (never sent anywhere: memory only), a 64-bit
    /// FNV-1a stored as `.int` (its bit pattern): a number costs no heap, a 16-digit hex string would.
    public static let digestMember = "x-filewallball-content-digest"
    /// The metadata members kept: what the applier compares (labels, annotations, owner references), what
    /// the controllers map and index by (labels, owner uids), the cache's own name, namespace and
    /// `resourceVersion`, and `deletionTimestamp`; with the status also `generation` (the status builder
    /// compares a Deployment's observedGeneration with it). `uid`, `creationTimestamp`, `finalizers` and
    /// a non-workload's `generation` are read for no projected kind and are dropped: six members fit a
    /// dictionary half the size of nine.
    static let keptMetadata: Set<String> = ["name", "namespace", "resourceVersion", "labels", "annotations", "ownerReferences",
                                            "deletionTimestamp"]

    /// The workload status members kept: `ClusterStatusBuilder` reads nothing else.
    static let keptStatus: Set<String> = ["readyReplicas", "updatedReplicas", "observedGeneration"]

    /// The projection of a served object: the kept metadata, the content digest and, with `keepStatus`
    /// (StatefulSets and Deployments, whose replica counts give the cluster's status), the status members
    /// `keptStatus`. `apiVersion` and `kind` are implied by the informer and read by no one, so the
    /// object has at most three members (a dictionary of four buckets instead of eight). Strings are
    /// shared through `compactor` (see `CachedObjectCompactor`).
    public static func project<R: KubeObject>(_ object: R, keepStatus: Bool,
                                              compactor: CachedObjectCompactor = CachedObjectCompactor(capacity: 0)) -> R {
        var projected = JSONObject(minimumCapacity: 3)
        projected[digestMember] = .int(Int64(bitPattern: contentDigest(of: object.object)))
        // Only workload status is read, and of it only what `ClusterStatusBuilder` compares (three members
        // fit a dictionary of four buckets; the whole status needed eight or sixteen), plus the conditions
        // that report a problem (their reason and message explain a not-ready component in the cluster's
        // status); a healthy workload keeps none.
        if keepStatus, let status = object.object["status"]?.objectValue {
            var kept = status.filter { keptStatus.contains($0.key) }
            let problems = WorkloadProblem.conditions(in: status)
            if !problems.isEmpty { kept["conditions"] = .array(problems) }
            projected["status"] = .object(kept)
        }
        let metadata = object.object["metadata"]?.objectValue ?? [:]
        projected["metadata"] = .object(metadata.filter { keptMetadata.contains($0.key) || (keepStatus && $0.key == "generation") })
        return R(object: compactor.compactTop(projected))
    }

    /// FNV-1a over the canonical JSON of every member but `metadata`, `status` and the digest itself.
    public static func contentDigest(of object: JSONObject) -> UInt64 {
        var content = object
        for key in ["metadata", "status", "apiVersion", "kind", digestMember] { content[key] = nil }
        return ConfigHash.fnv1a(bytes: JSONWriter.encode(.object(content)))
    }

    /// The digest of a projected object (nil for objects cached whole).
    public static func digest(of object: JSONObject) -> UInt64? {
        guard case .int(let bits) = object[digestMember] else { return nil }
        return UInt64(bitPattern: bits)
    }
}
