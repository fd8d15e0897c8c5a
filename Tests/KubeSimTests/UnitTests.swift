import Foundation
import Testing
@testable import KubeSim

@Suite struct SelectorTests {
    let labels: [String: JSONValue] = ["app": "web", "tier": "front"]

    @Test func labelSelectorGrammar() throws {
        #expect(try LabelSelectorQuery.parse("app=web,tier!=back").matches(labels))
        #expect(try LabelSelectorQuery.parse("app in (web,api)").matches(labels))
        #expect(try !LabelSelectorQuery.parse("app notin (web)").matches(labels))
        #expect(try LabelSelectorQuery.parse("missing!=x").matches(labels))
        #expect(try LabelSelectorQuery.parse("app,!missing").matches(labels))
        #expect(try !LabelSelectorQuery.parse("!app").matches(labels))
    }

    @Test func fieldSelectorRejectsUnsupportedFields() throws {
        let type = BuiltinResources.all[2]
        #expect(throws: StatusError.self) { try FieldSelector.parse("spec.foo=x", for: type) }
        let s = try FieldSelector.parse("metadata.name=a", for: type)
        #expect(s.matches(object: ["metadata": ["name": "a"]]))
        #expect(!s.matches(object: ["metadata": ["name": "b"]]))
    }
}

@Suite struct PatchTests {
    @Test func mergePatchNullDeletes() {
        let r = MergePatch.apply(["a": nil, "b": ["c": 2]], to: ["a": 1, "b": ["c": 1, "d": 1]])
        #expect(r == ["b": ["c": 2, "d": 1]])
    }

    @Test func jsonPatchOperations() throws {
        let patch: JSONValue = [["op": "add", "path": "/l/-", "value": 3], ["op": "replace", "path": "/a", "value": "x"],
            ["op": "remove", "path": "/l/0"], ["op": "test", "path": "/a", "value": "x"]]
        #expect(try JSONPatch.apply(patch, to: ["a": "y", "l": [1, 2]]) == ["a": "x", "l": [2, 3]])
        #expect(throws: StatusError.self) { try JSONPatch.apply([["op": "test", "path": "/a", "value": 1]], to: ["a": 2]) }
    }

    @Test func strategicMergeByKeyAndDirectives() {
        let live: JSONValue = ["spec": ["containers": [["name": "a", "image": "1"], ["name": "b", "image": "1"]]]]
        let patch: JSONValue = ["spec": ["containers": [["name": "a", "image": "2"], ["name": "b", "$patch": "delete"], ["name": "c", "image": "3"]]]]
        let r = StrategicMergePatch.apply(patch, to: live)
        #expect(r == ["spec": ["containers": [["name": "a", "image": "2"], ["name": "c", "image": "3"]]]])
    }
}

@Suite struct SchemaTests {
    let type = CRDSupport.resourceTypes({
        var crd = Fixtures.widgetCRD
        try? CRDSupport.prepare(&crd, now: Date())
        return crd
    }())[0]

    @Test func defaultsAndPruning() throws {
        let (obj, warnings) = try SchemaProcessor.process(["metadata": ["name": "w"], "spec": ["color": "red", "zzz": 1]], type: type, validation: .warn)
        #expect(obj[path: ["spec", "size"]] == .int(10))
        #expect(obj[path: ["spec", "zzz"]] == nil)
        #expect(warnings == ["unknown field \"spec.zzz\""])
    }

    @Test func strictAndInvalid() {
        #expect(throws: StatusError.self) {
            try SchemaProcessor.process(["spec": ["color": "red", "zzz": 1]], type: type, validation: .strict)
        }
        do {
            _ = try SchemaProcessor.process(["metadata": ["name": "w"], "spec": ["color": "pink", "size": 0]], type: type, validation: .strict)
            Issue.record("expected Invalid")
        } catch {
            #expect(error.code == 422)
            #expect(error.message.contains("spec.color: Unsupported value: \"pink\""))
            #expect(error.message.contains("spec.size: Invalid value: 0"))
        }
    }
}

@Suite struct CronTests {
    @Test func schedulesAndLastFiring() throws {
        let every15 = try #require(CronSchedule("*/15 * * * *"))
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        #expect(every15.matches(t0))
        #expect(!every15.matches(t0.addingTimeInterval(60)))
        #expect(every15.lastFiring(after: t0, until: t0.addingTimeInterval(20 * 60)) == t0.addingTimeInterval(15 * 60))
        #expect(CronSchedule("61 * * * *") == nil)
        #expect(try #require(CronSchedule("@daily")).matches(t0))
    }
}

@Suite struct MicroTimeTests {
    @Test func keepsMicrosecondsAndNormalisesToUTC() {
        #expect(ObjectMeta.microTime("2026-01-01T10:00:00.123456Z") == "2026-01-01T10:00:00.123456Z")
        #expect(ObjectMeta.microTime("2026-01-01T10:00:00.987654+02:00") == "2026-01-01T08:00:00.987654Z")
        #expect(ObjectMeta.microTime("2026-01-01T10:00:00.5+00:00") == "2026-01-01T10:00:00.500000Z")
        #expect(ObjectMeta.microTime("2026-01-01T10:00:00Z") == "2026-01-01T10:00:00.000000Z")
        #expect(ObjectMeta.microTime("2026-01-01t23:59:59.1234567-01:30") == "2026-01-02T01:29:59.123456Z")
        #expect(ObjectMeta.microTime("not a time") == "not a time")
    }

    @Test func timestampsAreWhatTheFoundationFormatterWrote() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in [0, 951_782_400.25, 1_700_000_000.999, 1_798_761_599.5, 4_102_444_800] as [TimeInterval] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ObjectMeta.timestamp(date) == formatter.string(from: date), "\(seconds)")
        }
        #expect(ObjectMeta.timestamp(Date(timeIntervalSince1970: 1_700_000_000.7)) == "2023-11-14T22:13:20Z")
    }
}
