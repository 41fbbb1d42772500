import Foundation
import Synchronization

/// Watches folders (`content/`, `themes/`) and reports each burst of changes once, for
/// `piazza serve`'s live reload.
///
/// Linux's inotify is used when it can watch every folder; when it is unavailable or its watch limit
/// (`fs.inotify.max_user_watches`) is reached, the watcher scans the folders instead every
/// ``pollInterval``. Either way events are debounced: a batch is reported once no change has been
/// seen for ``quiet``, so an editor's save (write a temporary file, rename it over the page; or move the
/// page to a backup, write it again and remove the backup) is one rebuild, not three.
public struct SourceWatcher: Sendable {
    /// How changes are noticed.
    public enum Method: Sendable, Equatable, CustomStringConvertible {
        /// Kernel notifications; one watch per folder.
        case inotify
        /// A scan of the folders' files (path, size, modification time, inode); `reason` says why
        /// inotify was not used.
        case polling(reason: String)

        public var description: String {
            switch self {
            case .inotify: "inotify"
            case .polling(let reason): "polling (\(reason))"
            }
        }
    }

    /// The folders watched, with everything below them.
    public let roots: [URL]
    /// How long the folders must stay unchanged before a batch is reported: every `piazza serve` edit waits
    /// this long before its rebuild starts, so it is only as long as the steps of one save can be apart.
    public let quiet: Duration
    /// Time between two scans when polling.
    public let pollInterval: Duration
    /// `false` polls even where inotify works (tests, network file systems).
    public let inotify: Bool

    public init(
        roots: [URL], quiet: Duration = .milliseconds(12), pollInterval: Duration = .milliseconds(300),
        inotify: Bool = true
    ) {
        self.roots = roots.map(\.standardizedFileURL)
        self.quiet = quiet
        self.pollInterval = pollInterval
        self.inotify = inotify
    }

    /// Starts watching: the method in use, and the batches of changed paths (absolute, standardized),
    /// one element per burst. Watching stops when the stream's consumer goes away.
    ///
    /// The watcher reads on a thread of its own: blocking `poll(2)` and folder scans stay off the
    /// cooperative pool that serves the preview.
    public func start() -> (method: Method, changes: AsyncStream<Set<String>>) {
        var source: any ChangeSource
        let method: Method
        if !inotify {
            source = PollingSource(roots: roots, interval: pollInterval)
            method = .polling(reason: "inotify turned off")
        } else {
            do {
                source = try InotifySource(roots: roots)
                method = .inotify
            } catch {
                source = PollingSource(roots: roots, interval: pollInterval)
                method = .polling(reason: error.description)
            }
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        let stopped = Stopped()
        continuation.onTermination = { _ in stopped.flag.store(true, ordering: .relaxed) }
        let quiet = quiet
        let box = SourceBox(source)
        let thread = Thread {
            var source = box.source
            defer { source.close() }
            while !stopped.flag.load(ordering: .relaxed) {
                if let batch = Self.burst(from: &source, within: source.idleTimeout, quiet: quiet) {
                    continuation.yield(batch)
                }
            }
        }
        thread.name = "piazza.watch"
        thread.start()
        return (method, stream)
    }

    /// One burst of changes of `source`: the changes it reports within `timeout` (`nil` when there are none),
    /// and every change after them until `quiet` passes without one (the debounce).
    static func burst(
        from source: inout some ChangeSource, within timeout: Duration, quiet: Duration
    ) -> Set<String>? {
        var batch = source.wait(timeout: timeout)
        guard !batch.isEmpty else { return nil }
        while case let more = source.wait(timeout: quiet), !more.isEmpty {
            batch.formUnion(more)
        }
        return batch
    }

    private final class Stopped: Sendable {
        let flag = Atomic(false)
    }

    /// Hands the source to the watcher's thread, its only user from then on.
    private final class SourceBox: @unchecked Sendable {
        let source: any ChangeSource
        init(_ source: any ChangeSource) { self.source = source }
    }
}

/// Where change events come from: inotify or a scan.
protocol ChangeSource {
    /// How long one wait lasts while nothing happens (the thread checks for a stop in between).
    var idleTimeout: Duration { get }
    /// The paths changed within `timeout`; empty if none.
    mutating func wait(timeout: Duration) -> Set<String>
    /// Releases what the source holds (the inotify descriptor).
    func close()
}

/// A reason inotify cannot be used, from the failing system call.
struct WatchUnavailable: Error, CustomStringConvertible {
    var description: String
}
