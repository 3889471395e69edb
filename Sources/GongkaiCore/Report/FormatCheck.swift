import Foundation

/// V1: a report on 2021 or later printed in the superseded 2019 format. Reports from 2021 on
/// must use the tables of 国办公开办函〔2021〕30号; the old tables are read as printed and the
/// report is told so.
enum FormatCheck {
    static func superseded(printed: ReportFormatVersion, expected: ReportFormatVersion?, year: Int?) -> Finding? {
        guard let expected, let year, expected == .v2021, printed == .v2019 else { return nil }
        return Finding(
            rule: .supersededFormat, expected: expected.chineseLabel, actual: printed.chineseLabel,
            message: "这是 \(year) 年度的报告，应使用\(expected.chineseLabel)，但表格是已被取代的\(printed.chineseLabel)；已按印出的旧版表格读取",
            location: .init(table: "全文"))
    }

    /// V2: the head's year and the body's disagree (review 10i H3, L3); says which was read.
    static func yearConflict(_ conflict: (stated: Int, period: Int, read: Int, bareLine: Bool, fromPeriod: Bool)?) -> Finding? {
        guard let c = conflict else { return nil }
        // A line under the title is called so; only a real period sentence is 统计期限 (review 10j L1).
        let head = c.bareLine ? "标题下单独一行的年份（\(c.stated) 年，无“度”字或括号）" : "标题所写的年份（\(c.stated) 年）"
        let body = c.fromPeriod ? "统计期限（\(c.period) 年）" : "正文“总体情况”所写的年份（\(c.period) 年）"
        let why: String
        if c.read == c.stated {
            why =
                c.bareLine
                ? "统计期限的句子常从上年报告照抄，而正文“总体情况”所写的也是 \(c.stated) 年，按 \(c.stated) 年度读取"
                : "标题是报告对自身年度的说明，而统计期限的句子常从上年报告照抄，正文“总体情况”也未提到 \(c.period) 年，按 \(c.stated) 年度读取"
        } else if c.bareLine {
            why =
                c.stated > c.period
                ? "标题下单独一行的年份晚于\(c.fromPeriod ? "统计期限" : "正文")，常是封面上的发布年份，按 \(c.period) 年度读取"
                : "标题下单独一行的年份早于\(c.fromPeriod ? "统计期限" : "正文")，不是本报告的年度，按 \(c.period) 年度读取"
        } else {
            why = "正文“总体情况”所写的也是 \(c.period) 年，按 \(c.period) 年度读取"
        }
        return Finding(
            rule: .yearConflict, expected: String(c.period), actual: String(c.stated),
            message: "\(head)与\(body)不一致：\(why)；请核对报告的年度", location: .init(table: "全文"))
    }

    /// V1 for one table (or row group) printed in the superseded 2019 format in a report whose
    /// other tables are the 2021 ones: its cells were not mapped onto the 2021 cells (left empty).
    static func supersededTables(_ tables: [(table: String, what: String)], read: ReportFormatVersion,
                                 expected: ReportFormatVersion?, year: Int?) -> [Finding] {
        guard let expected, let year, expected == .v2021, read == .v2021 else { return [] }
        return tables.map { table, what in
            Finding(rule: .supersededFormat, expected: expected.chineseLabel, actual: ReportFormatVersion.v2019.chineseLabel,
                    message: "这是 \(year) 年度的报告，应使用\(expected.chineseLabel)，但\(table)\(what)，是已被取代的"
                        + "\(ReportFormatVersion.v2019.chineseLabel)；这部分未按 2021 年版的单元格读取，相应单元格留空",
                    location: .init(table: table))
        }
    }
}
