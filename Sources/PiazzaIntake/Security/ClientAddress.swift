import Foundation
import Hummingbird

/// The client address for rate limiting and `metrics_allow`: the peer, or behind a trusted proxy
/// the last `X-Forwarded-For` hop (the one the proxy itself appended).
struct ClientAddress: Sendable {
    /// `trust_proxy`: whether `X-Forwarded-For` is written by a proxy in front of the daemon.
    let trustProxy: Bool

    func callAsFunction(_ request: Request, context: IntakeContext) -> String {
        if trustProxy, let forwarded = request.headers[.init("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last
        {
            return last.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
