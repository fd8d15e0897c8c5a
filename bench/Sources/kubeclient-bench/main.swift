import KubeConformance
import Foundation
import KubeClient
import KubeRuntime

/// Benchmarks for the kubeclient targets: `watch-decode [events]`, `cache [objects]`.

/// A ConfigMap-shaped object whose JSON is about `targetBytes` long.
func sampleObject(index: Int, targetBytes: Int = 2048) -> String {
    let head = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"object-\#(index)","namespace":"bench","resourceVersion":"\#(index + 1)","uid":"5f0c3a1e-0000-4000-8000-\#(String(format: "%012d", index))","labels":{"app":"filewallball","tier":"cache","index":"\#(index)"},"annotations":{"note":"benchmark object"},"creationTimestamp":"2026-01-01T00:00:00Z"},"data":{"#
    var fields: [String] = []
    var length = head.utf8.count + 3
    var field = 0
    while length < targetBytes {
        let entry = #""key-\#(field)":"value \#(field) of object \#(index) padded to look like a real config entry""#
        fields.append(entry)
        length += entry.utf8.count + 1
        field += 1
    }
    return head + fields.joined(separator: ",") + "}}"
}

func residentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let digits = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return digits * 1024
    }
    return 0
}

func watchDecode(events: Int) throws {
    var stream: [UInt8] = []
    let distinct = 1000
    var objects: [[UInt8]] = []
    for index in 0..<distinct {
        objects.append(Array((#"{"type":"MODIFIED","object":"# + sampleObject(index: index) + "}\n").utf8))
    }
    for index in 0..<events { stream.append(contentsOf: objects[index % distinct]) }
    let chunkSize = 16 * 1024
    let started = ContinuousClock.now
    var decoder = WatchLineDecoder()
    var decoded = 0
    var offset = 0
    while offset < stream.count {
        let end = min(offset + chunkSize, stream.count)
        for value in try decoder.feed(stream[offset..<end]) {
            if case .modified(let object) = try WatchEvent<GenericResource>.decode(value), !object.name.isEmpty { decoded += 1 }
        }
        offset = end
    }
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("watch-decode: events=\(decoded) avg_event_bytes=\(stream.count / max(events, 1)) seconds=\(String(format: "%.3f", seconds)) events_per_second=\(Int(Double(decoded) / seconds)) MiB_per_second=\(String(format: "%.1f", Double(stream.count) / seconds / 1_048_576))")
}

func cache(objects: Int) throws {
    let store = ObjectStore<GenericResource>()
    var jsonBytes = 0
    let before = residentBytes()
    for index in 0..<objects {
        let text = sampleObject(index: index)
        jsonBytes += text.utf8.count
        guard let object = try JSONParser.parse(text).objectValue else { continue }
        store.upsert(GenericResource(object: object))
    }
    let after = residentBytes()
    let delta = after - before
    print("cache-layout: json_value_stride=\(MemoryLayout<JSONValue>.stride)")
    print("cache: objects=\(store.count) json_bytes=\(jsonBytes) rss_before=\(before) rss_after=\(after) rss_delta=\(delta) ratio=\(String(format: "%.2f", Double(delta) / Double(max(jsonBytes, 1))))")
}

let arguments = CommandLine.arguments
switch arguments.dropFirst().first {
case "watch-decode": try watchDecode(events: arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000)
case "cache": try cache(objects: arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000)
case "smoke":
    var smoke = try KubeSmoke(kubeconfig: arguments.count > 2 ? arguments[2] : "")
    try await smoke.run()
    if !smoke.failures.isEmpty { exit(1) }
default:
    print("usage: kubeclient-bench watch-decode [events] | cache [objects] | smoke KUBECONFIG")
}
