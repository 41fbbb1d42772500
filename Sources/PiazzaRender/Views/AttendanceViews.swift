/// The attendance pages of the back office (`/operator/{portal}/presenze`): the slots a user marks,
/// and one slot's bookings with a choice of present, absent or justified for each. Texts are
/// Italian and plain (the templates escape them).
public struct AttendanceListView: Sendable, Hashable {
    /// A slot with bookings, linked to its attendance page.
    public struct Slot: Sendable, Hashable {
        public var text: String
        public var resource: String
        public var url: String
        /// `3 posti prenotati, 2 segnati`.
        public var status: String

        public init(text: String, resource: String, url: String, status: String) {
            self.text = text
            self.resource = resource
            self.url = url
            self.status = status
        }
    }

    /// A calendar and its slots in the days shown.
    public struct Calendar: Sendable, Hashable {
        public var title: String
        public var slots: [Slot]

        public init(title: String, slots: [Slot]) {
            self.title = title
            self.slots = slots
        }
    }

    /// A resource's iCalendar feed of upcoming slots, to subscribe to in a calendar app.
    public struct Feed: Sendable, Hashable {
        /// `Gruppi di studio – Anna, tutor`.
        public var title: String
        public var url: String

        public init(title: String, url: String) {
            self.title = title
            self.url = url
        }
    }

    /// `dal 17 maggio 2026 al 8 giugno 2026`.
    public var period: String
    public var calendars: [Calendar]
    /// The rendicontazione page, for users who may read it (not tutors).
    public var reportURL: String?
    /// The feeds of the resources whose slots the user marks.
    public var feeds: [Feed]

    public init(period: String, calendars: [Calendar], reportURL: String?, feeds: [Feed]) {
        self.period = period
        self.calendars = calendars
        self.reportURL = reportURL
        self.feeds = feeds
    }
}

/// One slot's attendance form.
public struct AttendanceSlotView: Sendable, Hashable {
    /// One choice of a booking's radio group.
    public struct Choice: Sendable, Hashable {
        public var value: String
        public var label: String
        public var isChecked: Bool

        public init(value: String, label: String, isChecked: Bool) {
            self.value = value
            self.label = label
            self.isChecked = isChecked
        }
    }

    /// A booked family: its field name (`presenza-12`), who, how many seats, and the choices.
    public struct Booking: Sendable, Hashable {
        public var field: String
        public var name: String
        public var seats: Int
        public var contact: String
        public var choices: [Choice]
        /// `segnato da anna il 03/06/2026 alle 16:40`, once marked.
        public var marked: String?

        public init(field: String, name: String, seats: Int, contact: String, choices: [Choice], marked: String?) {
            self.field = field
            self.name = name
            self.seats = seats
            self.contact = contact
            self.choices = choices
            self.marked = marked
        }
    }

    public var calendarTitle: String
    public var slotText: String
    public var resource: String
    public var bookings: [Booking]
    /// The form's `POST` address; `nil` before the slot starts (nothing to mark yet).
    public var actionURL: String?
    public var csrf: String
    public var listURL: String
    /// A sentence above the form: saved, or what to fix.
    public var notice: String?

    public init(
        calendarTitle: String, slotText: String, resource: String, bookings: [Booking], actionURL: String?,
        csrf: String, listURL: String, notice: String?
    ) {
        self.calendarTitle = calendarTitle
        self.slotText = slotText
        self.resource = resource
        self.bookings = bookings
        self.actionURL = actionURL
        self.csrf = csrf
        self.listURL = listURL
        self.notice = notice
    }
}

extension PortalRenderer {
    /// The slots a back-office user marks attendance for, in the portal's look.
    public func renderAttendanceList(_ view: AttendanceListView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Presenze", description: nil, links: daemonLinks, layout: "operator", breadcrumb: [], section: "")
        let context: [String: Any] = [
            "period": view.period,
            "hasCalendars": !view.calendars.isEmpty,
            "calendars": view.calendars.map { calendar in
                [
                    "title": calendar.title,
                    "slots": calendar.slots.map {
                        ["text": $0.text, "resource": $0.resource, "url": $0.url, "status": $0.status]
                    },
                ] as [String: Any]
            },
            "reportURL": view.reportURL ?? false,
            "hasFeeds": !view.feeds.isEmpty,
            "feeds": view.feeds.map { ["title": $0.title, "url": $0.url] },
        ]
        return try render("operator-attendance", base: base, ["attendance": context])
    }

    /// One slot's bookings with a radio group each, in the portal's look.
    public func renderAttendanceSlot(_ view: AttendanceSlotView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Presenze – \(view.slotText)", description: nil, links: daemonLinks, layout: "operator",
            breadcrumb: [], section: "")
        let context: [String: Any] = [
            "calendarTitle": view.calendarTitle, "slotText": view.slotText, "resource": view.resource,
            "hasBookings": !view.bookings.isEmpty,
            "bookings": view.bookings.map { booking in
                [
                    "field": booking.field, "name": booking.name, "seats": String(booking.seats),
                    "contact": booking.contact, "marked": booking.marked ?? false,
                    "choices": booking.choices.map {
                        [
                            "value": $0.value, "label": $0.label, "checked": $0.isChecked,
                            "id": booking.field + "-" + $0.value,
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
            "actionURL": view.actionURL ?? false, "csrf": view.csrf, "listURL": view.listURL,
            "notice": view.notice ?? false,
        ]
        return try render("operator-attendance-slot", base: base, ["slot": context])
    }
}

/// The rendicontazione page: a calendar and a period to choose (a `GET` form), and the figures in
/// tables (per resource, per month, per family), each with its caption, row and column headings.
public struct RendicontazioneView: Sendable, Hashable {
    /// A calendar to choose.
    public struct Choice: Sendable, Hashable {
        public var id: String
        public var title: String
        public var isSelected: Bool

        public init(id: String, title: String, isSelected: Bool) {
            self.id = id
            self.title = title
            self.isSelected = isSelected
        }
    }

    /// One table of figures.
    public struct Table: Sendable, Hashable {
        /// The section's anchor (`famiglie`).
        public var id: String
        /// The section's heading (`Per famiglia`).
        public var title: String
        /// `Per famiglia: Gruppi di studio, dal 1 maggio 2026 al 31 maggio 2026`.
        public var caption: String
        /// The column headings, the first naming the rows.
        public var headings: [String]
        /// One row of cells each, the first being the row's heading.
        public var rows: [[String]]

        public init(id: String, title: String, caption: String, headings: [String], rows: [[String]]) {
            self.id = id
            self.title = title
            self.caption = caption
            self.headings = headings
            self.rows = rows
        }
    }

    public var actionURL: String
    public var calendars: [Choice]
    /// The period as the date inputs hold it (`2026-05-01`).
    public var from: String
    public var until: String
    public var tables: [Table]
    /// The same figures as a CSV for Excel, when available.
    public var csvURL: String?
    /// What is wrong with the period asked for.
    public var error: String?

    public init(
        actionURL: String, calendars: [Choice], from: String, until: String, tables: [Table], csvURL: String?,
        error: String?
    ) {
        self.actionURL = actionURL
        self.calendars = calendars
        self.from = from
        self.until = until
        self.tables = tables
        self.csvURL = csvURL
        self.error = error
    }
}

extension PortalRenderer {
    /// The rendicontazione page of a portal's calendars, in the portal's look.
    public func renderRendicontazione(_ view: RendicontazioneView) throws(ThemeError) -> String {
        let base = baseContext(
            title: "Rendicontazione", description: nil, links: daemonLinks, layout: "operator", breadcrumb: [],
            section: "")
        let context: [String: Any] = [
            "actionURL": view.actionURL,
            "calendars": view.calendars.map {
                ["id": $0.id, "title": $0.title, "selected": $0.isSelected] as [String: Any]
            },
            "from": view.from, "until": view.until,
            "tables": view.tables.map { table in
                [
                    "id": table.id, "title": table.title, "caption": table.caption,
                    "headings": table.headings.map { ["text": $0] }, "hasRows": !table.rows.isEmpty,
                    "rows": table.rows.map { row in
                        ["head": row.first ?? "", "cells": row.dropFirst().map { ["text": $0] }] as [String: Any]
                    },
                ] as [String: Any]
            },
            "csvURL": view.csvURL ?? false,
            "error": view.error ?? false,
        ]
        return try render("operator-report", base: base, ["report": context])
    }
}
