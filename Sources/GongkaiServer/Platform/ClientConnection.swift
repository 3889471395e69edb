import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import NIOCore
import Vapor

/// Whether the client of a request is still connected, and work that stops when it is not.
///
/// Vapor 4 never cancels a handler's task when its connection closes, and gives handlers no
/// access to the channel: a stranger who sent a PDF and went away once held `pdftotext` and a
/// report-check slot for the whole 15 s limit. So the kernel is asked instead: on Linux,
/// `/proc/net/tcp` and `/proc/net/tcp6` list every TCP connection of the process's network
/// namespace with its state. A connection the client closed is in CLOSE_WAIT until the server
/// reads the end of stream, then gone; only ESTABLISHED counts as open. Behind a reverse proxy
/// this is the proxy's connection, which nginx closes when its client goes away
/// (`proxy_ignore_client_abort off`, the default).
///
/// Where the table cannot be read (not Linux), or the connection is not found in it when the
/// work starts (another namespace, a Unix socket), nothing is watched and the work runs to its
/// own limits.
struct ClientConnection: Sendable {
    /// The connection's local port and remote address as the kernel prints them.
    let localPort: String
    let remote: String
    let table: String

    /// How often the connection is looked at while work runs.
    static let pollInterval: TimeAmount = .milliseconds(250)

    init?(_ req: Request) {
        guard let address = req.remoteAddress, let port = req.application.http.server.shared.localAddress?.port,
              let (remote, table) = Self.kernelForm(address)
        else { return nil }
        self.localPort = Self.hex(UInt16(truncatingIfNeeded: port))
        self.remote = remote
        self.table = table
    }

    /// Whether the connection is established; nil when the table cannot be read.
    func isOpen() -> Bool? {
        guard let text = Self.read(table) else { return nil }
        for line in text.split(separator: "\n").dropFirst() {
            // sl local_address rem_address st …
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 3, fields[2] == remote, fields[1].hasSuffix(":" + localPort) else { continue }
            if fields[3] == "01" { return true }
        }
        return false
    }

    /// Runs `work` in a task of its own, cancelled as soon as the client's connection is closed
    /// (or the caller is cancelled). Cancellation reaches what the work awaits: an external tool
    /// is killed (`ExternalTool`), and the slot it holds is given back when it returns.
    static func cancellingWhenClosed<T: Sendable>(
        _ req: Request, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let connection = ClientConnection(req), connection.isOpen() == true else { return try await work() }
        let task = Task { try await work() }
        // Polled on the connection's event loop, not in the cooperative pool: reading other
        // reports can keep the pool busy, and a poll there once came seconds late. The read is of
        // a kernel table in memory, a fraction of a millisecond, a few times a second per check.
        let watch = req.eventLoop.scheduleRepeatedTask(initialDelay: pollInterval, delay: pollInterval) { scheduled in
            if connection.isOpen() == false {
                task.cancel()
                scheduled.cancel()
            }
        }
        defer { watch.cancel() }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// `/proc/net/tcp` prints an IPv4 address as the 32-bit word read in the host's byte order,
    /// and IPv6 as four such words, each followed by the port in hexadecimal.
    private static func kernelForm(_ address: SocketAddress) -> (String, String)? {
        switch address {
        case .v4(let v4):
            let word = v4.address.sin_addr.s_addr
            return (hex(word) + ":" + hex(UInt16(bigEndian: v4.address.sin_port)), "/proc/net/tcp")
        case .v6(let v6):
            var raw = v6.address.sin6_addr
            let words = withUnsafeBytes(of: &raw) { bytes in (0..<4).map { bytes.load(fromByteOffset: $0 * 4, as: UInt32.self) } }
            return (words.map(hex).joined() + ":" + hex(UInt16(bigEndian: v6.address.sin6_port)), "/proc/net/tcp6")
        case .unixDomainSocket:
            return nil
        }
    }

    /// The whole of a /proc file. Foundation's readers trust the size the file reports, which
    /// is 0 here, and stopped after the first 4 KB: connections further down were not found.
    private static func read(_ path: String) -> String? {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func hex(_ value: UInt32) -> String { String(format: "%08X", value) }
    private static func hex(_ value: UInt16) -> String { String(format: "%04X", value) }
}
