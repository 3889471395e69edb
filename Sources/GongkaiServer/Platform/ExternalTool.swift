import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command-line tool on input a stranger sent (`pdftotext` on an uploaded PDF). A
/// crafted file must not be able to take the site down, so the tool runs
/// - on a thread of its own, never on the event loop, Swift's cooperative pool or Dispatch's
///   (a busy Dispatch pool once delayed its time limit by half a minute);
/// - under a CPU-time and address-space limit (`prlimit`, util-linux), and a wall-clock limit;
/// - with its output capped (read as it comes, the tool killed when the cap is passed);
/// - killed as soon as the waiting task is cancelled (the client went away).
/// The child is started with posix_spawn and reaped with waitpid by that same thread.
struct ExternalTool: Sendable {
    var executable: String
    var arguments: [String]
    var limits: Limits
    /// Variables set for the tool over the server's own environment.
    var environment: [String: String] = [:]
    /// Starts the tool in a process group of its own and kills the whole group, for tools that
    /// start helpers of their own (Chromium's renderer and utility processes).
    var ownProcessGroup = false
    /// Where the tool's error output goes (an operator's tool must be able to say why it
    /// failed: `pg_dump`); nowhere by default — a stranger's file may make a tool chatter.
    var errorFile: String?

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
        let child = Child()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data, any Error>) in
                let thread = Thread { continuation.resume(with: Result { try self.runBlocking(child) }) }
                thread.name = "gongkai-external-tool"
                thread.start()
            }
        } onCancel: {
            child.kill(.cancelled)
        }
    }

    private var commandLine: [String] {
        guard let prlimit = Self.prlimit else { return [executable] + arguments }
        return [prlimit, "--cpu=\(limits.cpuSeconds)", "--as=\(limits.memoryBytes)", "--", executable] + arguments
    }

    private func runBlocking(_ child: Child) throws -> Data {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure.cannotStart("pipe: \(errno)") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownProcessGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        let argv = commandLine.map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in envp { free(variable) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0]!, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw Failure.cannotStart(String(cString: strerror(spawned)))
        }
        child.started(pid, group: ownProcessGroup)
        defer { close(readEnd) }

        // Read what comes, watching the clock between reads.
        let deadline = Date().addingTimeInterval(limits.wallSeconds)
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        reading: while true {
            if Date() >= deadline { child.kill(.overLimit); break }
            if child.reason != nil { break }
            let ready = poll(&poller, 1, 100)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let n = read(readEnd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break reading }
            output.append(contentsOf: buffer[0..<n])
            if output.count > limits.outputBytes { child.kill(.outputTooLarge); break }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        child.reaped()
        if let reason = child.reason { throw reason }
        let signal = status & 0x7F
        // SIGXCPU or SIGKILL from the CPU or memory limit.
        if signal != 0 { throw Failure.overLimit }
        let code = (status >> 8) & 0xFF
        guard code == 0 else { throw Failure.failed(status: code) }
        return output
    }
}

/// The child of one run, shared between its thread and cancellation; killed at most while it
/// has not been reaped (a reaped pid may belong to another process). A child leading its own
/// process group is killed with the group.
private final class Child: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t?
    private var group = false
    private var done = false
    private var pending: ExternalTool.Failure?

    var reason: ExternalTool.Failure? {
        lock.lock(); defer { lock.unlock() }
        return pending
    }

    func started(_ p: pid_t, group: Bool) {
        lock.lock()
        pid = p
        self.group = group
        let early = pending != nil
        lock.unlock()
        if early { Glibc.kill(group ? -p : p, SIGKILL) }
    }

    func kill(_ reason: ExternalTool.Failure) {
        lock.lock()
        if pending == nil { pending = reason }
        let target = done ? nil : pid.map { group ? -$0 : $0 }
        lock.unlock()
        if let target { Glibc.kill(target, SIGKILL) }
    }

    func reaped() {
        lock.lock()
        done = true
        lock.unlock()
    }
}
