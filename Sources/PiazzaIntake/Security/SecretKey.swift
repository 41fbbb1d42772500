import Crypto
import Foundation

/// The daemon's signing key, kept in `secret_file` (created with mode 0600 on first start).
struct SecretKey: Sendable {
    /// Why the key file cannot be used: what is wrong with it and how to fix it.
    struct LoadError: Error, CustomStringConvertible {
        var message: String

        var description: String { message }
    }

    /// HMAC-SHA256 keyed with the secret, before any message: each ``mac(_:)`` starts from a copy, instead of
    /// padding the key and hashing its two blocks again for every submission (half the cost of a key).
    /// Never mutated: a copy that is updated gets its own hash state (the hashers are copy-on-write), so the
    /// value is safe to share between threads although swift-crypto does not mark it `Sendable`.
    private nonisolated(unsafe) let keyed: HMAC<SHA256>

    private init(bytes: Data) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: bytes))
    }

    /// Reads the key, creating a random one when the file does not exist.
    ///
    /// - Throws: ``LoadError`` when the file cannot be created or read, is not a regular file (a
    ///   folder such as `/tmp`, a device such as `/dev/null`; a symbolic link is followed), is
    ///   readable or writable by other users (group or other bits in its mode), or holds fewer
    ///   than 32 characters.
    static func load(from file: URL) throws(LoadError) -> SecretKey {
        let manager = FileManager.default
        let path = file.path
        if !manager.fileExists(atPath: path) {
            var generator = SystemRandomNumberGenerator()
            let hex = Hex.string((0..<32).map { _ in generator.next() as UInt8 })
            do {
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard
                    manager.createFile(
                        atPath: path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
                else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                throw LoadError(
                    message: "cannot create the secret file \(path); make its folder writable by the daemon's user "
                        + "or set `secret_file:` elsewhere")
            }
        }
        // stat, not lstat: a link to the key (a mounted secret) is judged by the file it names.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw LoadError(
                message: "the secret file \(path) is not a regular file (a folder or a device); "
                    + "set `secret_file:` to the path of a file, e.g. data/secret, which is created when missing")
        }
        // Anyone who reads the key can forge idempotency keys: the file is for the daemon's user only.
        let mode = Int(status.st_mode & 0o777)
        if mode & 0o077 != 0 {
            throw LoadError(
                message: "the secret file \(path) is open to other users (mode \(String(mode, radix: 8))); "
                    + "run chmod 600 \(path)")
        }
        guard let data = manager.contents(atPath: path) else {
            throw LoadError(
                message: "cannot read the secret file \(path); give it to the daemon's user (chown) with chmod 600")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count >= 32 else {
            throw LoadError(
                message: "the secret file \(path) is shorter than 32 characters; delete it to create a new one")
        }
        return SecretKey(bytes: Data(text.utf8))
    }

    /// Lower-case hex HMAC-SHA256 of `parts` joined by `separator`, hashed one after the other without joining them.
    func mac(_ parts: [String], separator: UInt8) -> String {
        var code = keyed
        for (index, part) in parts.enumerated() {
            if index > 0 { withUnsafeBytes(of: separator) { code.update(data: $0) } }
            var part = part
            part.withUTF8 { code.update(data: UnsafeRawBufferPointer($0)) }
        }
        return Hex.string(code.finalize())
    }
}
