import TestSupport
import Foundation
@testable import KubeClient

/// Builds a client pointed at a scripted server.
func makeClient(_ server: ScriptedHTTPServer, credentials: CredentialSource = .token("test-token"), requestTimeout: Duration = .seconds(10), clock: any KubeClock = SystemKubeClock()) -> KubeClient {
    let configuration = ClientConfiguration(server: server.baseURL, credentials: credentials, namespace: "team", requestTimeout: requestTimeout)
    return KubeClient(configuration: configuration, clock: clock)
}

/// A JSON string for a ConfigMap.
func configMapJSON(name: String, namespace: String = "team", rv: String, extra: String = "") -> String {
    #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"\#(namespace)","resourceVersion":"\#(rv)","uid":"uid-\#(name)"},"data":{"k":"v"}\#(extra)}"#
}

/// A Status body.
func statusJSON(code: Int, reason: String, message: String, details: String = "{}") -> String {
    #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","details":\#(details),"code":\#(code)}"#
}

/// A temporary folder removed by the caller.
func makeTempFolder() throws -> String {
    let path = NSTemporaryDirectory() + "kubeclient-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
