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
