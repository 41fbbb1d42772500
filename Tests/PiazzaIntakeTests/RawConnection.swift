import Foundation

/// A bare TCP connection to a local server, for what HTTP clients hide: `100 Continue`, a body
/// sent one byte at a time, the server closing the connection.
final class RawConnection {
    private let fd: Int32

    /// Connects to `localhost:port` (IPv4 or IPv6, whichever the server listens on).
    init(port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &list) == 0 else { throw POSIXError(.EHOSTUNREACH) }
        defer { freeaddrinfo(list) }
        var entry = list
        while let info = entry?.pointee {
            let candidate = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
            if candidate >= 0 && connect(candidate, info.ai_addr, info.ai_addrlen) == 0 {
                fd = candidate
                return
            }
            if candidate >= 0 { close(candidate) }
            entry = info.ai_next
        }
        throw POSIXError(.ECONNREFUSED)
    }

    deinit { close(fd) }

    /// Sends text; `false` once the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            == bytes.count
    }

    /// Reads until `marker` has arrived, the server closes, or `seconds` pass.
    ///
    /// Waits with `Task.sleep`, never a blocking call: the server's handlers run on the same
    /// cooperative threads as the tests, and a blocked thread would starve them.
    ///
    /// - Returns: everything read, and whether the server closed the connection.
    func read(until marker: String? = nil, seconds: Double) async throws -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 0) > 0 else {
                try await Task.sleep(for: .milliseconds(10))
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
            received += buffer[0..<count]
        }
        return (String(decoding: received, as: UTF8.self), false)
    }
}
