import Foundation
@testable import GongkaiServer
import Testing

/// External tools run on strangers' files under limits, and die with the request.
@Suite("External tools under limits")
struct ExternalToolTests {
    @Test func aToolThatRunsTooLongIsKilledAtTheWallClockLimit() async throws {
        // given a tool that would sleep for an hour, limited to half a second
        let tool = ExternalTool(executable: "/bin/sleep", arguments: ["3600"], limits: .init(wallSeconds: 0.5))
        let start = ContinuousClock.now
        // then it is stopped as over the limit, long before it would end
        await #expect(throws: ExternalTool.Failure.overLimit) { try await tool.run() }
        // far below the tool's own hour, with room for a machine whose test threads are all busy
        #expect(ContinuousClock.now - start < .seconds(300))
    }

    @Test func aToolThatUsesTooMuchCPUIsStoppedByTheCPULimit() async throws {
        try #require(ExternalTool.prlimit != nil, "prlimit (util-linux) is needed")
        // given a busy loop with one second of CPU and a wall clock far beyond it (on a machine
        // whose cores are all busy the loop may wait minutes for its one second: 116 s was seen
        // with two test runs and builds on two cores)
        let busyLoop = ["-c", "while :; do :; done"]
        let tool = ExternalTool(executable: "/bin/sh", arguments: busyLoop, limits: .init(wallSeconds: 1800, cpuSeconds: 1))
        let start = ContinuousClock.now
        await #expect(throws: ExternalTool.Failure.overLimit) { try await tool.run() }
        #expect(ContinuousClock.now - start < .seconds(1500))  // stopped by the CPU limit, not the 30-minute wall clock
    }

    @Test func outputBeyondTheCapStopsTheTool() async throws {
        // given `yes`, which writes forever, and a 64 KB cap
        let tool = ExternalTool(executable: "/usr/bin/yes", arguments: [], limits: .init(wallSeconds: 10, outputBytes: 64 << 10))
        await #expect(throws: ExternalTool.Failure.outputTooLarge) { try await tool.run() }
    }

    @Test func aToolEndsWhenItsCallerIsCancelled() async throws {
        // given an hour's sleep whose caller goes away after 200 ms
        let tool = ExternalTool(executable: "/bin/sleep", arguments: ["3600"], limits: .init(wallSeconds: 3600))
        let start = ContinuousClock.now
        let task = Task { try await tool.run() }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        // then the tool is killed and the wait ends, not after an hour
        await #expect(throws: ExternalTool.Failure.cancelled) { try await task.value }
        #expect(ContinuousClock.now - start < .seconds(300))  // with room for a machine whose test threads are all busy
    }

    @Test func aToolsOutputAndFailureAreReported() async throws {
        let echo = ExternalTool(executable: "/bin/echo", arguments: ["公开"], limits: .init())
        #expect(String(decoding: try await echo.run(), as: UTF8.self) == "公开\n")
        let failing = ExternalTool(executable: "/bin/sh", arguments: ["-c", "exit 3"], limits: .init())
        await #expect(throws: ExternalTool.Failure.failed(status: 3)) { try await failing.run() }
    }

    @Test func theGateRefusesBeyondItsBoundsAndFreesItsSlots() async throws {
        // given one slot in all
        let gate = ConcurrencyGate(total: 1, perClient: 1)
        let (holding, release) = AsyncStream<Void>.makeStream()
        let started = AsyncStream<Void>.makeStream()
        let first = Task {
            try await gate.run(client: "a") {
                started.continuation.yield()
                for await _ in holding { break }
            }
        }
        for await _ in started.stream { break }
        // when a second client asks while the first is reading, it is refused with 429 and Retry-After
        do {
            try await gate.run(client: "b") {}
            Issue.record("the second client should have been refused")
        } catch let error as AppError {
            #expect(error.status == .tooManyRequests)
            #expect(error.headers.first(name: "Retry-After") == "5")
        }
        // then, once the first is done, the slot is free again
        release.yield()
        try await first.value
        try await gate.run(client: "b") {}
    }
}
