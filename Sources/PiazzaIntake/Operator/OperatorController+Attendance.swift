import Foundation
import Hummingbird
import PiazzaContent
import PiazzaRender

/// Who marks attendance (PRODUCT.md §8): admins and a portal's operators for every slot; a tutor,
/// on the portals listed for them, only for the slots of the resources whose `account` is their
/// user name (docs/CALENDARS.md). The one place of this rule.
extension OperatorSession {
    /// Whether the user reaches a portal's attendance pages.
    func marksAttendance(portal: String) -> Bool {
        reaches(portal: portal) || (role == .tutor && portals.contains(portal))
    }

    /// Whether the user marks the slots of `resource` (of a portal they reach).
    func marksAttendance(of resource: CalendarResource?) -> Bool {
        role != .tutor || (resource?.account != nil && resource?.account == name)
    }
}

/// The attendance pages: `GET /operator/{portal}/presenze` (the slots with bookings from
/// ``attendanceDaysBack`` days ago to ``attendanceDaysAhead`` days ahead, and the iCalendar feeds of
/// the resources the user marks, ``ResourceFeed``), `GET|POST
/// /operator/{portal}/presenze/{calendar}/{slot}` (one slot's bookings, each marked present, absent
/// or justified). A tutor gets the same 404 as an unknown path for anything else.
extension OperatorController {
    /// How many days back the attendance list starts, from today in Rome: slots are marked after they happen.
    static let attendanceDaysBack = 14
    /// How many days ahead the attendance list goes, to see who is expected.
    static let attendanceDaysAhead = 7

    func addAttendanceRoutes(to router: some RouterMethods<IntakeContext>) {
        router.on("operator/:portal/presenze", only: [.get: attendanceList])
        router.on("operator/:portal/presenze/:calendar/:slot", only: [.get: attendanceSlot, .post: markAttendance])
    }

    @Sendable func attendanceList(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await session(of: request) else { return redirect.seeOther("/operator/login") }
        let runtime = try attendancePortal(for: session, context: context)
        try await recordPageView(request, session, runtime: runtime, "presenze")
        let today = ContentDateTime.romeDay(of: clock())
        let first = today.adding(days: -Self.attendanceDaysBack)
        let last = today.adding(days: Self.attendanceDaysAhead)
        var calendars: [AttendanceListView.Calendar] = []
        var feeds: [AttendanceListView.Feed] = []
        for calendar in runtime.portal.calendars.sorted(by: { $0.id < $1.id }) {
            feeds += calendar.resources.filter { session.marksAttendance(of: $0) }.map {
                .init(
                    title: "\(calendar.title) – \($0.name)",
                    url: redirect.path("/bookings/\(runtime.portal.id)/\(calendar.id)/risorse/\($0.id).ics"))
            }
            let slots = calendar.slots.filter {
                $0.date >= first && $0.date <= last && session.marksAttendance(of: calendar.resource(id: $0.resource))
            }
            let bookings = Dictionary(
                grouping: try await runtime.database.confirmedBookings(
                    calendar: calendar.id, slots: Set(slots.map(\.id))), by: \.slotID)
            let shown = slots.compactMap { slot -> AttendanceListView.Slot? in
                guard let booked = bookings[slot.id] else { return nil }
                let seats = booked.map(\.seats).reduce(0, +)
                let marked = booked.filter { $0.attendance != nil }.count
                return .init(
                    text: Pages.slotText(slot), resource: calendar.resource(id: slot.resource)?.name ?? slot.resource,
                    url: attendanceURL(runtime, calendar, slot),
                    status: "\(seats == 1 ? "1 posto prenotato" : "\(seats) posti prenotati"), "
                        + "presenze segnate per \(marked) su \(booked.count) prenotazioni")
            }
            if !shown.isEmpty { calendars.append(.init(title: calendar.title, slots: shown)) }
        }
        let view = AttendanceListView(
            period: "dal \(first.longItalian) al \(last.longItalian)", calendars: calendars,
            reportURL: session.reaches(portal: runtime.portal.id)
                ? pages.root + runtime.portal.id + "/rendicontazione" : nil, feeds: feeds)
        return .page(.ok, try renderer(runtime, for: session).renderAttendanceList(view), headers: Self.privateHeaders)
    }

    @Sendable func attendanceSlot(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let session = try await session(of: request) else { return redirect.seeOther("/operator/login") }
        let runtime = try attendancePortal(for: session, context: context)
        let (calendar, slot) = try attendanceTarget(session, runtime, context)
        try await recordPageView(request, session, runtime: runtime, "presenze \(calendar.id) \(slot.id)")
        let notice = request.uri.queryParameters.get("salvate") == nil ? nil : "Presenze salvate."
        return try await attendancePage(.ok, session, runtime, calendar, slot, notice: notice)
    }

    /// Saves the choices posted as `presenza-{booking id}` (`presente`, `assente`, `giustificato`),
    /// then a 303 back to the slot; before the slot starts, or with a value that is none of those,
    /// 422 and nothing written.
    ///
    /// - Throws: ``PageError`` 403 without the session's token, 404 for a slot the user does not mark.
    @Sendable func markAttendance(_ request: Request, context: IntakeContext) async throws -> Response {
        let form = try await Self.readAttendance(request)
        let session = try await postingSession(of: request, form: form)
        let runtime = try attendancePortal(for: session, context: context)
        let (calendar, slot) = try attendanceTarget(session, runtime, context)
        let now = clock()
        guard now >= slot.startInstant else {
            return try await attendancePage(
                .unprocessableContent, session, runtime, calendar, slot,
                notice: "Il turno non è ancora iniziato: le presenze si segnano dall'inizio del turno.")
        }
        var marks: [Int64: Attendance] = [:]
        for (name, values) in form.values where name.hasPrefix(Self.attendanceField) {
            guard let id = Int64(name.dropFirst(Self.attendanceField.count)), values.count == 1,
                let attendance = Attendance(rawValue: values[0])
            else {
                return try await attendancePage(
                    .unprocessableContent, session, runtime, calendar, slot,
                    notice: "Per ogni prenotazione scegli Presente, Assente o Assente giustificato, poi salva.")
            }
            marks[id] = attendance
        }
        let marked = try await runtime.database.markAttendance(
            calendar: calendar.id, slot: slot.id, marks: marks, by: session.name, at: now)
        logger.info("attendance marked", metadata: ["portal": "\(runtime.portal.id)", "bookings": "\(marked)"])
        return redirect.seeOther(
            "/operator/\(runtime.portal.id)/presenze/\(calendar.id)/\(slot.id)?salvate=\(marked)")
    }

    /// The name of a booking's radio group is this prefix and the booking's id.
    static let attendanceField = "presenza-"

    /// The slot's bookings with their attendance, the form once the slot has started.
    private func attendancePage(
        _ status: HTTPResponse.Status, _ session: OperatorSession, _ runtime: PortalRuntime,
        _ calendar: CalendarDefinition, _ slot: Slot, notice: String?
    ) async throws -> Response {
        let bookings = try await runtime.database.confirmedBookings(calendar: calendar.id, slots: [slot.id])
        let view = AttendanceSlotView(
            calendarTitle: calendar.title, slotText: Pages.slotText(slot),
            resource: calendar.resource(id: slot.resource)?.name ?? slot.resource,
            bookings: bookings.map { booking in
                AttendanceSlotView.Booking(
                    field: Self.attendanceField + String(booking.id ?? 0), name: booking.name, seats: booking.seats,
                    contact: booking.contact,
                    choices: Attendance.allCases.map {
                        .init(value: $0.rawValue, label: $0.label, isChecked: booking.attendance == $0)
                    },
                    marked: booking.attendanceAt.map {
                        "segnata da \(booking.attendanceBy ?? "") il \(Pages.dateTime($0))"
                    })
            },
            actionURL: clock() >= slot.startInstant ? attendanceURL(runtime, calendar, slot) : nil,
            csrf: session.csrf, listURL: pages.root + runtime.portal.id + "/presenze", notice: notice)
        return .page(
            status, try renderer(runtime, for: session).renderAttendanceSlot(view), headers: Self.privateHeaders)
    }

    /// The portal a route names, when the user marks attendance there; the back office's 404 otherwise.
    private func attendancePortal(for session: OperatorSession, context: IntakeContext) throws -> PortalRuntime {
        guard let id = context.parameters.get("portal"), let runtime = portals[id], session.marksAttendance(portal: id)
        else { throw PageError(status: .notFound) }
        return runtime
    }

    /// The calendar and slot a route names, when the user marks that slot's resource; 404 otherwise.
    private func attendanceTarget(_ session: OperatorSession, _ runtime: PortalRuntime, _ context: IntakeContext)
        throws -> (CalendarDefinition, Slot)
    {
        guard let calendar = context.parameters.get("calendar").flatMap(runtime.portal.calendar(id:)),
            let slot = context.parameters.get("slot").flatMap(calendar.slot(id:)),
            session.marksAttendance(of: calendar.resource(id: slot.resource))
        else { throw PageError(status: .notFound) }
        return (calendar, slot)
    }

    private func attendanceURL(_ runtime: PortalRuntime, _ calendar: CalendarDefinition, _ slot: Slot) -> String {
        pages.root + runtime.portal.id + "/presenze/" + calendar.id + "/" + slot.id
    }

    /// An attendance post: `_csrf` and one short value per booking, within 64 KiB.
    ///
    /// - Throws: ``PageError`` 413 for a body over 64 KiB, 400 for one that does not parse.
    private static func readAttendance(_ request: Request) async throws -> PostedForm {
        try await PostedForm.readURLEncoded(request, maxBytes: 65_536) {
            $0 == "_csrf" ? 64 : $0.hasPrefix(attendanceField) ? 16 : nil
        }
    }
}
