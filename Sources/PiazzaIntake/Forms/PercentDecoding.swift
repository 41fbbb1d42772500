/// `%XX` escapes, as URL-encoded bodies (where `+` is a space) and RFC 8187 extended header
/// values (where it is a `+`) use them.
enum PercentDecoding {
    /// The decoded bytes, or `nil` when a `%` is not followed by two hexadecimal digits.
    static func bytes(_ text: some Collection<UInt8>, plusIsSpace: Bool) -> [UInt8]? {
        prefix(text, plusIsSpace: plusIsSpace, maxBytes: .max)?.bytes
    }

    /// The first `maxBytes` decoded bytes and whether they are all of `text`, or `nil` when a `%` among them is not
    /// followed by two hexadecimal digits. What lies beyond is not read.
    static func prefix(_ text: some Collection<UInt8>, plusIsSpace: Bool, maxBytes: Int) -> (
        bytes: [UInt8], isComplete: Bool
    )? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(text.count, maxBytes))
        return prefix(text, plusIsSpace: plusIsSpace, maxBytes: maxBytes, into: &bytes).map { (bytes, $0) }
    }

    /// ``prefix(_:plusIsSpace:maxBytes:)`` appended to `bytes` (which a caller decoding many texts empties and
    /// reuses): whether it is all of `text`, or `nil` when a `%` among the bytes read is not followed by two
    /// hexadecimal digits.
    static func prefix(_ text: some Collection<UInt8>, plusIsSpace: Bool, maxBytes: Int, into bytes: inout [UInt8])
        -> Bool?
    {
        let start = bytes.count
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            if bytes.count - start == maxBytes { return false }
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return true
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
