import KubeClient

/// The cluster DNS of `filewallball dev`, as an /etc/hosts file for the sandboxed processes of one namespace
/// (there is no DNS server: glibc reads this file first).
///
/// Every Service with a cluster IP: `IP NAME.NS.svc.cluster.local NAME.NS.svc NAME.NS`, plus the plain
/// `NAME` in the file of its own namespace. A headless Service (`clusterIP: None`) names each of its serving
/// Pods instead (ready ones; all with an IP with `publishNotReadyAddresses`), one line per Pod. Such a Pod
/// with `spec.hostname` and `spec.subdomain` equal to the headless Service's name (a StatefulSet Pod)
/// also gets `IP HOST.SUB.NS.svc.cluster.local HOST.SUB.NS.svc HOST.SUB.NS` (and `HOST.SUB` in its own
/// namespace's file). A hosts file has no search domains, so the shorter forms a resolv.conf search path would
/// complete are listed explicitly. ExternalName Services (a CNAME) cannot be expressed and are left out.
public enum ClusterHosts {
    /// The header and `localhost` lines every file starts with.
    public static let preamble = """
        # Kubernetes-managed hosts file (filewallball dev: Services and Pods of the dev cluster).
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback

        """

    /// The hosts file for processes of `namespace`.
    public static func render(namespace: String, services: [Service], pods: [Pod],
        domain: String = DevNetwork.clusterDomain) -> String
    {
        var out = preamble
        for (address, names) in entries(namespace: namespace, services: services, pods: pods, domain: domain) {
            out += address + "\t" + names.joined(separator: " ") + "\n"
        }
        return out
    }

    /// The lines after the preamble, as (address, names), sorted by the first name then address.
    public static func entries(namespace: String, services: [Service], pods: [Pod],
        domain: String = DevNetwork.clusterDomain) -> [(String, [String])]
    {
        var lines: [(String, [String])] = []
        let podsByNamespace = Dictionary(grouping: pods) { $0.namespace ?? "" }
        func names(_ base: String, _ ns: String) -> [String] {
            var n = ["\(base).\(ns).svc.\(domain)", "\(base).\(ns).svc", "\(base).\(ns)"]
            if ns == namespace { n.append(base) }
            return n
        }
        for service in services where service.spec.type != "ExternalName" {
            let ns = service.namespace ?? ""
            let name = service.name
            if let ip = ServiceRoutes.routableClusterIP(service) {
                lines.append((ip, names(name, ns)))
            } else if service.spec.clusterIP == "None" {
                for pod in ServiceRoutes.selectedPods(service, in: podsByNamespace[ns] ?? []) {
                    guard let ip = pod.status.podIP else { continue }
                    lines.append((ip, names(name, ns)))
                    let spec = pod.spec.object
                    if let host = spec.string("hostname"), !host.isEmpty, spec.string("subdomain") == name {
                        lines.append((ip, names("\(host).\(name)", ns)))
                    }
                }
            }
        }
        return lines.sorted { ($0.1.first ?? "", $0.0) < ($1.1.first ?? "", $1.0) }
    }
}
