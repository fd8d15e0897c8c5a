import FileWallBallAPI
import KubeClient
import Testing
@testable import Operator

@Suite struct DesiredObjectsTests {
    @Test func listsEveryObjectInApplyOrder() throws {
        let objects = try Fixtures.objects(Fixtures.input(replicas: 2))
        #expect(objects.map { "\($0.kind)/\($0.name)" } == [
            "Secret/files-database", "Secret/files-cache", "Secret/files-admin",
            "ConfigMap/files-mariadb", "ConfigMap/files-redis",
            "Service/files-mariadb-headless", "Service/files-mariadb", "Service/files-redis", "Service/files-api", "Service/files-api-admin",
            "PersistentVolumeClaim/files-blobs", "StatefulSet/files-mariadb", "Deployment/files-redis", "Deployment/files-api",
            "PodDisruptionBudget/files-api", "NetworkPolicy/files-mariadb", "NetworkPolicy/files-redis",
        ])
        for object in objects {
            #expect(object.object["apiVersion"]?.stringValue == object.descriptor.apiVersion)
            #expect(object.object["kind"]?.stringValue == object.descriptor.kind)
        }
    }

    @Test(arguments: [DeletionPolicy.retain, .delete])
    func everyObjectHasNamespaceLabelsAndOwner(policy: DeletionPolicy) throws {
        let input = Fixtures.input(deletionPolicy: policy)
        for object in try Fixtures.objects(input) {
            let meta = GenericResource(object: object.object).metadata
            #expect(meta.namespace == "team-a")
            let labels = try #require(meta.labels)
            #expect(labels[ObjectLabels.nameKey] == "filewallball")
            #expect(labels[ObjectLabels.instanceKey] == "files")
            #expect(labels[ObjectLabels.managedByKey] == "filewallball-controller")
            #expect(labels[ObjectLabels.partOfKey] == "filewallball")
            let component = try #require(labels[ObjectLabels.componentKey])
            #expect(["database", "cache", "file-service"].contains(component))
            let holdsData = object.kind == "Secret" || object.kind == "PersistentVolumeClaim"
            if holdsData && policy == .retain {
                // Retained data must outlive the cluster: no owner, so the garbage collector leaves it.
                #expect(meta.ownerReferences.isEmpty, "\(object.kind)/\(object.name)")
            } else {
                let owner = try #require(meta.ownerReferences.first, "\(object.kind)/\(object.name)")
                #expect(meta.ownerReferences.count == 1)
                #expect(owner.apiVersion == "filewallball.io/v1alpha1")
                #expect(owner.kind == "FileWallBallCluster")
                #expect(owner.name == "files")
                #expect(owner.uid == input.uid)
                #expect(owner.controller == true)
                #expect(owner.blockOwnerDeletion == true)
            }
        }
    }

    @Test func podTemplatesCarryTheLabelsAndSelectorsOnlyTheStableThree() throws {
        for object in try Fixtures.objects() where Fixtures.podSpec(object) != nil {
            let template = PodTemplateSpec(object: object.object["spec"]?["template"]?.objectValue ?? [:])
            let labels = try #require(template.metadata.labels)
            #expect(labels.count == 5)
            let selector = try #require(object.object["spec"]?["selector"]?["matchLabels"]?.objectValue)
            #expect(Set(selector.keys) == [ObjectLabels.nameKey, ObjectLabels.instanceKey, ObjectLabels.componentKey])
            for (key, value) in selector { #expect(labels[key] == value.stringValue) }
        }
    }

    @Test func replicasAndImagesFlowFromTheSpec() throws {
        let spec = FileWallBallClusterSpec(
            database: DatabaseSpec(image: "registry.example/mariadb:11.4", storage: StorageSpec(size: "50Gi", storageClassName: "fast")),
            cache: CacheSpec(image: "registry.example/redis:7.4", maxMemory: "1gb", evictionPolicy: .volatileLRU),
            app: AppSpec(image: "registry.example/fwb:9.9", replicas: 5, maxUploadSize: "2Gi", environment: .production,
                         blobStorage: StorageSpec(size: "1Ti", storageClassName: "shared", accessMode: .readWriteMany)))
        let input = ClusterInput(name: "files", namespace: "team-a", uid: "u-1", spec: spec)
        let objects = try DesiredObjects.all(for: input, credentials: Fixtures.credentials)
        let api = try Fixtures.find(objects, "Deployment", "files-api").object
        #expect(api["spec"]?["replicas"]?.intValue == 5)
        let apiContainer = try #require(Deployment(object: api).spec.template.spec.containers.first)
        #expect(apiContainer.image == "registry.example/fwb:9.9")
        #expect(apiContainer.args == ["serve"])
        let env = Dictionary(uniqueKeysWithValues: apiContainer.env.compactMap { variable in variable.value.map { (variable.name ?? "", $0) } })
        #expect(env["FWB_MAX_UPLOAD_BYTES"] == String(2 * 1_073_741_824))
        #expect(env["FWB_ENVIRONMENT"] == "production")
        #expect(env["FWB_SESSION_TTL_SECONDS"] == "86400")
        let database = StatefulSet(object: try Fixtures.find(objects, "StatefulSet", "files-mariadb").object)
        #expect(database.spec.replicas == 1)
        #expect(database.spec.serviceName == "files-mariadb-headless")
        #expect(database.spec.template.spec.containers.first?.image == "registry.example/mariadb:11.4")
        let claim = try #require(database.spec.volumeClaimTemplates.first)
        #expect(claim.name == "data")
        #expect(claim.spec.storageClassName == "fast")
        #expect(claim.spec.resources?["requests"]?["storage"]?.stringValue == "50Gi")
        let redis = Deployment(object: try Fixtures.find(objects, "Deployment", "files-redis").object)
        #expect(redis.spec.template.spec.containers.first?.image == "registry.example/redis:7.4")
        let redisConf = ConfigMap(object: try Fixtures.find(objects, "ConfigMap", "files-redis").object).data?["redis.conf"] ?? ""
        #expect(redisConf.contains("maxmemory 1gb\n"))
        #expect(redisConf.contains("maxmemory-policy volatile-lru\n"))
        #expect(redisConf.contains("include /etc/redis/secret/auth.conf\n"))
        let blobs = PersistentVolumeClaim(object: try Fixtures.find(objects, "PersistentVolumeClaim", "files-blobs").object)
        #expect(blobs.spec.accessModes == ["ReadWriteMany"])
        #expect(blobs.spec.storageClassName == "shared")
        #expect(blobs.spec.resources?["requests"]?["storage"]?.stringValue == "1Ti")
    }

    @Test func defaultsFillAnEmptySpec() throws {
        let input = ClusterInput(name: "files", namespace: "team-a", uid: "u-1")
        let objects = try DesiredObjects.all(for: input, credentials: Fixtures.credentials)
        let api = Deployment(object: try Fixtures.find(objects, "Deployment", "files-api").object)
        #expect(api.spec.replicas == ClusterDefaults.appReplicas)
        #expect(api.spec.template.spec.containers.first?.image == FileWallBallAPIGroup.defaultImage)
        let database = StatefulSet(object: try Fixtures.find(objects, "StatefulSet", "files-mariadb").object)
        #expect(database.spec.template.spec.containers.first?.image == ClusterDefaults.databaseImage)
        #expect(database.spec.volumeClaimTemplates.first?.spec.storageClassName == nil)
        let secret = Secret(object: try Fixtures.find(objects, "Secret", "files-database").object)
        #expect(secret.data?["database"] == Array(ClusterDefaults.databaseName.utf8))
    }

    @Test(arguments: [0, 1, 2, 7])
    func disruptionBudgetOnlyWithMoreThanOneReplica(replicas: Int) throws {
        let objects = try Fixtures.objects(Fixtures.input(replicas: replicas))
        let budgets = objects.filter { $0.kind == "PodDisruptionBudget" }
        #expect(budgets.count == (replicas > 1 ? 1 : 0))
        if let budget = budgets.first {
            #expect(PodDisruptionBudget(object: budget.object).spec.maxUnavailable == .int(1))
        }
    }

    @Test func buildingIsDeterministic() throws {
        let first = try Fixtures.objects().map(Fixtures.json)
        let second = try Fixtures.objects().map(Fixtures.json)
        #expect(first == second)
    }

    @Test func namesFitInALabelForTheLongestClusterName() throws {
        let name = String(repeating: "n", count: ClusterDefaults.maxNameLength)
        for object in try Fixtures.objects(Fixtures.input(name: name)) {
            #expect(object.name.count <= 63, "\(object.name)")
        }
        let names = ClusterNames(cluster: name)
        #expect(names.mariadbDataClaim.count <= 63)
        // The StatefulSet's pod gets the label controller-revision-hash=NAME-HASH (hash up to 10 characters).
        #expect((names.mariadb + "-0123456789").count <= 63)
    }

    @Test func uploadSizeThatIsNotWholeBytesIsRefused() {
        let input = Fixtures.input(app: AppSpec(maxUploadSize: "0.5"))
        #expect(throws: QuantityError(code: "fractional_bytes", quantity: "0.5")) {
            try DesiredObjects.all(for: input, credentials: Fixtures.credentials)
        }
    }

    @Test func networkPoliciesAdmitOnlyThisClustersClients() throws {
        let objects = try Fixtures.objects()
        for (name, port, component) in [("files-mariadb", 3306, "database"), ("files-redis", 6379, "cache")] {
            let policy = NetworkPolicy(object: try Fixtures.find(objects, "NetworkPolicy", name).object)
            #expect(policy.spec.podSelector.matchLabels?[ObjectLabels.componentKey] == component)
            #expect(policy.spec.policyTypes == ["Ingress"])
            let rules = try #require(policy.spec.ingress?.arrayValue)
            #expect(rules.count == 1)
            #expect(rules.first?["ports"]?.arrayValue?.first?["port"]?.intValue == Int64(port))
            let from = try #require(rules.first?["from"]?.arrayValue?.first?["podSelector"])
            #expect(from["matchLabels"]?[ObjectLabels.instanceKey]?.stringValue == "files")
            let expression = try #require(from["matchExpressions"]?.arrayValue?.first)
            #expect(expression["key"]?.stringValue == ObjectLabels.componentKey)
            #expect(expression["operator"]?.stringValue == "In")
            #expect(expression["values"]?.arrayValue?.compactMap(\.stringValue) == ["file-service", "backup", "restore"])
        }
    }

    @Test func servicesSelectTheirComponent() throws {
        let objects = try Fixtures.objects()
        let headless = Service(object: try Fixtures.find(objects, "Service", "files-mariadb-headless").object)
        #expect(headless.spec.clusterIP == "None")
        #expect(headless.spec.object["publishNotReadyAddresses"]?.boolValue == true)
        for (name, port, component) in [("files-mariadb", 3306, "database"), ("files-redis", 6379, "cache"),
                                        ("files-api", 8080, "file-service"), ("files-api-admin", 8081, "file-service")] {
            let service = Service(object: try Fixtures.find(objects, "Service", name).object)
            #expect(service.spec.ports.map(\.port) == [port])
            #expect(service.spec.selector?[ObjectLabels.componentKey] == component)
            #expect(service.spec.clusterIP == nil)
        }
    }
}

@Suite struct ObjectLabelsTests {
    @Test func selectorStringIsSortedAndMatchesTheDeploymentSelector() throws {
        #expect(ObjectLabels.selectorString(cluster: "files", component: .fileService)
                == "app.kubernetes.io/component=file-service,app.kubernetes.io/instance=files,app.kubernetes.io/name=filewallball")
        let api = Deployment(object: try Fixtures.find(try Fixtures.objects(), "Deployment", "files-api").object)
        #expect(api.spec.selector.matchLabels == ObjectLabels.selector(cluster: "files", component: .fileService))
    }

    @Test func mariadbEnvironmentComesFromTheDatabaseSecret() throws {
        let database = StatefulSet(object: try Fixtures.find(try Fixtures.objects(), "StatefulSet", "files-mariadb").object)
        let env = try #require(database.spec.template.spec.containers.first?.env)
        let references = env.compactMap { variable in
            variable.valueFrom?.secretKeyRef.map { "\(variable.name ?? "")=\($0.name ?? ""):\($0.key ?? "")" }
        }
        #expect(references == ["MARIADB_ROOT_PASSWORD=files-database:root-password", "MARIADB_DATABASE=files-database:database",
                               "MARIADB_USER=files-database:username", "MARIADB_PASSWORD=files-database:password"])
    }
}
