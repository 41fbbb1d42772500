import PiazzaContent

/// A QR code symbol (ISO/IEC 18004:2015, Model 2, versions 1–40) computed on the server, for pages that
/// show a voucher's code or a link to be read by a phone.
///
/// Written by hand on purpose: no QR library is in the project's Swift package mirror, and sending the text
/// to an online generator would hand citizens' voucher codes to a third party (the product forbids
/// third-party requests). The encoder is the standard's own algorithm, step by step:
/// 1. the text becomes one segment in numeric, alphanumeric or byte mode (``QRSegment``, §7.4);
/// 2. the smallest version whose data capacity at the chosen correction level holds it is picked (Table 7);
/// 3. the data codewords are split into blocks, each gets its Reed–Solomon codewords (``ReedSolomon``,
///    §7.5), and the blocks are interleaved (§7.6);
/// 4. the codewords are placed around the function patterns (``QRMatrix``, §7.7) and each of the eight
///    masks is tried: the one with the lowest penalty (§7.8.3) is kept;
/// 5. the BCH-protected format information and, from version 7, the version information are added (§7.9,
///    §7.10). As in the standard's order of steps (§7.1, steps 5 and 6), masks are scored before that, with
///    those areas light: the same choice as the independent encoder the tests compare with (segno).
///
/// ```swift
/// let code = try QRCode(encoding: "K7MP-Q4XZ-9TRC-A", correction: .medium)
/// code.version   // 1
/// code.modules   // 21 rows of 21 modules, true = dark
/// code.svg(title: "Codice QR del buono")
/// ```
public struct QRCode: Sendable, Hashable {
    /// The error correction level: the share of codewords that may be damaged and still be read
    /// (ISO/IEC 18004:2015 §5.3.8, Table 12).
    public enum Correction: String, Sendable, Hashable, CaseIterable {
        /// Level L: about 7 % of the codewords can be restored.
        case low = "L"
        /// Level M: about 15 %; the usual choice for a code shown on a screen or printed on paper.
        case medium = "M"
        /// Level Q: about 25 %.
        case quartile = "Q"
        /// Level H: about 30 %.
        case high = "H"

        /// The two bits of the format information (Table 12): L 01, M 00, Q 11, H 10.
        var formatIndicator: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }

        /// Row of the level in the tables of ``QRVersion``.
        var row: Int { Self.allCases.firstIndex(of: self)! }
    }

    /// The version, 1…40: the symbol is `17 + 4 × version` modules a side.
    public let version: Int
    /// The error correction level.
    public let correction: Correction
    /// The data mask pattern (0…7, Table 10) applied to the symbol.
    public let mask: Int
    /// The modules row by row from the top-left corner, `true` for dark; square, without the quiet zone.
    public let modules: [[Bool]]

    /// Modules a side, without the quiet zone.
    public var size: Int { modules.count }

    /// Encodes `text` in the smallest version that holds it at `correction`.
    ///
    /// - Parameters:
    ///   - text: the text; digits only and the 45 alphanumeric characters are packed densest, anything else
    ///     is carried as UTF-8 bytes.
    ///   - correction: the error correction level.
    ///   - version: a version (1…40) to use instead of the smallest that fits.
    ///   - mask: a mask pattern (0…7) to use instead of the one with the lowest penalty.
    /// - Throws: ``QRCodeError`` with code `tooLong` when the text does not fit in version 40 (or in the
    ///   version asked for) at that level.
    public init(encoding text: String, correction: Correction = .medium, version: Int? = nil, mask: Int? = nil)
        throws(QRCodeError)
    {
        precondition(version.map { (1...40).contains($0) } ?? true, "a QR code version is 1…40")
        precondition(mask.map { (0...7).contains($0) } ?? true, "a QR code mask pattern is 0…7")
        let segment = QRSegment(text)
        let candidates = version.map { [$0] } ?? Array(1...40)
        guard
            let chosen = candidates.lazy.map({ QRVersion(number: $0, correction: correction) }).first(where: {
                (segment.bitLength(version: $0.number) ?? .max) <= $0.dataCodewords * 8
            })
        else {
            throw QRCodeError(tooLong: segment, correction: correction, version: version)
        }
        var matrix = QRMatrix(version: chosen)
        matrix.place(
            Self.interleavedCodewords(segment.codewords(version: chosen.number, capacity: chosen.dataCodewords), chosen)
        )
        let masks = mask.map { [$0] } ?? Array(0...7)
        var (bestMask, best) = masks.map { pattern in
            var masked = matrix
            masked.applyMask(pattern)
            return (pattern, masked)
        }.min { $0.1.penalty < $1.1.penalty }!
        best.drawInformation(correction: correction, mask: bestMask)
        self.version = chosen.number
        self.correction = correction
        self.mask = bestMask
        self.modules = (0..<best.size).map { row in (0..<best.size).map { best[row, $0] } }
    }

    /// The data codewords split into blocks (short blocks first, long blocks one data codeword longer), each
    /// followed in the symbol by its Reed–Solomon codewords, interleaved codeword by codeword (§7.6).
    private static func interleavedCodewords(_ data: [UInt8], _ version: QRVersion) -> [UInt8] {
        let blockCount = version.blockCount
        let longBlocks = version.dataCodewords % blockCount
        let shortLength = version.dataCodewords / blockCount
        let coder = ReedSolomon(degree: version.correctionCodewordsPerBlock)
        var blocks: [ArraySlice<UInt8>] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength + (index >= blockCount - longBlocks ? 1 : 0)
            blocks.append(data[start..<start + length])
            start += length
        }
        let corrections = blocks.map { coder.remainder(of: $0) }
        var result: [UInt8] = []
        result.reserveCapacity(version.totalCodewords)
        for column in 0...shortLength {
            for block in blocks where column < block.count { result.append(block[block.startIndex + column]) }
        }
        for column in 0..<version.correctionCodewordsPerBlock {
            for correction in corrections { result.append(correction[column]) }
        }
        return result
    }
}

/// A text that a QR code cannot hold.
public struct QRCodeError: PiazzaError, Sendable, Hashable {
    public enum Code: String, Sendable {
        /// The text needs more data bits than the largest (or the requested) version holds at its level.
        case tooLong
    }

    public let code: Code
    /// What did not fit, by how much, and how to make it fit.
    public let message: String

    init(tooLong segment: QRSegment, correction: QRCode.Correction, version: Int?) {
        code = .tooLong
        let largest = version ?? 40
        let capacity = QRVersion(number: largest, correction: correction).dataCodewords * 8
        let needed =
            segment.bitLength(version: largest).map { "\($0) bits" } ?? "more characters than its count field holds"
        message =
            "a QR code of version \(largest) at correction level \(correction.rawValue) holds \(capacity) data bits; "
            + "this text of \(segment.count) characters (\(segment.mode) mode) needs \(needed): "
            + (version == nil ? "" : "leave the version to be chosen, ")
            + "shorten the text or choose a lower correction level"
    }

    /// The text to encode is chosen by piazza's code (a URL, a voucher code), not by an editor: exit 2.
    public var kind: ErrorKind { .internal }
}
