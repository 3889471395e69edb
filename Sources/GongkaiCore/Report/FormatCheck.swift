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
}
