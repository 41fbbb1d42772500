import Hummingbird

/// `GET /operator/{portal}/cruscotto`: the live dashboard of a portal (``DashboardPage``), computed
/// from the database at each request.
extension OperatorController {
    func addDashboardRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/cruscotto", only: [.get: dashboard])
    }

    @Sendable func dashboard(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (_, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        let now = clock()
        let figures = try await runtime.database.dashboardFigures(
            since: DashboardPage.start(now: now),
            overdueBefore: DashboardPage.overdueBefore(portal: runtime.portal, now: now))
        let page = try runtime.pages.renderer.renderOperatorDashboard(
            DashboardPage.view(figures, portal: runtime.portal, now: now))
        return .page(.ok, page, headers: Self.privateHeaders)
    }
}
