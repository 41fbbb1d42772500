import Foundation
import Hummingbird
import PiazzaContent

/// `GET /operator/{portal}/valutazioni`: the clarity feedback of the site's pages (``FeedbackResults``),
/// and `GET /operator/{portal}/valutazioni.csv` the same for Excel, recorded in the portal's audit
/// log as an export (the free texts are the citizens'). For the operators and admins of the portal;
/// anyone else gets the back office's 404.
extension OperatorController {
    func addFeedbackRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/valutazioni", only: [.get: feedbackResults])
        router.on("operator/:portal/valutazioni.csv", only: [.get: feedbackCSV])
    }

    @Sendable func feedbackResults(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        try await recordPageView(request, session, runtime: runtime, "valutazioni")
        let results = FeedbackResults(summaries: try await runtime.database.feedbackSummaries())
        let site = runtime.portal.config.baseURL
        let view = results.view(csvURL: pages.root + runtime.portal.id + "/valutazioni.csv") { site + $0 }
        return .page(
            .ok, try renderer(runtime, for: session).renderOperatorFeedback(view), headers: Self.privateHeaders)
    }

    @Sendable func feedbackCSV(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let results = FeedbackResults(summaries: try await runtime.database.feedbackSummaries())
        try await auditExport(request, session, runtime: runtime, "valutazioni")
        return download(.csv, name: "\(runtime.portal.id)-valutazioni") { try await $0(results.csv()) }
    }
}
