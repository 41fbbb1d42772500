import Foundation
import Hummingbird
import Logging
import NIOCore
import PiazzaContent
import PiazzaRender

/// The clarity feedback routes (``ClarityFeedback``): `POST /feedback/{portal}` stores a page's
/// feedback from the widget at the foot of the site's pages, `GET /feedback/{portal}/grazie` thanks
/// the citizen, and `OPTIONS /feedback/{portal}` answers the browser's CORS preflight of the
/// enhanced widget (assets/feedback.js).
///
/// A post from the plain form gets a 303 to the thanks page, or the widget again with what to fix
/// (422); a post asking for JSON (`Accept: application/json`, the enhanced widget) gets
/// `{"message": …}` or `{"problems": [{"field", "message"}]}` with the same statuses, readable by
/// the published site's origin (``PostOrigins/site(of:)``) only. Posts count against the per-address
/// rate of the forms; nothing about the sender is stored.
struct FeedbackController: Sendable {
    let portals: [String: PortalRuntime]
    let limits: DaemonConfig.Limits
    let limiter: RateLimiter
    /// Which pages may post (``PostOrigins``).
    let origins: PostOrigins
    let clientAddress: ClientAddress
    let redirect: Redirect
    let logger: Logger
    let clock: @Sendable () -> Date

    /// The header the enhanced widget sends, so that a cross-origin post is preflighted.
    static let scriptHeader = "X-Piazza-Feedback"

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        // Posted by the enhanced widget's script: every answer readable by the site.
        router.group().add(middleware: SiteReadableMiddleware(portals: portals))
            .on("feedback/:portal", only: [.post: submit, .options: preflight])
        router.on("feedback/:portal/grazie", only: [.get: thanks])
    }

    /// - Throws: ``PageError`` 404 for a portal not served, 403 from a page that may not post
    ///   (``PostOrigins``), 429 over the rate, 400/415/413 for a body that is not a small form post; 400
    ///   for a `pagina` that is not a page the portal publishes with the widget.
    @Sendable func submit(_ request: Request, context: IntakeContext) async throws -> Response {
        let runtime = try runtime(context)
        let portal = runtime.portal.id
        try origins.check(request, portal: runtime.portal)
        let now = clock()
        guard limiter.allow(clientAddress(request, context: context), now: now) else {
            throw PageError.rateLimited(portal: portal)
        }
        let posted = try await PostedForm.read(
            request, limits: limits, fileLimit: 0, byteLimit: FeedbackSubmission.byteLimit(forName:), portal: portal)
        let wantsJSON = request.headers[.accept]?.contains("application/json") ?? false
        let record: FeedbackRecord
        do throws(FeedbackSubmission.Refusal) {
            record = try FeedbackSubmission.record(
                posted.values, day: ContentDateTime.romeDay(of: now).iso, pages: runtime.feedbackPages)
        } catch {
            switch error {
            case .page(let problem):
                if wantsJSON { return try json(.badRequest, ["problems": [problem]]) }
                throw PageError(.badRequest, portal: portal, "Valutazione non inviata", problem.message)
            case .answers(let state):
                if wantsJSON { return try json(.unprocessableContent, ["problems": state.problems]) }
                return .page(
                    .unprocessableContent,
                    try runtime.pages.renderer.renderFeedbackAnswer(state))
            }
        }
        try await runtime.database.storeFeedback(record)
        logger.info("feedback stored", metadata: ["portal": "\(portal)", "rating": "\(record.rating)"])
        if wantsJSON { return try json(.ok, ["message": ClarityFeedback.thanks]) }
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "pagina", value: record.page)]
        return redirect.seeOther("/feedback/\(portal)/grazie?" + (query.percentEncodedQuery ?? ""))
    }

    /// `GET /feedback/{portal}/grazie?pagina=…`: the thanks, with a link back to the page (the home
    /// page when `pagina` is not a page path).
    @Sendable func thanks(_ request: Request, context: IntakeContext) async throws -> Response {
        let runtime = try runtime(context)
        let page = request.uri.queryParameters.get("pagina") ?? "/"
        return .page(
            .ok,
            try runtime.pages.renderer.renderFeedbackAnswer(FeedbackFormState(page: page)))
    }

    /// The CORS preflight of the enhanced widget's post: allowed for the published site's origin only.
    @Sendable func preflight(_ request: Request, context: IntakeContext) async throws -> Response {
        let runtime = try runtime(context)
        var headers: HTTPFields = [.vary: "Origin"]
        if let site = PostOrigins.site(of: runtime.portal),
            request.headers[.origin].flatMap(PostOrigins.normalised) == site
        {
            headers[.accessControlAllowOrigin] = site
            headers[.accessControlAllowMethods] = "POST"
            headers[.accessControlAllowHeaders] = Self.scriptHeader
            headers[.accessControlMaxAge] = "600"
        }
        return Response(status: .noContent, headers: headers)
    }

    private func runtime(_ context: IntakeContext) throws -> PortalRuntime {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        return runtime
    }

    /// A JSON answer, which the published site's scripts may read (``SiteReadableMiddleware``).
    private func json(_ status: HTTPResponse.Status, _ body: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
    }
}
