import KubeClient

/// The core/v1 Endpoints object of a Service, as the endpoints controller writes it (what
/// `kubectl describe svc` and `kubectl get endpoints` show), pure.
///
/// Only Services with a selector get one. A selected Pod with an IP that is not terminated and not being
/// deleted is listed under `addresses` when ready (Ready=True, or `publishNotReadyAddresses`), otherwise
/// under `notReadyAddresses` (with `publishNotReadyAddresses` Pods being deleted are listed too). Pods whose
/// ports resolve alike share a subset. The object is owned by its Service (so it goes with it).
public enum ServiceEndpoints {
    /// The descriptor of core/v1 Endpoints.
    public static let descriptor = ResourceDescriptor(group: "", version: "v1", plural: "endpoints", kind: "Endpoints", namespaced: true)

    /// The Endpoints object for `service`, or nil for a Service without selector.
    public static func endpoints(for service: Service, pods: [Pod]) -> GenericResource? {
        guard let selector = service.spec.selector, !selector.isEmpty, let namespace = service.namespace else { return nil }
        let publishNotReady = service.spec.object.bool("publishNotReadyAddresses") ?? false
        var subsets: [[JSONValue]: (ready: [JSONValue], notReady: [JSONValue])] = [:]
        for pod in pods.sorted(by: { $0.name < $1.name }) where pod.namespace == namespace {
            let labels = pod.metadata.labels ?? [:]
            guard selector.allSatisfy({ labels[$0.key] == $0.value }), let ip = pod.status.podIP, !ip.isEmpty else { continue }
            let phase = pod.status.phase ?? ""
            if phase == "Succeeded" || phase == "Failed" { continue }
            if pod.metadata.deletionTimestamp != nil, !publishNotReady { continue }
            var ports: [JSONValue] = []
            for port in service.spec.ports {
                guard let target = ServiceRoutes.targetPort(port, pod: pod) else { continue }
                var p: JSONValue = ["port": .int(Int64(target)), "protocol": .string(port.protocol ?? "TCP")]
                if let name = port.name { p["name"] = .string(name) }
                ports.append(p)
            }
            var address: JSONValue = ["ip": .string(ip),
                "targetRef": ["kind": "Pod", "namespace": .string(namespace), "name": .string(pod.name), "uid": .string(pod.uid ?? "")]]
            if let node = pod.spec.nodeName { address["nodeName"] = .string(node) }
            if publishNotReady || ServiceRoutes.isReady(pod) {
                subsets[ports, default: ([], [])].ready.append(address)
            } else {
                subsets[ports, default: ([], [])].notReady.append(address)
            }
        }
        let rendered: [JSONValue] = subsets.sorted { JSONWriter.string(.array($0.key)) < JSONWriter.string(.array($1.key)) }.map { ports, addresses in
            var subset: JSONValue = ["ports": .array(ports)]
            if !addresses.ready.isEmpty { subset["addresses"] = .array(addresses.ready) }
            if !addresses.notReady.isEmpty { subset["notReadyAddresses"] = .array(addresses.notReady) }
            return subset
        }
        var metadata: JSONObject = ["name": .string(service.name), "namespace": .string(namespace)]
        if let labels = service.metadata.labels { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
        if let uid = service.uid {
            metadata["ownerReferences"] = [["apiVersion": "v1", "kind": "Service", "name": .string(service.name), "uid": .string(uid)]]
        }
        return GenericResource(object: ["apiVersion": "v1", "kind": "Endpoints", "metadata": .object(metadata), "subsets": .array(rendered)])
    }
}
