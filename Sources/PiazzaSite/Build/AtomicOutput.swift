import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A portal's output written into a scratch folder next to its final place, then swapped in,
/// so a failed build leaves the previous `site/<portal>/` untouched.
///
/// The build before the current one is kept as `.piazza-previous-<portal>/` and reused as the next
/// scratch folder: files are overwritten in place and only those the new build did not write are
/// removed. Creating and deleting ten thousand folders and files on every build cost more than
/// rendering them.
final class AtomicOutput: Sendable {
    /// The final folder (`site/vigonza`).
    let destination: URL
    /// Where files are written during the build.
    let scratch: URL
    /// The build before the live one, recycled by the next build.
    let previous: URL
    /// Paths written by this build, relative to the portal folder.
    private let written = Mutex<Set<String>>([])

    init(destination: URL) throws(BuildError) {
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        scratch = parent.appendingPathComponent(".piazza-build-\(name)-\(UUID().uuidString)")
        previous = parent.appendingPathComponent(".piazza-previous-\(name)")
        if rename(previous.path, scratch.path) == 0 { return }
        guard mkdir(scratch.path, 0o755) == 0 else {
            throw BuildError(
                .output,
                "cannot create \(scratch.path): \(String(cString: strerror(errno))); check that the output folder is writable"
            )
        }
    }

    /// Writes `text` at a path relative to the portal output, creating folders.
    func write(_ text: String, to path: String) throws(BuildError) {
        var bytes = text
        try typed { try bytes.withUTF8 { try write($0, to: path) } }
    }

    /// Copies a file byte for byte.
    func copy(_ source: URL, to path: String) throws(BuildError) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw BuildError(.copy, "cannot read \(source.path)")
        }
        try typed {
            try data.withUnsafeBytes { raw in
                try write(raw.bindMemory(to: UInt8.self), to: path)
            }
        }
    }

    /// `withUTF8` and `withUnsafeBytes` rethrow untyped errors; only ``BuildError`` can come out.
    private func typed(_ body: () throws -> Void) throws(BuildError) {
        do { try body() } catch let error as BuildError { throw error } catch {
            throw BuildError(.output, "cannot write output", cause: nil)
        }
    }

    /// Plain `mkdir(2)`/`open(2)`/`write(2)`: one page is one folder and one file, and Foundation's
    /// folder creation stats every parent first.
    private func write(_ buffer: UnsafeBufferPointer<UInt8>, to path: String) throws(BuildError) {
        let full = scratch.path + "/" + path
        makeFolders(for: full)
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw BuildError(.output, "cannot write \(full): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw BuildError(.output, "cannot write \(full): \(String(cString: strerror(errno)))")
            }
            offset += count
        }
        written.withLock { _ = $0.insert(path) }
    }

    /// Creates the folders above `file`: one `mkdir` when the parent exists, recursion when it does not.
    private func makeFolders(for file: String) {
        guard let slash = file.lastIndex(of: "/") else { return }
        let folder = String(file[..<slash])
        if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            makeFolders(for: folder)
            mkdir(folder, 0o755)
        }
    }

    /// Removes what the recycled folder had and this build did not write, then swaps: the live
    /// folder becomes the previous build, the scratch folder becomes live.
    func commit() throws(BuildError) {
        TreeRemover.prune(scratch.path, keeping: written.withLock { $0 })
        if rename(destination.path, previous.path) != 0 && errno != ENOENT {
            throw BuildError(.output, "cannot move \(destination.path) aside: \(String(cString: strerror(errno)))")
        }
        guard rename(scratch.path, destination.path) == 0 else {
            throw BuildError(
                .output, "cannot move the new build into \(destination.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the scratch folder after a failed build (the live folder was never touched).
    func discard() { TreeRemover.remove(scratch.path) }
}
