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
}
