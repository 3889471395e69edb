import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes to text for files found in the wild: UTF-8 (with or without BOM), UTF-16 with BOM, and
/// GBK/GB18030, which many government sites still serve.
enum TextDecoding {
    enum Outcome {
        case text(String, encoding: String)
        case binary
    }

    static func decode(_ data: Data) -> Outcome {
        if data.isEmpty { return .text("", encoding: "UTF-8") }
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]), let s = String(data: data.dropFirst(3), encoding: .utf8) { return .text(s, encoding: "UTF-8") }
        if bytes.starts(with: [0xFF, 0xFE]), let s = String(data: data.dropFirst(2), encoding: .utf16LittleEndian) { return .text(s, encoding: "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]), let s = String(data: data.dropFirst(2), encoding: .utf16BigEndian) { return .text(s, encoding: "UTF-16BE") }
        if looksBinary(data) { return .binary }
        if let s = String(data: data, encoding: .utf8) { return .text(s, encoding: "UTF-8") }
        if let s = gb18030(data) { return .text(s, encoding: "GB18030") }
        return .binary
    }

    /// Where in a file's bytes the text is that `decode` reads as UTF-8 when those bytes are valid
    /// UTF-8 (most reports), so that it can be read without a String made of it first: after a
    /// UTF-8 byte-order mark (and after a second one, which Foundation's UTF-8 decoding drops
    /// too), or all of a file without a mark that does not look binary. Nil for a file `decode`
    /// never reads as UTF-8 (a UTF-16 mark, whose FF or FE is no UTF-8; binary, empty).
    static func utf8Text(in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        func markAt(_ i: Int) -> Bool { bytes.count >= i + 3 && bytes[i] == 0xEF && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF }
        if markAt(0) { return (markAt(3) ? 6 : 3)..<bytes.count }
        guard let first = bytes.first, first != 0xFF, first != 0xFE, !looksBinary(UnsafeRawBufferPointer(bytes)) else { return nil }
        return 0..<bytes.count
    }

    /// NUL bytes or many control characters: not a text file.
    private static func looksBinary(_ data: Data) -> Bool {
        data.withUnsafeBytes(looksBinary)
    }

    /// The same for a file's bytes: its first 8 KB looked at.
    private static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(8192))
        // Counted without a branch per byte, in byte-wide counters over blocks of 255 bytes,
        // so that the compiler tests 16 bytes at a time (a test and a branch for each byte
        // of the first 8 KB were a fiftieth of a check).
        var nul = 0, control = 0
        var from = 0
        while from < sample.count {
            let to = min(from + 255, sample.count)
            var blockNul: UInt8 = 0, blockControl: UInt8 = 0
            for byte in UnsafeRawBufferPointer(rebasing: sample[from..<to]) {
                blockNul &+= byte == 0 ? 1 : 0
                // Below 0x20 but tab, line feed, VT, form feed and CR (0x09…0x0D): below
                // 0x09, or 0x0E…0x1F (one comparison after a wrapping subtraction).
                blockControl &+= (byte < 0x09 ? 1 : 0) &+ (byte &- 0x0E < 0x12 ? 1 : 0)
            }
            nul += Int(blockNul)
            control += Int(blockControl)
            from = to
        }
        return nul > 0 || control * 20 > sample.count
    }

    /// GB18030 (a superset of GBK and GB2312) through the C library's iconv.
    static func gb18030(_ data: Data) -> String? {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in
            for (i, b) in raw.enumerated() { input[i] = CChar(bitPattern: b) }
        }
        var output = [CChar](repeating: 0, count: data.count * 2 + 16)
        var produced = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 { produced = outBuf.count - outLeft }
            }
        }
        guard produced >= 0 else { return nil }
        return String(decoding: output.prefix(produced).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
