import Foundation

/// Samples the process's resident memory (Linux /proc/self/status) while an import runs.
actor MemorySampler {
    private(set) var peak = 0

    func run() async {
        while !Task.isCancelled {
            peak = max(peak, Self.rss())
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// VmRSS in KiB (0 where /proc is not there).
    static func rss() -> Int { field("VmRSS:") }
    /// VmHWM: the process's peak resident memory so far, in KiB.
    static func hwm() -> Int { field("VmHWM:") }

    private static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}
