import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension ResourceHandler {
    /// Streams watch events as newline-delimited JSON (chunked), until timeout, disconnect or shutdown.
    func watch() throws(StatusError) -> Response {
        let (labels, fields) = try selectors()
        let sendInitial = RequestInfo.flag(call.query["sendInitialEvents"])
        if sendInitial, call.query["resourceVersionMatch"] != "NotOlderThan" {
            throw StatusError(code: 422, reason: "Invalid",
                message: "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan")
        }
        let subscription = try cluster.watch(type, namespace: namespace, labels: labels, fields: fields,
            resourceVersion: call.query["resourceVersion"], sendInitialEvents: sendInitial)
        let timeout = Double(call.query["timeoutSeconds"] ?? "") ?? 1800
        let table: TableConverter? = call.wantsTable ? converter : nil
        let cluster = self.cluster
        let type = self.type
        let bookmarks = RequestInfo.flag(call.query["allowWatchBookmarks"])
        let timer = Task {
            let deadline = ContinuousClock.now + .milliseconds(Int64(max(timeout, 0.001) * 1000))
            while ContinuousClock.now < deadline, !Task.isCancelled {
                let step = bookmarks ? min(cluster.bookmarkInterval, deadline - ContinuousClock.now) : deadline - ContinuousClock.now
                try? await Task.sleep(for: step)
                if bookmarks, ContinuousClock.now < deadline, !Task.isCancelled { cluster.bookmark(subscription.id, type: type) }
            }
            cluster.stopWatch(subscription.id)
        }
        let body = ResponseBody { writer in
            defer {
                timer.cancel()
                cluster.stopWatch(subscription.id)
            }
            var first = true
            for await event in subscription.events {
                var object = event.type == .error || event.type == .bookmark ? event.object : presented(event.object)
                if let table, event.type != .error, event.type != .bookmark {
                    object = table.table([object], resourceVersion: Int64(event.object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0,
                        continueToken: nil, withHeaders: first)
                    if !first { object["columnDefinitions"] = nil }
                    first = false
                }
                var line: [UInt8] = Array("{\"type\":\"\(event.type.rawValue)\",\"object\":".utf8)
                JSONWriter.write(object, into: &line)
                line.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
                try await writer.write(ByteBuffer(bytes: line))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache, private"], body: body)
    }
}
