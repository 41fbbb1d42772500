import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Synchronization

/// The folder where builds are made and earlier builds are kept: outside the output, because
/// municipalities publish the output folder whole and a page removed on purpose (published by
/// mistake with personal data) must not stay reachable in an old copy (PRODUCT.md §5).
///
/// By default it is `.piazza/<output name>/` next to the output (`site/` → `.piazza/site/`), so it
/// is on the same file system and every swap is one `rename(2)`. Per portal it holds:
/// - `<portal>/build/`: the build under way; left behind by a crash, it is reused by the next build;
/// - `<portal>/previous/`: the build before the live one, what `piazza rollback` puts back;
/// - `<portal>/spare/`: the build before that, recycled as the next `build/` so files are overwritten
///   in place (creating ten thousand folders and files costs more than rendering them).
///
/// Builds and rollbacks into one output take `lock` (`flock(2)`, released by the kernel when the
/// process ends, also on a crash), so two of them never shuffle the same folders.
public struct BuildCache: Sendable {
    /// The published folder (`site/`).
    public let output: URL
    /// This output's cache folder (`.piazza/site/`).
    public let folder: URL

    /// - Parameter folder: the cache folder; `nil` for ``defaultFolder(for:)``.
    public init(output: URL, folder: URL? = nil) {
        self.output = output.standardizedFileURL
        self.folder = (folder ?? Self.defaultFolder(for: output)).standardizedFileURL
    }

    /// `.piazza/<output name>/` in the folder that holds the output.
    public static func defaultFolder(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".piazza")
            .appendingPathComponent(output.lastPathComponent)
    }

    /// The build under way of a portal.
    func scratch(_ portal: String) -> URL { folder.appendingPathComponent(portal + "/build") }
    /// The build before the live one.
    public func previous(_ portal: String) -> URL { folder.appendingPathComponent(portal + "/previous") }
    /// The build before the previous one, recycled by the next build.
    func spare(_ portal: String) -> URL { folder.appendingPathComponent(portal + "/spare") }

    /// A held lock on the output; released by ``Lock/release()`` or when the process ends.
    final class Lock: Sendable {
        // A build holds it across threads: rendered on one, indexed and swapped in on others.
        private let descriptor: Mutex<Int32>

        fileprivate init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

        /// Unlocks before closing: a child process forked meanwhile by another thread (a test running the
        /// piazza binary, Pagefind) holds a copy of the descriptor until its `exec` closes it (`O_CLOEXEC`), and
        /// `close` alone leaves the lock held until then, so the next build in this process was refused as «another
        /// piazza build»; `LOCK_UN` releases it for every copy.
        func release() {
            descriptor.withLock { descriptor in
                guard descriptor >= 0 else { return }
                flock(descriptor, LOCK_UN)
                close(descriptor)
                descriptor = -1
            }
        }

        deinit { release() }
    }

    /// Creates the cache folder and takes its lock.
    ///
    /// - Throws: ``BuildError`` `.output` when the cache is inside the output (it would be
    ///   published) or cannot be created; `.busy` when another build or rollback holds the lock.
    func lock() throws(BuildError) -> Lock {
        let outputPath = output.path.hasSuffix("/") ? output.path : output.path + "/"
        if folder.path.hasPrefix(outputPath) || folder.path + "/" == outputPath {
            throw BuildError(
                .output,
                "the cache folder \(folder.path) is inside the output \(output.path), which is published whole; pass --cache outside it"
            )
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BuildError(.output, "cannot create the cache folder \(folder.path)", cause: error)
        }
        let path = folder.appendingPathComponent("lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw BuildError(.output, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw BuildError(
                .busy,
                "another piazza build or rollback is working on \(output.path) (it holds \(path)); wait for it to finish"
            )
        }
        return Lock(descriptor: descriptor)
    }

    /// Removes what earlier versions of piazza left inside the output (`.piazza-previous-<portal>/`,
    /// `.piazza-build-*`, `.index-*.html`), so an old build stops being published.
    func removeLegacyFolders() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        for name in names where name.hasPrefix(".piazza-") || (name.hasPrefix(".index-") && name.hasSuffix(".html")) {
            TreeRemover.remove(output.appendingPathComponent(name).path)
        }
    }

    /// Moves `source` to `target`, removing an old `target` first; a missing `source` is not an error.
    ///
    /// - Throws: ``BuildError`` `.output`; `EXDEV` means the cache is on another file system.
    func move(_ source: URL, to target: URL) throws(BuildError) {
        if rename(source.path, target.path) == 0 || errno == ENOENT { return }
        if errno == ENOTEMPTY || errno == EEXIST {
            TreeRemover.remove(target.path)
            if rename(source.path, target.path) == 0 { return }
        }
        throw moveError(source, target)
    }

    /// Swaps two folders in one step (`renameat2(RENAME_EXCHANGE)`, Linux 3.15), so there is no
    /// moment without a live site; where the file system cannot exchange, two renames through
    /// `spare` (the live folder is missing for the instant between them).
    ///
    /// - Throws: ``BuildError`` `.output`.
    func exchange(_ first: URL, _ second: URL, portal: String) throws(BuildError) {
        if let renameat2 = Self.renameat2, renameat2(AT_FDCWD, first.path, AT_FDCWD, second.path, 1 << 1) == 0 {
            return
        }
        let spare = spare(portal)
        try move(second, to: spare)
        guard rename(first.path, second.path) == 0 else {
            let error = moveError(first, second)
            _ = rename(spare.path, second.path)
            throw error
        }
        try move(spare, to: first)
    }

    private func moveError(_ source: URL, _ target: URL) -> BuildError {
        let reason =
            errno == EXDEV
            ? "the cache folder \(folder.path) is on another file system than \(output.path); pass --cache next to the output"
            : String(cString: strerror(errno))
        return BuildError(.output, "cannot move \(source.path) to \(target.path): \(reason)")
    }

    /// glibc's `renameat2`, which the Glibc module does not import (it is declared under `_GNU_SOURCE`).
    private static let renameat2:
        (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
        }()
}
