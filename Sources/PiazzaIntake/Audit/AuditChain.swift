import Crypto
import Foundation
import GRDB

/// The hash chain of an `audit_log` table, the same in each portal database and in the users
/// database: append-only, tamper-evident (research/domain.md §3.8, after Garante 27/11/2008 on
/// access logs: "completezza, inalterabilità, possibilità di verifica").
///
/// Entry `seq` (1, 2, 3… without gaps) stores `hash` = lowercase hex SHA-256 of the previous
/// entry's `hash` (64 zeros for the first) followed by ``canonical(seq:at:actor:action:caseNumber:detail:)``.
/// Changing an entry breaks its own hash, removing one leaves a gap or a broken link, reordering
/// breaks the link; ``verify(in:)`` names the first. Removing the *last* entries leaves a shorter,
/// valid chain: compare the head ``AuditVerification/head`` with one kept elsewhere.
enum AuditChain {
    /// The table, for the migrations of both databases.
    static let createTableSQL = """
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            case_number TEXT,
            detail TEXT,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        ) STRICT;
        """

    /// The `previous_hash` of the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// Appends `event` after the last entry, inside the caller's write transaction (so an entry is
    /// written with the change it records, or neither is). Returns the new entry's `seq`.
    ///
    /// - Throws: GRDB's error.
    @discardableResult
    static func append(_ event: AuditEvent, in db: Database) throws -> Int64 {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let seq = (last?["seq"] as Int64? ?? 0) + 1
        let previous: String = last?["hash"] ?? genesis
        let entry = AuditEntry(
            seq: seq, at: Timestamp.string(event.at), actor: event.actor, action: event.action.rawValue,
            caseNumber: event.caseNumber, detail: event.detail, previousHash: previous, hash: "")
        try db.execute(
            sql: """
                INSERT INTO audit_log (seq, at, actor, action, case_number, detail, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seq, entry.at, entry.actor, entry.action, entry.caseNumber, entry.detail, previous,
                hash(of: entry),
            ])
        return seq
    }

    /// Walks the whole chain, oldest first, with a cursor (memory does not grow with the log).
    ///
    /// - Throws: GRDB's error.
    static func verify(in db: Database) throws -> AuditVerification {
        var expected: Int64 = 1
        var previous = genesis
        let rows = try AuditEntry.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY seq")
        while let entry = try rows.next() {
            if entry.seq != expected { return .broken(seq: expected, .removed) }
            if entry.previousHash != previous { return .broken(seq: entry.seq, .reordered) }
            if hash(of: entry) != entry.hash { return .broken(seq: entry.seq, .changed) }
            previous = entry.hash
            expected += 1
        }
        return .intact(count: Int(expected - 1), head: previous)
    }

    /// Entries newest first, `limit` at a time, before `seq` (keyset on the primary key).
    static func page(before seq: Int64?, limit: Int, in db: Database) throws -> [AuditEntry] {
        try AuditEntry.fetchAll(
            db, sql: "SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?",
            arguments: [seq ?? Int64.max, limit])
    }

    /// The hash an entry must carry: SHA-256 over its `previousHash` and its canonical encoding.
    static func hash(of entry: AuditEntry) -> String {
        var digest = SHA256()
        digest.update(data: Data(entry.previousHash.utf8))
        digest.update(
            data: canonical(
                seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, caseNumber: entry.caseNumber,
                detail: entry.detail))
        return Hex.string(digest.finalize())
    }

    /// The bytes hashed for an entry: each field as `<UTF-8 byte count>:<bytes>;`, an absent one as
    /// `-;`, in column order. Length prefixes make the encoding unambiguous: no two entries give the
    /// same bytes, whatever their text holds.
    static func canonical(
        seq: Int64, at: String, actor: String, action: String, caseNumber: String?, detail: String?
    ) -> Data {
        var bytes = Data()
        for field in [String(seq), at, actor, action, caseNumber, detail] {
            if let field {
                bytes.append(contentsOf: "\(field.utf8.count):".utf8)
                bytes.append(contentsOf: field.utf8)
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(UInt8(ascii: ";"))
        }
        return bytes
    }
}

/// A row of `audit_log` as stored: text as written, so that verification hashes exactly what is
/// there, including values no code would write.
struct AuditEntry: Sendable, Hashable, FetchableRecord {
    var seq: Int64
    /// ISO 8601 UTC (``Timestamp``).
    var at: String
    var actor: String
    /// An ``AuditAction`` raw value.
    var action: String
    var caseNumber: String?
    var detail: String?
    var previousHash: String
    var hash: String

    init(
        seq: Int64, at: String, actor: String, action: String, caseNumber: String?, detail: String?,
        previousHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.caseNumber = caseNumber
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    init(row: Row) throws {
        seq = row["seq"]
        at = row["at"]
        actor = row["actor"]
        action = row["action"]
        caseNumber = row["case_number"]
        detail = row["detail"]
        previousHash = row["previous_hash"]
        hash = row["hash"]
    }
}

/// The outcome of ``AuditChain/verify(in:)``.
enum AuditVerification: Sendable, Hashable {
    /// How the chain breaks at an entry.
    enum Fault: Sendable, Hashable {
        /// The entry's content no longer gives its hash.
        case changed
        /// There is no entry at this position: it was removed.
        case removed
        /// The entry does not follow the one before it: moved, inserted, or one before it removed
        /// and the rest renumbered.
        case reordered
    }

    /// Every entry in place; `head` is the last hash (the genesis hash for an empty log).
    case intact(count: Int, head: String)
    /// The first entry where the chain breaks.
    case broken(seq: Int64, Fault)

    /// One line for people: `12 entries intact, head 3f…` or `entry 3 was changed (...)`.
    var summary: String {
        switch self {
        case .intact(let count, let head): "\(count) entries intact; head \(head)"
        case .broken(let seq, .changed):
            "entry \(seq) was changed: its content no longer matches its hash"
        case .broken(let seq, .removed): "entry \(seq) was removed: the log has no entry at that position"
        case .broken(let seq, .reordered):
            "entry \(seq) is out of order: it does not follow entry \(seq - 1) (moved, inserted or renumbered)"
        }
    }
}
