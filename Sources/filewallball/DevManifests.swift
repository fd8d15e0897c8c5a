import FileWallBallAPI
import Foundation
import KubeClient
import KubeSim
import Yams

/// The manifests `filewallball dev` applies: the CRDs (exactly what `filewallball crds` prints) and, with
/// `--apply-samples`, k8s/samples/cluster.yaml. Applied with server-side apply under the field manager
/// `filewallball-dev`, so a later `kubectl apply` of the same files changes nothing.
enum DevManifests {
    static let fieldManager = "filewallball-dev"

    /// Applies the CRDs and waits until each is Established.
    static func installCRDs(_ client: KubeClient) async throws {
        let resource = client.resource(CustomResourceDefinition.self)
        var names: [String] = []
        for document in try CRDRenderer.documents() {
            for object in try objects(in: document.yaml) {
                let crd = CustomResourceDefinition(object: object)
                _ = try await resource.apply(crd, fieldManager: fieldManager, force: true)
                names.append(crd.name)
            }
        }
        let deadline = ContinuousClock.now + .seconds(20)
        for name in names {
            while true {
                let crd = try await resource.get(name)
                let established = crd.object["status"]?["conditions"]?.arrayValue?.contains {
                    $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True"
                } ?? false
                if established { break }
                guard ContinuousClock.now < deadline else { throw DevSetupError("CRD \(name) was not Established within 20 s") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// The objects of a YAML stream.
    static func objects(in yaml: String) throws -> [JSONObject] {
        try Yams.load_all(yaml: yaml).compactMap { document in JSONValue(yamlAny: document).objectValue }
    }

    /// Applies every object of `file` into `namespace`.
    static func apply(file: String, client: KubeClient, namespace: String) async throws {
        let yaml = try String(contentsOfFile: file, encoding: .utf8)
        for object in try objects(in: yaml) {
            var generic = GenericResource(object: object)
            if generic.metadata.namespace == nil { generic.metadata.namespace = namespace }
            guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else {
                throw DevSetupError("\(file): an object without apiVersion or kind")
            }
            let descriptor = try await discover(client, apiVersion: apiVersion, kind: kind)
            _ = try await client.resource(GenericResource.self, descriptor: descriptor).apply(generic, fieldManager: fieldManager, force: true)
        }
    }

    /// The resource of `apiVersion`/`kind`, from discovery.
    static func discover(_ client: KubeClient, apiVersion: String, kind: String) async throws -> ResourceDescriptor {
        let path = apiVersion.contains("/") ? "/apis/\(apiVersion)" : "/api/\(apiVersion)"
        let list = try await client.getRaw(path: path)
        for resource in list["resources"]?.arrayValue ?? [] where resource["kind"]?.stringValue == kind {
            guard let plural = resource["name"]?.stringValue, !plural.contains("/") else { continue }
            let parts = apiVersion.split(separator: "/").map(String.init)
            return ResourceDescriptor(group: parts.count == 2 ? parts[0] : "", version: parts.last ?? apiVersion, plural: plural, kind: kind,
                                      namespaced: resource["namespaced"]?.boolValue ?? true)
        }
        throw DevSetupError("the API server does not serve \(kind) in \(apiVersion)")
    }

    /// The samples folder: as given, else ./k8s/samples, else the checkout the executable was built in.
    static func samplesDirectory(_ given: String?, binary: String) throws -> String {
        if let given { return DevEnvironment.absolute(given) }
        let local = DevEnvironment.absolute("k8s/samples")
        if FileManager.default.fileExists(atPath: "\(local)/cluster.yaml") { return local }
        var directory = (binary as NSString).deletingLastPathComponent
        while directory.count > 1 {
            if FileManager.default.fileExists(atPath: "\(directory)/k8s/samples/cluster.yaml") { return "\(directory)/k8s/samples" }
            directory = (directory as NSString).deletingLastPathComponent
        }
        throw DevSetupError("k8s/samples/cluster.yaml not found (run from the repository, or pass --samples-dir)")
    }

    /// Prints how long the sample cluster took to become Ready, and where its file API answers.
    static func reportWhenReady(_ client: KubeClient, cluster: String, namespace: String, since started: ContinuousClock.Instant) async {
        let descriptor = ResourceDescriptor(group: "filewallball.io", version: "v1alpha1", plural: "filewallballclusters", kind: "FileWallBallCluster", namespaced: true)
        let resource = client.resource(GenericResource.self, descriptor: descriptor)
        while !Task.isCancelled {
            if let object = try? await resource.getIfExists(cluster, namespace: namespace),
               object.object["status"]?["conditions"]?.arrayValue?.contains(where: { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }) == true {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                DevEnvironment.say("filewallball dev: cluster \(namespace)/\(cluster) is Ready after \(String(format: "%.1f", seconds)) s")
                let adminSecret = object.object["status"]?["secrets"]?["admin"]?.stringValue ?? "\(cluster)-admin"
                if let service = try? await client.resource(Service.self).getIfExists("\(cluster)-api", namespace: namespace),
                   let address = service.object["spec"]?["clusterIP"]?.stringValue {
                    DevEnvironment.say("filewallball dev: file API at http://\(address):8080 (user admin; password: kubectl get secret \(adminSecret) -o jsonpath='{.data.password}' | base64 -d)")
                }
                return
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }
}

/// A set-up step of `dev` that cannot go on.
struct DevSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
