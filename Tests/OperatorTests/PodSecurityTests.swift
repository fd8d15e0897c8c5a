import KubeClient
import Testing
@testable import Operator

/// The checks of the Pod Security Standard "restricted" that the built pod specs must pass.
@Suite struct PodSecurityTests {
    @Test func everyPodSpecIsRestricted() throws {
        let workloads = try Fixtures.objects().filter { Fixtures.podSpec($0) != nil }
        #expect(workloads.map(\.name) == ["files-mariadb", "files-redis", "files-api"])
        for workload in workloads {
            let podSpec = try #require(Fixtures.podSpec(workload))
            let label = "\(workload.kind)/\(workload.name)"
            #expect(podSpec.object["hostNetwork"] == nil && podSpec.object["hostPID"] == nil && podSpec.object["hostIPC"] == nil, "\(label)")
            #expect(podSpec.automountServiceAccountToken == false, "\(label)")
            let podContext = try #require(podSpec.securityContext, "\(label)")
            #expect(podContext.runAsNonRoot == true)
            #expect(podContext.seccompProfileType == "RuntimeDefault")
            #expect((podContext.runAsUser ?? 1) != 0)
            for volume in podSpec.volumes {
                #expect(volume.object["hostPath"] == nil, "\(label) mounts a hostPath")
                let sources = Set(volume.object.keys).subtracting(["name"])
                #expect(sources.isSubset(of: ["configMap", "secret", "emptyDir", "persistentVolumeClaim"]), "\(label): \(sources)")
            }
            for container in podSpec.containers + podSpec.initContainers {
                let context = try #require(container.securityContext, "\(label)")
                #expect(context.runAsNonRoot == true)
                #expect(context.allowPrivilegeEscalation == false)
                #expect(context.privileged != true)
                #expect(context.capabilitiesDrop == ["ALL"])
                #expect(context.capabilitiesAdd == nil)
                #expect(context.seccompProfileType == "RuntimeDefault")
                #expect(context.readOnlyRootFilesystem == true)
                #expect((context.runAsUser ?? 1) != 0)
                #expect(container.ports.allSatisfy { $0.object["hostPort"] == nil })
                // A read-only root needs a writable /tmp.
                let tmp = container.volumeMounts.first { $0.mountPath == "/tmp" || $0.mountPath == "/data" }
                #expect(tmp != nil, "\(label) has no writable scratch directory")
            }
        }
    }

    @Test func dataServicesRunAsTheirImageUsers() throws {
        let objects = try Fixtures.objects()
        for (kind, name) in [("StatefulSet", "files-mariadb"), ("Deployment", "files-redis")] {
            let podSpec = try #require(Fixtures.podSpec(try Fixtures.find(objects, kind, name)))
            #expect(podSpec.securityContext?.runAsUser == 999)
            #expect(podSpec.securityContext?.fsGroup == 999)
        }
        let database = try #require(Fixtures.podSpec(try Fixtures.find(objects, "StatefulSet", "files-mariadb")))
        let mounts = Set(database.containers.first?.volumeMounts.compactMap(\.mountPath) ?? [])
        #expect(mounts == ["/var/lib/mysql", "/etc/mysql/conf.d", "/tmp", "/run/mysqld"])
        let probe = try #require(database.containers.first?.readinessProbe)
        #expect(probe.execCommand == ["healthcheck.sh", "--connect", "--innodb_initialized"])
    }

    @Test func fileServiceProbesUseTheAdminPort() throws {
        let api = try #require(Fixtures.podSpec(try Fixtures.find(try Fixtures.objects(), "Deployment", "files-api")))
        let container = try #require(api.containers.first)
        #expect(container.readinessProbe?.httpGetPath == "/readyz")
        #expect(container.livenessProbe?.httpGetPath == "/healthz")
        #expect(container.readinessProbe?.port == .string("admin"))
        #expect(container.ports.map(\.containerPort) == [8080, 8081])
        let redis = try #require(Fixtures.podSpec(try Fixtures.find(try Fixtures.objects(), "Deployment", "files-redis")))
        #expect(redis.containers.first?.readinessProbe?.object["tcpSocket"] != nil)
        #expect(redis.containers.first?.command == ["redis-server", "/etc/redis/conf/redis.conf"])
    }
}
