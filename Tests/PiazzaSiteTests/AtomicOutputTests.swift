import Foundation
import Synchronization
import Testing

@testable import PiazzaSite

@Suite("A portal's output is written file by file into its scratch folder")
struct AtomicOutputTests {
    @Test(
        "the write observer runs at the same stack depth on every write: a closure kept in a Mutex used to come back two thunks deeper per read, so a portal's writes took quadratic time"
    )
    func observerDepth() throws {
        let root = try TemporaryFolder("output")
        let output = try AtomicOutput(portal: "vigonza", cache: BuildCache(output: root.appending("site")))
        let depths = Mutex<[Int]>([])
        output.onWrite = { _ in
            let depth = Thread.callStackReturnAddresses.count
            depths.withLock { $0.append(depth) }
        }
        for index in 0..<50 { try output.write(Array("<p>\(index)</p>".utf8), to: "pagina-\(index)/index.html") }
        let seen = depths.withLock { $0 }
        #expect(seen.count == 50)
        #expect(Set(seen).count == 1)
        #expect(try root.files(under: "").count == 50)
    }

    struct Stop: Error {}

    @Test(
        "a file written piece by piece holds the pieces in order; a failing piece leaves it out of the files written"
    )
    func pieces() throws {
        let root = try TemporaryFolder("output")
        let output = try AtomicOutput(portal: "vigonza", cache: BuildCache(output: root.appending("site")))
        let pieces = ["{\"@graph\":[", String(repeating: "x", count: 70_000), ",\"è\"", "]}\n"].map { Array($0.utf8) }
        try output.write(to: "open-data/servizi.jsonld") { append in
            for piece in pieces { try append(piece) }
        }
        let written = try #require(
            FileManager.default.contents(atPath: output.scratch.appendingPathComponent("open-data/servizi.jsonld").path)
        )
        #expect(Array(written) == pieces.flatMap { $0 })
        #expect(
            throws: Stop.self,
            performing: {
                try output.write(to: "open-data/servizi.csv") { append in
                    try append(Array("id,titolo\r\n".utf8))
                    throw Stop()
                }
            })
        #expect(output.filesWritten == 1)
    }
}
