import Testing
import KubeJSON

@Suite struct ValueTests {
    @Test func accessorsReadTheirOwnCase() {
        let value: JSONValue = ["s": "x", "i": 7, "d": 2.0, "f": 2.5, "b": false, "a": [1], "o": [:], "n": nil]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["i"]?.intValue == 7)
        #expect(value["d"]?.intValue == 2)
        #expect(value["f"]?.intValue == nil)
        #expect(value["i"]?.doubleValue == 7)
        #expect(value["b"]?.boolValue == false)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?.objectValue == [:])
        #expect(value["n"]?.isNull == true)
        #expect(value["s"]?.intValue == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["k"] == nil)
        #expect([value["s"], value["i"], value["f"], value["b"], value["a"], value["o"], value["n"]].map { $0?.typeName }
            == ["string", "integer", "number", "boolean", "array", "object", "null"])
    }

    @Test func intAndDoubleStayDistinct() {
        #expect(JSONValue.int(1) != JSONValue.double(1))
        #expect(Set<JSONValue>([.int(1), .double(1), .int(1)]).count == 2)
    }

    @Test func memberSetterEditsObjectsAndTurnsOthersIntoObjects() {
        var value: JSONValue = ["a": 1, "b": 2]
        value["a"] = "x"
        value["b"] = nil
        #expect(value == ["a": "x"])
        var scalar: JSONValue = 3
        scalar["k"] = true
        #expect(scalar == ["k": true])
        var removed: JSONValue = "s"
        removed["k"] = nil
        #expect(removed == [:])
    }

    @Test func pathAccessCreatesAndRemovesNestedMembers() {
        var value: JSONValue = ["metadata": ["name": "a"]]
        #expect(value[path: ["metadata", "name"]] == "a")
        #expect(value[path: ["metadata", "missing", "deeper"]] == nil)
        value[path: ["metadata", "labels", "app"]] = "web"
        #expect(value == ["metadata": ["name": "a", "labels": ["app": "web"]]])
        value[path: ["metadata", "name"]] = nil
        #expect(value == ["metadata": ["labels": ["app": "web"]]])
        value[path: ["spec"]] = ["replicas": 2]
        #expect(value[path: ["spec", "replicas"]]?.intValue == 2)
        value[path: []] = "replaced"
        #expect(value == "replaced")
        #expect(value[path: []] == "replaced")
    }

    @Test func dictionaryLiteralKeepsTheLastOfRepeatedKeys() {
        let value: JSONValue = ["k": 1, "k": 2]
        #expect(value == ["k": 2])
    }
}
