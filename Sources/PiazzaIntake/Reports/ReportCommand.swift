import Foundation
import ItalianIdentifiers
import NIOCore
import PiazzaContent

/// What `piazza report` does, for the command to call: the export of one form of one portal of
/// the daemon configured by a `piazza.yaml` (``ApplicationsExport``), or the rendicontazione of one
/// of its calendars (``Rendicontazione``), the same bytes as the back office's download; and what
/// `piazza merchants export` does (``writeMerchants(portal:to:)``).
public struct ReportCommand: Sendable {
    let config: DaemonConfig
    let content: ContentTree
    /// Now, for the rendicontazione (it counts the slots started by now) and the audit entries.
    let clock: @Sendable () -> Date
    /// Who the audit log says exported (``AuditEvent/commandLineActor`` for the command).
    let actor: String

    /// Reads the config file and the content it names.
    ///
    /// - Throws: `DaemonConfigError` for the file, `ContentError` for the content.
    public init(configFile: URL) throws {
        let config = try DaemonConfig.load(from: configFile)
        self.init(config: config, content: try ContentTree.load(from: config.contentFolder, portals: config.portals))
    }

    init(
        config: DaemonConfig, content: ContentTree, clock: @escaping @Sendable () -> Date = { Date() },
        actor: String = AuditEvent.commandLineActor
    ) {
        self.config = config
        self.content = content
        self.clock = clock
        self.actor = actor
    }

    /// Writes the export of `form` of `portal` to `output` (standard output for the command), a chunk at a time.
    ///
    /// - Parameter since: only applications submitted on or after this day in Rome, `YYYY-MM-DD`
    ///   (or `dd/mm/yyyy`).
    /// - Throws: ``ReportError`` for an unknown portal or form, a bad date, or a database that does
    ///   not open; the file handle's errors.
    public func write(portal: String, form: String, format: ReportFormat, since: String?, to output: FileHandle)
        async throws
    {
        try await write(portal: portal, form: form, format: format, since: since) { chunk in
            try output.write(contentsOf: chunk.readableBytesView)
        }
    }

    /// Writes the export of `form` of `portal` to `sink`, a chunk at a time.
    ///
    /// - Parameter since: only applications submitted on or after this day in Rome, `YYYY-MM-DD`
    ///   (or `dd/mm/yyyy`).
    /// - Throws: ``ReportError`` for an unknown portal or form, a bad date, or a database that does
    ///   not open; `sink`'s errors.
    func write(
        portal: String, form: String, format: ReportFormat, since: String?,
        to sink: (ByteBuffer) async throws -> Void
    ) async throws {
        let found = try served(portal)
        guard let definition = found.form(id: form) else {
            let forms = found.forms.map(\.id).sorted().joined(separator: ", ")
            throw ReportError(.unknownForm, "portal \(portal) has no form \(form); use one of: \(forms)")
        }
        let days = try period(since: since, until: nil, fallback: nil)
        let database = try await open(portal, exporting: "domande \(definition.id) \(format.rawValue)")
        defer { try? database.writer.close() }
        try await ApplicationsExport(
            database: database, form: definition, format: format, since: days?.lowerBound, until: days?.upperBound
        ).write(to: sink)
    }

    /// Writes the rendicontazione of `calendar` of `portal` from `since` to `until` (days in Rome,
    /// both included; by default the current month up to today) as CSV to `output`.
    ///
    /// - Throws: ``ReportError`` for an unknown portal or calendar, a bad date or period, or a
    ///   database that does not open; the file handle's errors.
    public func writeRendicontazione(
        portal: String, calendar: String, since: String?, until: String?, to output: FileHandle
    ) async throws {
        try await writeRendicontazione(portal: portal, calendar: calendar, since: since, until: until) { chunk in
            try output.write(contentsOf: chunk.readableBytesView)
        }
    }

    /// Writes the rendicontazione of `calendar` of `portal` to `sink` (``Rendicontazione/csv``).
    func writeRendicontazione(
        portal: String, calendar: String, since: String?, until: String?, to sink: (ByteBuffer) async throws -> Void
    ) async throws {
        let found = try served(portal)
        guard let definition = found.calendar(id: calendar) else {
            let calendars = found.calendars.map(\.id).sorted().joined(separator: ", ")
            throw ReportError(
                .unknownCalendar, "portal \(portal) has no calendar \(calendar); use one of: \(calendars)")
        }
        let now = clock()
        let fallback = Rendicontazione.defaultPeriod(today: ContentDateTime.romeDay(of: now))
        // Never nil: read returns the fallback when neither day is given.
        let days = try period(since: since, until: until, fallback: fallback.from...fallback.until)
        let (from, last) = (days?.lowerBound ?? fallback.from, days?.upperBound ?? fallback.until)
        let database = try await open(portal, exporting: "rendicontazione \(definition.id) \(from.iso) \(last.iso)")
        defer { try? database.writer.close() }
        let report = try await Rendicontazione.read(definition, from: from, until: last, now: now, database: database)
        try await sink(report.csv)
    }

    /// The portal of that id among those the config serves.
    func served(_ portal: String) throws -> Portal {
        guard let found = content.portals.first(where: { $0.id == portal }) else {
            let served = content.portals.map(\.id).sorted().joined(separator: ", ")
            throw ReportError(.unknownPortal, "no portal \(portal) is served by this config; use one of: \(served)")
        }
        return found
    }

    /// A period refused by ``PeriodQuery``, said for the command line (`dal` is `--since`, `al` `--until`).
    private static func explained(_ problem: PeriodQuery.Problem, since: String?, until: String?) -> String {
        let option = problem.field == "dal" ? "--since" : "--until"
        switch problem.kind {
        case .missingStart:
            return "--until needs --since: a period starts on a day; give both, --since alone (up to today), "
                + "or neither (this month up to today)"
        case .notADay(let text):
            return "\(option) \(text) is not a date; write it as YYYY-MM-DD, e.g. 2026-06-01"
        case .outOfRange(let text):
            return "\(option) is " + ContentDateProblem.outOfRange.explanation(of: text, malformed: "")
        case .inverted:
            return until == nil
                ? "--since \(since ?? "") is after today; without --until the period ends today"
                : "--since \(since ?? "") is after --until \(until ?? ""); swap them"
        case .tooLong(let days):
            return "the period is longer than \(days) days; shorten it"
        }
    }

    /// The period of `--since` and `--until` by the back office's one rule of a period (``PeriodQuery``:
    /// `dal` and `al`), `fallback` without either.
    ///
    /// - Throws: ``ReportError`` `invalid_date` saying, for the command line, what ``PeriodQuery`` refuses.
    private func period(since: String?, until: String?, fallback: ClosedRange<ContentDate>?) throws
        -> ClosedRange<ContentDate>?
    {
        do throws(PeriodQuery.Problem) {
            return try PeriodQuery.read(
                { ["dal": since, "al": until][$0] ?? nil }, today: ContentDateTime.romeDay(of: clock()),
                fallback: fallback)
        } catch {
            throw ReportError(.invalidDate, Self.explained(error, since: since, until: until))
        }
    }

    /// The portal's database, which must exist already, with an ``AuditAction/export`` entry
    /// (`what` as the detail, as the back office writes it, by ``actor``) appended before anything
    /// is read: every export, wherever it is made, is in the portal's log (PRODUCT.md §8).
    func open(_ portal: String, exporting what: String) async throws -> PortalDatabase {
        // Opening would create an empty database: a wrong `data:` must not look like a portal without applications.
        let file = config.dataFolder.appendingPathComponent(portal).appendingPathComponent(PortalDatabase.fileName)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ReportError(
                .database,
                "no database of portal \(portal) at \(file.path); check that `data:` in the config is the daemon's "
                    + "folder (the daemon creates the file when it first serves the portal)")
        }
        do {
            let database = try PortalDatabase(portalID: portal, dataFolder: config.dataFolder)
            do {
                try await database.appendAudit(AuditEvent(at: clock(), actor: actor, action: .export, detail: what))
            } catch {
                try? database.writer.close()
                throw error
            }
            return database
        } catch {
            throw ReportError(
                .database,
                "cannot open the database of portal \(portal) under \(config.dataFolder.path); "
                    + "check that `data:` in the config is the daemon's folder, readable and writable by this user (the export "
                    + "is recorded in the portal's audit log; run it as the daemon's user)",
                cause: error)
        }
    }
}

/// `piazza report` cannot run as asked.
public struct ReportError: PiazzaError, Sendable {
    /// Stable kinds of failure.
    public enum Code: String, Sendable {
        case unknownPortal = "unknown_portal"
        case unknownForm = "unknown_form"
        case unknownCalendar = "unknown_calendar"
        case invalidDate = "invalid_date"
        case database
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The database is the machine's to fix; the rest is the command line (exit 1 either way).
    public var kind: ErrorKind { code == .database ? .environment : .usage }
}
