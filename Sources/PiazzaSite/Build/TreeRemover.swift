#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Removes folder trees with `unlinkat(2)`, folder by folder.
///
/// `FileManager.removeItem` took seconds for the 10,000 files of a previous build, longer than
/// rendering them; the previous site is removed on every build, so this is on the hot path.
enum TreeRemover {
    /// Removes `path` and everything below it; a missing path is not an error. Symbolic links are
    /// removed, never followed.
    static func remove(_ path: String) {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        guard folder >= 0 else {
            unlink(path)
            return
        }
        removeContents(of: folder)
        close(folder)
        rmdir(path)
    }

    /// Removes every file under `path` whose relative path is not in `keep`, and folders left empty.
    static func prune(_ path: String, keeping keep: Set<String>) {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
        guard folder >= 0 else { return }
        _ = prune(folder, prefix: "", keeping: keep)
        close(folder)
    }

    /// Returns whether the folder still has entries.
    private static func prune(_ folder: Int32, prefix: String, keeping keep: Set<String>) -> Bool {
        var remaining = 0
        for (name, isDirectory) in entries(of: folder) {
            let relative = prefix + name
            if isDirectory {
                let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                let kept = child >= 0 && prune(child, prefix: relative + "/", keeping: keep)
                if child >= 0 { close(child) }
                if kept { remaining += 1 } else { unlinkat(folder, name, AT_REMOVEDIR) }
            } else if keep.contains(relative) {
                remaining += 1
            } else {
                unlinkat(folder, name, 0)
            }
        }
        return remaining > 0
    }

    private static func removeContents(of folder: Int32) {
        for (name, isDirectory) in entries(of: folder) {
            if isDirectory {
                let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                if child >= 0 {
                    removeContents(of: child)
                    close(child)
                }
                unlinkat(folder, name, AT_REMOVEDIR)
            } else {
                unlinkat(folder, name, 0)
            }
        }
    }

    /// The names in a folder (without `.` and `..`), read before anything is removed.
    private static func entries(of folder: Int32) -> [(String, Bool)] {
        guard let stream = fdopendir(dup(folder)) else { return [] }
        defer { closedir(stream) }
        var names: [(String, Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isDirectory =
                    fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            names.append((name, isDirectory))
        }
        return names
    }
}
