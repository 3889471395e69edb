import Foundation

/// Text from strangers checked before it is stored, and made safe where it is not escaped by the
/// HTML layer (file names in headers and archives, log lines).
enum SafeText {
    /// More combining marks than this on one character is not writing: it is a way to make a
    /// 100-character name a megabyte long, since length limits count characters.
    static let maxScalarsPerCharacter = 8

    /// Why a submitted value is refused, or nil: NUL and other control characters (tab and line
    /// breaks are allowed), bidirectional overrides that make text read differently from how it
    /// is stored (U+202A–202E, U+2066–2069), and characters stacked with combining marks.
    static func problem(_ value: String) -> String? {
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v) { return "含有不允许的控制字符" }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return "含有不允许的文字方向控制字符" }
        }
        if value.unicodeScalars.count > value.count * 2, value.contains(where: { $0.unicodeScalars.count > maxScalarsPerCharacter }) {
            return "含有异常叠加的组合字符"
        }
        return nil
    }

    /// Control characters, bidirectional overrides and path separators are removed; at most
    /// 200 characters; never empty.
    static func filename(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { s in
            !(s.properties.generalCategory == .control || s.properties.generalCategory == .format || s == "/" || s == "\\")
        }
        let text = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? "file" : String(text.prefix(200))
    }

    /// A value for a text log line: line breaks and other controls shown as escapes, so user
    /// input cannot start a forged line.
    static func logLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0..<0x20, 0x7F...0x9F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
