import Hummingbird

/// `GET /healthz` (every database answers) and `GET /metrics` (Prometheus text, for
/// `metrics_allow` only: ``MetricsAccessMiddleware``).
struct HealthController: Sendable {
    let portals: [String: PortalRuntime]
    let metrics: IntakeMetrics
    let metricsAccess: MetricsAccessMiddleware

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("healthz", only: [.get: health])
        router.group().add(middleware: metricsAccess).on("metrics", only: [.get: metricsPage])
    }

    @Sendable func health(_ request: Request, context: IntakeContext) async throws -> Response {
        for runtime in portals.values {
            try await runtime.database.ping()
        }
        return Response(
            status: .ok, headers: [.contentType: MediaType.textPlain.description],
            body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }

    /// Form outcomes, then commits and writes per portal (writes per commit shows group commit at work).
    @Sendable func metricsPage(_ request: Request, context: IntakeContext) async throws -> Response {
        var text = metrics.text()
        var commits: [String] = []
        var writes: [String] = []
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            let counts = await runtime.database.commitCounts()
            commits.append(#"piazza_db_commits_total{portal="\#(runtime.portal.id)"} \#(counts.transactions)"#)
            writes.append(#"piazza_db_writes_total{portal="\#(runtime.portal.id)"} \#(counts.writes)"#)
        }
        text += "# HELP piazza_db_commits_total Write transactions committed.\n# TYPE piazza_db_commits_total counter\n"
        text += commits.joined(separator: "\n") + "\n"
        text += "# HELP piazza_db_writes_total Writes committed (several per transaction under load).\n"
        text += "# TYPE piazza_db_writes_total counter\n" + writes.joined(separator: "\n") + "\n"
        return Response(
            status: .ok, headers: [.contentType: Self.prometheusType], body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// The Prometheus text exposition format, version 0.0.4.
    static let prometheusType = MediaType.textPlain.withParameter(name: "version", value: "0.0.4").description
}
