/// The loopback address plan of `filewallball dev`: every Pod and every Service gets an address of its own
/// inside 127.0.0.0/8 (all of which Linux routes to `lo`), so several replicas can listen on the same port
/// and a Service's `clusterIP` answers from the host exactly as `kubectl get svc` shows it.
public enum DevNetwork {
    /// Pod addresses (`status.podIP`), handed out by the local kubelet: 127.10.0.1 … 127.10.255.254.
    public static let podPrefix: (UInt8, UInt8) = (127, 10)
    /// Service cluster IPs, allocated by the API server when a Service is created: 127.20.0.1 … 127.20.255.254.
    public static let servicePrefix: (UInt8, UInt8) = (127, 20)
    /// The CIDR form of the Service range (what KubeSim is configured with).
    public static let serviceCIDR = "127.20.0.0/16"
    /// The cluster's DNS domain: `NAME.NAMESPACE.svc.cluster.local`.
    public static let clusterDomain = "cluster.local"
    /// The node name the local kubelet registers and writes into every Pod it runs.
    public static let nodeName = "filewallball-dev"
}
