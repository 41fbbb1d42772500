import Foundation
import Hummingbird
import Logging
import NIOCore
import PiazzaContent
import PiazzaRender

/// The booking routes: `POST /bookings/{portal}/{calendar}/{slot}` books seats in a slot (a `GET`
/// goes to the calendar page), `GET /bookings/{portal}/{calendar}/availability.json` tells the
/// seats left, `GET /bookings/{portal}/{calendar}/risorse/{resource}.ics` is a resource's feed of
/// upcoming slots (``ResourceFeed``), `GET /r/{token}/prenotazione.ics` gives the booking to a calendar app, `POST /r/{token}/cancel` cancels a booking (never a `GET`: the token
/// is the secret, so a link preview or a prefetch must not cancel).
struct BookingsController: Sendable {
    let portals: [String: PortalRuntime]
    let limits: DaemonConfig.Limits
    let limiter: RateLimiter
    /// Which pages may post a booking (``PostOrigins``).
    let origins: PostOrigins
    let metrics: IntakeMetrics
    let clientAddress: ClientAddress
    let redirect: Redirect
    let logger: Logger
    let clock: @Sendable () -> Date

    /// How many slots with seats left a full slot's page offers.
    static let alternativesShown = 5

    func addRoutes(to router: some RouterMethods<IntakeContext>) {
        // Fetched by the calendar page's script: every answer readable by the site.
        router.group().add(middleware: SiteReadableMiddleware(portals: portals))
            .on("bookings/:portal/:calendar/availability.json", only: [.get: availability])
        router.on("bookings/:portal/:calendar/risorse/{resource}.ics", only: [.get: resourceFeed])
        router.on("bookings/:portal/:calendar/:slot", only: [.post: book, .get: calendarPage])
        router.on("r/:token/cancel", only: [.post: cancel])
        router.on("r/:token/prenotazione.ics", only: [.get: calendarFile])
    }

    /// A served portal's calendar slot, as named by the path.
    private struct Target {
        let runtime: PortalRuntime
        let calendar: CalendarDefinition
        let slot: Slot

        var portal: String { runtime.portal.id }

        /// The slot's place on the published calendar page.
        var slotURL: String {
            runtime.portal.config.baseURL + "/" + Portal.calendarURL(id: calendar.id) + "#" + slot.htmlID
        }
    }

    /// `POST /bookings/{portal}/{calendar}/{slot}`: the page it comes from (``PostOrigins``), the slot's booking window, the client's rate,
    /// the body, the fields, the accepted application when the calendar requires one, then the
    /// seats counted and the booking stored durably (``PortalDatabase/storeBooking(_:capacity:)``)
    /// and a 303 to its receipt; a slot without the seats answers 409 with the nearest free slots.
    /// Every outcome is counted (``IntakeMetrics/BookingOutcome``).
    @Sendable func book(_ request: Request, context: IntakeContext) async throws -> Response {
        let target = try target(context)
        try origins.check(request, portal: target.runtime.portal)
        let now = clock()
        switch target.calendar.bookingState(of: target.slot, at: now) {
        case .open: break
        case .closed: throw refused(.closed, target, .bookingClosed(target.slot, portal: target.portal))
        case .notYetOpen:
            let opens = target.calendar.bookingOpens(for: target.slot)
            throw refused(.closed, target, .bookingNotYetOpen(opens: opens, portal: target.portal))
        }
        guard limiter.allow(clientAddress(request, context: context), now: now) else {
            throw refused(.rateLimited, target, .rateLimited(portal: target.portal))
        }
        let read: Result<BookingRequest, BookingRequest.Problems>
        do {
            read = try await self.read(request, target, now: now)
        } catch {
            count(.invalid, target)
            throw error
        }
        let booking: BookingRequest
        switch read {
        case .success(let request):
            booking = request
        case .failure(let problems):
            count(.invalid, target)
            return .page(.unprocessableContent, try problemsPage(problems, target))
        }
        if case .acceptedApplication(let form, _) = target.calendar.eligibility, let application = booking.application,
            !(try await target.runtime.database.hasAcceptedApplication(
                form: form, number: application.number, fiscalCode: application.fiscalCode))
        {
            count(.invalid, target)
            let problem = BookingRequest.Problem(
                "numero_pratica", "Numero pratica",
                "non troviamo una domanda accolta con questo numero pratica e questo codice fiscale. Controlla il "
                    + "numero sulla ricevuta della domanda e il codice fiscale di chi l'ha presentata.")
            return .page(.unprocessableContent, try problemsPage([problem], of: booking, target))
        }
        let draft = BookingDraft(
            calendarID: target.calendar.id, slotID: target.slot.id, seats: booking.seats, name: booking.name,
            contact: booking.contact, applicationNumber: booking.application?.number,
            fiscalCode: booking.application?.fiscalCode, bookedAt: now)
        let outcome: PortalDatabase.BookingOutcome
        do {
            outcome = try await target.runtime.database.storeBooking(
                draft, capacity: target.slot.capacity, orWait: booking.joinsWaitlist)
        } catch {
            logger.error(
                "booking not stored",
                metadata: [
                    "portal": "\(target.portal)", "calendar": "\(target.calendar.id)", "error": "\(type(of: error))",
                ])
            throw refused(.failed, target, .bookingNotStored(portal: target.portal))
        }
        switch outcome {
        case .stored(let token):
            count(.stored, target)
            logger.info(
                "booking stored",
                metadata: [
                    "portal": "\(target.portal)", "calendar": "\(target.calendar.id)", "slot": "\(target.slot.id)",
                ])
            return redirect.seeOther("/r/\(token)")
        case .repeated(let token):
            count(.repeated, target)
            return redirect.seeOther("/r/\(token)")
        case .waiting(let token):
            count(.waitlisted, target)
            return redirect.seeOther("/r/\(token)")
        case .overEnrolment(let children):
            count(.invalid, target)
            let enrolled = children == 1 ? "1 persona" : "\(children) persone"
            let most = children == 1 ? "1 posto" : "\(children) posti"
            return try problemPage(
                .init(
                    "posti", "Posti da prenotare",
                    "la pratica \(draft.applicationNumber ?? "") iscrive \(enrolled): puoi prenotare al massimo "
                        + "\(most). Per un altro figlio prenota con il numero pratica della sua iscrizione."),
                booking, target)
        case .full(let seatsLeft):
            count(.full, target)
            let page = try target.runtime.pages.bookingFull(
                target.calendar, slot: target.slot, seatsLeft: seatsLeft,
                alternatives: try await alternatives(to: target, seats: booking.seats, now: now),
                waitlist: target.calendar.waitlist
                    ? BookingView.WaitlistOffer(
                        // The daemon's own address: this page is the daemon's, whatever the content's intake_url.
                        action: redirect.path(
                            target.runtime.portal.bookingPath(for: target.calendar, slot: target.slot)),
                        fields: booking.waitlistFields) : nil)
            return .page(.conflict, page)
        }
    }

    /// A GET of a booking URL (a reload, a shared link) goes to the slot on the calendar page.
    @Sendable func calendarPage(_ request: Request, context: IntakeContext) throws -> Response {
        redirect.seeOther(try target(context).slotURL)
    }

    /// How long a browser or a proxy may keep ``availability(_:context:)``'s answer, in seconds: the
    /// seats change with every booking, and the count is confirmed when a family books anyway.
    static let availabilitySeconds = 15

    /// `GET /bookings/{portal}/{calendar}/availability.json`: seats left per slot id, as a JSON
    /// object (`{"2026-12-03T15:00-tutor-anna": 2}`), for every slot whose booking has not closed.
    /// The calendar page fetches it from the portal's own site, so that origin may read it, an error included
    /// (``SiteReadableMiddleware``).
    @Sendable func availability(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        guard let calendar = context.parameters.get("calendar").flatMap(runtime.portal.calendar(id:))
        else { throw PageError.unknownSlot(portal: runtime.portal.id) }
        let now = clock()
        let left = try await runtime.database.seatsLeft(in: calendar)
        let seats = Dictionary(
            uniqueKeysWithValues: calendar.slots.filter { calendar.bookingState(of: $0, at: now) != .closed }.map {
                ($0.id, left[$0.id] ?? 0)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let headers: HTTPFields = [
            .contentType: "application/json", .cacheControl: "public, max-age=\(Self.availabilitySeconds)",
        ]
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(seats))))
    }

    /// How long a calendar app or a proxy may keep ``resourceFeed(_:context:)``'s answer, in seconds.
    static let feedSeconds = 300

    /// `GET /bookings/{portal}/{calendar}/risorse/{resource}.ics`: the resource's slots that have not
    /// ended, with their booked seats (``ResourceFeed``), for a tutor's or a room's calendar app to
    /// subscribe to. No login: the feed holds no personal data.
    @Sendable func resourceFeed(_ request: Request, context: IntakeContext) async throws -> Response {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        guard let calendar = context.parameters.get("calendar").flatMap(runtime.portal.calendar(id:)),
            let resource = context.parameters.get("resource").flatMap(calendar.resource(id:))
        else { throw PageError.unknownResource(portal: runtime.portal.id) }
        let file = ResourceFeed.document(
            calendar: calendar, resource: resource, portal: runtime.portal.id,
            seatsTaken: try await runtime.database.seatsTaken(calendar: calendar.id),
            host: BookingICS.host(of: runtime.portal), now: clock())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/calendar; charset=utf-8", .cacheControl: "public, max-age=\(Self.feedSeconds)",
                .init("X-Robots-Tag")!: "noindex",
            ], body: .init(byteBuffer: ByteBuffer(string: file)))
    }

    /// `POST /r/{token}/cancel`: cancels a confirmed or waiting booking before its calendar's
    /// cancellation deadline, freeing its seats and promoting the slot's waiting list in the same
    /// transaction (``PortalDatabase/cancelBooking(token:capacity:at:)``), then a 303 back to the
    /// receipt; after the deadline, 410.
    @Sendable func cancel(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard RandomToken.isWellFormed(token) else { throw PageError.unknownBooking(portal: onlyPortal) }
        let now = clock()
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let booking = try await runtime.database.booking(token: token) else { continue }
            if booking.state != .cancelled {
                let calendar = runtime.portal.calendar(id: booking.calendarID)
                guard let slot = calendar?.slot(id: booking.slotID), let calendar,
                    now < calendar.cancelDeadline(for: slot)
                else { throw PageError.cancelTooLate(portal: runtime.portal.id) }
                if let promoted = try await runtime.database.cancelBooking(
                    token: token, capacity: slot.capacity, at: now)
                {
                    metrics.count(.cancelled, portal: runtime.portal.id, calendar: calendar.id)
                    for _ in promoted { metrics.count(.promoted, portal: runtime.portal.id, calendar: calendar.id) }
                    logger.info(
                        "booking cancelled",
                        metadata: [
                            "portal": "\(runtime.portal.id)", "calendar": "\(calendar.id)",
                            "promoted": "\(promoted.count)",
                        ])
                }
            }
            return redirect.seeOther("/r/\(token)")
        }
        throw PageError.unknownBooking(portal: onlyPortal)
    }

    /// `GET /r/{token}/prenotazione.ics`: the booking as an iCalendar file (``BookingICS``).
    @Sendable func calendarFile(_ request: Request, context: IntakeContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard RandomToken.isWellFormed(token) else { throw PageError.unknownBooking(portal: onlyPortal) }
        for runtime in portals.values.sorted(by: { $0.portal.id < $1.portal.id }) {
            guard let booking = try await runtime.database.booking(token: token) else { continue }
            guard let calendar = runtime.portal.calendar(id: booking.calendarID),
                let slot = calendar.slot(id: booking.slotID)
            else { throw PageError.unknownBooking(portal: runtime.portal.id) }
            let file = BookingICS.document(
                booking, calendar: calendar, slot: slot, host: BookingICS.host(of: runtime.portal), now: clock())
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/calendar; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"prenotazione.ics\"", .cacheControl: "no-store",
                    .init("X-Robots-Tag")!: "noindex",
                ], body: .init(byteBuffer: ByteBuffer(string: file)))
        }
        throw PageError.unknownBooking(portal: onlyPortal)
    }

    /// Up to ``alternativesShown`` other open slots of the calendar with at least `seats` seats (the party)
    /// left, nearest in time to the target's first, then in start order.
    private func alternatives(to target: Target, seats: Int, now: Date) async throws -> [(slot: Slot, seatsLeft: Int)] {
        let left = try await target.runtime.database.seatsLeft(in: target.calendar)
        let start = target.slot.startInstant
        return target.calendar.slots
            .filter { $0.id != target.slot.id && target.calendar.bookingState(of: $0, at: now) == .open }
            .map { (slot: $0, seatsLeft: left[$0.id] ?? 0) }
            .filter { $0.seatsLeft >= seats }
            .sorted {
                abs($0.slot.startInstant.timeIntervalSince(start)) < abs($1.slot.startInstant.timeIntervalSince(start))
            }
            .prefix(Self.alternativesShown)
            .sorted { $0.slot < $1.slot }
    }

    private func target(_ context: IntakeContext) throws -> Target {
        guard let runtime = portals[try context.parameters.require("portal")] else { throw PageError.unknownPortal() }
        let portal = runtime.portal.id
        guard let calendar = context.parameters.get("calendar").flatMap(runtime.portal.calendar(id:)),
            let slot = calendar.slot(id: try context.parameters.require("slot"))
        else { throw PageError.unknownSlot(portal: portal) }
        return Target(runtime: runtime, calendar: calendar, slot: slot)
    }

    /// The whole body within `limits.body_bytes`, parsed, and the booking fields read from it.
    private func read(_ request: Request, _ target: Target, now: Date) async throws -> Result<
        BookingRequest, BookingRequest.Problems
    > {
        let posted = try await PostedForm.read(
            request, limits: limits, fileLimit: 0, byteLimit: BookingRequest.postedByteLimit(forName:),
            portal: target.portal,
            back: MessagePage.Link(text: "Torna al turno di \(Pages.slotText(target.slot))", url: target.slotURL))
        return BookingRequest.read(posted, calendar: target.calendar, now: now)
    }

    /// The slot's form again with `problems` found once the fields were read (422), with the family's answers.
    private func problemsPage(_ problems: [BookingRequest.Problem], of booking: BookingRequest, _ target: Target)
        throws(ThemeError) -> String
    {
        try problemsPage(.init(problems: problems, typed: booking.answers), target)
    }

    /// The slot's form again with `problems` (422), posting to the daemon's own address of the slot.
    private func problemsPage(_ problems: BookingRequest.Problems, _ target: Target) throws(ThemeError) -> String {
        try target.runtime.pages.bookingProblems(
            problems, calendar: target.calendar, slot: target.slot,
            action: redirect.path(target.runtime.portal.bookingPath(for: target.calendar, slot: target.slot)))
    }

    /// The slot's form again (422) with one `problem`, the fields as `booking` holds them.
    private func problemPage(_ problem: BookingRequest.Problem, _ booking: BookingRequest, _ target: Target)
        throws(ThemeError) -> Response
    {
        let typed = Dictionary(booking.waitlistFields.map { ($0.name, $0.value) }) { first, _ in first }
        return .page(.unprocessableContent, try problemsPage(.init(problems: [problem], typed: typed), target))
    }

    private func count(_ outcome: IntakeMetrics.BookingOutcome, _ target: Target) {
        metrics.count(outcome, portal: target.portal, calendar: target.calendar.id)
    }

    /// `error`, once the refused post is counted.
    private func refused(_ outcome: IntakeMetrics.BookingOutcome, _ target: Target, _ error: PageError) -> PageError {
        count(outcome, target)
        return error
    }

    /// The portal of the pages when the daemon serves only one; a token does not say its portal.
    private var onlyPortal: String? { portals.count == 1 ? portals.keys.first : nil }
}

/// The pages of a booking that is refused, with what the family can do next.
extension PageError {
    static func unknownSlot(portal: String) -> PageError {
        PageError(
            .notFound, portal: portal, "Turno non trovato",
            "Questo turno non esiste. Cerca il servizio nel portale e scegli un turno dal suo calendario.")
    }

    static func bookingClosed(_ slot: Slot, portal: String) -> PageError {
        PageError(
            .gone, portal: portal, "Prenotazioni chiuse",
            "Le prenotazioni per il turno di \(Pages.slotText(slot)) sono chiuse. La prenotazione non è stata registrata: scegli un altro turno."
        )
    }

    static func bookingNotYetOpen(opens: Date, portal: String) -> PageError {
        PageError(
            .notFound, portal: portal, "Prenotazioni non ancora aperte",
            "Potrai prenotare questo turno dal \(Pages.dateTime(opens)). La prenotazione non è stata registrata.")
    }

    static func bookingNotStored(portal: String) -> PageError {
        PageError(
            .serviceUnavailable, portal: portal, "Prenotazione non salvata",
            "Non siamo riusciti a salvare la prenotazione: non è stata registrata. Riprova tra qualche minuto.",
            headers: [.retryAfter: "120"])
    }

    static func unknownResource(portal: String) -> PageError {
        PageError(
            .notFound, portal: portal, "Calendario non trovato",
            "Questo calendario non esiste. Copia di nuovo l'indirizzo del calendario dalle pagine delle presenze.")
    }

    static func unknownBooking(portal: String?) -> PageError {
        PageError(
            .notFound, portal: portal, "Prenotazione non trovata",
            "Controlla di aver copiato tutto l'indirizzo della ricevuta della prenotazione.")
    }

    static func cancelTooLate(portal: String) -> PageError {
        PageError(
            .gone, portal: portal, "Non è più possibile annullare",
            "Il termine per annullare questa prenotazione è passato. Se non puoi venire, avvisa il comune.")
    }
}
