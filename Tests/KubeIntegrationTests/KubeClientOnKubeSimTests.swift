import Foundation
import KubeConformance
import KubeSim
import Testing

/// KubeClient and KubeRuntime against the real wire protocol served by KubeSim (in-process, plain HTTP
/// and TLS with a generated CA and bearer token).
@Suite("KubeClient against KubeSim")
struct KubeClientOnKubeSimTests {
    @Test("every verb, errors, watch, events and leader election", arguments: [false, true])
    func conformance(tls: Bool) async throws {
        let sim = try await KubeSimServer.start(configuration: .init(listen: "127.0.0.1:0", tls: tls, requireToken: tls))
        let directory = NSTemporaryDirectory() + "kc-kubesim-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let kubeconfig = directory + "/kubeconfig"
        try sim.writeKubeconfig(to: kubeconfig)
        var smoke = try KubeSmoke(kubeconfig: kubeconfig, verbose: false)
        do {
            try await smoke.run()
        } catch {
            await sim.shutdown()
            throw error
        }
        await sim.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
        #expect(smoke.failures.isEmpty, "\(smoke.failures)")
    }
}
