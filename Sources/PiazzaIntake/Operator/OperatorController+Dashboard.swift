import Hummingbird
import PiazzaContent

/// `GET /operator/{portal}/cruscotto`: the live dashboard of a portal (``DashboardPage``), computed
/// from the database at each request, with the bookings panel when the portal has calendars, the
/// vouchers panel when it has a voucher measure, and the clarity feedback of the site's pages.
extension OperatorController {
    func addDashboardRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/cruscotto", only: [.get: dashboard])
    }

    @Sendable func dashboard(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let (session, runtime) = try await reach(request, context: context) else {
            return redirect.seeOther("/operator/login")
        }
        try await recordPageView(request, session, runtime: runtime, "cruscotto")
        let now = clock()
        let figures = try await runtime.database.dashboardFigures(
            since: DashboardPage.start(now: now),
            overdueBefore: DashboardPage.overdueBefore(portal: runtime.portal, now: now))
        var view = DashboardPage.view(figures, portal: runtime.portal, now: now)
        if !runtime.portal.calendars.isEmpty {
            var months: [DashboardPage.CalendarMonth] = []
            for calendar in runtime.portal.calendars.sorted(by: { $0.id < $1.id }) {
                months.append(try await .read(calendar, now: now, database: runtime.database))
            }
            view.sections.append(DashboardPage.bookings(months, now: now))
        }
        if runtime.portal.forms.contains(where: { $0.voucher != nil }) {
            let today = ContentDateTime.romeDay(of: now)
            view.sections.append(
                DashboardPage.vouchers(
                    try await runtime.database.voucherFigures(on: today), today: today,
                    title: { measureTitle($0, runtime.portal) }))
            view.sections.append(
                DashboardPage.categorySpending(
                    CategorySpending.grouped(
                        try await runtime.database.spendingByShop(), merchants: runtime.portal.merchants)))
            view.sections.append(
                DashboardPage.redemptionFlags(
                    try await runtime.database.flaggedRedemptions(
                        distance: ShopDistance(portal: runtime.portal), farKilometres: vouchers.farKilometres,
                        visitShare: vouchers.visitShare),
                    farKilometres: vouchers.farKilometres, visitShare: vouchers.visitShare))
        }
        view.sections.append(
            DashboardPage.feedback(
                try await runtime.database.feedbackSummaries(),
                results: pages.root + runtime.portal.id + "/valutazioni"))
        let page = try renderer(runtime, for: session).renderOperatorDashboard(view)
        return .page(.ok, page, headers: Self.privateHeaders)
    }
}
