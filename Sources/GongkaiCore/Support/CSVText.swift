/// A small CSV file held in memory (an upload), decoded as `CSVStream` reads a file: UTF-8 with
/// or without a byte-order mark when the bytes are valid UTF-8 throughout, GB18030 (GBK, what
/// Excel saves on a Chinese Windows) otherwise; UTF-16 and bytes that are neither are refused
/// with a message saying how to save the file. Nothing is decoded lossily.
public enum CSVText {
    public static func decode(_ bytes: [UInt8]) throws -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw CSVStreamError(message: "文件是 UTF-16 编码（“Unicode 文本”），请在 Excel 或 WPS 中另存为“CSV（逗号分隔）”或“CSV UTF-8”后再导入")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var validator = UTF8Validator()
        if validator.feed(body), validator.isComplete { return String(decoding: body, as: UTF8.self) }
        guard let converter = GB18030Converter() else { throw CSVStreamError(message: "系统缺少 GB18030 编码转换（iconv）") }
        let converted = try converter.convert(body)
        guard converter.isEmpty else { throw CSVStreamError(message: "文件末尾有不完整的 GBK 字符：请另存为“CSV UTF-8”后再导入") }
        return String(decoding: converted, as: UTF8.self)
    }
}
