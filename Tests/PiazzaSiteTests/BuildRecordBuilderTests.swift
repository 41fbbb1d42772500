import Testing

@testable import PiazzaSite

@Suite("A build record names the program that wrote it as a person reads it")
struct BuildRecordBuilderTests {
    @Test("the builder is the executable's size and its modification time as a UTC date to the nanosecond")
    func readableBuilder() {
        #expect(
            BuildRecord.builder.wholeMatch(of: /\d+ bytes, modified \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} UTC/) != nil,
            "builder: \(BuildRecord.builder)")
    }
}
