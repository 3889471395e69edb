import Foundation
import Testing
@testable import GongkaiCore

/// Consistent reports made at random: every cross-check holds by construction.
enum ReportGenerator {
    static func consistent(_ version: ReportFormatVersion, seed: UInt64) -> AnnualReport {
        var rng = SplitMix64(seed: seed)
        let schema = ReportSchema.of(version)
        var report = AnnualReport(formatVersion: version, year: version == .v2021 ? 2023 : 2020, issuer: "示范县第\(seed % 97)局")
        func small() -> Decimal { Decimal(Int.random(in: 0...9, using: &rng) < 6 ? 0 : Int.random(in: 1...40, using: &rng)) }
        for block in schema.t2 {
            for row in block.rows {
                for col in block.columns {
                    let cell = CellID.t2(block.id, row.id, col.id)
                    if schema.isDecimal(cell) {
                        report[cell] = Decimal(Int.random(in: 0...5_000_000, using: &rng)) / 10_000
                    } else if schema.allowsNegative(cell) {
                        report[cell] = Decimal(Int.random(in: -5...5, using: &rng))
                    } else {
                        report[cell] = Decimal(Int.random(in: 0...2_000, using: &rng))
                    }
                }
            }
        }
        for col in ReportSchema.applicantColumns.map(\.id) {
            var total: Decimal = 0
            for leaf in schema.resultLeaves {
                let v = small()
                report[.t3(leaf.id, col)] = v
                total += v
            }
            report[.t3("result_total", col)] = total
            let carriedIn = Decimal(Int.random(in: 0...3, using: &rng))
            var carriedOut = Decimal(Int.random(in: 0...3, using: &rng))
            if total + carriedOut < carriedIn { carriedOut = carriedIn - total }
            report[.t3("carried_over_in", col)] = carriedIn
            report[.t3("carried_over_out", col)] = carriedOut
            report[.t3("new_received", col)] = total + carriedOut - carriedIn
        }
        for row in schema.t3Rows {
            report[.t3(row.id, "total")] = ReportSchema.applicantColumns.map { report[.t3(row.id, $0.id)]! }.reduce(0, +)
        }
        for group in schema.t4Groups {
            var total: Decimal = 0
            for col in ["upheld", "corrected", "other_result", "pending"] {
                let v = small()
                report[.t4(group.id, col)] = v
                total += v
            }
            report[.t4(group.id, "total")] = total
        }
        report.sections = [
            .overview: "本年度，本机关认真贯彻落实政府信息公开条例，稳步推进各项工作。",
            .problems: "存在的问题是解读形式较为单一。下一步将丰富解读方式，提升公开质量。",
            .other: "本机关本年度未收取信息处理费。",
        ]
        return report
    }
}

@Suite("Report check: renderers and readers round trip")
struct RoundTripTests {
    static let seeds: [UInt64] = Array(1...25)

    @Test("a generated consistent report reads back identically, with no findings", arguments: seeds)
    func roundTrip(_ seed: UInt64) throws {
        for version in ReportFormatVersion.allCases {
            let report = ReportGenerator.consistent(version, seed: seed)
            let text = ReportRenderer.text(report)
            let html = ReportRenderer.htmlDocument(report)
            for (kind, source) in [(ReportFile.Kind.text, text), (.html, html)] {
                let result = try ReportChecker.check(ReportFile(name: "generated.\(kind.rawValue)", data: Data(source.utf8), kind: kind))
                #expect(result.formatVersion == version, "seed \(seed) \(kind)")
                #expect(result.year == report.year)
                #expect(result.issuer == report.issuer)
                #expect(ReportFixtures.values(result) == report.cells, "seed \(seed) \(version) \(kind)")
                #expect(result.findings.isEmpty, "seed \(seed) \(version) \(kind): \(result.findings.map(\.message))")
                #expect(result.repairs.isEmpty)
            }
        }
    }

    struct Plant: Sendable, CustomTestStringConvertible {
        let name: String
        let cell: CellID
        let delta: Decimal
        /// The findings it must produce, as rule and first cell, nothing more.
        let expected: Set<String>
        var testDescription: String { name }
    }

    @Test("an inconsistency gives exactly the findings planted", arguments: [
        Plant(name: "a result total off by one", cell: .t3("result_total", "natural_person"), delta: 1,
              expected: ["R1 t3.new_received.natural_person", "R2 t3.result_total.natural_person", "R4 t3.result_total.natural_person"]),
        Plant(name: "one more disclosed than counted", cell: .t3("result_disclosed", "commercial_enterprise"), delta: 1,
              expected: ["R2 t3.result_total.commercial_enterprise", "R4 t3.result_disclosed.natural_person"]),
        Plant(name: "row total wrong", cell: .t3("carried_over_out", "total"), delta: 2,
              expected: ["R1 t3.new_received.total", "R4 t3.carried_over_out.natural_person"]),
        Plant(name: "reconsideration total wrong", cell: .t4("admin_review", "total"), delta: 2,
              expected: ["R5 t4.admin_review.upheld"]),
        Plant(name: "negative penalty count", cell: .t2("art20_6", "admin_penalty", "decisions_this_year"), delta: -10_000,
              expected: ["R6 t2.art20_6.admin_penalty.decisions_this_year"]),
    ])
    func planted(_ plant: Plant) throws {
        var report = ReportGenerator.consistent(.v2021, seed: 7)
        report[plant.cell] = report[plant.cell]! + plant.delta
        let result = ReportChecker.check(text: ReportRenderer.text(report))
        #expect(ReportFixtures.values(result) == report.cells)
        let found = Set(result.findings.map { "\($0.rule) \($0.cells.first?.rawValue ?? "")" })
        #expect(found == plant.expected)
    }

    @Test func theHTMLHasTheTemplatesMergedCells() {
        let html = ReportRenderer.htmlBody(ReportGenerator.consistent(.v2021, seed: 3)).render()
        #expect(html.contains("<td class=\"label\" rowspan=\"22\">三、本年度办理结果</td>"))
        #expect(html.contains("<td class=\"label\" rowspan=\"8\">（三）不予公开</td>"))
        #expect(html.contains("<th colspan=\"10\">行政诉讼</th>"))
        #expect(html.contains("data-cell=\"t3.result_total.total\""))
    }
}

@Suite("Report check: robustness")
struct FuzzTests {
    @Test("random bytes never crash or hang the reader", .timeLimit(.minutes(10)))
    func randomBytes() {
        var rng = SplitMix64(seed: 42)
        for round in 0..<200 {
            let length = Int.random(in: 0...4_000, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for kind in [ReportFile.Kind.text, .html, .docx] {
                let result = try? ReportChecker.check(ReportFile(name: "random-\(round)", data: Data(bytes), kind: kind))
                // whatever was made of it, every cell left empty says why
                guard let result, result.formatVersion != nil else { continue }
                let explained = Set(result.missingCells.map(\.cell.rawValue))
                for (cell, value) in result.cells where value == nil {
                    #expect(explained.contains(cell), "round \(round): \(cell) missing without a reason")
                }
            }
        }
    }

    @Test("mutated reports give a result whose repairs and values are self-consistent", .timeLimit(.minutes(10)))
    func mutatedReports() {
        var rng = SplitMix64(seed: 2023)
        let sources = [ReportFixtures.text("seed-xinyuan-2023.txt"), ReportFixtures.text("base-2022.txt"), ReportFixtures.text("base-2022.html")]
        let noise: [String] = ["\t", "\n", " ", "0", "7", "一、", "(", "总计", "/", "|", "<td>", "</tr>", "予以公开", "１２"]
        for round in 0..<300 {
            var chars = Array(sources[round % sources.count])
            for _ in 0..<Int.random(in: 1...25, using: &rng) where !chars.isEmpty {
                let at = Int.random(in: 0..<chars.count, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0: chars.remove(at: at)
                case 1: chars.insert(contentsOf: noise.randomElement(using: &rng)!, at: at)
                case 2: chars.replaceSubrange(at..<min(chars.count, at + Int.random(in: 1...200, using: &rng)), with: [])
                default: chars.insert(chars[at], at: at)
                }
            }
            let text = String(chars)
            let kind: ReportFile.Kind = round % sources.count == 2 ? .html : .text
            guard let result = try? ReportChecker.check(ReportFile(name: "mutant-\(round)", data: Data(text.utf8), kind: kind)) else { continue }
            guard let version = result.formatVersion else { continue }
            let schema = ReportSchema.of(version)
            #expect(result.cells.count == schema.allCells.count)
            // every cell is either read or explained
            let missing = Set(result.missingCells.map(\.cell))
            for cell in schema.allCells where result.cells[cell.rawValue] == .some(nil) {
                #expect(missing.contains(cell), "round \(round): \(cell) missing without a reason")
            }
            // a repaired row adds up (its total is the sum of its parts)
            for repair in result.repairs where repair.table == "表三" {
                let row = repair.cells[0].rawValue.split(separator: ".")[1]
                let parts = ReportSchema.applicantColumns.compactMap { result.cells["t3.\(row).\($0.id)"] ?? nil }
                if parts.count == 6, let total = result.cells["t3.\(row).total"] ?? nil {
                    #expect(parts.reduce(0, +) == total, "round \(round): repaired row \(row) does not add up")
                }
            }
        }
    }

    @Test("damaged Word files give a clear message", .timeLimit(.minutes(10)))
    func damagedDocx() {
        var rng = SplitMix64(seed: 9)
        let original = ReportFixtures.data("base-2022.docx")
        for _ in 0..<60 {
            var bytes = [UInt8](original)
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            do {
                _ = try ReportChecker.check(ReportFile(name: "damaged.docx", data: Data(bytes)))
            } catch let error as ReportReadError {
                #expect(error.message.contains("Word"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
