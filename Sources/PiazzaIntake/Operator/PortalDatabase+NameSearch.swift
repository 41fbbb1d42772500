import Foundation
import GRDB
import PiazzaContent

/// The queue's search by the applicant's name (findings-s12 #13): the words of the name fields,
/// folded, in `application_names`, which the queue reads with an index like the codici fiscali.
///
/// The words are taken from what is stored, not at submission: ``indexNames(form:)`` indexes the
/// applications stored since it last ran (`application_names_indexed.upto`, the largest id seen),
/// before each search by name, so a submission writes nothing more.
extension PortalDatabase {
    /// Migration v19: the words table, its progress, and the trigger that forgets a case's words
    /// when its answers are replaced (retention's anonymisation is the only writer that does).
    static func addNameSearch(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE application_names (
                    word TEXT NOT NULL,
                    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
                    PRIMARY KEY (word, application_id)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX application_names_application ON application_names (application_id);
                CREATE TABLE application_names_indexed (upto INTEGER NOT NULL) STRICT;
                INSERT INTO application_names_indexed (upto) VALUES (0);
                CREATE TRIGGER application_names_forget AFTER UPDATE OF answers ON applications
                BEGIN DELETE FROM application_names WHERE application_id = NEW.id; END;
                """)
    }

    /// Applications indexed per transaction by ``indexNames(form:)``: a first run over a large
    /// portal holds the write lock a few milliseconds at a time, between submissions.
    static let nameIndexBatch = 500

    /// Indexes the name words (``FormDefinition/applicantNameFields``, ``NameWords/stored(_:)``) of the
    /// applications stored since the last run, with the form definitions of the content served now;
    /// an application of a form no longer served, or anonymised, gets none.
    ///
    /// SQLite's `json_each` hands over only the texts of the answers, as the export's column query
    /// does: decoding each application's answers in Swift took 32 s for 100,000 applications with a
    /// debug build (`bench/operator.sh`, the first search by name).
    ///
    /// - Returns: how many applications were read.
    /// - Throws: GRDB's error; the batches committed before stay.
    @discardableResult
    func indexNames(form: @escaping @Sendable (String) -> FormDefinition?) async throws -> Int {
        var total = 0
        while true {
            let read = try await writer.write { db in
                let upto = try Int64.fetchOne(db, sql: "SELECT upto FROM application_names_indexed") ?? 0
                let batch = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT count(*) AS n, max(id) AS last FROM (SELECT id FROM applications WHERE id > ? ORDER BY id LIMIT ?)",
                    arguments: [upto, Self.nameIndexBatch])
                guard let batch, let last = batch["last"] as Int64? else { return 0 }
                let texts = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT a.id, a.form_id, json_extract(answer.value, '$.name') AS field,
                            json_extract(answer.value, '$.text') AS text
                        FROM applications a, json_each(a.answers, '$.answers') AS answer
                        WHERE a.id > ? AND a.id <= ? AND a.anonymised_at IS NULL
                            AND json_extract(answer.value, '$.text') IS NOT NULL
                        """,
                    arguments: [upto, last])
                let insert = try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO application_names (word, application_id) VALUES (?, ?)")
                var fields: [String: Set<String>] = [:]
                while let row = try texts.next() {
                    let formID: String = row["form_id"]
                    if fields[formID] == nil { fields[formID] = form(formID)?.applicantNameFields ?? [] }
                    guard fields[formID]?.contains(row["field"]) == true else { continue }
                    let id: Int64 = row["id"]
                    for word in NameWords.stored(row["text"]) {
                        try insert.execute(arguments: [word, id])
                    }
                }
                try db.execute(sql: "UPDATE application_names_indexed SET upto = ?", arguments: [last])
                return batch["n"] as Int
            }
            total += read
            if read < Self.nameIndexBatch { return total }
        }
    }

    /// Whether applications were stored since the last ``indexNames(form:)``: a read, so a search
    /// by name takes the write lock only when there is something to index.
    func namesPending() async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM applications
                    WHERE id > (SELECT upto FROM application_names_indexed))
                    """) ?? false
        }
    }

    /// The condition on `applications.id` for a search by name, and its arguments: every word
    /// searched begins a word of the case's names (`ross` finds Rossi and De Rossi), each served
    /// by a range on `application_names`' primary key.
    static func nameCondition(_ words: [String]) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        let one = "id IN (SELECT application_id FROM application_names WHERE word >= ? AND word < ?)"
        return (
            Array(repeating: one, count: words.count).joined(separator: " AND "),
            words.flatMap { [$0, $0 + Self.afterEveryWord] as [any DatabaseValueConvertible] }
        )
    }

    /// Greater, in SQLite's binary order of UTF-8 bytes, than any text starting with a given prefix
    /// followed by anything: U+10FFFF's bytes (`F4 8F BF BF`) are the largest valid UTF-8 has.
    private static let afterEveryWord = "\u{10FFFF}"
}

extension FormDefinition {
    /// The `autocomplete` tokens (HTML) of the fields whose words the queue's search by name finds:
    /// a person's full, given, middle or family name, and an organisation's name (a shop's enrolment).
    static let nameTokens: Set = ["name", "given-name", "additional-name", "family-name", "organization"]

    /// The names of the applicant's top-level fields whose words the search finds (``nameTokens``);
    /// household members in groups are the data-subject export's.
    var applicantNameFields: Set<String> {
        Set(fields.filter { $0.type != .group && $0.autocomplete.map(Self.nameTokens.contains) == true }.map(\.name))
    }
}

/// How a name is cut into the words the queue's search compares: folded (``String/caseAndDiacriticFolded``:
/// `Zoë` → `zoe`, `ROSSÌ` → `rossi`), split at every character that is not a letter or a digit (spaces,
/// apostrophes, hyphens).
enum NameWords {
    /// The words searched for in what an operator typed, without repeats; empty when there is none.
    static func searched(_ text: String) -> [String] {
        var words: [String] = []
        for word in split(text) where !words.contains(word) { words.append(word) }
        return words
    }

    /// The words stored for a name: each word, then every run of neighbouring words written together
    /// (`Zoë De Rossi` → `zoe`, `de`, `rossi`, `zoede`, `zoederossi`, `derossi`), so a surname typed
    /// without its space or apostrophe (`derossi`, `dangelo`) is found too. Runs of at most
    /// ``longestRun`` words: a name has a few, and a long text in a name field stays a few rows.
    static func stored(_ text: String) -> [String] {
        let words = split(text)
        var stored = words
        for start in words.indices {
            for end in words.indices where end > start && end - start < longestRun {
                stored.append(words[start...end].joined())
            }
        }
        return stored
    }

    /// The most words a run of ``stored(_:)`` joins.
    static let longestRun = 4

    private static func split(_ text: String) -> [String] {
        text.caseAndDiacriticFolded.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
