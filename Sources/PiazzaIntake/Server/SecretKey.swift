import Crypto
import Foundation

/// The daemon's signing key, kept in `secret_file` (created with mode 0600 on first start).
struct SecretKey: Sendable {
    /// Problems reading or creating the key file.
    struct LoadError: Error, CustomStringConvertible {
        var code = "secret_file"
        var message: String
        var cause: (any Error)?

        var description: String { message + (cause.map { " (\($0))" } ?? "") }
    }

    private let bytes: Data

    /// Reads the key, creating a random one when the file does not exist.
    static func load(from file: URL) throws(LoadError) -> SecretKey {
        let manager = FileManager.default
        if !manager.fileExists(atPath: file.path) {
            var generator = SystemRandomNumberGenerator()
            let hex = Hex.string((0..<32).map { _ in generator.next() as UInt8 })
            do {
                try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard
                    manager.createFile(
                        atPath: file.path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
                else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                throw LoadError(
                    message: "cannot create the secret file \(file.path); check `secret_file` and permissions",
                    cause: error)
            }
        }
        guard let data = manager.contents(atPath: file.path) else {
            throw LoadError(message: "cannot read the secret file \(file.path); check its permissions")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count >= 32 else {
            throw LoadError(
                message: "the secret file \(file.path) is shorter than 32 characters; delete it to create a new one")
        }
        return SecretKey(bytes: Data(text.utf8))
    }

    /// Lower-case hex HMAC-SHA256 of `message`.
    func mac(_ message: String) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: bytes)))
    }
}
