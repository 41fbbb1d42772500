import Foundation
import GRDB
import Synchronization

/// Keeps a numero pratica from being given twice after a restore (findings-s12 #12).
///
/// The per-year counter lives in the portal's database, so a database restored from a backup
/// would count again from the backup's last number and give the numbers issued after the backup
/// to other citizens (whose receipts then point to someone else's case). The daemon therefore keeps,
/// outside the database, the file `<data>/<portal>/numbers`, one line `application <year> <n>` per
/// year: every number up to `n` may have been given. It is raised a block of ``block`` numbers at a
/// time, written to a new file, synced and renamed before the transaction that takes the first
/// number past it commits, so it is always ahead of the database and costs one sync per block.
///
/// `piazza backup` marks each portal database it copies (table ``markTable``). When the daemon
/// opens a marked database (a restore), it raises each year's counter to the file's `n` and drops
/// the mark, so numbering goes on after every number that may have been issued (a gap of at most
/// one block); a marked database with no file refuses to open and says how to write the file
/// (``Refusal``). The file is not in the backup: an old copy of it would be behind.
final class NumberReservation: Sendable {
    /// The file's name in the portal's folder.
    static let fileName = "numbers"
    /// The table `piazza backup` creates in each portal database it copies.
    static let markTable = "restored_from_backup"
    /// Numbers reserved at a time: a restore skips at most this many.
    static let block = 1000

    /// A marked (restored) database and no `numbers` file: the numbers issued after the backup are
    /// unknown, and the daemon does not start rather than give them again.
    struct Refusal: Error, CustomStringConvertible {
        var file: URL
        var description: String {
            "the database beside \(file.path) was restored from a backup, and \(file.path) (the numeri pratica the "
                + "daemon may have issued) is missing, so numbers issued after the backup could be given again; "
                + "write the last numero pratica issued (the latest `application stored` log line, a receipt) into it, "
                + "e.g. `echo 'application 2026 1234' > \(file.path)`, and start again"
        }
    }

    let file: URL
    /// The highest number reserved per year.
    private let reserved: Mutex<[Int: Int]>

    private init(file: URL, reserved: [Int: Int]) {
        self.file = file
        self.reserved = Mutex(reserved)
    }

    /// Reads `folder/numbers` and, when `writer`'s database is a restored backup copy, raises its
    /// counters past the file's numbers and drops the mark, in one transaction.
    ///
    /// - Throws: ``Refusal`` for a restored database without the file; ``MaintenanceError``
    ///   `.database` for a file that does not parse (naming its line); GRDB's error.
    static func open(folder: URL, writer: some DatabaseWriter) throws -> NumberReservation {
        let file = folder.appendingPathComponent(fileName)
        let text = try? String(contentsOf: file, encoding: .utf8)
        let reserved = try text.map { try parse($0, file: file) } ?? [:]
        try writer.write { db in
            guard try db.tableExists(markTable) else { return }
            guard text != nil else { throw Refusal(file: file) }
            for (year, number) in reserved {
                try db.execute(
                    sql: """
                        INSERT INTO counters (name, year, value) VALUES ('application', ?, ?)
                        ON CONFLICT (name, year) DO UPDATE SET value = max(value, excluded.value)
                        """, arguments: [year, number])
            }
            try db.execute(sql: "DROP TABLE \(markTable)")
        }
        return NumberReservation(file: file, reserved: reserved)
    }

    /// `application <year> <n>` lines; blank lines are skipped.
    private static func parse(_ text: String, file: URL) throws -> [Int: Int] {
        var reserved: [Int: Int] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(separator: " ")
            if words.isEmpty { continue }
            guard words.count == 3, words[0] == "application", let year = Int(words[1]), let number = Int(words[2]),
                number >= 0
            else {
                throw MaintenanceError(
                    .database,
                    "\(file.path):\(index + 1): '\(line)' is not 'application <year> <last numero pratica>', "
                        + "e.g. 'application 2026 1234'; fix the line")
            }
            reserved[year] = max(reserved[year] ?? 0, number)
        }
        return reserved
    }

    /// Records that `number` of `year` is being given: past the reserved block, reserves the next
    /// one and writes the file durably before returning (call it inside the transaction that takes
    /// the number, so that the number never commits ahead of the file).
    ///
    /// - Throws: ``MaintenanceError`` `.destination` when the file cannot be written; the
    ///   transaction must then fail.
    func cover(_ number: Int, year: Int) throws {
        try reserved.withLock { reserved in
            guard number > reserved[year] ?? 0 else { return }
            var next = reserved
            next[year] = number + Self.block - 1
            try write(next)
            reserved = next
        }
    }

    private func write(_ reserved: [Int: Int]) throws {
        let text = reserved.keys.sorted().map { "application \($0) \(reserved[$0]!)\n" }.joined()
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(Self.fileName).new")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw MaintenanceError(
                .destination, "cannot write \(temporary.path) (\(DurableFiles.reason(error))); free space on its disk")
        }
        try DurableFiles.sync(temporary)
        guard rename(temporary.path, file.path) == 0 else {
            throw MaintenanceError(
                .destination, "cannot rename \(temporary.path) to \(file.path): \(String(cString: strerror(errno)))")
        }
        try DurableFiles.sync(file.deletingLastPathComponent())
    }
}
