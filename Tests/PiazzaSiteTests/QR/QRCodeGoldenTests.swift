import Testing

@testable import PiazzaRender

@Suite("QR code matrices equal an independent encoder's")
struct QRCodeGoldenTests {
    @Test("the golden file covers versions 1 to 40, every level, every mode and every mask")
    func coverage() {
        let symbols = GoldenSymbol.all
        #expect(Set(symbols.map(\.expectedVersion)) == Set(1...40))
        #expect(Set(symbols.map(\.correction)) == ["L", "M", "Q", "H"])
        #expect(Set(symbols.compactMap(\.mask)) == Set(0...7))
        #expect(Set(symbols.map { QRSegment($0.text).mode }) == [.numeric, .alphanumeric, .byte])
    }

    @Test("modules, version and chosen mask equal segno's", arguments: GoldenSymbol.all)
    func matrix(symbol: GoldenSymbol) throws {
        let code = try QRCode(
            encoding: symbol.text, correction: try #require(QRCode.Correction(rawValue: symbol.correction)),
            version: symbol.version, mask: symbol.mask)
        #expect(code.version == symbol.expectedVersion)
        #expect(code.mask == symbol.expectedMask)
        let rows = QRFixtures.hexRows(code.modules)
        let differing = zip(rows, symbol.rows).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(rows.count == symbol.rows.count && differing.isEmpty, "rows that differ: \(differing)")
    }
}
