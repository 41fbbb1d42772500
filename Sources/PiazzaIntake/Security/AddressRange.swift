import Foundation

/// A block of IP addresses written in CIDR notation: `127.0.0.0/8`, `10.1.2.3` (one address),
/// `::1/128`, `fd00::/8`.
///
/// IPv4 addresses are compared as IPv4-mapped IPv6 (`::ffff:a.b.c.d`), so a client reaching an
/// IPv6 socket from IPv4 matches the IPv4 block it belongs to.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network address as 16 bytes.
    private let network: [UInt8]
    /// Leading bits that must match, 0–128 (an IPv4 prefix is shifted by 96).
    private let prefixBits: Int
    public let description: String

    /// Loopback only: `127.0.0.0/8` and `::1/128`.
    public static let loopback = [AddressRange("127.0.0.0/8")!, AddressRange("::1/128")!]

    /// Blocks not reachable from the internet: loopback, RFC 1918 private (`10.0.0.0/8`,
    /// `172.16.0.0/12`, `192.168.0.0/16`), link-local (`169.254.0.0/16`, `fe80::/10`) and unique
    /// local IPv6 (`fc00::/7`).
    public static let privateNetworks =
        loopback
        + ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "fe80::/10", "fc00::/7"].map {
            AddressRange($0)!
        }

    /// Whether the whole block lies inside one of ``privateNetworks`` (`0.0.0.0/0` does not).
    public var isPrivate: Bool {
        Self.privateNetworks.contains { $0.prefixBits <= prefixBits && $0.contains(bytes: network) }
    }

    /// Parses `address` or `address/bits`; `nil` when either part is not valid.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let (bytes, isIPv4) = Self.bytes(of: String(parts[0])) else { return nil }
        let width = isIPv4 ? 32 : 128
        var bits = width
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...width).contains(value), !parts[1].hasPrefix("+") else { return nil }
            bits = value
        }
        network = bytes
        prefixBits = bits + (isIPv4 ? 96 : 0)
        description = text
    }

    /// Whether an address (as printed by the socket layer: `127.0.0.1`, `::1`) is in the block.
    /// Text that is not an IP address is in no block.
    public func contains(_ address: String) -> Bool {
        guard let (bytes, _) = Self.bytes(of: address) else { return false }
        return contains(bytes: bytes)
    }

    /// Whether 16 address bytes match the block's leading ``prefixBits``.
    private func contains(bytes: [UInt8]) -> Bool {
        var remaining = prefixBits
        for index in 0..<16 where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if bytes[index] & mask != network[index] & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// The 16 bytes of an address (IPv4 mapped into IPv6) and whether it was written as IPv4.
    private static func bytes(of text: String) -> ([UInt8], Bool)? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            let mapped: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
            return (mapped + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }, true)
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return (withUnsafeBytes(of: &v6) { Array($0) }, false)
    }
}
