import Foundation
import GRDB

extension PortalDatabase {
    /// The confirmed bookings of some slots of a calendar, in order of booking: who is expected, and
    /// whether they came (``BookingRecord/attendance``).
    ///
    /// - Parameter slots: slot ids (``PiazzaContent/Slot/id``); bookings of other slots are left out.
    func confirmedBookings(calendar: String, slots: Set<String>) async throws -> [BookingRecord] {
        guard !slots.isEmpty else { return [] }
        return try await writer.read { db in
            try BookingRecord
                .filter(Column("calendar_id") == calendar && Column("state") == BookingState.confirmed)
                .filter(slots.contains(Column("slot_id")))
                .order(Column("id"))
                .fetchAll(db)
        }
    }

    /// Records whether each family came to a slot, with who marked it and when, in one transaction
    /// with its entry in the audit log (``AuditAction/markAttendance``, when any booking was marked):
    /// the calendar, the slot and the counts per mark, never a family's name.
    ///
    /// - Parameter marks: the attendance by booking id; only confirmed bookings of that slot are
    ///   changed, an id of another slot or of a cancelled booking is skipped.
    /// - Returns: how many bookings were marked.
    func markAttendance(
        calendar: String, slot: String, marks: [Int64: Attendance], by user: String, at instant: Date
    ) async throws -> Int {
        try await committer.write { db in
            var marked = 0
            var counts: [Attendance: Int] = [:]
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE bookings SET attendance = ?, attendance_by = ?, attendance_at = ?
                    WHERE id = ? AND calendar_id = ? AND slot_id = ? AND state = ?
                    """)
            for (id, attendance) in marks.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [
                    attendance, user, Timestamp.string(instant), id, calendar, slot, BookingState.confirmed,
                ])
                marked += db.changesCount
                counts[attendance, default: 0] += db.changesCount
            }
            if marked > 0 {
                let detail = Attendance.allCases.filter { counts[$0, default: 0] > 0 }
                    .map { "\($0.rawValue) \(counts[$0]!)" }.joined(separator: ", ")
                _ = try AuditChain.append(
                    AuditEvent(
                        at: instant, actor: user, action: .markAttendance, detail: "\(calendar) \(slot): \(detail)"),
                    in: db)
            }
            return marked
        }
    }
}
