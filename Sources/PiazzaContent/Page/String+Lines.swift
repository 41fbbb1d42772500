extension StringProtocol {
    /// The lines of the text, split on `\n` with a trailing `\r` removed (Windows files).
    ///
    /// Works on UTF-8 bytes: splitting on `Character` runs grapheme breaking over every byte and
    /// showed up as the largest cost of loading ten thousand pages.
    func lines() -> [SubSequence] {
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
