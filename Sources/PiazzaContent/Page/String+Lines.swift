#if canImport(Glibc)
    import Glibc
#endif

extension StringProtocol {
    /// The lines of the text, split on `\n` with a trailing `\r` removed (Windows files).
    ///
    /// Works on UTF-8 bytes: splitting on `Character` runs grapheme breaking over every byte and
    /// showed up as the largest cost of loading ten thousand pages. Where the bytes are contiguous (a
    /// native string) the line feeds are found by `memchr`: stepping the generic UTF-8 index byte by
    /// byte was 2 % of a 10k-page build (perf of the session-13 start binary, 2026-12-01).
    func lines() -> [SubSequence] {
        let bytes = utf8
        let split = bytes.withContiguousStorageIfAvailable { buffer -> [SubSequence] in
            var lines: [SubSequence] = []
            guard let base = buffer.baseAddress else { return [self[...]] }
            var offset = 0
            var start = bytes.startIndex
            while let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset) {
                let feed = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let carriageReturn = feed > offset && base[feed - 1] == UInt8(ascii: "\r")
                let end = bytes.index(start, offsetBy: feed - offset - (carriageReturn ? 1 : 0))
                lines.append(self[start..<end])
                offset = feed + 1
                start = bytes.index(end, offsetBy: carriageReturn ? 2 : 1)
            }
            lines.append(self[start..<bytes.endIndex])
            return lines
        }
        return split ?? steppedLines()
    }

    /// ``lines()`` of a text whose bytes are not contiguous, index by index.
    private func steppedLines() -> [SubSequence] {
        var lines: [SubSequence] = []
        let bytes = utf8
        var start = bytes.startIndex
        var index = start
        var carriageReturn: String.Index?
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                lines.append(self[start..<(carriageReturn ?? index)])
                start = bytes.index(after: index)
            }
            carriageReturn = byte == UInt8(ascii: "\r") ? index : nil
            index = bytes.index(after: index)
        }
        lines.append(self[start..<bytes.endIndex])
        return lines
    }
}

extension StringProtocol {
    /// Whether the text's UTF-8 holds `byte`: `memchr` over the bytes where they are contiguous (a native
    /// string), else a walk over them. The generic `utf8.contains(_:)`, index by index, looking for `\r` in
    /// every page was 2.5 % of a 10,000-page build.
    func containsByte(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.isEmpty ? false : memchr(bytes.baseAddress!, Int32(byte), bytes.count) != nil
        }
        return found ?? utf8.contains(byte)
    }
}
