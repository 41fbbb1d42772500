import Foundation
import PiazzaContent
import Testing

@testable import PiazzaRender

@Suite("QR code encoding steps (ISO/IEC 18004:2015)")
struct QRCodeTests {
    @Test("numeric and alphanumeric data bits are the standard's examples (§7.4.3, §7.4.4)")
    func segmentBits() {
        let numeric = QRSegment("01234567")
        #expect(numeric.mode == .numeric)
        #expect(numeric.data.bits == bits("0000001100" + "0101011001" + "1000011"))
        let alphanumeric = QRSegment("AC-42")
        #expect(alphanumeric.mode == .alphanumeric)
        #expect(alphanumeric.data.bits == bits("00111001110" + "11100111001" + "000010"))
        let bytes = QRSegment("è1")
        #expect(bytes.mode == .byte)
        #expect(bytes.count == 3)
        #expect(bytes.data.bits == bits("11000011" + "10101000" + "00110001"))
    }

    @Test("1-M '01234567' has the data and error correction codewords of Annex I")
    func annexIExample() {
        let data = QRSegment("01234567").codewords(version: 1, capacity: 16)
        #expect(
            data == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
        #expect(
            ReedSolomon(degree: 10).remainder(of: data) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("a bit stream ending on a codeword boundary gets no padding bits, only pad codewords (§7.4.10)")
    func noPaddingOnBoundary() {
        // Byte mode in version 1: 4 + 8 + 8 + 4 terminator bits = 24, a whole number of codewords.
        #expect(QRSegment("a").codewords(version: 1, capacity: 19) == [0x40, 0x16, 0x10] + pads(16))
    }

    @Test("format and version information are the BCH codewords of Annexes C and D")
    func bchCodes() {
        #expect(BCH.formatBits(correction: .medium, mask: 0) == 0b101010000010010)
        #expect(BCH.formatBits(correction: .low, mask: 0) == 0b111011111000100)
        #expect(BCH.formatBits(correction: .high, mask: 7) == 0b000100000111011)
        #expect(BCH.versionBits(7) == 0b000111110010010100)
        #expect(BCH.versionBits(40) == 0b101000110001101001)
    }

    @Test("the smallest version that holds the text is chosen")
    func smallestVersion() throws {
        #expect(try QRCode(encoding: "K7MP-Q4XZ-9TRC-A").version == 1)
        // Version 1-M holds 16 data codewords: 14 bytes in byte mode, then version 2.
        #expect(try QRCode(encoding: String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15)).version == 2)
        // Version 2-H holds 16 data codewords too; 1-H holds 9: 7 bytes.
        #expect(try QRCode(encoding: String(repeating: "a", count: 7), correction: .high).version == 1)
        #expect(try QRCode(encoding: String(repeating: "a", count: 14), correction: .high).version == 2)
        #expect(try QRCode(encoding: String(repeating: "a", count: 15), correction: .high).version == 3)
    }

    @Test("a text longer than version 40 holds is refused with its size, the capacity and the fix")
    func tooLong() throws {
        #expect(try QRCode(encoding: String(repeating: "a", count: 2953), correction: .low).version == 40)
        #expect(try QRCode(encoding: String(repeating: "7", count: 7089), correction: .low).version == 40)
        let error = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: String(repeating: "a", count: 2332), correction: .medium)
        }
        #expect(error?.code == .tooLong)
        #expect(
            error?.message
                == "a QR code of version 40 at correction level M holds 18672 data bits; this text of 2332 "
                + "characters (byte mode) needs 18676 bits: shorten the text or choose a lower correction level")
        let forced = #expect(throws: QRCodeError.self) {
            try QRCode(encoding: "https://vigonza.example.it/r/abc", correction: .high, version: 1)
        }
        #expect(forced?.message.contains("version 1 at correction level H holds 72 data bits") == true)
        #expect(forced?.message.contains("leave the version to be chosen") == true)
    }

    @Test("the SVG is the modules with a 4-module quiet zone, one path of dark runs, and an escaped title")
    func svgShape() throws {
        let code = try QRCode(encoding: "K7MP-Q4XZ-9TRC-A")
        let svg = code.svg(title: "Buono <K7MP> & \"co\"", id: "qr-1")
        #expect(
            svg.hasPrefix(
                ##"<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 29 29" role="img" aria-labelledby="qr-1" shape-rendering="crispEdges"><title id="qr-1">Buono &lt;K7MP&gt; &amp; &quot;co&quot;</title><rect width="29" height="29" fill="#fff"/><path fill="#000" d="M4 4h7v1h-7z"##
            ))
        #expect(svg.hasSuffix(##"z"/></svg>"##))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(darkModules(ofPath: svg, size: code.size) == code.modules)
    }

    @Test("the rendered SVG equals the fixture the browser test scans", arguments: SVGFixture.all)
    func svgFixture(fixture: SVGFixture) throws {
        let code = try QRCode(
            encoding: fixture.text, correction: try #require(QRCode.Correction(rawValue: fixture.correction)))
        let svg = code.svg(title: fixture.title, id: "qr-\(fixture.name)") + "\n"
        // PIAZZA_QR_RECORD=1 rewrites the fixtures after an intended change of the output.
        if ProcessInfo.processInfo.environment["PIAZZA_QR_RECORD"] == "1" {
            try svg.write(to: fixture.file, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: fixture.file, encoding: .utf8)
        #expect(svg == stored, "\(fixture.file.path) differs: rerun with PIAZZA_QR_RECORD=1 if the change is intended")
    }

    @Test("the SVG fixtures cover byte, alphanumeric and numeric mode, every level and version information")
    func svgFixtureCoverage() throws {
        let codes = try SVGFixture.all.map {
            try QRCode(encoding: $0.text, correction: try #require(QRCode.Correction(rawValue: $0.correction)))
        }
        #expect(Set(SVGFixture.all.map { QRSegment($0.text).mode }) == [.numeric, .alphanumeric, .byte])
        #expect(Set(codes.map(\.correction)) == Set(QRCode.Correction.allCases))
        #expect(codes.contains { $0.version >= 7 })
    }

    private func bits(_ text: String) -> [Bool] { text.map { $0 == "1" } }

    private func pads(_ count: Int) -> [UInt8] { (0..<count).map { $0 % 2 == 0 ? 0xEC : 0x11 } }

    /// Reads the `M x y h n v 1 h -n z` runs of the SVG's path back into a module matrix.
    private func darkModules(ofPath svg: String, size: Int) -> [[Bool]] {
        var modules = Array(repeating: Array(repeating: false, count: size), count: size)
        let path = svg.components(separatedBy: #" d=""#)[1].prefix { $0 != "\"" }
        for run in path.split(separator: "z") {
            let numbers = run.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            let (x, y, length) = (numbers[0] - QRCode.quietZone, numbers[1] - QRCode.quietZone, numbers[2])
            for column in x..<(x + length) { modules[y][column] = true }
        }
        return modules
    }
}
