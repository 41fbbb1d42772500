import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a port of 127.0.0.1 can be bound now, tried before the preview builds the sites: a port
/// in use is reported at once, not after a whole build and the servers' own error lines.
///
/// The port may still be taken between this check and the server's bind; the server's failure
/// (``ServeError``) covers that.
enum PortCheck {
    /// The system's reason a bind failed.
    struct Failure: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "\(String(cString: strerror(errno))) (errno \(errno))" }
    }

    /// Binds a TCP socket to 127.0.0.1:`port` with `SO_REUSEADDR`, as the servers do, and closes it.
    ///
    /// - Throws: ``Failure`` with the `errno` of `socket(2)` or `bind(2)` (`EADDRINUSE` for a port in use).
    static func bind(_ port: Int) throws(Failure) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(errno: errno) }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw Failure(errno: errno) }
    }
}
