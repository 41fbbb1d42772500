import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import PiazzaIntake

@Suite("Who may read /metrics")
struct MetricsAccessTests {
    /// The headers of a request forwarded by the proxy for `address`.
    static func from(_ address: String) -> HTTPFields { [.init("X-Forwarded-For")!: address] }

    @Test(
        "by default only loopback clients read /metrics; others get the 404 of an unknown path",
        arguments: [
            ("127.0.0.1", true), ("127.8.9.10", true), ("::1", true), ("::ffff:127.0.0.1", true),
            ("203.0.113.7", false), ("10.0.0.1", false), ("fe80::1", false), ("unknown", false),
        ])
    func loopbackOnly(client address: String, allowed: Bool) async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app { $0.trustedProxies = AddressRange.loopback }
        try await app.buildApplication().test(.live) { client in
            var form = IntakeFixture.formHeaders
            form[.init("X-Forwarded-For")!] = address
            _ = try await IntakeFixture.post(client, IntakeFixture.fields(), headers: form)
            for method in [HTTPRequest.Method.get, .head, .post] {
                let metrics = try await client.execute(uri: "/metrics", method: method, headers: Self.from(address))
                let unknown = try await client.execute(uri: "/nowhere", method: method, headers: Self.from(address))
                if allowed {
                    #expect(metrics.status == (method == .post ? .methodNotAllowed : .ok))
                } else {
                    #expect(metrics.status == .notFound)
                    #expect(metrics.headers.withoutDate == unknown.headers.withoutDate)
                    #expect(metrics.body == unknown.body)
                }
            }
            if allowed {
                let text = String(
                    buffer: try await client.execute(uri: "/metrics", method: .get, headers: Self.from(address)).body)
                #expect(text.contains(#"piazza_form_posts_total{portal="prova",form="domanda",outcome="stored"} 1"#))
            }
        }
    }

    @Test("metrics_allow opens /metrics to the listed blocks only")
    func allowList() async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app {
            $0.trustedProxies = AddressRange.loopback
            $0.metricsAllow = [AddressRange("10.1.0.0/16")!]
        }
        try await app.buildApplication().test(.live) { client in
            let inside = try await client.execute(uri: "/metrics", method: .get, headers: Self.from("10.1.200.3"))
            #expect(inside.status == .ok)
            let outside = try await client.execute(uri: "/metrics", method: .get, headers: Self.from("10.2.0.1"))
            #expect(outside.status == .notFound)
            let loopback = try await client.execute(uri: "/metrics", method: .get, headers: Self.from("127.0.0.1"))
            #expect(loopback.status == .notFound)
        }
    }

    @Test("without trust_proxy a forged X-Forwarded-For does not open /metrics")
    func forged() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get, headers: Self.from("127.0.0.1"))
            #expect(response.status == .notFound)
        }
    }

    @Test(
        "X-Forwarded-For counts only from a listed proxy: from any other peer the peer itself is the client",
        arguments: [([AddressRange("127.0.0.1/32")!], true), ([AddressRange("10.0.0.0/8")!], false), ([], false)])
    func trustedProxies(proxies: [AddressRange], forwardedCounts: Bool) async throws {
        let fixture = try IntakeFixture()
        let app = try fixture.app {
            $0.trustedProxies = proxies
            $0.metricsAllow = [AddressRange("10.1.0.0/16")!]
        }
        try await app.buildApplication().test(.live) { client in
            let forwarded = try await client.execute(uri: "/metrics", method: .get, headers: Self.from("10.1.0.9"))
            #expect(forwarded.status == (forwardedCounts ? .ok : .notFound))
        }
    }

    @Test("a real loopback peer reads /metrics over TCP")
    func livePeer() async throws {
        let fixture = try IntakeFixture()
        try await fixture.app.buildApplication().test(.live) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
        }
    }

    @Test(
        "address blocks match by prefix, IPv4 also in its IPv6-mapped form",
        arguments: [
            ("10.0.0.0/8", "10.255.1.2", true), ("10.0.0.0/8", "11.0.0.1", false),
            ("192.168.1.7", "192.168.1.7", true), ("192.168.1.7", "192.168.1.8", false),
            ("172.16.0.0/12", "172.31.255.255", true), ("172.16.0.0/12", "172.32.0.0", false),
            ("0.0.0.0/0", "8.8.8.8", true), ("0.0.0.0/0", "::1", false),
            ("127.0.0.0/8", "::ffff:127.0.0.1", true), ("fd00::/8", "fd12::1", true), ("fd00::/8", "fe80::1", false),
            ("::1/128", "::1", true), ("::1/128", "::2", false), ("10.0.0.0/8", "not an address", false),
        ])
    func ranges(block: String, address: String, inside: Bool) throws {
        #expect(try #require(AddressRange(block)).contains(address) == inside)
    }

    @Test(
        "malformed blocks are refused",
        arguments: ["10.0.0.0/33", "::/129", "10.0.0", "10.0.0.0/", "10.0.0.0/+8", "localhost", ""])
    func malformed(block: String) {
        #expect(AddressRange(block) == nil)
    }
}
