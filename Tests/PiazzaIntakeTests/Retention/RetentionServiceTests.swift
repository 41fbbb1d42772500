import Foundation
import Logging
import Synchronization
import Testing

@testable import PiazzaIntake

@Suite("Retention service: the daily pass's lifetime")
struct RetentionServiceTests {
    @Test("the service ends when its task is cancelled (a daemon whose port is taken), not only at shutdown")
    func endsOnCancellation() async throws {
        let service = RetentionService(runtimes: [], logger: Logger(label: "test"), clock: { Date() })
        let ended = Mutex(false)
        let task = Task {
            try? await service.run()
            ended.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        for _ in 0..<100 where !ended.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ended.withLock { $0 })
    }
}
