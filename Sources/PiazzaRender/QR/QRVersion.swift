/// The size and error-correction block structure of one QR code version (1–40) at one correction level,
/// from ISO/IEC 18004:2015 §6.4.10 Table 9 (error correction characteristics) and Annex E Table E.1
/// (row/column coordinates of the alignment patterns' centres).
struct QRVersion: Sendable {
    /// The version, 1…40: a symbol of `17 + 4 × version` modules a side.
    let number: Int

    /// The correction level the block structure is for.
    let correction: QRCode.Correction

    /// Modules a side, 21 (version 1) … 177 (version 40).
    var size: Int { 17 + 4 * number }

    /// Error-correction codewords in every block (Table 9, column "number of error correction codewords"
    /// divided by the number of blocks: the same for short and long blocks of a version and level).
    var correctionCodewordsPerBlock: Int { Self.correctionCodewordsPerBlock[correction.row][number - 1] }

    /// Blocks the codewords are split into (Table 9, short and long blocks together).
    var blockCount: Int { Self.blockCount[correction.row][number - 1] }

    /// All codewords of the symbol, data and error correction (Table 1, "total number of codewords").
    var totalCodewords: Int { Self.dataModuleCount(version: number) / 8 }

    /// Codewords available to the data bit stream.
    var dataCodewords: Int { totalCodewords - correctionCodewordsPerBlock * blockCount }

    /// Row/column coordinates of the alignment patterns' centres (Annex E); empty for version 1.
    var alignmentCentres: [Int] { number == 1 ? [] : Self.alignmentCentres[number - 2] }

    /// Modules left for data and error correction once the function patterns, the format information and
    /// (from version 7) the version information are placed: ISO/IEC 18004:2015 Table 1, "data modules
    /// except (C)", including the 0–7 remainder bits that hold no codeword.
    static func dataModuleCount(version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let perSide = version / 7 + 2
            modules -= (25 * perSide - 10) * perSide - 55
        }
        if version >= 7 { modules -= 36 }
        return modules
    }

    // Table 9, one row per correction level (L, M, Q, H), one column per version 1…40.
    private static let correctionCodewordsPerBlock: [[Int]] = [
        [
            7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    private static let blockCount: [[Int]] = [
        [
            1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    // Annex E Table E.1, versions 2…40.
    private static let alignmentCentres: [[Int]] = [
        [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50], [6, 30, 54], [6, 32, 58], [6, 34, 62],
        [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78], [6, 30, 56, 82], [6, 30, 58, 86],
        [6, 34, 62, 90],
        [6, 28, 50, 72, 94], [6, 26, 50, 74, 98], [6, 30, 54, 78, 102], [6, 28, 54, 80, 106],
        [6, 32, 58, 84, 110], [6, 30, 58, 86, 114], [6, 34, 62, 90, 118],
        [6, 26, 50, 74, 98, 122], [6, 30, 54, 78, 102, 126], [6, 26, 52, 78, 104, 130],
        [6, 30, 56, 82, 108, 134], [6, 34, 60, 86, 112, 138], [6, 30, 58, 86, 114, 142],
        [6, 34, 62, 90, 118, 146],
        [6, 30, 54, 78, 102, 126, 150], [6, 24, 50, 76, 102, 128, 154], [6, 28, 54, 80, 106, 132, 158],
        [6, 32, 58, 84, 110, 136, 162], [6, 26, 54, 82, 110, 138, 166], [6, 30, 58, 86, 114, 142, 170],
    ]
}
