import Foundation
import Glibc
import Subprocess
import SystemPackage

/// A child process's standard input fed from memory: one end of a socket pair is the child's
/// standard input, the other is written here.
///
/// Not Subprocess's own input pipe: Subprocess writes that pipe with write(2), so a child that exits
/// without reading (a failing one) would raise SIGPIPE and kill this process (the daemon ignores it
/// through NIO, the tests do not). The socket is written with MSG_NOSIGNAL instead, and without
/// holding a thread while the child is slow to read.
final class CommandInput: Sendable {
    /// What `run` takes as `input:`; the child's end is closed here once the child has it.
    let subprocessInput: FileDescriptorInput
    private let ownEnd: Int32

    /// - Throws: `Errno` when the socket pair cannot be made (out of descriptors).
    init() throws {
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw Errno(rawValue: errno)
        }
        ownEnd = ends[0]
        subprocessInput = .fileDescriptor(FileDescriptor(rawValue: ends[1]), closeAfterSpawningProcess: true)
    }

    deinit { close(ownEnd) }

    /// Writes `data`, then end of file. MSG_DONTWAIT, with a short sleep while the socket's buffer is
    /// full. A child that stops reading early is judged by its exit status, so the first error ends the
    /// writing; so does cancellation.
    func write(_ data: Data) async {
        var offset = 0
        while offset < data.count && !Task.isCancelled {
            let sent = data.withUnsafeBytes { buffer in
                send(ownEnd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                try? await Task.sleep(for: .milliseconds(10))
            } else if !(sent < 0 && errno == EINTR) {
                break
            }
        }
        shutdown(ownEnd, Int32(SHUT_WR))
    }
}
