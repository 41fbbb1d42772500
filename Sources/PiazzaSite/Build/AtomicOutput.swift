import Foundation
import PiazzaContent
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A portal's output written into a scratch folder in the ``BuildCache``, then swapped in, so a
/// failed or interrupted build leaves the previous `site/<portal>/` untouched and nothing but the
/// live build is ever inside the output.
///
/// The scratch folder is the one a crashed build left, else the cache's spare build (two builds
/// back), else a new folder: files are overwritten in place and only those the new build did not
/// write are removed. Creating and deleting ten thousand folders and files on every build cost more
/// than rendering them.
final class AtomicOutput: Sendable {
    /// The final folder (`site/vigonza`).
    let destination: URL
    /// Where files are written during the build.
    let scratch: URL
    /// ``scratch`` open as a folder: files and folders are made relative to it (`openat(2)`, `mkdirat(2)`), so
    /// the kernel does not walk the scratch folder's own path again for every file. Measured 2026-12-02
    /// (release build, `perf record -g` of `piazza build` on bench/gen_tree.py's 10k tree into tmpfs): the
    /// path walks of the absolute paths were 1.8 % of the build, and building each absolute path (`URL.path`
    /// and the concatenation) 1.3 %.
    private let folder: Int32
    let portal: String
    let cache: BuildCache
    /// Paths written by this build into a recycled folder, relative to the portal folder: what the folder
    /// holds besides them is removed before the swap. A fresh folder holds nothing else, and its paths are
    /// not kept: they were the memory of a build that grew with every portal's files (``writtenCount``).
    private let written = Mutex<Set<String>>([])
    /// The files written so far.
    private let writtenCount = Atomic<Int>(0)
    private let writeObserver = Mutex(WriteObserver(call: nil))

    /// Told the number of files written so far after each write (for the progress bar).
    var onWrite: (@Sendable (Int) -> Void)? {
        get { writeObserver.withLock { $0.call } }
        set { writeObserver.withLock { $0 = WriteObserver(call: newValue) } }
    }

    /// The observer inside a struct: a closure kept directly in a `Mutex` is re-abstracted on every
    /// `withLock` and stored back wrapped in two more thunks, so each read made the next call deeper. The
    /// writes of a portal's build took quadratic time (12 % of a 10,000-page build, in nested thunks).
    private struct WriteObserver {
        let call: (@Sendable (Int) -> Void)?
    }

    /// The number of files this build put into the scratch folder so far.
    var filesWritten: Int { writtenCount.load(ordering: .relaxed) }

    /// What the recycled scratch folder holds, by its record (``BuildRecord``), which is removed now that
    /// this build writes into the folder.
    let recycled: BuildRecord.Loaded

    /// Whether the scratch folder was made new for this build: nothing is in it but what this build puts
    /// there, so a file need not be unlinked before it is written nor the folder pruned before the swap.
    /// Measured 2026-12-01 (release build, `perf` of `piazza build` on bench/gen_tree.py's 10k tree into an
    /// empty output): the pruning walk of the files and folders just written, on one thread after rendering,
    /// was 2.1 % of the samples, and an `unlink` that found nothing before each file's `open` 1.2 %.
    private let fresh: Bool

    /// Call with the cache's lock held.
    ///
    /// - Parameter memory: the records of earlier builds of this process (`piazza serve`).
    init(portal: String, cache: BuildCache, memory: RebuildMemory? = nil) throws(BuildError) {
        self.portal = portal
        self.cache = cache
        destination = cache.output.appendingPathComponent(portal)
        scratch = cache.scratch(portal)
        let reused = try Self.makeScratch(scratch, portal: portal, cache: cache)
        let record = BuildRecord.take(scratch, portal: portal, cache: cache, memory: memory)
        // A new folder may have the inode of a removed one, whose record says nothing about it.
        recycled = reused ? record : .missing
        fresh = !reused
        folder = open(scratch.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else {
            throw BuildError(.output, "cannot open \(scratch.path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(folder) }

    /// The folder a crashed build left, else the spare build, else a new folder; returns whether the
    /// folder was recycled.
    private static func makeScratch(_ scratch: URL, portal: String, cache: BuildCache) throws(BuildError) -> Bool {
        if FileManager.default.fileExists(atPath: scratch.path) { return true }
        try cache.move(cache.spare(portal), to: scratch)
        if FileManager.default.fileExists(atPath: scratch.path) { return true }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw BuildError(
                .output, "cannot create \(scratch.path); check that the cache folder is writable", cause: error)
        }
        return false
    }

    /// Writes `bytes` at a path relative to the portal output, creating folders.
    func write(_ bytes: [UInt8], to path: String) throws(BuildError) {
        try typed { try bytes.withUnsafeBufferPointer { try write($0, to: path) } }
    }

    /// Writes the file at `path` (relative to the portal output, creating folders) from the pieces `produce`
    /// hands to its argument, each written at once and in order, so a large generated file (a portal's
    /// `servizi.jsonld`, 4.7 MB for 5,000 services) is never held whole. What `produce` throws is rethrown and
    /// the file is not counted as written: the failed build is not swapped in, and the next one, finding no
    /// record of the folder, renders it again.
    func write(to path: String, pieces produce: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
        let descriptor = try create(path)
        defer { close(descriptor) }
        try produce { piece in
            try piece.withUnsafeBufferPointer { buffer throws(BuildError) in
                try write(buffer, to: descriptor, named: path)
            }
        }
        markWritten(path)
    }

    /// Copies a file byte for byte.
    func copy(_ source: URL, to path: String) throws(BuildError) {
        guard try copy(from: source.path, to: path) else { throw BuildError(.copy, "cannot read \(source.path)") }
    }

    /// Copies the file at `source`; returns false when it cannot be read.
    private func copy(from source: String, to path: String) throws(BuildError) -> Bool {
        // Plain open/read: an incremental build copies thousands of small files from the live folder,
        // and Foundation's reading cost more than the copy.
        guard let bytes = SourceText.contents(atPath: source) else { return false }
        try typed { try bytes.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self), to: path) } }
        return true
    }

    /// Marks a file the recycled scratch folder already holds, as this build would write it, as written.
    func keep(_ path: String) {
        if !fresh { written.withLock { _ = $0.insert(path) } }
    }

    /// Puts a file of the live folder into the scratch folder; returns false when it cannot be read
    /// (removed by hand from the output), so the caller renders it instead.
    ///
    /// A hard link, not a copy: a build that finds no recycled folder (the first two rebuilds of
    /// `piazza serve`) takes every unchanged file from the live folder, and copying thousands of files
    /// cost more than the rest of the rebuild. Sharing the file is safe because no build writes into an
    /// existing file: ``write(_:to:)`` replaces it with a new one.
    func copyFromLive(_ path: String) -> Bool {
        let source = destination.path + "/" + path
        makeFolders(for: path)
        unlinkat(folder, path, 0)
        if linkat(AT_FDCWD, source, folder, path, 0) == 0 {
            markWritten(path)
            return true
        }
        return (try? copy(from: source, to: path)) ?? false
    }

    /// `withUTF8` and `withUnsafeBytes` rethrow untyped errors; only ``BuildError`` can come out.
    private func typed(_ body: () throws -> Void) throws(BuildError) {
        do { try body() } catch let error as BuildError { throw error } catch {
            throw BuildError(.output, "cannot write output", cause: nil)
        }
    }

    /// Plain `mkdir(2)`/`open(2)`/`write(2)`: one page is one folder and one file, and Foundation's
    /// folder creation stats every parent first. The old file is unlinked first, never overwritten: it may
    /// be a hard link to the same file of another build (``copyFromLive(_:)``), live or kept for rollback.
    private func write(_ buffer: UnsafeBufferPointer<UInt8>, to path: String) throws(BuildError) {
        let descriptor = try create(path)
        defer { close(descriptor) }
        try write(buffer, to: descriptor, named: path)
        markWritten(path)
    }

    /// A new, empty file at `path` (relative to the portal output), folders created above it, open for
    /// writing; the caller closes it.
    private func create(_ path: String) throws(BuildError) -> Int32 {
        makeFolders(for: path)
        if !fresh { unlinkat(folder, path, 0) }
        let descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        return descriptor
    }

    /// Writes all of `buffer` to the open file `descriptor`, whose path `path` (relative to the portal output)
    /// an error names.
    private func write(
        _ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32, named path: String
    ) throws(BuildError) {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            offset += count
        }
    }

    /// The error for a file at `path` (relative to the portal output) that cannot be written, by `errno`.
    private func failure(_ path: String) -> BuildError {
        let reason = String(cString: strerror(errno))
        return BuildError(.output, "cannot write \(scratch.path)/\(path): \(reason)")
    }

    /// Counts a file put into the scratch folder as written, and tells ``onWrite``.
    private func markWritten(_ path: String) {
        if !fresh { written.withLock { _ = $0.insert(path) } }
        let count = writtenCount.wrappingAdd(1, ordering: .relaxed).newValue
        onWrite?(count)
    }

    /// Creates the folders above `file` (relative to the portal output): one `mkdirat` when the parent exists,
    /// recursion when it does not.
    private func makeFolders(for file: String) {
        guard let slash = file.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let parent = String(file[..<slash])
        if mkdirat(folder, parent, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            makeFolders(for: parent)
            mkdirat(folder, parent, 0o755)
        }
    }

    /// Replaces the file at `final` with `text` in one step: written at `temporary` (a new file, on the same
    /// file system), then renamed over it, so a reader sees the old file or the new one, never half of one.
    /// A file the old one shared by hard link (``copyFromLive(_:)``) keeps the old bytes.
    ///
    /// - Throws: ``BuildError`` `.output` when either step fails; nothing is left at `temporary`.
    static func replace(_ final: URL, with text: String, through temporary: URL) throws(BuildError) {
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw BuildError(.output, "cannot write \(temporary.path)", cause: error)
        }
        guard rename(temporary.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw BuildError(.output, "cannot replace \(final.path): \(reason)")
        }
    }

    /// Removes what the recycled scratch folder held and this build did not write (a fresh folder holds
    /// nothing else).
    func removeUnwritten() {
        if !fresh { TreeRemover.prune(scratch.path, keeping: written.withLock { $0 }) }
    }

    /// Removes what the recycled folder had and this build did not write, then swaps: the scratch
    /// folder becomes live, the live one becomes the previous build, the previous one the spare.
    func commit() throws(BuildError) {
        removeUnwritten()
        guard FileManager.default.fileExists(atPath: destination.path) else {
            guard rename(scratch.path, destination.path) == 0 else {
                throw BuildError(
                    .output,
                    "cannot move the new build into \(destination.path): \(String(cString: strerror(errno)))")
            }
            return
        }
        try cache.exchange(scratch, destination, portal: portal)
        try cache.move(cache.previous(portal), to: cache.spare(portal))
        try cache.move(scratch, to: cache.previous(portal))
    }
}
