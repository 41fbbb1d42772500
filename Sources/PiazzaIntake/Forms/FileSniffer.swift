/// Recognises a file's type from its bytes, never from its name or the browser's claim.
///
/// A type is recognised only when the file has the whole signature its format begins with, and a PDF its end too:
/// the first bytes alone (`%PDF-` followed by anything, a PNG's eight bytes with nothing after) would let through
/// a script or a web page that starts with them, and a file cut short on the way (a PDF saved or sent halfway) that
/// the office could not open.
enum FileSniffer {
    /// How far from the end a PDF's last `%%EOF` may be: the tolerance of PDF readers (Acrobat's implementation
    /// note: the marker within the last 1024 bytes), for the line ends and padding some producers write after it.
    static let pdfEndWindow = 1024

    /// `application/pdf`, `image/jpeg`, `image/png`, `image/gif`, `image/webp`, or `nil`:
    ///
    /// - PDF: `%PDF-1.x` or `%PDF-2.x` (ISO 32000 §7.5.2), and `%%EOF` within the last ``pdfEndWindow`` bytes
    ///   (§7.5.5);
    /// - JPEG: `FF D8 FF` and a segment marker (`C0`–`FE`, not a restart or the end of image);
    /// - PNG: the 8-byte signature and the `IHDR` chunk that must follow it (PNG §5.2, §5.6);
    /// - GIF: `GIF87a` or `GIF89a`, with its logical screen descriptor and a trailer's room (13 + 1 bytes);
    /// - WebP: `RIFF`, `WEBP` and a `VP8 `, `VP8L` or `VP8X` chunk (RFC 9649 §2.4).
    static func type(of bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(16))
        func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        func at(_ offset: Int, _ text: String) -> Bool {
            head.count >= offset + text.utf8.count && head[offset..<offset + text.utf8.count].elementsEqual(text.utf8)
        }
        if starts(Array("%PDF-".utf8)) {
            let version = head.dropFirst(5).prefix(3)
            guard version.count == 3, [UInt8(ascii: "1"), UInt8(ascii: "2")].contains(version.first!),
                version.dropFirst().first == UInt8(ascii: "."), version.last!.isDigit,
                endsPDF(bytes.suffix(pdfEndWindow))
            else { return nil }
            return "application/pdf"
        }
        if starts([0xFF, 0xD8, 0xFF]), head.count > 3, (0xC0...0xFE).contains(head[3]), !(0xD0...0xD9).contains(head[3])
        {
            return "image/jpeg"
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), at(12, "IHDR") { return "image/png" }
        if (at(0, "GIF87a") || at(0, "GIF89a")), bytes.count >= 14 { return "image/gif" }
        if at(0, "RIFF"), at(8, "WEBP"), at(12, "VP8 ") || at(12, "VP8L") || at(12, "VP8X") { return "image/webp" }
        return nil
    }

    /// Whether `tail` holds `%%EOF`.
    private static func endsPDF(_ tail: some Collection<UInt8>) -> Bool {
        let marker = Array("%%EOF".utf8)
        let bytes = Array(tail)
        guard bytes.count >= marker.count else { return false }
        return (0...(bytes.count - marker.count)).contains { bytes[$0..<$0 + marker.count].elementsEqual(marker) }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}
