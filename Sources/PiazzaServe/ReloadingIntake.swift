import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import PiazzaContent
import PiazzaRender
import ServiceLifecycle
import Synchronization

/// The preview's intake daemon, made again from the content of each rebuild (``reload(_:theme:)``), so a
/// form's post is checked against the form the preview page shows: a field added to a form's YAML, a new
/// portal's forms, a calendar changed while `piazza serve` runs. One server on `--intake-port`: each request
/// goes to the daemon of the latest content (``Forwarding``); the daemon before it closes its databases
/// (its own ``ApplicationProtocol/services``, stopped gracefully) once replaced. A request that reached the
/// old daemon just before may meet its databases closed: a preview's scratch data, posted again.
///
/// Every daemon shares the preview's scratch data folder, secret and users, so applications, the back
/// office's login and its session stay across reloads.
struct ReloadingIntake<App: ApplicationProtocol>: ApplicationProtocol {
    /// The responder of the current daemon, and how to stop the services of the earlier ones.
    final class Current: Sendable {
        let responder: Mutex<App.Responder>
        /// The services of each daemon, run by ``Generations``.
        let generations: AsyncStream<[any Service]>
        let next: AsyncStream<[any Service]>.Continuation

        init(_ responder: App.Responder, services: [any Service]) {
            self.responder = Mutex(responder)
            (generations, next) = AsyncStream.makeStream(of: [any Service].self)
            next.yield(services)
        }
    }

    /// Sends each request to the current daemon.
    struct Forwarding: HTTPResponder {
        let current: Current

        func respond(to request: Request, context: App.Responder.Context) async throws -> Response {
            try await current.responder.withLock { $0 }.respond(to: request, context: context)
        }
    }

    /// Runs the services of each daemon in a group of their own, and stops a daemon's once the next one answers.
    struct Generations: Service {
        let current: Current
        let logger: Logger

        func run() async throws {
            try await withThrowingDiscardingTaskGroup { group in
                var previous: ServiceGroup?
                for await services in current.generations.cancelOnGracefulShutdown() {
                    let generation = ServiceGroup(configuration: .init(services: services, logger: logger))
                    group.addTask { try await generation.run() }
                    await previous?.triggerGracefulShutdown()
                    previous = generation
                }
                await previous?.triggerGracefulShutdown()
            }
        }
    }

    /// The first daemon: its server settings are the server's.
    let first: App
    let current: Current
    /// Makes the daemon of a content and a theme.
    let make: @Sendable (ContentTree, Theme) throws -> App

    /// - Parameters:
    ///   - content: what the first daemon serves.
    ///   - make: a daemon of a content and a theme (``Preview/intakeApplication(content:theme:)``).
    init(content: ContentTree, theme: Theme, make: @escaping @Sendable (ContentTree, Theme) throws -> App) async throws
    {
        first = try make(content, theme)
        current = Current(try await first.responder, services: first.services)
        self.make = make
    }

    /// Answers every later request with a daemon of `content` and `theme`.
    ///
    /// - Throws: what `make` throws (a database that does not open); the current daemon stays.
    func reload(_ content: ContentTree, theme: Theme) async throws {
        let app = try make(content, theme)
        let responder = try await app.responder
        current.responder.withLock { $0 = responder }
        current.next.yield(app.services)
    }

    var responder: Forwarding { Forwarding(current: current) }
    var server: HTTPServerBuilder { first.server }
    var configuration: ApplicationConfiguration { first.configuration }
    var logger: Logger { first.logger }
    var eventLoopGroup: any EventLoopGroup { first.eventLoopGroup }
    var services: [any Service] { [Generations(current: current, logger: first.logger)] }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { first.processesRunBeforeServerStart }

    func onServerRunning(_ channel: any Channel) async { await first.onServerRunning(channel) }
}

/// The portals the preview intake serves: those of the first build, each replaced by its latest build.
final class IntakePortals: Sendable {
    private let portals: Mutex<[String: Portal]>
    let root: URL

    init(_ content: ContentTree?, root: URL) {
        self.root = root
        portals = Mutex(Dictionary((content?.portals ?? []).map { ($0.id, $0) }, uniquingKeysWith: { $1 }))
    }

    /// The tree of every portal after `built`'s: with `whole`, `built` is every portal of the preview (a
    /// portal it lacks was removed); otherwise it replaces only its own.
    func update(_ built: ContentTree, whole: Bool) -> ContentTree {
        let all = portals.withLock { portals in
            if whole { portals = [:] }
            for portal in built.portals { portals[portal.id] = portal }
            return portals.values.sorted { $0.id < $1.id }
        }
        return ContentTree(root: root, portals: all, warnings: [], digests: [:])
    }

    /// Every portal, sorted.
    var tree: ContentTree {
        ContentTree(
            root: root, portals: portals.withLock { $0.values.sorted { $0.id < $1.id } }, warnings: [], digests: [:])
    }
}
