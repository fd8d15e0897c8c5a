import Testing
import KubeJSON

@Suite struct ParserTests {
    // Merged from KubeClientTests.JSONTests.roundTripsNestedValues and KubeSimTests.JSONTests.roundTripKeepsIntegersAndEscapes.
    @Test func roundTripsNestedValuesIntegersAndEscapes() throws {
        let text = #"{"a":[1,2.5,true,null,"x\"y\n\u00e9\ud83d\ude00"],"b":{"c":-7,"d":1e3},"#
            + #""n":9007199254740993,"s":"line\n\"q\" \u00e9","t":[1.5,true,null]}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"]?.arrayValue?.count == 5)
        #expect(value["a"]?.arrayValue?[4].stringValue == "x\"y\né😀")
        #expect(value["b"]?["c"]?.intValue == -7)
        #expect(value["b"]?["d"]?.doubleValue == 1000)
        #expect(value["n"] == .int(9_007_199_254_740_993))
        #expect(value["s"]?.stringValue == "line\n\"q\" é")
        #expect(value["t"] == [1.5, true, nil])
        let again = try JSONParser.parse(JSONWriter.encode(value))
        #expect(JSONWriter.encode(again) == JSONWriter.encode(value))
        #expect(again["a"] == value["a"])
        #expect(again == value.replacingWholeDoubles())
    }

    // Merged from the rejectsMalformedInput tests of both modules.
    @Test func rejectsMalformedInput() {
        for text in [#"{"a":}"#, #"{"a":1} x"#, #"["unterminated"#, "[1,2", "", "{", #"{"a" 1}"#, "[1 2]", "tru", "nul",
            #"{1:2}"#, "[1,]"]
        {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(text) }
        }
    }

    @Test func errorsCarryOffsetAndReason() {
        #expect(throws: JSONParseError(offset: 5, reason: "trailing characters")) { try JSONParser.parse("[1]  x") }
        let error = JSONParseError(offset: 3, reason: "bad number")
        #expect(error.code == "json_parse_error")
        #expect(error.description == "invalid JSON at offset 3: bad number")
    }

    @Test func numbersFollowTheGrammar() throws {
        for text in ["01", "+1", "1.", ".5", "-", "1e", "1e+", "--1", "-a", "0x10", "1.e3"] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(text) }
        }
        #expect(try JSONParser.parse("0") == .int(0))
        #expect(try JSONParser.parse("-0") == .int(0))
        #expect(try JSONParser.parse("1e3") == .double(1000))
        #expect(try JSONParser.parse("1.5E-2") == .double(0.015))
        #expect(try JSONParser.parse("-2.5e+1") == .double(-25))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int64.min))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("-9223372036854775809") == .double(-9.223372036854775808e18))  // rounds to -2^63
        #expect(try JSONParser.parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
    }

    // Previously KubeClient dropped the character after a lone high surrogate and KubeSim trapped on it.
    @Test func stringsAreStrictAndLoneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONParser.parse(#""\ud800\u0041""#) == "\u{FFFD}A")
        #expect(try JSONParser.parse(#""\udc00x""#) == "\u{FFFD}x")
        #expect(try JSONParser.parse(#""\ud800""#) == "\u{FFFD}")
        #expect(try JSONParser.parse(#""\/\b\f\r\t""#) == "/\u{8}\u{C}\r\t")
        for text in ["\"a\u{1}b\"", #""\x""#, #""\u12g4""#, #""\u12""#, #""abc\"#] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(text) }
        }
    }

    @Test func nestingIsBounded() throws {
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(try JSONParser.parse(ok).arrayValue?.count == 1)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func acceptsAnyByteCollection() throws {
        let bytes = Array(#" {"k": [1, "v"]} "#.utf8)
        let expected: JSONValue = ["k": [1, "v"]]
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(bytes[1...]) == expected)
        #expect(try JSONParser.parse(Array(bytes.reversed()).reversed()) == expected)  // not contiguous
        #expect(try bytes.withUnsafeBufferPointer { buffer in try JSONParser.parse(buffer: buffer) } == expected)
    }

    @Test func repeatedKeysKeepTheLastValue() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }
}

extension JSONValue {
    /// The value as it reads back from `JSONWriter`: doubles with no fraction below 1e15 become integers.
    fileprivate func replacingWholeDoubles() -> JSONValue {
        switch self {
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: return .int(Int64(d))
        case .array(let items): return .array(items.map { $0.replacingWholeDoubles() })
        case .object(let members): return .object(members.mapValues { $0.replacingWholeDoubles() })
        default: return self
        }
    }
}
