import Foundation

/// Lines written through a buffer (rows arrive from SQLKit's synchronous callback).
final class ExportWriter: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = Data()
    private let lock = NSLock()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(_ handle: FileHandle) { self.handle = handle }

    func record(_ record: ExportRecord) throws { try line(encoder.encode(record)) }
    func row(_ values: [String?]) throws { try line(encoder.encode(values)) }

    private func line(_ data: Data) throws {
        try lock.withLock {
            buffer.append(data)
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 { try flush() }
        }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try lock.withLock {
            try flush()
            try handle.synchronize()  // on disk before the command says it is done
            try handle.close()
        }
    }
}
