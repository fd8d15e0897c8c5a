import Foundation
import Testing
@testable import KubeClient

@Suite struct ApplyIntentTests {
    @Test func intentDropsServerOwnedMetadataAndFillsKind() throws {
        var map = ConfigMap(object: try #require(JSONParser.parse(configMapJSON(name: "c", rv: "7")).objectValue))
        map.object["kind"] = nil
        map.metadata.generation = 3
        map.metadata.creationTimestamp = "2026-01-01T00:00:00Z"
        map.metadata.object["managedFields"] = .array([.object(["manager": "x"])])
        map.metadata.labels = ["app": "x"]
        let intent = ApplyIntent.intent(of: map, descriptor: ConfigMap.descriptor)
        let meta = intent.objectMember("metadata")
        #expect(intent.string("kind") == "ConfigMap")
        #expect(intent.string("apiVersion") == "v1")
        #expect(meta.string("name") == "c" && meta.string("namespace") == "team")
        for key in ["resourceVersion", "uid", "generation", "creationTimestamp", "managedFields"] {
            #expect(meta[key] == nil, "\(key) stripped")
        }
        #expect(meta.stringMap("labels") == ["app": "x"])
        #expect(intent.objectMember("data").string("k") == "v")
    }

    @Test func clientIntentFillsTheDefaultNamespace() {
        let client = KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1", namespace: "team"))
        let intent = client.resource(ConfigMap.self).applyIntent(ConfigMap(name: "c"))
        #expect(intent.metadata.namespace == "team")
        let cluster = client.resource(Namespace.self).applyIntent(Namespace(object: ["metadata": ["name": "n", "namespace": "x"]]))
        #expect(cluster.metadata.namespace == nil, "cluster-scoped kinds carry no namespace")
        #expect(cluster.kind == "Namespace")
    }
}

@Suite struct OwnerReferenceHelperTests {
    private func owner(uid: String?) throws -> GenericResource {
        var owner = GenericResource(object: try #require(JSONParser.parse(#"{"apiVersion":"fwb.example/v1","kind":"Cluster","metadata":{"name":"main","namespace":"team"}}"#).objectValue))
        owner.metadata.uid = uid
        return owner
    }

    @Test func controllerReferenceFromOwner() throws {
        let reference = try #require(OwnerReference.controller(of: try owner(uid: "u1")))
        #expect(reference.apiVersion == "fwb.example/v1" && reference.kind == "Cluster" && reference.name == "main" && reference.uid == "u1")
        #expect(reference.controller == true && reference.blockOwnerDeletion == true)
        #expect(OwnerReference.controller(of: try owner(uid: nil)) == nil)
    }

    @Test func setControllerReferenceReplacesSameOwnerAndRefusesAnother() throws {
        var meta = ObjectMeta()
        try meta.setControllerReference(to: try owner(uid: "u1"))
        try meta.setControllerReference(to: try owner(uid: "u1"))
        #expect(meta.ownerReferences.count == 1)
        #expect(meta.isControlled(by: try owner(uid: "u1")))
        #expect(throws: OwnerReferenceError.self) { try meta.setControllerReference(to: try owner(uid: "u2")) }
        var fresh = ObjectMeta()
        let unread = try owner(uid: nil)
        do throws(OwnerReferenceError) {
            try fresh.setControllerReference(to: unread)
            Issue.record("an owner without uid must be refused")
        } catch {
            #expect(error.code == "owner_without_uid")
        }
        #expect(fresh.ownerReferences.isEmpty)
    }
}

@Suite struct SetConditionTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    private let t1 = Date(timeIntervalSince1970: 1_800_000_600)

    @Test func newTypeGetsNowAndSameStatusKeepsTransitionTime() {
        var conditions: [Condition] = []
        let added = conditions.setCondition(Condition(type: "Ready", status: "False", reason: "Creating", message: "a"), now: t0)
        #expect(added)
        #expect(conditions.condition(ofType: "Ready")?.lastTransitionTime == KubeTime.format(t0))
        let updated = conditions.setCondition(Condition(type: "Ready", status: "False", reason: "Waiting", message: "b", observedGeneration: 2), now: t1)
        #expect(updated)
        let ready = conditions.condition(ofType: "Ready")
        #expect(ready?.lastTransitionTime == KubeTime.format(t0), "status unchanged: time kept")
        #expect(ready?.reason == "Waiting" && ready?.message == "b" && ready?.observedGeneration == 2)
        let repeated = conditions.setCondition(Condition(type: "Ready", status: "False", reason: "Waiting", message: "b", observedGeneration: 2), now: t1)
        #expect(repeated == false, "nothing changed")
        #expect(conditions.count == 1)
    }

    @Test func statusChangeSetsNowAndOtherTypesAreKept() {
        var conditions: [Condition] = []
        conditions.setCondition(Condition(type: "Ready", status: "False", reason: "Creating", message: ""), now: t0)
        conditions.setCondition(Condition(type: "DatabaseReady", status: "True", reason: "Ready", message: ""), now: t0)
        let clock = ManualKubeClock(wallOrigin: t1)
        let transitioned = conditions.setCondition(Condition(type: "Ready", status: "True", reason: "Ready", message: ""), clock: clock)
        #expect(transitioned)
        #expect(conditions.condition(ofType: "Ready")?.lastTransitionTime == KubeTime.format(t1))
        #expect(conditions.condition(ofType: "DatabaseReady")?.lastTransitionTime == KubeTime.format(t0))
        #expect(conditions.map(\.conditionType) == ["Ready", "DatabaseReady"], "replaced in place")
        let removed = conditions.removeCondition(ofType: "DatabaseReady")
        let removedAgain = conditions.removeCondition(ofType: "DatabaseReady")
        #expect(removed && !removedAgain)
    }
}

@Suite struct PodTemplatePartsTests {
    @Test func podSpecFromTypedParts() throws {
        var container = Container(name: "app", image: "registry.example/fwb:1")
        container.imagePullPolicy = "IfNotPresent"
        container.args = ["serve"]
        container.env = [
            EnvVar(name: "MODE", value: "prod"),
            .secretKey("DB_PASSWORD", secret: "db", key: "password"),
            .configMapKey("LEVEL", configMap: "cfg", key: "level", optional: true),
            .field("POD_NAMESPACE", path: "metadata.namespace"),
        ]
        container.envFrom = [.configMap("settings", prefix: "FWB_")]
        container.ports = [ContainerPort(name: "http", containerPort: 8080)]
        container.volumeMounts = [VolumeMount(name: "data", mountPath: "/data"), VolumeMount(name: "tls", mountPath: "/tls/ca.crt", readOnly: true, subPath: "ca.crt")]
        container.readinessProbe = Probe.httpGet(path: "/readyz", port: .string("http")).timing(periodSeconds: 5, failureThreshold: 3)
        container.livenessProbe = .tcpSocket(port: .int(8080))
        container.startupProbe = .exec(["true"])
        container.resources = ContainerResources(requests: ["cpu": "100m"], limits: ["memory": "256Mi"])
        container.securityContext = .restricted(readOnlyRootFilesystem: false)
        container.terminationMessagePolicy = "FallbackToLogsOnError"

        var spec = PodSpec()
        spec.containers = [container]
        spec.volumes = [.persistentVolumeClaim("data", claimName: "files", readOnly: false), .secret("tls", secretName: "tls", defaultMode: 0o440), .configMap("cfg", configMapName: "cfg"), .emptyDir("tmp", medium: "Memory")]
        spec.securityContext = .restricted(runAsUser: 10001, fsGroup: 10001)
        spec.serviceAccountName = "fwb"
        spec.automountServiceAccountToken = false
        spec.restartPolicy = "Always"

        let expected = try JSONParser.parse(#"""
            {"automountServiceAccountToken":false,"restartPolicy":"Always","serviceAccountName":"fwb",
             "securityContext":{"runAsNonRoot":true,"runAsUser":10001,"fsGroup":10001,"seccompProfile":{"type":"RuntimeDefault"}},
             "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"files","readOnly":false}},
                        {"name":"tls","secret":{"secretName":"tls","defaultMode":288}},
                        {"name":"cfg","configMap":{"name":"cfg"}},
                        {"name":"tmp","emptyDir":{"medium":"Memory"}}],
             "containers":[{"name":"app","image":"registry.example/fwb:1","imagePullPolicy":"IfNotPresent","args":["serve"],
               "env":[{"name":"MODE","value":"prod"},
                      {"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}},
                      {"name":"LEVEL","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"level","optional":true}}},
                      {"name":"POD_NAMESPACE","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}}],
               "envFrom":[{"prefix":"FWB_","configMapRef":{"name":"settings"}}],
               "ports":[{"name":"http","containerPort":8080}],
               "volumeMounts":[{"name":"data","mountPath":"/data"},{"name":"tls","mountPath":"/tls/ca.crt","readOnly":true,"subPath":"ca.crt"}],
               "readinessProbe":{"httpGet":{"path":"/readyz","port":"http"},"periodSeconds":5,"failureThreshold":3},
               "livenessProbe":{"tcpSocket":{"port":8080}},
               "startupProbe":{"exec":{"command":["true"]}},
               "resources":{"requests":{"cpu":"100m"},"limits":{"memory":"256Mi"}},
               "securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":false,
                                  "capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}},
               "terminationMessagePolicy":"FallbackToLogsOnError"}]}
            """#)
        #expect(JSONValue.object(spec.object) == expected)

        let read = PodSpec(object: spec.object)
        #expect(read.volumes.map(\.claimName) == ["files", nil, nil, nil])
        #expect(read.volumes[1].secretName == "tls" && read.volumes[2].configMapName == "cfg" && read.volumes[3].isEmptyDir)
        let first = try #require(read.containers.first)
        #expect(first.env[1].valueFrom?.secretKeyRef?.key == "password")
        #expect(first.readinessProbe?.port == .string("http") && first.readinessProbe?.httpGetPath == "/readyz")
        #expect(first.livenessProbe?.port == .int(8080))
        #expect(first.startupProbe?.execCommand == ["true"])
        #expect(first.securityContext?.capabilitiesDrop == ["ALL"])
        #expect(read.securityContext?.fsGroup == 10001)
    }

    @Test func unknownFieldsSurviveAndEmptyListsAreRemoved() throws {
        var container = Container(object: try #require(JSONParser.parse(#"{"name":"a","stdin":true,"env":[{"name":"X","value":"1"}]}"#).objectValue))
        container.env = []
        container.securityContext = nil
        #expect(container.object["env"] == nil)
        #expect(container.object["stdin"] == .bool(true))
        var context = SecurityContext.restricted()
        #expect(context.readOnlyRootFilesystem == true)
        context.capabilitiesDrop = nil
        #expect(context.object["capabilities"] == nil)
    }
}
