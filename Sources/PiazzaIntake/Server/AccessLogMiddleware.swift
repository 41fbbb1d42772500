import Foundation
import Hummingbird
import Logging

/// One debug line per request with the route pattern (`/r/{token}`, never the token itself),
/// the status and the time taken: an access log without personal data.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = IntakeContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        if context.logger.logLevel <= .debug {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            context.logger.debug(
                "request",
                metadata: [
                    "method": "\(request.method)", "route": "\(context.endpointPath ?? "unmatched")",
                    "status": "\(response.status.code)", "ms": "\(String(format: "%.1f", milliseconds))",
                ])
        }
        return response
    }
}
