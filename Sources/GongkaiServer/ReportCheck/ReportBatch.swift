import Foundation

/// Reports checked side by side, one at a time on each core: a supervising office checks the
/// folder of a county's reports (hundreds of files) at once, and the check is pure CPU work.
public enum ReportBatch {
    /// `body(i)` for every `i` in `0..<count`, at most `width` running at once, the results in
    /// the order of `i` (a folder's summary lists its files in name order whatever finished first).
    public static func map<T: Sendable>(
        count: Int, width: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: @escaping @Sendable (Int) async -> T
    ) async -> [T] {
        await withTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            func start() {
                guard next < count else { return }
                let i = next
                next += 1
                group.addTask { (i, await body(i)) }
            }
            for _ in 0..<max(1, width) { start() }
            for await (i, value) in group {
                results[i] = value
                start()
            }
            return results.map { $0! }
        }
    }
}
