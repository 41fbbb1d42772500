import Hummingbird

/// A route handler of the daemon.
typealias IntakeHandler = @Sendable (Request, IntakeContext) async throws -> Response

extension RouterMethods<IntakeContext> {
    /// Adds a path's handlers, and a 405 with `Allow` for every other method (`HEAD` comes with
    /// `GET`), in the look of the path's `{portal}` when it has one.
    func on(_ path: RouterPath, only handlers: [HTTPRequest.Method: IntakeHandler]) {
        for (method, handler) in handlers { on(path, method: method, use: handler) }
        let allowed = Self.answeredMethods.filter { handlers[$0] != nil || ($0 == .head && handlers[.get] != nil) }
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        for method in Self.answeredMethods where !allowed.contains(method) {
            on(path, method: method) { _, context -> Response in
                throw PageError(
                    .methodNotAllowed, portal: context.parameters.get("portal"), "Richiesta non consentita",
                    "Questo indirizzo non accetta questo tipo di richiesta.", headers: [.allow: allow])
            }
        }
    }

    /// The methods a known path answers: with its handler, or with 405.
    private static var answeredMethods: [HTTPRequest.Method] {
        [.get, .head, .post, .put, .delete, .patch, .options, .trace]
    }
}
