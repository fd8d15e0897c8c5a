import KubeClient

/// Builds the Pods a workload controller creates: the template's metadata and spec, the owner's
/// controller reference, the node name of the local kubelet, and the labels real controllers add.
enum PodFactory {
    /// Letters Kubernetes uses for generated name suffixes (no vowels, no confusable digits).
    static let suffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A random 5-character suffix.
    static func suffix() -> String { String((0..<5).map { _ in suffixAlphabet.randomElement() ?? "x" }) }

    /// A short, stable digest of a pod template (`pod-template-hash`, `controller-revision-hash`).
    static func templateHash(_ template: PodTemplateSpec) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in JSONWriter.encode(.object(template.object)) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var text = ""
        for _ in 0..<10 {
            text.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash /= UInt64(alphabet.count)
        }
        return text
    }

    /// A Pod named `name` from `template`, controlled by `owner`, with `extraLabels`.
    static func pod<O: KubeObject>(named name: String, template: PodTemplateSpec, owner: O, extraLabels: [String: String]) -> Pod? {
        var pod = Pod(object: [:])
        pod.object["apiVersion"] = "v1"
        pod.object["kind"] = "Pod"
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = owner.metadata.namespace
        metadata.labels = (template.metadata.labels ?? [:]).merging(extraLabels) { _, new in new }
        if let annotations = template.metadata.annotations, !annotations.isEmpty { metadata.annotations = annotations }
        guard (try? metadata.setControllerReference(to: owner)) != nil else { return nil }
        pod.metadata = metadata
        var spec = template.spec
        spec.nodeName = DevNetwork.nodeName
        if spec.restartPolicy == nil { spec.restartPolicy = "Always" }
        pod.spec = spec
        return pod
    }

    /// Whether the kubelet reports the Pod ready.
    static func isReady(_ pod: Pod) -> Bool {
        pod.status.conditions.contains { $0.type == "Ready" && $0.status == "True" }
    }

    /// Whether the Pod has ended for good.
    static func isTerminal(_ pod: Pod) -> Bool {
        pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
    }

    /// The first waiting problem among the Pods' containers (e.g. `ErrImageNeverPull`), for the owner's
    /// status. Worded to stay the same while the problem does (a crash loop's changing back-off is left out),
    /// so the status is not rewritten at every restart.
    static func waitingProblem(_ pods: [Pod]) -> (reason: String, message: String)? {
        for pod in pods.sorted(by: { $0.name < $1.name }) {
            for status in pod.object["status"]?["containerStatuses"]?.arrayValue ?? [] {
                guard let waiting = status["state"]?["waiting"], let reason = waiting["reason"]?.stringValue,
                      reason != "ContainerCreating" else { continue }
                let container = status["name"]?.stringValue ?? "?"
                if reason == "CrashLoopBackOff" {
                    let exitCode = status["lastState"]?["terminated"]?["exitCode"]?.intValue.map { " (last exit code \($0))" } ?? ""
                    return (reason, "container \(container) of pod \(pod.name) keeps crashing\(exitCode)")
                }
                return (reason, "container \(container) of pod \(pod.name): \(reason): \(waiting["message"]?.stringValue ?? "")")
            }
        }
        return nil
    }
}
