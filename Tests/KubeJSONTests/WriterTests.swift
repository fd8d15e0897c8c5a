import Testing
import KubeJSON

@Suite struct WriterTests {
    // From KubeClientTests.JSONTests.largeIntegersStayExact.
    @Test func largeIntegersStayExact() throws {
        let value = try JSONParser.parse(#"{"n":9007199254740993}"#)
        #expect(value["n"] == .int(9_007_199_254_740_993))
        #expect(JSONWriter.string(value) == #"{"n":9007199254740993}"#)
    }

    @Test func keysAreSortedAndOutputIsCompact() {
        let value: JSONValue = ["zeta": 1, "alpha": ["b": true, "a": nil], "mid": ["x", 2.5]]
        #expect(JSONWriter.string(value) == #"{"alpha":{"a":null,"b":true},"mid":["x",2.5],"zeta":1}"#)
        #expect(JSONWriter.encode(value) == Array(JSONWriter.string(value).utf8))
        var out = Array("prefix ".utf8)
        JSONWriter.write([], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "prefix []")
    }

    @Test func stringsAreEscaped() {
        #expect(JSONWriter.string("q\"b\\n\nr\rt\t\u{1}é/") == #""q\"b\\n\nr\rt\t\u0001é/""#)
    }

    @Test func doublesAreWrittenAsKubernetesExpects() {
        #expect(JSONWriter.string([1.0, 1.5, -3.0, 1e20, .double(.infinity), .double(.nan)]) == "[1,1.5,-3,1e+20,null,null]")
    }
}
