import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PiazzaContent

/// `piazza check --external`: asks every web address the content links to whether it still answers.
///
/// Each address is asked once however many pages link it, a few at a time, each request within a
/// timeout: `HEAD` first, then `GET` when the `HEAD` is not answered with success (some servers
/// refuse `HEAD`). Redirects are followed (up to 5). An answer of 404 or 410 means the page is gone:
/// an error at every link to it. Any other failure (a timeout, a refused connection, 403, 5xx) may
/// pass: a warning.
public enum ExternalLinks {
    /// A web address written in content, and where.
    public struct Link: Sendable, Hashable {
        /// An `http` or `https` address.
        public var url: String
        public var location: SourceLocation

        public init(url: String, location: SourceLocation) {
            self.url = url
            self.location = location
        }
    }

    /// How hard to knock.
    public struct Options: Sendable {
        /// Requests at the same time.
        public var concurrency: Int
        /// Seconds a request (with its redirects) may take.
        public var timeout: Int

        public init(concurrency: Int = 8, timeout: Int = 10) {
            self.concurrency = max(1, concurrency)
            self.timeout = max(1, timeout)
        }
    }

    /// An `http(s)` address as written, or `//host/…` as `https:`; `nil` for anything else
    /// (`mailto:`, `tel:`, a path).
    static func webAddress(_ address: String) -> String? {
        if address.hasPrefix("//") { return "https:" + address }
        let lower = address.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? address : nil
    }

    /// What became of one address.
    enum Outcome: Sendable, Equatable {
        case answered
        /// 404 or 410.
        case gone(HTTPResponseStatus)
        /// Any other failure, in words.
        case failed(String)
    }

    /// Checks every address; one diagnostic per link to an address that failed.
    public static func check(_ links: [Link], options: Options = Options()) async -> DiagnosticList {
        // A place once: a `_shared` page's links are collected for every portal that publishes it.
        var places: [String: Set<SourceLocation>] = [:]
        for link in links { places[link.url, default: []].insert(link.location) }
        let addresses = places.keys.sorted()
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: .init(
                redirectConfiguration: .follow(max: 5, allowCycles: false),
                timeout: .init(connect: .seconds(Int64(options.timeout)), read: .seconds(Int64(options.timeout)))))
        var outcomes: [String: Outcome] = [:]
        await withTaskGroup(of: (String, Outcome).self) { group in
            var next = addresses.makeIterator()
            func start() {
                guard let address = next.next() else { return }
                group.addTask { (address, await outcome(of: address, client: client, timeout: options.timeout)) }
            }
            for _ in 0..<options.concurrency { start() }
            while let (address, outcome) = await group.next() {
                outcomes[address] = outcome
                start()
            }
        }
        try? await client.shutdown()
        var diagnostics = DiagnosticList()
        for address in addresses {
            for place in (places[address] ?? []).sorted() {
                switch outcomes[address] {
                case .gone(let status):
                    diagnostics.error(
                        at: place,
                        "link to '\(address)' answers \(status.code) \(status.reasonPhrase): the page is gone; fix or remove the link"
                    )
                case .failed(let reason):
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: place.file, line: place.line, column: place.column,
                            message: "link to '\(address)' could not be confirmed: \(reason); open it to check"))
                case .answered, nil:
                    break
                }
            }
        }
        return diagnostics
    }

    private static func outcome(of address: String, client: HTTPClient, timeout: Int) async -> Outcome {
        var headStatus: HTTPResponseStatus?
        for method in [HTTPMethod.HEAD, .GET] {
            var request = HTTPClientRequest(url: address)
            request.method = method
            request.headers.add(name: "User-Agent", value: "piazza-check (link checker)")
            do {
                let response = try await client.execute(request, timeout: .seconds(Int64(timeout)))
                // Only the status matters: stop the body at its first part.
                for try await _ in response.body { break }
                if (200..<400).contains(response.status.code) { return .answered }
                headStatus = response.status
            } catch {
                // A timeout or a name the DNS does not know: asking again with GET would wait or fail the same way.
                let cause = cause(of: error)
                if method == .GET || cause == .timeout || cause == .unknownHost {
                    let host = URL(string: address)?.host ?? address
                    return .failed(
                        "\(headStatus.map { "\($0.code) \($0.reasonPhrase); " } ?? "")\(failure(error, host: host, timeout: timeout))"
                    )
                }
            }
        }
        guard let status = headStatus else { return .failed("no answer") }
        return status == .notFound || status == .gone ? .gone(status) : .failed("\(status.code) \(status.reasonPhrase)")
    }
}
