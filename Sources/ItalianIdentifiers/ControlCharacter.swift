/// The odd/even weighting shared by the codice fiscale check letter and the CIN letter of Italian IBANs.
///
/// Positions are counted from 1. Characters in odd positions are converted with ``oddValues``;
/// characters in even positions are worth their digit value (0–9) or their alphabet index (A = 0 … Z = 25).
/// The control letter is `"A" + (sum mod 26)`.
enum ControlCharacter {
    /// Values for characters in odd positions, indexed by digit (0–9) or by letter index (A = 0 … Z = 25).
    /// Digits use the same values as the first ten letters.
    static let oddValues: [Int] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ]

    /// Computes the control letter for uppercase ASCII letters and digits, or `nil` if another byte is present.
    static func compute<C: Collection>(_ bytes: C) -> UInt8? where C.Element == UInt8 {
        var sum = 0
        for (offset, byte) in bytes.enumerated() {
            let index: Int
            if ASCII.isDigit(byte) {
                index = ASCII.digitValue(byte)
            } else if ASCII.isLetter(byte) {
                index = Int(byte - 0x41)
            } else {
                return nil
            }
            // offset 0 is position 1 (odd).
            sum += offset % 2 == 0 ? oddValues[index] : index
        }
        return 0x41 + UInt8(sum % 26)
    }
}
