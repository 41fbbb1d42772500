import Foundation
import Testing

@testable import PiazzaContent

@Suite("Values many pages repeat are kept once by a load")
struct SharedValuesTests {
    /// Where a text's bytes are: two texts with one address are one copy.
    static func address(_ text: String) -> UnsafeRawPointer? {
        var text = text
        return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }

    @Test("the services of the demo content share one copy of each category, conditions file and topics list")
    func demoServices() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content")
        let portal = try #require(try ContentTree.load(from: content, portals: ["vigonza"]).portal("vigonza"))
        let services = portal.pages(ofType: .service).compactMap(\.service)
        var repeated = 0
        for (index, service) in services.enumerated() {
            for other in services[..<index] {
                if other.category == service.category {
                    #expect(Self.address(other.category) == Self.address(service.category))
                    repeated += 1
                }
                if let file = service.conditionsFile, file == other.conditionsFile {
                    #expect(Self.address(file) == Self.address(other.conditionsFile!))
                    repeated += 1
                }
                if other.topics == service.topics {
                    #expect(
                        other.topics.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
                            == service.topics.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) })
                    repeated += 1
                }
            }
        }
        #expect(repeated >= 3)
    }

    @Test("texts of 15 bytes or fewer are given back as they are; longer ones and lists as first given")
    func pool() {
        let shared = SharedValues()
        let first = String(repeating: "Ufficio servizi ", count: 2)
        let second = String(repeating: "Ufficio servizi ", count: 2)
        #expect(Self.address(first) != Self.address(second))
        #expect(Self.address(shared.text(first)) == Self.address(first))
        #expect(Self.address(shared.text(second)) == Self.address(first))
        #expect(shared.text("Ambiente") == "Ambiente")
        let topics = ["Assistenza sociale", "Tempo libero"]
        let again = ["Assistenza sociale"] + ["Tempo libero"]
        _ = shared.list(topics)
        #expect(
            shared.list(again).withUnsafeBufferPointer { $0.baseAddress }
                == topics.withUnsafeBufferPointer { $0.baseAddress })
    }
}
