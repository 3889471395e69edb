import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A record of a CSV file and the physical line it starts on (1-based), for error messages.
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// The text encodings of CSV files saved by Excel and WPS in China.
public enum CSVEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    /// GB18030, a superset of GBK and GB2312 (Excel's "CSV" on a Chinese Windows).
    case gb18030 = "GB18030"
}

public struct CSVStreamError: Error, LocalizedError, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
    public var errorDescription: String? { message }
}

/// Reads RFC 4180 CSV from a file a chunk at a time, so memory stays flat whatever the file's
/// size: quoted fields may hold commas, doubled quotes and line breaks; a UTF-8 byte-order mark
/// is skipped; GB18030/GBK is converted to UTF-8 chunk by chunk with iconv. The delimiters are
/// ASCII and never occur inside a UTF-8 sequence, so the parser works on bytes.
public final class CSVStream {
    public static let chunkSize = 64 * 1024
    private let handle: FileHandle
    private let encoding: CSVEncoding
    private var converter: GB18030Converter?
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    private var skippedBOM = false
    /// Bytes read from the file so far (for progress against the file size).
    public private(set) var bytesRead = 0

    public init(path: String, encoding: CSVEncoding) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVStreamError(message: "无法打开文件 \(path)") }
        self.handle = handle
        self.encoding = encoding
        if encoding == .gb18030 {
            guard let converter = GB18030Converter() else { throw CSVStreamError(message: "系统缺少 GB18030 编码转换（iconv）") }
            self.converter = converter
        }
    }

    deinit { try? handle.close() }

    /// UTF-8 when the file (after a byte-order mark) is valid UTF-8 throughout, GB18030 otherwise;
    /// UTF-16 files ("Unicode 文本") are refused with the way out. Reads the file once, in chunks.
    public static func detectEncoding(path: String) throws -> CSVEncoding {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVStreamError(message: "无法打开文件 \(path)") }
        defer { try? handle.close() }
        var validator = UTF8Validator()
        var first = true
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
            var bytes = [UInt8](data)
            if first {
                first = false
                if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                    throw CSVStreamError(message: "文件是 UTF-16 编码（“Unicode 文本”），请在 Excel 或 WPS 中另存为“CSV（逗号分隔）”或“CSV UTF-8”后再导入")
                }
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            }
            if !validator.feed(bytes) { return .gb18030 }
        }
        return validator.isComplete ? .utf8 : .gb18030
    }

    /// The next record, or nil at the end of the file. Blank lines and rows of empty fields are skipped.
    public func next() throws -> CSVRecord? {
        while true {
            guard let record = try nextRecord() else { return nil }
            // An empty line, or a row of empty fields (`,,,,,,,,`: Excel and WPS keep rows that
            // once held formatting, or only spaces) holds nothing; its line is still counted.
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            return record
        }
    }

    private func fill() throws -> Bool {
        if finished { return false }
        guard let data = try handle.read(upToCount: Self.chunkSize), !data.isEmpty else {
            finished = true
            if let converter, !converter.isEmpty { throw CSVStreamError(message: "文件末尾有不完整的 GBK 字符") }
            return false
        }
        bytesRead += data.count
        var bytes = [UInt8](data)
        if let converter { bytes = try converter.convert(bytes) }
        if !skippedBOM {
            skippedBOM = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
        return true
    }

    private func nextRecord() throws -> CSVRecord? {
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var started = false
        let startLine = line
        while true {
            if position >= buffer.count {
                guard try fill() else {
                    if inQuotes { throw CSVStreamError(message: "第 \(startLine) 行：引号没有闭合（文件在引号内结束）") }
                    if !started && fields.isEmpty && field.isEmpty { return nil }
                    fields.append(String(decoding: field, as: UTF8.self))
                    return CSVRecord(line: startLine, fields: fields)
                }
                continue
            }
            let byte = buffer[position]
            position += 1
            started = true
            if inQuotes {
                if byte == 0x22 {
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count && buffer[position] == 0x22 {
                        field.append(0x22)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case 0x22 where field.isEmpty:
                inQuotes = true
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case 0x0D, 0x0A:
                if byte == 0x0D {
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count && buffer[position] == 0x0A { position += 1 }
                }
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return CSVRecord(line: startLine, fields: fields)
            default:
                field.append(byte)
            }
        }
    }
}

/// Checks bytes fed in pieces for valid UTF-8 (a sequence may straddle two pieces).
struct UTF8Validator {
    private var pending = 0
    private var first = true

    /// False at the first byte that cannot be UTF-8.
    mutating func feed(_ bytes: [UInt8]) -> Bool {
        for b in bytes {
            if pending > 0 {
                guard b & 0xC0 == 0x80 else { return false }
                pending -= 1
                continue
            }
            switch b {
            case 0x00...0x7F: continue
            case 0xC2...0xDF: pending = 1
            case 0xE0...0xEF: pending = 2
            case 0xF0...0xF4: pending = 3
            default: return false
            }
        }
        return true
    }

    var isComplete: Bool { pending == 0 }
}

/// GB18030 → UTF-8 through the C library's iconv, a chunk at a time: an incomplete character at
/// the end of a chunk waits for the next.
final class GB18030Converter {
    private let cd: iconv_t
    private var leftover: [UInt8] = []

    init?() {
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else { return nil }
        self.cd = cd
    }

    deinit { iconv_close(cd) }

    var isEmpty: Bool { leftover.isEmpty }

    func convert(_ bytes: [UInt8]) throws -> [UInt8] {
        var input = leftover + bytes
        leftover = []
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        var failure: Int32 = 0
        input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPtr: UnsafeMutablePointer<CChar>? = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { failure = errno }
            }
        }
        if failure != 0 && failure != EINVAL {
            throw CSVStreamError(message: "文件既不是 UTF-8 也不是 GBK（GB18030）编码，请另存为“CSV UTF-8”后再导入")
        }
        if inLeft > 0 { leftover = Array(input.suffix(inLeft)) }
        return Array(output.prefix(output.count - outLeft))
    }
}
