import Foundation

extension CSV {
    /// A row with the line of the file it starts on (1-based), for error messages.
    public struct NumberedRow: Equatable, Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// Rows with their starting line numbers; a quoted field spanning lines counts its lines.
    public static func parseWithLines(_ text: String) -> [NumberedRow] {
        var rows: [NumberedRow] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var chars = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        while let c = chars.first {
            chars = chars.dropFirst()
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars = chars.dropFirst() } else { inQuotes = false }
                } else {
                    if c == "\n" || c == "\r\n" || c == "\r" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: inQuotes = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field)
                rows.append(NumberedRow(line: rowStart, fields: row))
                row = []; field = ""
                line += 1
                rowStart = line
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(NumberedRow(line: rowStart, fields: row)) }
        return rows
    }
}
