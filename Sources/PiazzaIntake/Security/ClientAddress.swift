import Foundation
import Hummingbird

/// The client address for rate limiting and `metrics_allow`: the peer, or, when the peer is a
/// trusted proxy (`trust_proxy`), the last `X-Forwarded-For` hop, the one that proxy appended.
/// Any other peer's `X-Forwarded-For` is ignored: a client cannot choose its own address.
struct ClientAddress: Sendable {
    /// `trust_proxy`: the proxies whose `X-Forwarded-For` is believed (``DaemonConfig/trustedProxies``).
    let trustedProxies: [AddressRange]

    func callAsFunction(_ request: Request, context: IntakeContext) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        guard trustedProxies.contains(where: { $0.contains(peer) }),
            let forwarded = request.headers[.init("X-Forwarded-For")!],
            let last = forwarded.split(separator: ",").last
        else { return peer }
        return last.trimmingCharacters(in: .whitespaces)
    }
}
