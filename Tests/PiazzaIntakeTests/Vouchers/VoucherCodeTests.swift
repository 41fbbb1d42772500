import Testing

@testable import PiazzaIntake

/// A deterministic generator for reproducible codes (SplitMix64, Steele, Lea and Flood 2014).
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("Voucher codes")
struct VoucherCodeTests {
    /// Codes to mutate: seeded random ones plus the alphabet's extremes.
    static let samples: [VoucherCode] = {
        var generator = SplitMix64(state: 19)
        let random = (0..<40).map { _ in VoucherCode.random(using: &generator) }
        return random + ["0000000000000", "ZZZZZZZZZZZZR", "0123V5678ABC6"].map { VoucherCode(typed: $0)! }
    }()

    @Test("the check character is Damm's over GF(32), computed independently for known codes")
    func knownCheckCharacters() {
        // Values worked out with a separate implementation (x * y = 2x + y in GF(2)[x]/(x^5 + x^2 + 1)).
        #expect(VoucherCode(typed: "K7MPQ4XZ9TRCA")?.canonical == "K7MPQ4XZ9TRCA")
        #expect(VoucherCode(typed: "000000000000 0")?.canonical == "0000000000000")
        #expect(VoucherCode(typed: "ZZZZ-ZZZZ-ZZZZ-R")?.canonical == "ZZZZZZZZZZZZR")
        #expect(VoucherCode(typed: "K7MPQ4XZ9TRCB") == nil)
    }

    @Test("every single wrong character is refused", arguments: samples)
    func singleSubstitutions(code: VoucherCode) {
        let characters = Array(code.canonical.utf8)
        var accepted: [String] = []
        for position in characters.indices {
            for symbol in VoucherCode.alphabet where symbol != characters[position] {
                var changed = characters
                changed[position] = symbol
                let text = String(decoding: changed, as: UTF8.self)
                if VoucherCode(typed: text) != nil { accepted.append(text) }
            }
        }
        #expect(accepted.isEmpty, "accepted \(accepted.count) of \(13 * 31) substitutions of \(code): \(accepted)")
    }

    @Test(
        "every swap of two adjacent different characters is refused, the check character included", arguments: samples)
    func adjacentTranspositions(code: VoucherCode) {
        let characters = Array(code.canonical.utf8)
        for position in 0..<(characters.count - 1) where characters[position] != characters[position + 1] {
            var swapped = characters
            swapped.swapAt(position, position + 1)
            let text = String(decoding: swapped, as: UTF8.self)
            #expect(VoucherCode(typed: text) == nil, "\(text) (from \(code)) was accepted")
        }
    }

    @Test("the quasigroup is totally anti-symmetric for every interim value and every pair of characters")
    func totalAntiSymmetry() {
        // (c * x) * y == (c * y) * x only for x == y: why every adjacent swap changes the final interim value.
        for interim in UInt8(0)..<32 {
            for x in UInt8(0)..<32 {
                for y in UInt8(0)..<32 where x != y {
                    #expect(
                        VoucherCode.checkValue(of: [interim, x, y]) != VoucherCode.checkValue(of: [interim, y, x]))
                }
            }
        }
    }

    @Test("a code reads back from its grouped form, any case, spaces, dashes, confusable letters, any digits")
    func typedForms() throws {
        let code = try #require(VoucherCode(typed: "0123V5678ABC6"))
        #expect(code.description == "0123-V567-8ABC-6")
        #expect(code.canonical == "0123V5678ABC6")
        for typed in [
            "0123-V567-8ABC-6", "0123v5678abc6", " 0123 v567 8abc 6 ", "o123-u567-8abc-6", "OI23U5678ABC6",
            "0L23-V567-8ABC-6", "0123\u{2013}V567\u{2013}8ABC\u{2013}6", "0123\u{00A0}V567\u{200B}8ABC6",
            "0123\u{2015}V567\u{2212}8ABC\u{2010}6",
            // Digits and letters as the till's amount reads them too (TypedText.identifier): full-width,
            // Arabic-Indic, mathematical.
            "\u{FF10}\u{FF11}\u{FF12}\u{FF13}-\u{FF36}\u{FF15}\u{FF16}\u{FF17}-\u{FF18}\u{FF21}\u{FF22}\u{FF23}-\u{FF16}",
            "\u{0660}\u{0661}\u{0662}\u{0663}V\u{0665}\u{0666}\u{0667}\u{0668}ABC\u{0666}",
            "\u{1D7CE}\u{1D7CF}\u{1D7D0}\u{1D7D1}V5678ABC6",
        ] {
            #expect(VoucherCode(typed: typed) == code, "\(typed)")
        }
    }

    @Test(
        "text that is not 13 characters of the alphabet is refused",
        arguments: [
            "", "0123V5678ABC", "0123V5678ABC60", "0123V5678AB!6", "0123_V5678ABC6", "0123V5678ÀBC6",
        ])
    func malformed(text: String) {
        #expect(VoucherCode(typed: text) == nil)
    }

    @Test("random codes are valid, grouped 4-4-4-1 and distinct")
    func randomCodes() {
        let codes = (0..<2000).map { _ in VoucherCode.random() }
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(VoucherCode(typed: code.description) == code)
            #expect(code.description.split(separator: "-").map(\.count) == [4, 4, 4, 1])
            #expect(code.canonical.utf8.allSatisfy(VoucherCode.alphabet.contains))
        }
    }

    @Test("a seeded generator gives its 60 bits five at a time, low bits first")
    func seededBits() {
        struct Fixed: RandomNumberGenerator {
            func next() -> UInt64 { 0x0FED_CBA9_8765_4321 }
        }
        var generator = Fixed()
        // 0x0FEDCBA987654321 in 5-bit groups from the low end: 1, 25, 16, 10, 22, 3, 6, 21, 11, 14, 27, 31;
        // check character 1.
        #expect(VoucherCode.random(using: &generator).canonical == "1SGAP36NBEVZ1")
    }
}
