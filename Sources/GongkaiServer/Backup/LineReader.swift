import Foundation

/// Reads a file a line at a time without holding it in memory (an export carries every
/// attachment as hex). One task reads it at a time.
final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = [UInt8]()
    private var position = 0
    private var atEnd = false
    private(set) var lineNumber = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupProblem("无法读取文件 \(path)") }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its line feed; nil at the end of the file.
    func next() throws -> Data? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let line = Data(buffer[position..<newline])
                position = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                lineNumber += 1
                return Data(buffer[position...])
            }
            // Keep only the unread part before reading on: each byte is moved at most once per chunk.
            buffer.removeSubrange(0..<position)
            position = 0
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
