import Foundation

/// RFC 4180 comma-separated values: quoted fields may hold commas, quotes ("") and line breaks.
public enum CSV {
    /// Rows of fields. A UTF-8 byte-order mark and a final empty line are ignored.
    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var chars = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        while let c = chars.first {
            chars = chars.dropFirst()
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { inQuotes = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); rows.append(row); row = []; field = ""
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// One line of CSV, quoting fields that need it. A field a spreadsheet would read as a
    /// formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return — is written with a
    /// leading `'` (OWASP's advice against CSV injection), unless it is a plain number (`-12`).
    public static func line(_ fields: [String]) -> String {
        fields.map(neutralised).map { field in
            // `isNewline`, not == "\n": "\r\n" is one Character, equal to neither.
            field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// The field as written to a file opened by Excel or WPS: `=HYPERLINK(…)` → `'=HYPERLINK(…)`.
    public static func neutralised(_ field: String) -> String {
        guard let first = field.first, formulaStarts.contains(first), Double(field)?.isFinite != true else { return field }
        return "'" + field
    }
}
