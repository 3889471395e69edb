import Foundation
@testable import GongkaiServer
import Testing

/// A tool that starts helpers of its own (Chromium) runs in its own process group and is killed
/// with them; variables can be set for it.
@Suite("External tools: process groups and environment")
struct ExternalToolGroupTests {
    /// Whether the process is gone (a zombie waiting for its reaper counts as gone).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // pid (comm) STATE …: the state follows the last parenthesis
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    @Test func aToolsHelpersDieWithItWhenItRunsInItsOwnGroup() async throws {
        // given a shell that starts a helper (an hour's sleep), notes its pid and waits for it
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-helper-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let tool = ExternalTool(
            executable: "/bin/sh", arguments: ["-c", "sleep 3600 & echo $! > \(marker.path); wait"], limits: .init(wallSeconds: 1),
            ownProcessGroup: true)
        // when it is stopped at its time limit
        await #expect(throws: ExternalTool.Failure.overLimit) { try await tool.run() }
        // then the helper is gone too
        let pid = try #require(Int32(try String(contentsOf: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = Self.isGone(pid)
        for _ in 0..<50 where !gone {
            try await Task.sleep(for: .milliseconds(100))
            gone = Self.isGone(pid)
        }
        if !gone { kill(pid, SIGKILL) }
        #expect(gone, "the helper \(pid) outlived the tool")
    }

    @Test func variablesAreSetForTheTool() async throws {
        let tool = ExternalTool(
            executable: "/bin/sh", arguments: ["-c", "echo \"$GONGKAI_TOOL_TEST:$HOME\""], limits: .init(),
            environment: ["GONGKAI_TOOL_TEST": "公开", "HOME": "/tmp/gongkai-home"])
        #expect(String(decoding: try await tool.run(), as: UTF8.self) == "公开:/tmp/gongkai-home\n")
    }
}
