import Foundation
import Testing

@testable import PiazzaRender

/// Tests/Fixtures/qr/: golden matrices from an independent encoder and the SVG files the browser test scans.
enum QRFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Fixtures/qr")

    /// Rows as hexadecimal strings, dark = 1, first module in the most significant bit, each row padded with
    /// light modules to a multiple of 4: the format of make_golden.py.
    static func hexRows(_ modules: [[Bool]]) -> [String] {
        modules.map { row in
            let padded = row + Array(repeating: false, count: (4 - row.count % 4) % 4)
            return stride(from: 0, to: padded.count, by: 4).map { start in
                String(padded[start..<start + 4].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }, radix: 16)
            }.joined()
        }
    }
}

/// One line of golden.jsonl: a symbol as segno made it.
struct GoldenSymbol: Decodable, Sendable, CustomTestStringConvertible {
    let text: String
    let correction: String
    let version: Int?
    let mask: Int?
    let expectedVersion: Int
    let expectedMask: Int
    let rows: [String]

    var testDescription: String {
        let asked = [version.map { "version \($0)" }, mask.map { "mask \($0)" }].compactMap { $0 }
        return "\(correction) \(asked.joined(separator: " ")) “\(text.prefix(40))”… (\(text.utf8.count) bytes)"
    }

    static let all: [GoldenSymbol] = {
        let url = QRFixtures.folder.appending(path: "golden.jsonl")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { try! JSONDecoder().decode(GoldenSymbol.self, from: Data($0.utf8)) }
    }()
}

/// One entry of svg/manifest.json: a text, its level and title, and the SVG file QRCode renders for them.
struct SVGFixture: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let correction: String
    let title: String

    var testDescription: String { name }

    var file: URL { QRFixtures.folder.appending(path: "svg/\(name).svg") }

    static let all: [SVGFixture] = {
        let url = QRFixtures.folder.appending(path: "svg/manifest.json")
        guard let data = try? Data(contentsOf: url) else { return [] }
        return try! JSONDecoder().decode([SVGFixture].self, from: data)
    }()
}
