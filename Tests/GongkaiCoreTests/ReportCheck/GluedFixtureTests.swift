import Foundation
import Testing
@testable import GongkaiCore

/// Reports whose tables lost every separator (glued-tables-2023.txt: a row a line;
/// glued-table3-one-line-2023.txt: table 三 on a single line): nothing is read with a number
/// other than the printed one; what cannot be known stays empty, with the reason; what rests
/// on a relation is said, and that relation is not counted as passed there.
@Suite("Report check: tables printed without separators")
struct GluedFixtureTests {
    /// The values printed (typed from the fixtures; rows not listed are all zero).
    static let t3: [String: [Decimal]] = [
        "new_received": [52, 12, 0, 1, 1, 0, 66], "carried_over_in": [2, 0, 0, 0, 0, 0, 2],
        "result_disclosed": [11, 0, 0, 0, 0, 0, 11], "withheld_third_party_rights": [2, 0, 0, 0, 0, 0, 2],
        "unable_not_held": [20, 1, 0, 1, 0, 0, 22], "unable_needs_creation": [1, 10, 0, 0, 0, 0, 11],
        "not_processed_duplicate": [11, 0, 0, 0, 0, 0, 11], "other_no_correction": [3, 0, 0, 0, 0, 0, 3],
        "other_misc": [1, 1, 0, 0, 0, 0, 2], "result_total": [49, 12, 0, 1, 0, 0, 62], "carried_over_out": [5, 0, 0, 0, 1, 0, 6],
    ]
    static let printed: [CellID: Decimal] = {
        var cells: [CellID: Decimal] = [
            .t2("art20_1", "rules", "issued_this_year"): 0, .t2("art20_1", "rules", "repealed_this_year"): 0, .t2("art20_1", "rules", "in_force"): 0,
            .t2("art20_1", "normative_docs", "issued_this_year"): 58, .t2("art20_1", "normative_docs", "repealed_this_year"): 2,
            .t2("art20_1", "normative_docs", "in_force"): 447,
            .t2("art20_5", "admin_licensing", "decisions_this_year"): 1234, .t2("art20_6", "admin_penalty", "decisions_this_year"): 1000,
            .t2("art20_6", "admin_coercion", "decisions_this_year"): 7, ReportSchema.feeAmountCell: Decimal(string: "12.5")!,
        ]
        for (r, row) in ReportSchema.v2021.t3Rows.enumerated() {
            for (c, cell) in ReportSchema.v2021.t3Grid[r].enumerated() { cells[cell] = t3[row.id]?[c] ?? 0 }
        }
        let t4: [Decimal] = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
        for (i, id) in ReportSchema.v2021.t4Groups.flatMap({ g in ReportSchema.v2021.t4Columns.map { CellID.t4(g.id, $0.id) } }).enumerated() {
            cells[id] = t4[i]
        }
        return cells
    }()

    /// Cells no reading rule can decide: 582447 (58/2/447 printed) has ten readings; three
    /// rows of 110000011 (1/10 or 11/0) compensate each other in the column sums.
    static let undecidable: Set<CellID> = Set(
        ["issued_this_year", "repealed_this_year", "in_force"].map { CellID.t2("art20_1", "normative_docs", $0) }
            + ["result_disclosed", "unable_needs_creation", "not_processed_duplicate"].flatMap { row in
                ["natural_person", "commercial_enterprise"].map { CellID.t3(row, $0) }
            })

    @Test("no cell read with another number; only the undecidable left empty",
          arguments: ["glued-tables-2023.txt", "glued-table3-one-line-2023.txt"])
    func readsOnlyWhatIsCertain(_ name: String) throws {
        let result = try ReportFixtures.check(name)
        #expect(result.tablesFound == ["二", "三", "四"])
        for (cell, value) in Self.printed {
            let read = result.cells[cell.rawValue] ?? nil
            if Self.undecidable.contains(cell) {
                #expect(read == nil, "\(cell) read as \(read?.plain ?? "")")
            } else {
                #expect(read == value, "\(cell): printed \(value.plain), read \(read?.plain ?? "nothing")")
            }
        }
        let reasons = Dictionary(uniqueKeysWithValues: result.missingCells.map { ($0.cell, $0.reason) })
        #expect(reasons[.t2("art20_1", "normative_docs", "in_force")] == "数字连在一起（582447），有 10 种可能的读法，无法确定")
        #expect(reasons[.t3("result_disclosed", "natural_person")] == "数字连在一起（110000011），有 2 种可能的读法，无法确定")
        #expect(!result.findings.contains { $0.severity == .error }, "\(result.findings.map(\.message))")
    }

    @Test("repairs name the row and the rules they rest on", arguments: ["glued-tables-2023.txt", "glued-table3-one-line-2023.txt"])
    func repairsSayHow(_ name: String) throws {
        let result = try ReportFixtures.check(name)
        #expect(result.repairs.allSatisfy { !$0.row.isEmpty && !$0.message.contains("“”") })
        #expect(!result.repairs.contains { $0.table == "表二" && $0.row == "行政规范性文件" }, "nothing of 582447 was read")
        let received = result.repairs.first { $0.cells.contains(.t3("new_received", "total")) }
        #expect(received?.kind == .digitsSplit)
        #expect(received?.printed == "5212011066")
        #expect(received?.message.contains("再假定表三列间勾稽关系 R1、R2 成立") == true)
    }

    @Test("relations used to read are assumptions, not passed checks", arguments: ["glued-tables-2023.txt", "glued-table3-one-line-2023.txt"])
    func assumptionsAreNotEvidence(_ name: String) throws {
        let result = try ReportFixtures.check(name)
        let rules = Set(result.assumptions.map(\.rule))
        #expect(rules == ["R1", "R2", "R4"])
        // new_received (5212011066) and result_total (4912010062) keep several readings under R4
        // (52|12|0|1|1|0|66, 52|1|2|0|11|0|66, 52|1|2|0|1|10|66 agree on the first and last
        // cells only); the column relations chose among them
        let byColumns = Set(result.assumptions.filter { $0.rule == "R2" }.flatMap(\.cells))
        #expect(byColumns.contains(.t3("new_received", "commercial_enterprise")))
        #expect(byColumns.contains(.t3("result_total", "commercial_enterprise")))
        #expect(!byColumns.contains(.t3("new_received", "natural_person")), "R4 alone decided it")
        // so R1 and R2 are not counted as passed in the columns they were assumed for
        let r1Assumed = Set(result.assumptions.filter { $0.rule == "R1" }.flatMap(\.scope))
        let r1Passed = result.passed.first { $0.rule == "R1" }?.checked ?? 0
        #expect(r1Passed <= 7 - r1Assumed.count)
        #expect(result.passed.first { $0.rule == "R1" }?.message.contains("不计为通过") == true)
        // rows read with their total assumed are not R4 evidence either
        let r4Rows = Set(result.assumptions.filter { $0.rule == "R4" }.flatMap(\.scope))
        #expect(r4Rows.isSuperset(of: ["new_received", "unable_not_held", "result_total"]))
        #expect((result.passed.first { $0.rule == "R4" }?.checked ?? 0) + r4Rows.count <= 25)
    }
}
