import KubeClient
import Testing
@testable import Operator

@Suite struct OwnedObjectApplierTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func liveStateWithServerDefaultsHoldsTheIntent() throws {
        let intent = try parse(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#)
        let live = try parse(#"{"spec":{"replicas":2,"revisionHistoryLimit":10,"template":{"spec":{"containers":[{"name":"a","image":"x","imagePullPolicy":"IfNotPresent"}],"dnsPolicy":"ClusterFirst"}}},"metadata":{"labels":{"k":"v","extra":"1"},"uid":"u"},"status":{}}"#)
        #expect(OwnedObjectApplier.holds(live: live, intent: intent))
    }

    @Test(arguments: [
        #"{"spec":{"replicas":7,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
        #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"y"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
        #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
        #"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{}}"#,
        #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#,
    ])
    func driftIsSeen(live: String) throws {
        let intent = try parse(#"{"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"a","image":"x"}]}}},"metadata":{"labels":{"k":"v"}}}"#)
        #expect(!OwnedObjectApplier.holds(live: try parse(live), intent: intent))
    }

    @Test func numbersCompareByValueAndAbsentEqualsNull() throws {
        #expect(OwnedObjectApplier.holds(live: try parse(#"{"a":2.0}"#), intent: try parse(#"{"a":2}"#)))
        #expect(OwnedObjectApplier.holds(live: try parse(#"{"a":2}"#), intent: try parse(#"{"a":2.0}"#)))
        #expect(!OwnedObjectApplier.holds(live: try parse(#"{"a":2.5}"#), intent: try parse(#"{"a":2}"#)))
        #expect(OwnedObjectApplier.holds(live: try parse(#"{}"#), intent: try parse(#"{"a":null}"#)))
    }

    @Test func everyDesiredObjectHoldsItselfOnceApplied() throws {
        for object in try Fixtures.objects() {
            var live = object.object
            live["metadata"]?["uid"] = "x"
            #expect(OwnedObjectApplier.holds(live: .object(live), intent: .object(OwnedObjectApplier.comparable(object.object))), "\(object.kind)/\(object.name)")
        }
    }
}
