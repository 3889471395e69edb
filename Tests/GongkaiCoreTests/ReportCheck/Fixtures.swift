import Foundation
import Testing
@testable import GongkaiCore

/// Report fixtures in Tests/GongkaiCoreTests/Fixtures/reports (excluded from the target, read by path).
enum ReportFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reports")

    static func data(_ name: String) -> Data {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) ?? Data()
    }

    static func text(_ name: String) -> String { String(decoding: data(name), as: UTF8.self) }

    static func check(_ name: String) throws -> ReportCheckResult {
        try ReportChecker.check(ReportFile(name: name, data: data(name)))
    }

    /// The values printed in base-2022.txt, typed by hand from the fixture.
    static let baseCells: [CellID: Decimal] = {
        var cells: [CellID: Decimal] = [
            .t2("art20_1", "rules", "issued_this_year"): 0, .t2("art20_1", "rules", "repealed_this_year"): 0,
            .t2("art20_1", "rules", "in_force"): 0, .t2("art20_1", "normative_docs", "issued_this_year"): 3,
            .t2("art20_1", "normative_docs", "repealed_this_year"): 1, .t2("art20_1", "normative_docs", "in_force"): 25,
            .t2("art20_5", "admin_licensing", "decisions_this_year"): 1234,
            .t2("art20_6", "admin_penalty", "decisions_this_year"): 56, .t2("art20_6", "admin_coercion", "decisions_this_year"): 7,
            ReportSchema.feeAmountCell: Decimal(string: "12.5")!,
        ]
        let rows: [(String, [Decimal])] = [
            ("new_received", [12, 3, 0, 1, 2, 0, 18]), ("carried_over_in", [1, 0, 0, 0, 0, 0, 1]),
            ("result_disclosed", [6, 1, 0, 0, 1, 0, 8]), ("result_partially_disclosed", [2, 1, 0, 0, 0, 0, 3]),
            ("withheld_third_party_rights", [1, 0, 0, 0, 0, 0, 1]), ("unable_not_held", [2, 1, 0, 0, 0, 0, 3]),
            ("not_processed_duplicate", [1, 0, 0, 0, 0, 0, 1]), ("other_misc", [0, 0, 0, 1, 0, 0, 1]),
            ("result_total", [12, 3, 0, 1, 1, 0, 17]), ("carried_over_out", [1, 0, 0, 0, 1, 0, 2]),
        ]
        let columns = ReportSchema.v2021.t3Columns.map(\.id)
        for row in ReportSchema.v2021.t3Rows {
            let values = rows.first { $0.0 == row.id }?.1 ?? Array(repeating: 0, count: 7)
            for (col, v) in zip(columns, values) { cells[.t3(row.id, col)] = v }
        }
        let t4: [Decimal] = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
        let t4IDs = ReportSchema.v2021.t4Groups.flatMap { g in ReportSchema.v2021.t4Columns.map { CellID.t4(g.id, $0.id) } }
        for (id, v) in zip(t4IDs, t4) { cells[id] = v }
        return cells
    }()

    /// `text` with `old` replaced by `new`, expecting the fixture to hold `old` (a test of a
    /// change the fixture did not take would pass on the fixture as it is).
    static func replacing(_ old: String, with new: String, in text: String) -> String {
        let changed = text.replacingOccurrences(of: old, with: new)
        #expect(changed != text, "fixture changed: \(old)")
        return changed
    }

    /// A table-三 row's cells as read, in the 2021 format's column order.
    static func t3Row(_ result: ReportCheckResult, _ row: String) -> [Decimal?] {
        ReportSchema.v2021.t3Columns.map { result.cells["t3.\(row).\($0.id)"] ?? nil }
    }

    static func values(_ result: ReportCheckResult) -> [CellID: Decimal] {
        var out: [CellID: Decimal] = [:]
        for (key, value) in result.cells { if let value { out[CellID(key)] = value } }
        return out
    }
}
