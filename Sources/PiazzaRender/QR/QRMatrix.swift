/// The module grid of a QR code while it is built: function patterns, codeword placement, masking and the
/// format and version information (ISO/IEC 18004:2015 §6.3 and §7.7–§7.10).
///
/// Coordinates are (row, column) from the top-left corner; `true` is a dark module.
struct QRMatrix: Sendable {
    let version: Int
    let size: Int
    private(set) var dark: [Bool]
    /// Modules of the function patterns and of the format and version information, which masks skip.
    private var reserved: [Bool]

    /// A grid with every function pattern of `version` drawn and the format information area reserved.
    init(version: QRVersion) {
        self.version = version.number
        size = version.size
        dark = Array(repeating: false, count: size * size)
        reserved = dark
        for (row, column) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            drawFinder(row: row, column: column)
        }
        for index in 8..<(size - 8) {
            set(6, index, index % 2 == 0)
            set(index, 6, index % 2 == 0)
        }
        drawAlignmentPatterns(centres: version.alignmentCentres)
        // Reserved and light until the mask is chosen: ``drawInformation(correction:mask:)``.
        drawFormatBits(0, darkModule: false)
        if version.number >= 7 { drawVersionBits(0) }
    }

    subscript(row: Int, column: Int) -> Bool { dark[row * size + column] }

    private mutating func set(_ row: Int, _ column: Int, _ isDark: Bool) {
        dark[row * size + column] = isDark
        reserved[row * size + column] = true
    }

    /// A 7×7 finder pattern with its light separator, clipped at the symbol's edge (§6.3.3, §6.3.4).
    private mutating func drawFinder(row top: Int, column left: Int) {
        for row in (top - 1)...(top + 7) where (0..<size).contains(row) {
            for column in (left - 1)...(left + 7) where (0..<size).contains(column) {
                let distance = max(abs(row - top - 3), abs(column - left - 3))
                set(row, column, distance != 2 && distance != 4)
            }
        }
    }

    /// 5×5 alignment patterns at every pair of centres except the three that overlap finders (§6.3.6).
    private mutating func drawAlignmentPatterns(centres: [Int]) {
        guard let last = centres.last else { return }
        for row in centres {
            for column in centres where !(row == 6 && (column == 6 || column == last)) && !(row == last && column == 6)
            {
                for dr in -2...2 {
                    for dc in -2...2 { set(row + dr, column + dc, max(abs(dr), abs(dc)) != 1) }
                }
            }
        }
    }

    /// Places the interleaved codewords in the two-module-wide columns, right to left, alternately upwards
    /// and downwards, skipping reserved modules and the vertical timing pattern (§7.7.3). Modules left over
    /// (the remainder bits) stay light.
    mutating func place(_ codewords: [UInt8]) {
        var bit = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [right, right - 1] where !reserved[row * size + column] && bit < codewords.count * 8 {
                    dark[row * size + column] = codewords[bit >> 3] >> (7 - bit & 7) & 1 == 1
                    bit += 1
                }
            }
            right -= 2
        }
    }

    /// Inverts every module outside the reserved areas where data mask `pattern` (0…7) holds (§7.8.2,
    /// Table 10; i is the row, j the column).
    mutating func applyMask(_ pattern: Int) {
        for row in 0..<size {
            for column in 0..<size where !reserved[row * size + column] {
                let (i, j) = (row, column)
                let inverts =
                    switch pattern {
                    case 0: (i + j) % 2 == 0
                    case 1: i % 2 == 0
                    case 2: j % 3 == 0
                    case 3: (i + j) % 3 == 0
                    case 4: (i / 2 + j / 3) % 2 == 0
                    case 5: (i * j) % 2 + (i * j) % 3 == 0
                    case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
                    default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
                    }
                if inverts { dark[row * size + column].toggle() }
            }
        }
    }

    /// Completes the symbol once its mask is chosen (§7.1, step 6): both copies of the 15 format information
    /// bits for `correction` and mask `pattern` with the dark module beside them (§7.9), and from version 7
    /// both blocks of the version information (§7.10).
    mutating func drawInformation(correction: QRCode.Correction, mask pattern: Int) {
        drawFormatBits(BCH.formatBits(correction: correction, mask: pattern), darkModule: true)
        if version >= 7 { drawVersionBits(BCH.versionBits(version)) }
    }

    // Bit 0 is the least significant; Figure 25 places bits 0–7 and 8–14 of each copy.
    private mutating func drawFormatBits(_ bits: Int, darkModule: Bool) {
        func bit(_ index: Int) -> Bool { bits >> index & 1 == 1 }
        for index in 0...5 { set(index, 8, bit(index)) }
        set(7, 8, bit(6))
        set(8, 8, bit(7))
        set(8, 7, bit(8))
        for index in 9..<15 { set(8, 14 - index, bit(index)) }
        for index in 0..<8 { set(8, size - 1 - index, bit(index)) }
        for index in 8..<15 { set(size - 15 + index, 8, bit(index)) }
        set(size - 8, 8, darkModule)
    }

    /// Draws both 6×3 blocks of the 18 version information bits (§7.10, Figure 27).
    private mutating func drawVersionBits(_ bits: Int) {
        for index in 0..<18 {
            let isDark = bits >> index & 1 == 1
            let (near, far) = (index / 3, size - 11 + index % 3)
            set(near, far, isDark)
            set(far, near, isDark)
        }
    }
}

/// The BCH codes that protect the format and version information (ISO/IEC 18004:2015 Annex C and D).
enum BCH {
    /// The correction level's two bits (Table 12), the mask's three, ten bits of the (15, 5) BCH code with
    /// generator x¹⁰ + x⁸ + x⁵ + x⁴ + x² + x + 1 (0x537), XORed with 0x5412 so that no format is all light.
    static func formatBits(correction: QRCode.Correction, mask: Int) -> Int {
        let data = correction.formatIndicator << 3 | mask
        return (data << 10 | remainder(data, degree: 10, generator: 0x537)) ^ 0x5412
    }

    /// The version's six bits followed by twelve bits of the (18, 6) Golay code with generator
    /// x¹² + x¹¹ + x¹⁰ + x⁹ + x⁸ + x⁵ + x² + 1 (0x1F25).
    static func versionBits(_ version: Int) -> Int {
        version << 12 | remainder(version, degree: 12, generator: 0x1F25)
    }

    /// The remainder of data(x) · x^degree divided by the generator polynomial over GF(2).
    private static func remainder(_ data: Int, degree: Int, generator: Int) -> Int {
        var value = data << degree
        for shift in stride(from: bitWidth(of: value) - 1, through: degree, by: -1) where value >> shift & 1 == 1 {
            value ^= generator << (shift - degree)
        }
        return value
    }

    private static func bitWidth(of value: Int) -> Int { Int.bitWidth - value.leadingZeroBitCount }
}
