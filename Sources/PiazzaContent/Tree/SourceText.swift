import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the bytes of a file people edit (pages, portal.yaml, forms, piazza.yaml, and any later
/// content file) into text, by one rule for every reader.
///
/// The rule: the file is UTF-8; a UTF-8 byte order mark (EF BB BF, which Windows Notepad writes)
/// is not part of the text and is dropped, so the first key of a YAML file is still on line 1,
/// column 1. UTF-16 and UTF-32 files (a byte order mark FF FE / FE FF, or NUL bytes) and bytes that
/// are not UTF-8 (a file saved as Windows-1252) are errors that say where and how to re-save.
/// Line endings are left alone: `\r\n` is handled by the YAML parser and ``StringProtocol/lines()``.
package enum SourceText {
    /// Decodes the bytes of `file`.
    ///
    /// - Parameter file: the name used in the diagnostic (relative to the content root, or as given).
    /// - Throws: a ``Diagnostic`` at the first byte that is not UTF-8 (1-based line, and column
    ///   counted in Unicode scalars as the YAML parser counts), or at 1:1 for a UTF-16/UTF-32 file.
    package static func decode(_ data: Data, file: String) throws(Diagnostic) -> String {
        // On the bytes where they are: copying every file into an array first was a copy too many per page.
        let decoded = data.withUnsafeBytes { raw in decode(raw.assumingMemoryBound(to: UInt8.self), file: file) }
        return try decoded.get()
    }

    /// The bytes of the file at `path` (absolute) through plain `open(2)`/`fstat(2)`/`read(2)`; `nil` when it
    /// cannot be read. Foundation's `FileManager.contents(atPath:)` stats the path again and reads through
    /// more layers: reading every page at the load and its body again at render through it was 2.4 % of a
    /// 10k-page build (measured 2026-12-02, release build, `perf record -g` of `piazza build` on
    /// bench/gen_tree.py's 10k tree).
    package static func contents(atPath path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: Int(status.st_size))
        var offset = 0
        while offset < data.count {
            let count = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            // An error, or a file cut shorter while it was read.
            guard count > 0 else { return nil }
            offset += count
        }
        return data
    }

    /// ``decode(_:file:)`` of bytes in memory.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> Result<String, Diagnostic> {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || bytes.starts(with: [0, 0, 0xFE, 0xFF])
            || (!bytes.isEmpty && memchr(bytes.baseAddress!, 0, bytes.count) != nil)
        {
            return .failure(
                Diagnostic(
                    file: file, line: 1, column: 1,
                    message:
                        "the file is saved as UTF-16 (or is not a text file); save it as UTF-8 (in Notepad: File, Save as, Encoding UTF-8)"
                ))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        let (line, column) = firstInvalidPosition(in: body)
        return .failure(
            Diagnostic(
                file: file, line: line, column: column,
                message:
                    "the file is not valid UTF-8 here (it may be saved as Windows-1252 or Latin-1); save it as UTF-8"
            ))
    }

    /// Removes a leading byte order mark from text that was decoded elsewhere (text handed to a
    /// parser directly), by the same rule as ``decode(_:file:)``.
    package static func droppingByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// The 1-based line and column of the first byte sequence that is not UTF-8.
    private static func firstInvalidPosition(in bytes: Slice<UnsafeBufferPointer<UInt8>>) -> (Int, Int) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var (line, column) = (1, 1)
        while case .valid(let scalar) = parser.parseScalar(from: &iterator) {
            if scalar.count == 1 && scalar.first == UInt8(ascii: "\n") {
                (line, column) = (line + 1, 1)
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
