import Foundation
import Testing

/// Stored HTML snapshots of rendered pages (Tests/GongkaiServerTests/Snapshots/NAME.html).
///
/// The renderer writes a page on one line; the file holds the same bytes with a line break
/// between every two adjacent tags (`><` → `>\n<`), so that a change shows as a readable
/// `git diff`. The rendered page is laid out the same way and compared with the file byte for
/// byte: the only change this cannot see is a line break added or removed between two tags.
///
/// Record mode: `GONGKAI_RECORD_SNAPSHOTS=1 swift test --filter ViewSnapshotTests` writes the
/// files (refused under CI); review them with `git diff` before committing.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // GongkaiServerTests
        .appendingPathComponent("Snapshots")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["GONGKAI_RECORD_SNAPSHOTS"] == "1" }

    /// The file's layout of a page: one tag per line.
    static func layout(_ html: String) -> String {
        html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    /// Compares `html` with the stored snapshot `name`, or writes it in record mode.
    static func assertMatches(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".html")
        if isRecording {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(
                    "GONGKAI_RECORD_SNAPSHOTS is set under CI: snapshots are recorded on a developer's machine", sourceLocation: sourceLocation)
                return
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(layout(html).utf8).write(to: url)
            } catch {
                Issue.record("\(name): cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("\(name): no snapshot at \(url.path); record it with GONGKAI_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if let difference = firstDifference(expected: String(decoding: data, as: UTF8.self), actual: layout(html)) {
            Issue.record(
                """
                \(name).html differs from the rendered page at line \(difference.line):
                  stored:   \(difference.expected)
                  rendered: \(difference.actual)
                If the change is intended, record again: GONGKAI_RECORD_SNAPSHOTS=1 swift test --filter ViewSnapshotTests
                """, sourceLocation: sourceLocation)
        }
    }

    struct Difference: Equatable {
        var line: Int
        var expected: String
        var actual: String
    }

    /// The first line where two texts differ (1-based), or nil when they are equal. A missing line
    /// reads as "(end of page)".
    static func firstDifference(expected: String, actual: String) -> Difference? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(e.count, a.count) {
            let left = index < e.count ? String(e[index]) : "(end of page)"
            let right = index < a.count ? String(a[index]) : "(end of page)"
            if left != right { return Difference(line: index + 1, expected: excerpt(left, against: right), actual: excerpt(right, against: left)) }
        }
        return Difference(line: max(e.count, a.count), expected: "(same lines)", actual: "(same lines)")
    }

    /// A long line cut around its first difference with the other.
    static func excerpt(_ line: String, against other: String) -> String {
        let chars = Array(line), others = Array(other)
        guard chars.count > 160 else { return line }
        var i = 0
        while i < min(chars.count, others.count), chars[i] == others[i] { i += 1 }
        let start = max(0, i - 60), end = min(chars.count, i + 100)
        return (start > 0 ? "…" : "") + String(chars[start..<end]) + (end < chars.count ? "…" : "")
    }
}
