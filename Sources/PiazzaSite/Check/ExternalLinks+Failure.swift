import AsyncHTTPClient
import Foundation
import NIOCore

extension ExternalLinks {
    /// Why a web address could not be asked, in words an editor understands: the cause the HTTP client's error
    /// holds (a name the DNS does not know, a refused or reset connection, a timeout, a certificate), not its
    /// description (`DNS error: SocketAddressError.UnknownHost: … (error -2) for host …, port 443`).
    ///
    /// SwiftNIO reports a failed connection as `NIOConnectionError` (NIOPosix, which piazza does not import), which
    /// holds the DNS errors and each attempt's error: the causes are found by type in the error and the values it
    /// holds (`Mirror`).
    static func failure(_ error: any Error, host: String, timeout: Int) -> String {
        switch cause(of: error) {
        case .unknownHost:
            return
                "the site's name '\(host)' is not found (DNS): check the address for typos; if it is right, the site may be gone or this computer offline"
        case .refused:
            return "the site '\(host)' refused the connection: nothing answers at that address now"
        case .closed:
            return "the site '\(host)' closed the connection without answering"
        case .unreachable:
            return "the site '\(host)' cannot be reached from this computer (no route to it: check the network)"
        case .timeout:
            return "no answer within \(timeout) s"
        case .certificate:
            return
                "the site's secure connection (https) failed: its certificate has expired, is not valid for '\(host)' or is not trusted"
        case .redirects:
            return "the site sends the address on too many redirects, or round in a circle"
        case nil:
            return "the connection failed (\(error))"
        }
    }

    /// What kind of failure an error of the HTTP client is.
    enum Cause: Equatable {
        case unknownHost, refused, closed, unreachable, timeout, certificate, redirects
    }

    /// The cause of `value`, an error or something an error holds, looked for down to 4 levels (a
    /// `NIOConnectionError`'s `connectionErrors` array, its `SingleConnectionFailure`, its `error`).
    static func cause(of value: Any, depth: Int = 0) -> Cause? {
        if let error = value as? any Error, let cause = directCause(of: error) { return cause }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let cause = cause(of: child.value, depth: depth + 1) { return cause }
        }
        return nil
    }

    private static func directCause(of error: any Error) -> Cause? {
        switch error {
        case is SocketAddressError.UnknownHost:
            return .unknownHost
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: return .refused
            case ECONNRESET, EPIPE: return .closed
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN: return .unreachable
            case ETIMEDOUT: return .timeout
            default: return nil
            }
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout, .readTimeout, .deadlineExceeded, .tlsHandshakeTimeout: return .timeout
            case .remoteConnectionClosed: return .closed
            case .redirectLimitReached, .redirectCycleDetected: return .redirects
            default: return nil
            }
        default:
            // NIOSSL's errors (a handshake refused over the certificate), by their module's name.
            return String(reflecting: type(of: error)).hasPrefix("NIOSSL.") ? .certificate : nil
        }
    }
}
