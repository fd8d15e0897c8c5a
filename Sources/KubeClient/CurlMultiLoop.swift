internal import CCurl
import Foundation
import Synchronization

/// The single curl-multi event loop: one dedicated thread drives every transfer and owns the shared
/// connection pool (HTTP/2 multiplexing when the server offers it). No libcurl call runs on Swift's
/// cooperative pool.
final class CurlMultiLoop: Sendable {
    /// The process-wide loop.
    static let shared = CurlMultiLoop()

    private struct Pending {
        var adds: [CurlTransfer] = []
        var cancels: [CurlTransfer] = []
        var unpauses: [CurlTransfer] = []
    }

    /// The libcurl multi handle.
    // Safety: used only on the loop thread, except curl_multi_wakeup, which libcurl allows from any thread.
    private struct MultiHandle: @unchecked Sendable { let raw: UnsafeMutableRawPointer }

    private let multi: MultiHandle
    private let pending = Mutex(Pending())

    private init() {
        curl_global_init(Int(CURL_GLOBAL_ALL))
        guard let handle = curl_multi_init() else {
            fatalError("curl_multi_init failed: libcurl is unusable")
        }
        multi = MultiHandle(raw: handle)
        _ = ccurl_multi_setopt_long(handle, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        _ = ccurl_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, 64)
        let thread = Thread { self.run() }
        thread.name = "kubeclient-curl"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Hands a configured transfer to the loop.
    func submit(_ transfer: CurlTransfer) {
        pending.withLock { $0.adds.append(transfer) }
        curl_multi_wakeup(multi.raw)
    }

    /// Asks the loop to resume a transfer paused by flow control.
    func unpause(_ transfer: CurlTransfer) {
        pending.withLock { $0.unpauses.append(transfer) }
        curl_multi_wakeup(multi.raw)
    }

    /// Asks the loop to abort a transfer; its sink gets `finish(.cancelled)`.
    func cancel(_ transfer: CurlTransfer) {
        pending.withLock { $0.cancels.append(transfer) }
        curl_multi_wakeup(multi.raw)
    }

    private func run() {
        let multi = self.multi.raw
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        while true {
            let work = pending.withLock { state -> Pending in
                let taken = state
                state = Pending()
                return taken
            }
            for transfer in work.adds where !transfer.isFinished {
                if curl_multi_add_handle(multi, transfer.easy) == CURLM_OK {
                    active[transfer.easy] = transfer
                } else {
                    transfer.complete(code: CURLE_FAILED_INIT)
                }
            }
            for transfer in work.unpauses where active[transfer.easy] != nil {
                transfer.unpause()
            }
            for transfer in work.cancels {
                if active.removeValue(forKey: transfer.easy) != nil {
                    curl_multi_remove_handle(multi, transfer.easy)
                }
                transfer.complete(code: nil)
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: easy) {
                    transfer.complete(code: code)
                }
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, active.isEmpty ? 5000 : 1000, &ready)
        }
    }
}
