import Foundation

/// Service cluster IP allocation, as kube-apiserver's service REST storage does it: a free address of the
/// configured range on create, `None` (headless) kept as is, an explicit address checked against the range
/// and the addresses in use. The addresses in use are the stored Services themselves, so an address is free
/// again once its Service is removed, and a reloaded snapshot knows every address it holds.
extension ClusterState {
    /// Every cluster IP held by a stored Service (optionally ignoring one Service, by `namespace/name`).
    func serviceIPsInUse(except key: String? = nil) -> Set<UInt32> {
        var used: Set<UInt32> = []
        for (k, stored) in objects["services"] ?? [:] where k != key {
            for ip in Self.clusterIPs(of: stored.value) {
                if let address = ServiceIPRange.parseIPv4(ip) { used.insert(address) }
            }
        }
        return used
    }

    /// `spec.clusterIPs`, or `[spec.clusterIP]` when only that is set; empty strings dropped.
    static func clusterIPs(of service: JSONValue) -> [String] {
        if let list = service[path: ["spec", "clusterIPs"]]?.arrayValue?.compactMap(\.stringValue), !list.isEmpty {
            return list.filter { !$0.isEmpty }
        }
        if let ip = service[path: ["spec", "clusterIP"]]?.stringValue, !ip.isEmpty { return [ip] }
        return []
    }

    /// On create: fills `spec.clusterIP`/`clusterIPs`, `ipFamilies` and `ipFamilyPolicy`, or rejects the Service.
    mutating func allocateClusterIP(_ service: inout JSONValue, name: String) throws(StatusError) {
        let type = BuiltinResources.all.first { $0.storageKey == "services" }
        if service[path: ["spec", "type"]]?.stringValue == "ExternalName" { return }
        let requested = Self.clusterIPs(of: service)
        let ip: String
        if let first = requested.first {
            if first == "None" {
                ip = "None"
            } else {
                guard let address = ServiceIPRange.parseIPv4(first) else {
                    throw Self.invalidService(type, name, field: "spec.clusterIPs[0]", value: "\"\(first)\"",
                        message: "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")
                }
                let listed = "[]string{" + requested.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
                guard serviceIPRange.contains(address) else {
                    throw Self.invalidService(type, name, field: "spec.clusterIPs", value: listed,
                        message: "failed to allocate IP \(first): the provided IP (\(first)) is not in the valid range. The range of valid IPs is \(serviceIPRange)")
                }
                guard !serviceIPsInUse().contains(address) else {
                    throw Self.invalidService(type, name, field: "spec.clusterIPs", value: listed,
                        message: "failed to allocate IP \(first): provided IP is already allocated")
                }
                ip = first
            }
        } else {
            guard let address = serviceIPRange.allocate(avoiding: serviceIPsInUse()) else {
                throw StatusError(code: 500, reason: "InternalError",
                    message: "Internal error occurred: failed to allocate a serviceIP: range is full",
                    details: ["causes": [["message": "failed to allocate a serviceIP: range is full"]]])
            }
            ip = ServiceIPRange.format(address)
        }
        service[path: ["spec", "clusterIP"]] = .string(ip)
        service[path: ["spec", "clusterIPs"]] = [.string(ip)]
        if service[path: ["spec", "ipFamilies"]] == nil { service[path: ["spec", "ipFamilies"]] = ["IPv4"] }
        if service[path: ["spec", "ipFamilyPolicy"]] == nil { service[path: ["spec", "ipFamilyPolicy"]] = "SingleStack" }
    }

    /// On update: a body without a cluster IP keeps the allocated one (like `patchAllocatedValues`); a
    /// different one is rejected (the field is immutable).
    func keepClusterIP(_ service: inout JSONValue, old: JSONValue, name: String) throws(StatusError) {
        let before = Self.clusterIPs(of: old)
        guard let held = before.first else { return }
        let now = Self.clusterIPs(of: service)
        if now.isEmpty, service[path: ["spec", "type"]]?.stringValue != "ExternalName" {
            service[path: ["spec", "clusterIP"]] = .string(held)
            service[path: ["spec", "clusterIPs"]] = .array(before.map { .string($0) })
            for k in ["ipFamilies", "ipFamilyPolicy"] where service[path: ["spec", k]] == nil {
                service[path: ["spec", k]] = old[path: ["spec", k]]
            }
            return
        }
        if let changed = now.first, changed != held {
            let type = BuiltinResources.all.first { $0.storageKey == "services" }
            throw Self.invalidService(type, name, field: "spec.clusterIPs[0]", value: "\"\(changed)\"",
                message: "may not change once set")
        }
    }

    private static func invalidService(_ type: ResourceType?, _ name: String, field: String, value: String,
        message: String) -> StatusError
    {
        let cause = StatusError.FieldCause(field: field, reason: "FieldValueInvalid", message: "Invalid value: \(value): \(message)")
        guard let type else { return StatusError.badRequest("\(field): \(cause.message)") }
        return StatusError.invalid(type, name, causes: [cause])
    }
}
