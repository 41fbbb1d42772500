import Foundation
import Synchronization

/// What a build tells about its progress (PRODUCT.md §3: a line per phase with counts and time; a bar
/// on a terminal). Events come from several threads.
public enum BuildEvent: Sendable, Hashable {
    /// A portal's content read (and its theme, the first time one names it), before it is rendered: a
    /// build loads and renders one portal at a time.
    case loaded(portal: String, pages: Int, seconds: Double)
    /// A portal's files written so far into its scratch folder (many per second: for the bar only).
    case writing(portal: String, index: Int, of: Int, files: Int)
    /// A portal rendered and written.
    case rendered(portal: String, pages: Int, files: Int, seconds: Double)
    /// Every portal swapped in.
    case published(portals: Int, seconds: Double)

    /// `1 file`, `2 files`, `1 page`: a count with its noun, in the singular for one (findings-s13 #9).
    static func count(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }

    /// The line of a finished phase; `nil` for ``writing(portal:index:of:files:)``.
    public var line: String? {
        func time(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
        switch self {
        case .loaded(let portal, let pages, let seconds):
            return "load \(portal): \(Self.count(pages, "page")) in \(time(seconds))"
        case .writing:
            return nil
        case .rendered(let portal, let pages, let files, let seconds):
            return "render \(portal): \(Self.count(pages, "page")), \(Self.count(files, "file")) in \(time(seconds))"
        case .published(let portals, let seconds):
            return "publish: \(portals) portal(s) swapped in in \(time(seconds))"
        }
    }
}

/// Shows ``BuildEvent``s on standard error: on a terminal one bar redrawn in place (at most ten
/// times a second) and cleared at the end; elsewhere (a pipe, a log) one line per finished phase.
/// Standard output keeps only the command's summary.
public final class ProgressDisplay: Sendable {
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let lastDraw = Mutex<Date?>(nil)

    /// - Parameters:
    ///   - isTerminal: whether standard error is a terminal (`isatty(2)`).
    ///   - write: where text goes (standard error; a collector in tests).
    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.write = write
    }

    /// Shows one event.
    public func show(_ event: BuildEvent) {
        guard isTerminal else {
            if let line = event.line { write(line + "\n") }
            return
        }
        switch event {
        case .writing(let portal, let index, let total, let files):
            let now = Date()
            let due = lastDraw.withLock { last in
                guard last.map({ now.timeIntervalSince($0) >= 0.1 }) ?? true else { return false }
                last = now
                return true
            }
            if due {
                write(
                    "\r\u{1B}[K" + Self.bar(done: index, of: total) + " \(portal): \(BuildEvent.count(files, "file"))")
            }
        case .loaded, .rendered, .published:
            break
        }
    }

    /// Clears the bar (on a terminal), whether the build succeeded or not.
    public func finish() {
        if isTerminal { write("\r\u{1B}[K") }
    }

    /// `[#####---------------] 1/4 portals`: portals done out of the total, 20 cells.
    static func bar(done: Int, of total: Int) -> String {
        let cells = 20
        let filled = total > 0 ? min(cells, done * cells / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled)
            + "] \(done)/\(total) portals"
    }
}
