import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A portal's output written into a scratch folder next to its final place, then swapped in,
/// so a failed build leaves the previous `site/<portal>/` untouched.
struct AtomicOutput {
    /// The final folder (`site/vigonza`).
    let destination: URL
    /// Where files are written during the build.
    let scratch: URL

    init(destination: URL) throws(BuildError) {
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        scratch = parent.appendingPathComponent(".piazza-build-\(destination.lastPathComponent)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw BuildError(.output, "cannot create \(scratch.path); check that the output folder is writable", cause: error)
        }
    }

    /// Writes `text` at a path relative to the portal output, creating folders.
    ///
    /// Plain `mkdir(2)`/`open(2)`/`write(2)`: one page is one folder and one file, and Foundation's
    /// folder creation stats every parent first, which doubled the system time of a large build.
    func write(_ text: String, to path: String) throws(BuildError) {
        let full = scratch.path + "/" + path
        makeFolders(for: full)
        let descriptor = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw BuildError(.output, "cannot write \(full): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes = text
        let complete = bytes.withUTF8 { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        guard complete else { throw BuildError(.output, "cannot write \(full): \(String(cString: strerror(errno)))") }
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

    /// Copies a file byte for byte.
    func copy(_ source: URL, to path: String) throws(BuildError) {
        let url = scratch.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: url)
        } catch {
            throw BuildError(.copy, "cannot copy \(source.path) to \(url.path)", cause: error)
        }
    }

    /// Replaces the destination with the scratch folder: two renames, the old copy removed last.
    func commit() throws(BuildError) {
        let fileManager = FileManager.default
        let old = destination.deletingLastPathComponent()
            .appendingPathComponent(".piazza-old-\(destination.lastPathComponent)-\(UUID().uuidString)")
        do {
            if fileManager.fileExists(atPath: destination.path) { try fileManager.moveItem(at: destination, to: old) }
            try fileManager.moveItem(at: scratch, to: destination)
        } catch {
            throw BuildError(.output, "cannot move the new build into \(destination.path)", cause: error)
        }
        TreeRemover.remove(old.path)
    }

    /// Removes the scratch folder after a failed build.
    func discard() { TreeRemover.remove(scratch.path) }
}
