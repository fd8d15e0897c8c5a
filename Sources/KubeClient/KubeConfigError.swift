/// A problem in kubeconfig or in-cluster configuration.
public struct KubeConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine code such as `kubeconfig_context_not_found`.
    public var code: String
    /// What was wrong.
    public var detail: String

    /// Readable summary.
    public var description: String { "\(code): \(detail)" }

    /// Creates a configuration error.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}
