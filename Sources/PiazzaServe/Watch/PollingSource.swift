import Foundation
import PiazzaContent

#if canImport(Glibc)
    import Glibc
#endif

/// Changes found by scanning the roots: a file whose size, modification time or inode differs
/// from the previous scan, or that appeared or disappeared (an editor's save-by-rename gives the
/// page a new inode even when size and time look alike).
struct PollingSource: ChangeSource {
    /// What a scan remembers of one file.
    private struct Stamp: Equatable {
        var size: Int64
        var modified: Int
        var modifiedNanoseconds: Int
        var inode: UInt64
    }

    private let roots: [String]
    private let interval: Duration
    private var previous: [String: Stamp]

    var idleTimeout: Duration { interval }

    init(roots: [URL], interval: Duration) {
        self.roots = roots.map(\.path)
        self.interval = interval
        previous = [:]
        previous = scan()
    }

    func close() {}

    mutating func wait(timeout: Duration) -> Set<String> {
        Thread.sleep(
            forTimeInterval: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18)
        let current = scan()
        defer { previous = current }
        var changed: Set<String> = []
        for (path, stamp) in current where previous[path] != stamp { changed.insert(path) }
        for path in previous.keys where current[path] == nil { changed.insert(path) }
        return changed
    }

    /// Every file below the roots, hidden and scratch files skipped.
    private func scan() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = relative.split(separator: "/").last ?? ""
                if EditorScratch.isScratch(name) {
                    walker.skipDescendants()
                    continue
                }
                let path = root + "/" + relative
                var info = stat()
                guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                stamps[path] = Stamp(
                    size: Int64(info.st_size), modified: info.st_mtim.tv_sec, modifiedNanoseconds: info.st_mtim.tv_nsec,
                    inode: UInt64(info.st_ino))
            }
        }
        return stamps
    }
}
