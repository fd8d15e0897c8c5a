internal import CCurl
import Foundation

/// One easy handle and its request state.
// Safety: the creating thread alone touches the handle and mutable fields before CurlMultiLoop.submit, the loop thread alone after.
final class CurlTransfer: @unchecked Sendable {
    let easy: UnsafeMutableRawPointer
    let sink: any TransferSink
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var connectToList: UnsafeMutablePointer<curl_slist>?
    /// libcurl's own description of a failure (CURLOPT_ERRORBUFFER), e.g. which TLS step failed and why.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var status = 0
    private var headers: [String: String] = [:]
    private var headDelivered = false
    private var finished = false

    /// True once the sink got its `finish` (loop thread only).
    var isFinished: Bool { finished }

    /// Creates and configures an easy handle. If configuration fails the object is fully initialised,
    /// so `deinit` frees the handle and lists.
    init(request: HTTPRequest, sink: any TransferSink) throws(KubeTransportError) {
        guard let easy = curl_easy_init() else {
            throw KubeTransportError(kind: .setupFailed, detail: "curl_easy_init failed")
        }
        self.easy = easy
        self.sink = sink
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        _ = ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        try configure(request)
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_slist_free_all(connectToList)
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    private func check(_ code: CURLcode, _ what: String) throws(KubeTransportError) {
        guard code == CURLE_OK else {
            throw KubeTransportError(kind: .setupFailed, curlCode: Int(code.rawValue), detail: what)
        }
    }

    private func configure(_ request: HTTPRequest) throws(KubeTransportError) {
        try check(ccurl_easy_setopt_string(easy, CURLOPT_URL, request.url), "url")
        try check(ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "nosignal")
        try check(ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1), "keepalive")
        _ = ccurl_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        _ = ccurl_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1)
        // libcurl (7.88) copies every HTTP/1.1-over-TLS request into an upload buffer of this size and keeps
        // it as long as the handle lives: at the 64 KiB default, each of an informer's long-lived watches
        // held 64 KiB for a request line of a few hundred bytes. 16 KiB is libcurl's minimum and the size
        // it sends per TLS write anyway; API request bodies are a few KiB.
        _ = ccurl_easy_setopt_long(easy, CURLOPT_UPLOAD_BUFFERSIZE, 16 * 1024)
        try check(ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.milliseconds), "connect timeout")
        if let total = request.totalTimeout {
            try check(ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, total.milliseconds), "timeout")
        }
        if let read = request.readTimeout {
            _ = ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1)
            _ = ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, read.milliseconds / 1000))
        }
        if let proxy = request.proxy {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_PROXY, proxy), "proxy")
        }
        if let connectTo = request.connectTo {
            connectToList = curl_slist_append(nil, connectTo)
            try check(ccurl_easy_setopt_slist(easy, CURLOPT_CONNECT_TO, connectToList), "connect-to")
        }
        try configureMethodAndBody(request)
        try configureTLS(request.tls)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        list = curl_slist_append(list, "Expect:")
        headerList = list
        try check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list), "headers")
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback), "write fn")
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context), "write data")
        try check(ccurl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "header fn")
        try check(ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context), "header data")
    }

    private func configureMethodAndBody(_ request: HTTPRequest) throws(KubeTransportError) {
        if let body = request.body {
            try check(ccurl_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "body size")
            let code = body.withUnsafeBytes { raw in
                ccurl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)))
            }
            try check(code, "body")
        }
        if request.method != "GET" || request.body != nil {
            try check(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method), "method")
        }
    }

    private func configureTLS(_ tls: TLSSettings) throws(KubeTransportError) {
        if tls.insecureSkipVerify {
            _ = ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0)
            _ = ccurl_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0)
        }
        if let ca = tls.certificateAuthorityPEM {
            try check(ca.withUnsafeBytes { ccurl_easy_setopt_blob(easy, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count) }, "ca blob")
        }
        if let cert = tls.clientCertificatePEM {
            _ = ccurl_easy_setopt_string(easy, CURLOPT_SSLCERTTYPE, "PEM")
            try check(cert.withUnsafeBytes { ccurl_easy_setopt_blob(easy, CURLOPT_SSLCERT_BLOB, $0.baseAddress, $0.count) }, "cert blob")
        }
        if let key = tls.clientKeyPEM {
            _ = ccurl_easy_setopt_string(easy, CURLOPT_SSLKEYTYPE, "PEM")
            try check(key.withUnsafeBytes { ccurl_easy_setopt_blob(easy, CURLOPT_SSLKEY_BLOB, $0.baseAddress, $0.count) }, "key blob")
        }
    }

    /// Header line from libcurl (loop thread).
    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // "HTTP/1.1 200 OK", "HTTP/1.1 200" (no reason phrase) or "HTTP/2 200".
            let parts = trimmed.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
            return
        }
        if trimmed.isEmpty {
            if status >= 200 { deliverHead() }
            return
        }
        if let colon = trimmed.firstIndex(of: ":") {
            let name = trimmed[..<colon].lowercased()
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
        }
    }

    /// Body bytes from libcurl (loop thread); false asks libcurl to pause and re-deliver them later.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        deliverHead()
        return sink.body(chunk)
    }

    /// Hands the response head to the sink once, with the protocol and connection libcurl used.
    private func deliverHead() {
        guard !headDelivered else { return }
        headDelivered = true
        var head = HTTPResponseHead(status: status, headers: headers)
        var version = 0
        if ccurl_easy_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version) == CURLE_OK {
            head.httpVersion = Self.versionName(version)
        }
        var connects = 0
        if ccurl_easy_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK {
            head.newConnection = connects > 0
        }
        sink.head(head)
    }

    /// Name of a `CURL_HTTP_VERSION_*` value as reported by `CURLINFO_HTTP_VERSION`.
    static func versionName(_ value: Int) -> String {
        switch value {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case Int(CURL_HTTP_VERSION_3): return "3"
        default: return "unknown"
        }
    }

    /// Resumes a paused transfer (loop thread).
    func unpause() { _ = curl_easy_pause(easy, CURLPAUSE_CONT) }

    /// Ends the transfer once (loop thread).
    func complete(code: CURLcode?) {
        guard !finished else { return }
        finished = true
        guard let code else {
            sink.finish(KubeTransportError(kind: .cancelled, detail: "request cancelled"))
            return
        }
        if code == CURLE_OK {
            deliverHead()
            sink.finish(nil)
        } else {
            let explanation = String(cString: errorBuffer)
            sink.finish(Self.transportError(code, explanation: explanation.isEmpty ? nil : explanation))
        }
    }

    static func transportError(_ code: CURLcode, explanation: String? = nil) -> KubeTransportError {
        let summary = String(cString: curl_easy_strerror(code))
        let detail = explanation.map { "\(summary): \($0)" } ?? summary
        let kind: KubeTransportError.Kind
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .connectFailed
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CRL_BADFILE:
            kind = .tls
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2_STREAM, CURLE_HTTP2:
            kind = .connectionReset
        default: kind = .protocolError
        }
        return KubeTransportError(kind: kind, curlCode: Int(code.rawValue), detail: detail)
    }
}

private let curlWriteCallback: curl_write_callback = { pointer, size, count, context in
    guard let pointer, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard transfer.receiveBody(UnsafeRawBufferPointer(start: pointer, count: length)) else {
        return Int(CURL_WRITEFUNC_PAUSE)
    }
    return length
}

private let curlHeaderCallback: curl_write_callback = { pointer, size, count, context in
    guard let pointer, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    transfer.receiveHeader(UnsafeRawBufferPointer(start: pointer, count: length))
    return length
}

extension Duration {
    /// Whole milliseconds (rounded down, at least 1 for positive durations).
    var milliseconds: Int {
        let parts = components
        let value = Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
        return value == 0 && parts.attoseconds > 0 ? 1 : value
    }
}
