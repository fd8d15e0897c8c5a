import Foundation

/// Field tables (from the Kubernetes generated.proto files) for the kinds kubectl ≥ 1.32 sends as protobuf.
enum ProtobufSchemas {
    /// How a field is encoded.
    enum Kind {
        case string, bytes, int, bool, time, intOrString, quantity, mapString, mapBytes, mapQuantity
        case message(String)
    }

    /// One field of a message.
    struct Field {
        let name: String
        let kind: Kind
        var repeated = false
        var keepZero = false
    }

    private static func f(_ name: String, _ kind: Kind, repeated: Bool = false, keepZero: Bool = false) -> Field {
        Field(name: name, kind: kind, repeated: repeated, keepZero: keepZero)
    }

    private static func object(_ spec: String?, status: String? = nil) -> [Int: Field] {
        var m: [Int: Field] = [1: f("metadata", .message("ObjectMeta"))]
        if let spec { m[2] = f("spec", .message(spec)) }
        if let status { m[3] = f("status", .message(status)) }
        return m
    }

    /// Message name → field number → field.
    static let messages: [String: [Int: Field]] = [
        "ObjectMeta": [1: f("name", .string), 2: f("generateName", .string), 3: f("namespace", .string),
            5: f("uid", .string), 6: f("resourceVersion", .string), 11: f("labels", .mapString),
            12: f("annotations", .mapString), 13: f("ownerReferences", .message("OwnerReference"), repeated: true),
            14: f("finalizers", .string, repeated: true)],
        "OwnerReference": [1: f("kind", .string), 3: f("name", .string), 4: f("uid", .string), 5: f("apiVersion", .string),
            6: f("controller", .bool), 7: f("blockOwnerDeletion", .bool)],
        "Namespace": object("NamespaceSpec", status: "NamespaceStatus"),
        "NamespaceSpec": [1: f("finalizers", .string, repeated: true)],
        "NamespaceStatus": [1: f("phase", .string)],
        "ConfigMap": [1: f("metadata", .message("ObjectMeta")), 2: f("data", .mapString), 3: f("binaryData", .mapBytes),
            4: f("immutable", .bool)],
        "Secret": [1: f("metadata", .message("ObjectMeta")), 2: f("data", .mapBytes), 3: f("type", .string),
            4: f("stringData", .mapString), 5: f("immutable", .bool)],
        "ServiceAccount": [1: f("metadata", .message("ObjectMeta")), 2: f("secrets", .message("ObjectReference"), repeated: true),
            3: f("imagePullSecrets", .message("LocalObjectReference"), repeated: true),
            4: f("automountServiceAccountToken", .bool, keepZero: true)],
        "ObjectReference": [1: f("kind", .string), 2: f("namespace", .string), 3: f("name", .string), 4: f("uid", .string),
            5: f("apiVersion", .string), 6: f("resourceVersion", .string), 7: f("fieldPath", .string)],
        "LocalObjectReference": [1: f("name", .string)],
        "Deployment": object("DeploymentSpec", status: "Empty"),
        "DeploymentSpec": [1: f("replicas", .int, keepZero: true), 2: f("selector", .message("LabelSelector")),
            3: f("template", .message("PodTemplateSpec")), 4: f("strategy", .message("DeploymentStrategy")),
            5: f("minReadySeconds", .int), 6: f("revisionHistoryLimit", .int, keepZero: true), 7: f("paused", .bool),
            9: f("progressDeadlineSeconds", .int, keepZero: true)],
        "DeploymentStrategy": [1: f("type", .string), 2: f("rollingUpdate", .message("RollingUpdateDeployment"))],
        "RollingUpdateDeployment": [1: f("maxUnavailable", .intOrString), 2: f("maxSurge", .intOrString)],
        "LabelSelector": [1: f("matchLabels", .mapString),
            2: f("matchExpressions", .message("LabelSelectorRequirement"), repeated: true)],
        "LabelSelectorRequirement": [1: f("key", .string), 2: f("operator", .string), 3: f("values", .string, repeated: true)],
        "PodTemplateSpec": object("PodSpec"),
        "PodSpec": [2: f("containers", .message("Container"), repeated: true), 3: f("restartPolicy", .string),
            4: f("terminationGracePeriodSeconds", .int, keepZero: true), 6: f("dnsPolicy", .string),
            7: f("nodeSelector", .mapString), 8: f("serviceAccountName", .string), 10: f("nodeName", .string),
            15: f("imagePullSecrets", .message("LocalObjectReference"), repeated: true),
            20: f("initContainers", .message("Container"), repeated: true)],
        "Container": [1: f("name", .string), 2: f("image", .string), 3: f("command", .string, repeated: true),
            4: f("args", .string, repeated: true), 5: f("workingDir", .string),
            6: f("ports", .message("ContainerPort"), repeated: true), 7: f("env", .message("EnvVar"), repeated: true),
            8: f("resources", .message("ResourceRequirements")), 9: f("volumeMounts", .message("VolumeMount"), repeated: true),
            13: f("terminationMessagePath", .string), 14: f("imagePullPolicy", .string), 20: f("terminationMessagePolicy", .string)],
        "ContainerPort": [1: f("name", .string), 2: f("hostPort", .int), 3: f("containerPort", .int), 4: f("protocol", .string),
            5: f("hostIP", .string)],
        "EnvVar": [1: f("name", .string), 2: f("value", .string)],
        "ResourceRequirements": [1: f("limits", .mapQuantity), 2: f("requests", .mapQuantity)],
        "VolumeMount": [1: f("name", .string), 2: f("readOnly", .bool), 3: f("mountPath", .string), 4: f("subPath", .string)],
        "Empty": [:],
        "Job": object("JobSpec", status: "Empty"),
        "JobSpec": [1: f("parallelism", .int, keepZero: true), 2: f("completions", .int, keepZero: true),
            3: f("activeDeadlineSeconds", .int, keepZero: true), 4: f("selector", .message("LabelSelector")),
            6: f("template", .message("PodTemplateSpec")), 7: f("backoffLimit", .int, keepZero: true),
            8: f("ttlSecondsAfterFinished", .int, keepZero: true), 10: f("suspend", .bool, keepZero: true)],
        "CronJob": object("CronJobSpec", status: "Empty"),
        "CronJobSpec": [1: f("schedule", .string), 2: f("startingDeadlineSeconds", .int, keepZero: true),
            3: f("concurrencyPolicy", .string), 4: f("suspend", .bool, keepZero: true), 5: f("jobTemplate", .message("JobTemplateSpec")),
            6: f("successfulJobsHistoryLimit", .int, keepZero: true), 7: f("failedJobsHistoryLimit", .int, keepZero: true),
            8: f("timeZone", .string)],
        "JobTemplateSpec": object("JobSpec"),
        "Role": [1: f("metadata", .message("ObjectMeta")), 2: f("rules", .message("PolicyRule"), repeated: true)],
        "ClusterRole": [1: f("metadata", .message("ObjectMeta")), 2: f("rules", .message("PolicyRule"), repeated: true)],
        "PolicyRule": [1: f("verbs", .string, repeated: true), 2: f("apiGroups", .string, repeated: true),
            3: f("resources", .string, repeated: true), 4: f("resourceNames", .string, repeated: true),
            5: f("nonResourceURLs", .string, repeated: true)],
        "RoleBinding": [1: f("metadata", .message("ObjectMeta")), 2: f("subjects", .message("Subject"), repeated: true),
            3: f("roleRef", .message("RoleRef"))],
        "ClusterRoleBinding": [1: f("metadata", .message("ObjectMeta")), 2: f("subjects", .message("Subject"), repeated: true),
            3: f("roleRef", .message("RoleRef"))],
        "Subject": [1: f("kind", .string), 2: f("apiGroup", .string), 3: f("name", .string), 4: f("namespace", .string)],
        "RoleRef": [1: f("apiGroup", .string), 2: f("kind", .string), 3: f("name", .string)],
        "Service": object("ServiceSpec", status: "Empty"),
        "ServiceSpec": [1: f("ports", .message("ServicePort"), repeated: true), 2: f("selector", .mapString),
            3: f("clusterIP", .string), 4: f("type", .string), 5: f("externalIPs", .string, repeated: true),
            7: f("sessionAffinity", .string), 11: f("externalName", .string)],
        "ServicePort": [1: f("name", .string), 2: f("protocol", .string), 3: f("port", .int), 4: f("targetPort", .intOrString),
            5: f("nodePort", .int)],
    ]
}
