import Foundation
import GRDB

/// Where a booking stands, stored by its Italian name (`bookings.state`).
enum BookingState: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
    /// Holds its seats.
    case confirmed = "confermata"
    /// On the slot's waiting list: holds no seats until a cancellation promotes it (in order of arrival).
    case waiting = "in attesa"
    /// Cancelled by the family before the deadline; its seats are free again.
    case cancelled = "cancellata"
}

/// Whether a booked family came to its slot (PRODUCT.md §7), stored by its Italian name (`bookings.attendance`).
enum Attendance: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    case present = "presente"
    case absent = "assente"
    /// Absent with a reason the comune accepts (illness, school trip).
    case justified = "giustificato"

    /// What the back office shows.
    var label: String {
        switch self {
        case .present: "Presente"
        case .absent: "Assente"
        case .justified: "Assente giustificato"
        }
    }
}

/// A row of `bookings`: seats a family holds in one slot of a calendar.
struct BookingRecord: PortalRecord {
    static let databaseTableName = "bookings"

    var id: Int64?
    /// The receipt token (``RandomToken``), the only way to the booking's receipt and its cancellation.
    var token: String
    var calendarID: String
    /// The slot's stable id (``PiazzaContent/Slot/id``), `2026-12-03T15:00-tutor-anna`.
    var slotID: String
    /// Seats taken: the party size.
    var seats: Int
    var name: String
    /// A telephone number or an e-mail address.
    var contact: String
    /// The numero pratica and codice fiscale of the accepted application, for calendars with `requires_form`.
    var applicationNumber: String?
    var fiscalCode: String?
    var bookedAt: Date
    var state: BookingState
    var cancelledAt: Date?
    /// When a cancellation moved the booking from the waiting list to confirmed.
    var promotedAt: Date?
    /// Whether the family came, marked in the back office after the slot; `nil` until marked.
    var attendance: Attendance?
    /// The back-office user who marked the attendance, and when.
    var attendanceBy: String?
    var attendanceAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, token
        case calendarID = "calendar_id"
        case slotID = "slot_id"
        case seats, name, contact
        case applicationNumber = "application_number"
        case fiscalCode = "fiscal_code"
        case bookedAt = "booked_at"
        case state
        case cancelledAt = "cancelled_at"
        case promotedAt = "promoted_at"
        case attendance
        case attendanceBy = "attendance_by"
        case attendanceAt = "attendance_at"
    }

    enum Columns {
        static let token = Column(CodingKeys.token)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A valid booking request, ready to store: what the family asked for, already checked.
struct BookingDraft: Sendable {
    var calendarID: String
    var slotID: String
    var seats: Int
    var name: String
    var contact: String
    var applicationNumber: String?
    var fiscalCode: String?
    var bookedAt: Date
}
