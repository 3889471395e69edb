import Foundation

/// Runs a command-line tool on input a stranger sent (`pdftotext` on an uploaded PDF). A
/// crafted file must not be able to take the site down, so the tool runs
/// - on its own threads, never on the event loop or Swift's cooperative pool;
/// - under a CPU-time and address-space limit (`prlimit`, util-linux), and a wall-clock limit;
/// - with its output capped (read as it comes, the tool killed when the cap is passed);
/// - killed as soon as the waiting task is cancelled (the client went away).
struct ExternalTool: Sendable {
    var executable: String
    var arguments: [String]
    var limits: Limits

    struct Limits: Sendable {
        var wallSeconds: Double = 15
        var cpuSeconds = 10
        var memoryBytes = 512 << 20
        var outputBytes = 8 << 20
    }

    enum Failure: Error, Equatable {
        /// The time, CPU or memory limit was reached.
        case overLimit
        case outputTooLarge
        case failed(status: Int32)
        case cannotStart(String)
        /// The caller went away.
        case cancelled
    }

    static let prlimit: String? = ["/usr/bin/prlimit", "/bin/prlimit"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The tool's standard output.
    func run() async throws -> Data {
        let box = RunningProcess()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
                let thread = Thread { continuation.resume(with: Result { try self.runBlocking(box) }) }
                thread.name = "gongkai-external-tool"
                thread.start()
            }
        } onCancel: {
            box.kill(reason: .cancelled)
        }
    }

    private func runBlocking(_ box: RunningProcess) throws -> Data {
        let process = Process()
        if let prlimit = Self.prlimit {
            process.executableURL = URL(fileURLWithPath: prlimit)
            process.arguments = ["--cpu=\(limits.cpuSeconds)", "--as=\(limits.memoryBytes)", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure.cannotStart(error.localizedDescription) }
        box.started(process)
        let deadline = DispatchTime.now() + limits.wallSeconds
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: deadline)
        timer.setEventHandler { box.kill(reason: .overLimit) }
        timer.resume()
        defer { timer.cancel() }

        var output = Data()
        let handle = stdout.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
            if output.count > limits.outputBytes {
                box.kill(reason: .outputTooLarge)
                break
            }
        }
        process.waitUntilExit()
        if let reason = box.killReason { throw reason }
        // SIGXCPU / SIGKILL from the CPU or memory limit, or an allocation failure under it.
        if process.terminationReason == .uncaughtSignal { throw Failure.overLimit }
        guard process.terminationStatus == 0 else { throw Failure.failed(status: process.terminationStatus) }
        return output
    }
}

/// The process of one run, shared between the reading thread, the timer and cancellation.
private final class RunningProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var process: Process?
    private var cancelled = false
    private(set) var killReason: ExternalTool.Failure?

    func started(_ p: Process) {
        lock.lock()
        process = p
        let cancelledEarly = cancelled
        lock.unlock()
        if cancelledEarly { kill(reason: .cancelled) }
    }

    func kill(reason: ExternalTool.Failure) {
        lock.lock()
        cancelled = true
        if killReason == nil { killReason = reason }
        let p = process
        lock.unlock()
        if let p, p.isRunning { Foundation.kill(p.processIdentifier, SIGKILL) }
    }
}
