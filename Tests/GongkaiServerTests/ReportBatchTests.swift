import Foundation
import GongkaiServer
import Synchronization
import Testing

@Suite("ReportBatch: a folder's reports checked side by side")
struct ReportBatchTests {
    @Test func resultsKeepTheOrderOfTheirIndexWhateverFinishesFirst() async {
        // The first items take longest: they finish last.
        let results = await ReportBatch.map(count: 12, width: 4) { i in
            try? await Task.sleep(for: .milliseconds(5 * (12 - i)))
            return i * i
        }
        #expect(results == (0..<12).map { $0 * $0 })
    }

    @Test func noMoreThanTheWidthRunAtOnce() async {
        let running = Mutex((now: 0, most: 0))
        _ = await ReportBatch.map(count: 20, width: 3) { i in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            try? await Task.sleep(for: .milliseconds(2))
            running.withLock { $0.now -= 1 }
            return i
        }
        let most = running.withLock { $0.most }
        #expect(most >= 1 && most <= 3, "\(most) at once")
    }

    @Test func nothingToDoGivesNothing() async {
        #expect(await ReportBatch.map(count: 0) { $0 }.isEmpty)
    }
}
