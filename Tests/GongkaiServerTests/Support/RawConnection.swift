import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Vapor

/// A TCP connection to a running test server, written to byte by byte as a misbehaving client
/// would (a body sent slowly, a client that goes away mid-request) — what an HTTP client
/// library will not do.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawConnectionError(message: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw RawConnectionError(message: "connect: \(errno)")
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws { try send(Data(text.utf8)) }

    func send(_ data: Data) throws {
        var offset = 0
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            while offset < bytes.count {
                let n = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw RawConnectionError(message: "send: \(errno)") }
                offset += n
            }
        }
    }

    /// The server's first answer (its head and the body its Content-Length announces), or what
    /// came before it closed the connection or `seconds` passed, read on a
    /// thread of its own: a blocking read on Swift's cooperative pool (two threads on a
    /// two-core machine) would stall the server's handlers it waits for.
    func receive(seconds: Double) async -> String {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.receiveBlocking(seconds: seconds)) }.start()
        }
    }

    private func receiveBlocking(seconds: Double) -> String {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
            if Self.isComplete(received) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    private static func isComplete(_ data: Data) -> Bool {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
        guard let length else { return false }
        return data.count - end.upperBound >= length
    }

    /// Closes the connection as a client that goes away does.
    func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    /// Runs `body` with the application's HTTP server listening on a free loopback port.
    static func withServer(_ app: Application, _ body: (_ port: Int) async throws -> Void) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            guard let port = app.http.server.shared.localAddress?.port else { throw RawConnectionError(message: "no port") }
            try await body(port)
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }
}

struct RawConnectionError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
