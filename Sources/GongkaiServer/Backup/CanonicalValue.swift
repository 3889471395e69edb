import Foundation
import GongkaiCore
import SQLKit

/// One value in its canonical text, the same on every database: integers in decimal, booleans
/// `0`/`1` (so a boolean and an integer column holding 1 agree), timestamps in UTC to the
/// microsecond (`2026-12-05T08:04:29.123456Z`: PostgreSQL's precision; SQLite's seconds since
/// 1970 are rounded to it as SQLiteNIO does), UUIDs in lower case, blobs in lower-case hex, text
/// as stored (UTF-8). NULL is `nil`, distinct from the empty string.
enum CanonicalValue {
    /// The canonical text of `column` in `row`.
    static func read(_ row: any SQLRow, _ column: String, as kind: ColumnKind) throws -> String? {
        if try row.decodeNil(column: column) { return nil }
        switch kind {
        case .integer: return String(try row.decode(column: column, as: Int64.self))
        case .boolean: return try row.decode(column: column, as: Bool.self) ? "1" : "0"
        case .real: return String(describing: try row.decode(column: column, as: Double.self))  // shortest text that reads back
        case .timestamp: return timestamp(microseconds(of: try row.decode(column: column, as: Date.self)))
        case .blob: return hex(try row.decode(column: column, as: Data.self))
        case .uuid: return try row.decode(column: column, as: UUID.self).uuidString.lowercased()
        case .text: return try row.decode(column: column, as: String.self)
        }
    }

    /// The value to bind for `text` in a column of `kind` on the target database, and whether
    /// the placeholder needs a cast (a PostgreSQL timestamp is bound as its text: exact to the
    /// microsecond, where a `Date` would pass through a binary fraction).
    static func bindable(_ text: String?, as kind: ColumnKind, postgres: Bool) throws -> SQLQueryString {
        guard let text else { return "NULL" }
        func bad() -> BackupProblem { BackupProblem("“\(text.prefix(40))”不是有效的\(kind.rawValue)值") }
        switch kind {
        case .integer:
            guard let value = Int64(text) else { throw bad() }
            return "\(bind: value)"
        case .boolean:
            guard text == "0" || text == "1" else { throw bad() }
            return postgres ? "\(bind: text == "1")" : "\(bind: Int64(text == "1" ? 1 : 0))"
        case .real:
            guard let value = Double(text) else { throw bad() }
            return "\(bind: value)"
        case .timestamp:
            guard let micro = microseconds(timestamp: text) else { throw bad() }
            if postgres { return "CAST(\(bind: text) AS TIMESTAMPTZ)" }
            return "\(bind: Double(micro) / 1_000_000)"  // as SQLiteNIO stores a Date: seconds since 1970
        case .blob:
            guard let data = data(hex: text) else { throw bad() }
            return "\(bind: data)"
        case .uuid:
            guard let uuid = UUID(uuidString: text) else { throw bad() }
            return "\(bind: uuid)"
        case .text:
            return "\(bind: text)"
        }
    }

    // MARK: timestamps

    /// Microseconds since 1970, rounded from the reference-date interval as SQLiteNIO rounds it.
    static func microseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSinceReferenceDate * 1_000_000).rounded()) + 978_307_200_000_000
    }

    static func timestamp(_ micro: Int64) -> String {
        let (days, inDay) = floorDivision(micro, 86_400_000_000)
        let date = CivilDate(dayNumber: Int(days))
        let (y, m, d) = (Int64(date.year), Int64(date.month), Int64(date.day))
        let seconds = inDay / 1_000_000, fraction = inDay % 1_000_000
        return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06lldZ",
                      y, m, d, seconds / 3600, seconds / 60 % 60, seconds % 60, fraction)
    }

    static func microseconds(timestamp text: String) -> Int64? {
        // 2026-12-05T08:04:29.123456Z, exactly as `timestamp(_:)` writes it
        let u = Array(text.utf8)
        guard u.count == 27, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 46, u[26] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for i in range { guard (48...57).contains(u[i]) else { return nil }; value = value * 10 + Int64(u[i] - 48) }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), let h = number(11..<13),
              let mi = number(14..<16), let s = number(17..<19), let f = number(20..<26),
              (1...12).contains(m), (1...31).contains(d), h < 24, mi < 60, s < 60 else { return nil }
        guard let date = CivilDate(year: Int(y), month: Int(m), day: Int(d)) else { return nil }
        let days = Int64(date.dayNumber)
        return ((days * 86_400 + h * 3600 + mi * 60 + s) * 1_000_000) + f
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    // MARK: blobs

    static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(data.count * 2)
        for byte in data { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func data(hex text: String) -> Data? {
        let u = Array(text.utf8)
        guard u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            default: return nil
            }
        }
        var data = Data(capacity: u.count / 2)
        var i = 0
        while i < u.count {
            guard let high = nibble(u[i]), let low = nibble(u[i + 1]) else { return nil }
            data.append(high << 4 | low)
            i += 2
        }
        return data
    }
}
