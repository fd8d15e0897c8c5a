import Testing
@testable import KubeClient

@Suite struct JSONTests {
    @Test func roundTripsNestedValues() throws {
        let text = #"{"a":[1,2.5,true,null,"x\"y\n\u00e9\ud83d\ude00"],"b":{"c":-7,"d":1e3}}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"]?.arrayValue?.count == 5)
        #expect(value["a"]?.arrayValue?[4].stringValue == "x\"y\né😀")
        #expect(value["b"]?["c"]?.intValue == -7)
        #expect(value["b"]?["d"]?.doubleValue == 1000)
        let again = try JSONParser.parse(JSONSerializer.bytes(value))
        #expect(JSONSerializer.bytes(again) == JSONSerializer.bytes(value))
        #expect(again["a"] == value["a"])
    }

    @Test func rejectsMalformedInput() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"a":}"#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"a":1} x"#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"["unterminated"#) }
    }

    @Test func largeIntegersStayExact() throws {
        let value = try JSONParser.parse(#"{"n":9007199254740993}"#)
        #expect(value["n"] == .int(9_007_199_254_740_993))
        #expect(JSONSerializer.string(value) == #"{"n":9007199254740993}"#)
    }
}
