import Foundation

/// An error of the operating system in words the person running piazza understands: for a file that cannot be
/// created, read or written, its path and the cause (`the folder /proc does not allow creating nope`), not
/// Foundation's description (`Error Domain=NSCocoaErrorDomain Code=4 "The file doesn’t exist." UserInfo={…}`).
public enum SystemErrorWords {
    /// `error` in words: a Foundation file error by the POSIX error it holds and its path; any other error as it
    /// describes itself.
    public static func describe(_ original: any Error) -> String {
        let error = original as NSError
        // Any other error describes itself; its NSError bridge would not.
        guard error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain else { return "\(original)" }
        let path = error.userInfo[NSFilePathErrorKey] as? String ?? (error.userInfo["NSURL"] as? URL)?.path
        // The POSIX error: the error itself, or the one Foundation's file error holds (an `NSError` on Darwin, a
        // `POSIXError` or an `NSError` in swift-corelibs-foundation).
        let underlying: (any Error)? =
            error.domain == NSPOSIXErrorDomain ? error : error.userInfo[NSUnderlyingErrorKey] as? any Error
        let code: Int32? =
            (underlying as? POSIXError).map { $0.code.rawValue }
            ?? underlying.map { $0 as NSError }.flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        guard let code else {
            return path.map { "\($0): \(error.localizedDescription)" } ?? error.localizedDescription
        }
        guard let path else { return String(cString: strerror(code)) }
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        switch code {
        case ENOENT:
            return FileManager.default.fileExists(atPath: parent)
                ? "the folder \(parent) does not allow creating \(url.lastPathComponent) (or it is not there)"
                : "the folder \(parent) does not exist"
        case EACCES, EPERM:
            return
                "permission denied for \(path): this user may not write or read there; check the folder's owner and permissions"
        case EROFS:
            return "\(path) is on a read-only disk"
        case ENOSPC, EDQUOT:
            return "the disk of \(path) is full"
        case EEXIST:
            return "\(path) already exists"
        case ENOTDIR:
            return "a part of \(path) is a file, not a folder"
        case EISDIR:
            return "\(path) is a folder, not a file"
        default:
            return "\(path): \(String(cString: strerror(code)).lowercased())"
        }
    }
}
