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
        do {
            let response = try await next(request, context)
            log(request, context: context, status: response.status, since: start)
            return response
        } catch {
            // Errors become responses in the outer SecurityHeadersMiddleware; log the status they will have.
            log(
                request, context: context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError,
                since: start)
            throw error
        }
    }

    private func log(
        _ request: Request, context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant
    ) {
        guard context.logger.logLevel <= .debug else { return }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.debug(
            "request",
            metadata: [
                "method": "\(request.method)", "route": "\(context.endpointPath ?? "unmatched")",
                "status": "\(status.code)", "ms": "\(String(format: "%.1f", milliseconds))",
            ])
    }
}
