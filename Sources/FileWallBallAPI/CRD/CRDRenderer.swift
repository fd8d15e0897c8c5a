import Yams

/// Renders the CustomResourceDefinitions of FileWallBall's kinds from their Swift types.
///
/// `filewallball crds` prints these documents and `crds/` holds exactly their output, one file per
/// CRD; `CRDFilesTests` fails when the two drift.
public enum CRDRenderer {
    /// One rendered CRD: the file it belongs in and its YAML.
    public struct Document: Sendable, Equatable {
        /// The CRD's name (`filewallballclusters.filewallball.io`).
        public var name: String
        /// The file name under `crds/` (`filewallball.io_filewallballclusters.yaml`).
        public var fileName: String
        /// The YAML text, ending in a newline.
        public var yaml: String
    }

    /// Every CRD, in the order they are applied.
    public static func documents() throws -> [Document] {
        [
            try document(FileWallBallClusterKind.self),
            try document(BackupPolicyKind.self),
            try document(RestoreRequestKind.self),
        ]
    }

    /// All CRDs as one multi-document YAML stream (what `filewallball crds` prints).
    public static func stream() throws -> String {
        try documents().map { "---\n" + $0.yaml }.joined()
    }

    /// The CRD of one kind.
    public static func document<Kind: CustomResourceKind>(_ kind: Kind.Type) throws -> Document {
        let yaml = try Yams.serialize(node: node(kind), width: -1)
        return Document(name: kind.crdName, fileName: "\(FileWallBallAPIGroup.group)_\(kind.names.plural).yaml", yaml: yaml)
    }

    /// The CRD of one kind as an ordered YAML node.
    static func node<Kind: CustomResourceKind>(_ kind: Kind.Type) -> Node {
        let names = kind.names
        return YAMLNodes.mapping([
            ("apiVersion", YAMLNodes.string("apiextensions.k8s.io/v1")),
            ("kind", YAMLNodes.string("CustomResourceDefinition")),
            ("metadata", YAMLNodes.mapping([
                ("name", YAMLNodes.string(kind.crdName)),
                ("labels", YAMLNodes.mapping([
                    ("app.kubernetes.io/name", YAMLNodes.string("filewallball")),
                    ("app.kubernetes.io/part-of", YAMLNodes.string("filewallball")),
                    ("app.kubernetes.io/version", YAMLNodes.string(FileWallBallAPIGroup.release)),
                ])),
            ])),
            ("spec", YAMLNodes.mapping([
                ("group", YAMLNodes.string(FileWallBallAPIGroup.group)),
                ("names", YAMLNodes.mapping([
                    ("kind", YAMLNodes.string(names.kind)),
                    ("listKind", YAMLNodes.string(names.kind + "List")),
                    ("plural", YAMLNodes.string(names.plural)),
                    ("singular", YAMLNodes.string(names.singular)),
                    ("shortNames", YAMLNodes.strings(names.shortNames)),
                    ("categories", YAMLNodes.strings([FileWallBallAPIGroup.category])),
                ])),
                ("scope", YAMLNodes.string("Namespaced")),
                ("versions", YAMLNodes.sequence([version(kind)])),
            ])),
        ])
    }

    private static func version<Kind: CustomResourceKind>(_ kind: Kind.Type) -> Node {
        let scale = kind.scale.map { scale in
            YAMLNodes.mapping([
                ("specReplicasPath", YAMLNodes.string(scale.specReplicasPath)),
                ("statusReplicasPath", YAMLNodes.string(scale.statusReplicasPath)),
                ("labelSelectorPath", YAMLNodes.string(scale.labelSelectorPath)),
            ])
        }
        return YAMLNodes.mapping([
            ("name", YAMLNodes.string(FileWallBallAPIGroup.version)),
            ("served", YAMLNodes.boolean(true)),
            ("storage", YAMLNodes.boolean(true)),
            ("additionalPrinterColumns", YAMLNodes.sequence(kind.printerColumns.map(column))),
            ("subresources", YAMLNodes.mapping([("status", YAMLNodes.emptyMapping), ("scale", scale)])),
            ("schema", YAMLNodes.mapping([("openAPIV3Schema", rootSchema(kind).yamlNode())])),
        ])
    }

    private static func column(_ column: PrinterColumn) -> Node {
        YAMLNodes.mapping([
            ("name", YAMLNodes.string(column.name)),
            ("type", YAMLNodes.string(column.type)),
            ("jsonPath", YAMLNodes.string(column.jsonPath)),
            ("description", YAMLNodes.string(column.description)),
            ("priority", column.priority == 0 ? nil : YAMLNodes.integer(column.priority)),
        ])
    }

    /// The `openAPIV3Schema` of a kind: apiVersion, kind, metadata, spec and status.
    public static func rootSchema<Kind: CustomResourceKind>(_ kind: Kind.Type) -> Schema {
        // A spec with a default of its own ({}) may be left out; one with required fields may not.
        let required = Kind.Spec.schema.defaultValue == nil ? ["spec"] : []
        var root = Schema.object(kind.summary, required: required, [
            "apiVersion": .string("Versioned schema of this representation of an object (filewallball.io/v1alpha1)."),
            "kind": .string("The REST resource this object represents (\(kind.names.kind))."),
            "metadata": Schema.object("Standard object metadata: name, namespace, labels, annotations.", [:]),
            "spec": Kind.Spec.schema,
            "status": Kind.Status.schema,
        ])
        root.validations = kind.objectValidations
        return root
    }
}
