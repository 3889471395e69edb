/// Bytes appended to a buffer known to be large enough — the result of a text transformation
/// that never makes its input longer (`ReportText.normalize`, `ReportText.key`): no capacity test
/// and no growth per byte as an array has, and no copy of the array into a string after.
struct ByteWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    mutating func append(_ byte: UInt8) {
        precondition(count < buffer.count, "ByteWriter: more bytes than the buffer holds")
        buffer[count] = byte
        count += 1
    }

    /// Whether the last byte written is an ASCII digit.
    var lastIsDigit: Bool { count > 0 && buffer[count - 1] >= 0x30 && buffer[count - 1] <= 0x39 }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(count + bytes.count <= buffer.count, "ByteWriter: more bytes than the buffer holds")
        (buffer.baseAddress! + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
