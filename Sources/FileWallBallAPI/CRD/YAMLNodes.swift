import Yams

/// Small builders for ordered YAML nodes: the CRDs are written key by key in the order people read them.
enum YAMLNodes {
    /// An ordered mapping; nil values are left out.
    static func mapping(_ pairs: [(String, Node?)]) -> Node {
        Node.mapping(Node.Mapping(pairs.compactMap { key, value in value.map { (string(key), $0) } }))
    }

    /// A sequence.
    static func sequence(_ nodes: [Node]) -> Node {
        Node.sequence(Node.Sequence(nodes))
    }

    /// A string scalar, quoted whenever a YAML 1.1 or 1.2 reader would take it for something else
    /// (`True`, `no`, `10`, `0 2 * * *` stays plain; `"yes"` does not).
    static func string(_ value: String) -> Node {
        let represented = value.represented()
        if represented.style == .any, yaml11Words.contains(value.lowercased()) {
            return Node.scalar(Node.Scalar(value, Tag(.str), .singleQuoted))
        }
        return Node.scalar(represented)
    }

    /// An integer scalar.
    static func integer(_ value: Int) -> Node {
        Node.scalar(Node.Scalar(String(value), Tag(.int)))
    }

    /// A boolean scalar.
    static func boolean(_ value: Bool) -> Node {
        Node.scalar(Node.Scalar(value ? "true" : "false", Tag(.bool)))
    }

    /// A list of strings.
    static func strings(_ values: [String]) -> Node {
        sequence(values.map(string))
    }

    /// An empty mapping, `{}`.
    static var emptyMapping: Node { Node.mapping(Node.Mapping([])) }

    /// Words that YAML 1.1 readers (go-yaml v2, PyYAML) turn into booleans or null.
    private static let yaml11Words: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]
}
