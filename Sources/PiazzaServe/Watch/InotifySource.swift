import Foundation
import PiazzaContent

#if canImport(Glibc)
    import Glibc
#endif

/// Changes from Linux's inotify(7): one watch per folder under the roots, folders created later
/// watched as they appear.
///
/// Throws ``WatchUnavailable`` when inotify cannot be opened or a watch cannot be added (ENOSPC:
/// the `fs.inotify.max_user_watches` limit; EMFILE: `max_user_instances`), so that
/// ``SourceWatcher`` polls instead of silently missing a folder.
struct InotifySource: ChangeSource {
    private let descriptor: Int32
    /// Watch descriptor → folder path.
    private var folders: [Int32: String] = [:]
    private let roots: [String]

    let idleTimeout: Duration = .milliseconds(250)

    /// Files written, created, deleted or renamed; folders deleted or moved.
    private static let mask: UInt32 = UInt32(
        IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF
            | IN_ATTRIB)

    init(roots: [URL]) throws(WatchUnavailable) {
        descriptor = inotify_init1(Int32(O_CLOEXEC))
        guard descriptor >= 0 else { throw Self.failure("inotify_init1") }
        self.roots = roots.map(\.path)
        do {
            for root in self.roots { try watchTree(root) }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    func close() { Glibc.close(descriptor) }

    mutating func wait(timeout: Duration) -> Set<String> {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&request, 1, milliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        return buffer.withUnsafeBytes { events(in: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// Parses a read's worth of `struct inotify_event` records (wd, mask, cookie, len, name[len]).
    private mutating func events(in bytes: UnsafeRawBufferPointer) -> Set<String> {
        var changed: Set<String> = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameBytes = bytes[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: report the roots, so the whole tree is rebuilt.
                changed.formUnion(roots)
                continue
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[watch] = nil
                continue
            }
            guard let folder = folders[watch] else { continue }
            if name.isEmpty {
                changed.insert(folder)
                continue
            }
            guard !EditorScratch.isScratch(name[...]) else { continue }
            let path = folder + "/" + name
            changed.insert(path)
            if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // A folder created or moved in: watch it too. If the limit is reached now, the
                // change is still reported; later edits inside it are the ones that could be missed.
                try? watchTree(path)
            }
        }
        return changed
    }

    /// Watches `folder` and every folder below it (hidden ones skipped).
    private mutating func watchTree(_ folder: String) throws(WatchUnavailable) {
        let watch = inotify_add_watch(descriptor, folder, Self.mask)
        guard watch >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw Self.failure("inotify_add_watch \(folder)")
        }
        folders[watch] = folder
        let children = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for child in children.sorted() where !EditorScratch.isScratch(child[...]) {
            let path = folder + "/" + child
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                try watchTree(path)
            }
        }
    }

    private static func failure(_ call: String) -> WatchUnavailable {
        let hint =
            errno == ENOSPC
            ? "; raise fs.inotify.max_user_watches (sysctl) to use inotify"
            : errno == EMFILE ? "; raise fs.inotify.max_user_instances (sysctl) to use inotify" : ""
        return WatchUnavailable(description: "\(call): \(String(cString: strerror(errno)))\(hint)")
    }
}
