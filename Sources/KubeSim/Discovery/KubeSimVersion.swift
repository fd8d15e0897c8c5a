import Foundation

/// The Kubernetes version KubeSim reports; it decides which kubectl the dispatcher runs.
public enum KubeSimVersion {
    /// Major version.
    public static let major = "1"
    /// Minor version (1.31: JSON bodies for imperative create, OpenAPI v3 validation).
    public static let minor = "31"
    /// Full version.
    public static let gitVersion = "v1.31.9"

    static var json: JSONValue {
        ["major": .string(major), "minor": .string(minor), "gitVersion": .string(gitVersion),
            "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z",
            "goVersion": "go1.22.0", "compiler": "gc", "platform": "linux/amd64", "emulator": "kubesim"]
    }
}
