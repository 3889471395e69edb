import Foundation
import Testing
@testable import GongkaiCore

/// Every kind of noise seen in published reports, on small fixtures: the same report must read
/// the same, whatever the layout, width, encoding or file type.
@Suite("Report check: layouts and noise found in the wild")
struct NoiseTests {
    struct Layout: Sendable, CustomTestStringConvertible {
        let name: String
        let transform: @Sendable (String) -> String
        var testDescription: String { name }
    }

    /// Layouts made from the tab-separated base report the way copies of reports come out.
    static let layouts: [Layout] = [
        Layout(name: "tab-separated (as published)") { $0 },
        Layout(name: "space-separated") { $0.replacingOccurrences(of: "\t", with: "  ") },
        Layout(name: "one cell per line (PDF copy)") { $0.replacingOccurrences(of: "\t", with: "\n") },
        Layout(name: "|-separated (Markdown-like)") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.contains("\t") ? "| " + line.replacingOccurrences(of: "\t", with: " | ") + " |" : String(line)
            }.joined(separator: "\n")
        },
        Layout(name: "full-width digits and brackets, CRLF line ends") { text in
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "0"..."9": out.unicodeScalars.append(Unicode.Scalar(scalar.value + 0xFEE0)!)
                case "(": out += "（"
                case ")": out += "）"
                case ".": out += "．"
                case "\n": out += "\r\n"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        },
        Layout(name: "labels broken by spaces and line breaks, numbers on their own lines") { text in
            text.replacingOccurrences(of: "政府信息公开申请数量\t", with: "政府信息\n公开申请 数量\n")
                .replacingOccurrences(of: "部分公开（区分处理的，", with: "部分 公开（区分\n处理的，")
                .replacingOccurrences(of: "商业企业", with: "商业 企业")
                .replacingOccurrences(of: "\t", with: "\n")
        },
        Layout(name: "row labels worded as agencies print them") { text in
            text.replacingOccurrences(of: "一、本年新收政府信息公开申请数量", with: "一、本年度新收政府信息公开申请数量")
                .replacingOccurrences(of: "二、上年结转政府信息公开申请数量", with: "二、上一年度结转政府信息公开申请数量")
                .replacingOccurrences(of: "四、结转下年度继续办理", with: "四、结转至下一年度继续办理")
        },
        Layout(name: "Markdown pipes with double bars, rules and headings in bars") { text in
            var out: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let isHeading = ["二、", "三、", "四、"].contains { line.hasPrefix($0) } && !line.contains("\t") && line.count < 30
                if line.contains("\t") || isHeading {
                    out.append("| " + line.replacingOccurrences(of: "\t", with: " | ") + " ||")
                    if line.hasPrefix("信息内容") || line.hasPrefix("（本列数据") { out.append("|---|---|---|---|") }
                } else {
                    out.append(String(line))
                }
            }
            return out.joined(separator: "\n")
        },
        Layout(name: "header instructions and zero-width spaces inside cells") { text in
            text.replacingOccurrences(of: "（一）予以公开", with: "（一）予以\u{200B}公开（含主动公开范围的）")
                .replacingOccurrences(of: "信息内容", with: "信息内容（单位：件）")
        },
    ]

    @Test("reads the same cells in every layout", arguments: layouts)
    func layout(_ layout: Layout) throws {
        let text = layout.transform(ReportFixtures.text("base-2022.txt"))
        let result = ReportChecker.check(text: text, source: layout.name)
        #expect(result.formatVersion == .v2021)
        #expect(result.year == 2022)
        #expect(result.issuer == "示范县教育局")
        #expect(ReportFixtures.values(result) == ReportFixtures.baseCells)
        #expect(result.repairs.isEmpty)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test("reads the same cells from every file type", arguments: ["base-2022.txt", "base-2022.html", "base-2022.docx", "base-2022-gb18030.txt"])
    func fileTypes(_ name: String) throws {
        let result = try ReportFixtures.check(name)
        #expect(ReportFixtures.values(result) == ReportFixtures.baseCells)
        #expect(result.issuer == "示范县教育局")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test("blank cells stay in their columns in HTML and Word", arguments: ["blank-review.html", "blank-review.docx"])
    func blankCells(_ name: String) throws {
        let result = try ReportFixtures.check(name)
        let blank = ReportSchema.v2021.t4Columns.map { CellID.t4("admin_review", $0.id) }
        for cell in blank { #expect(result.cells[cell.rawValue] == .some(nil)) }
        #expect(result.cells[CellID.t4("litigation_direct", "corrected").rawValue] == 1)
        #expect(result.findings.map(\.rule) == ["C3"])
    }

    @Test func gluedDigitsAreSplitOnlyWhenOneSplitAddsUp() throws {
        let result = try ReportFixtures.check("glued-2023.txt")
        let values = ReportFixtures.values(result)
        // `713000074` has one cut into seven that keeps its total (71 3 0 0 0 0 74). It is printed
        // after its label's tab while the table's other rows print their values apart, so the copy
        // lost this row's separators alone and may have lost a value with them: 7 13 0 0 0 ? 74
        // (? = 54) keeps R4 as well (review 10n H1). R2 cannot choose (`123` leaves a result row
        // unread): only 社会公益组织, 0 in every reading, is read.
        #expect(ReportSchema.v2021.t3Columns.map { values[.t3("new_received", $0.id)] } == [nil, nil, nil, 0, nil, nil, nil])
        #expect(ReportSchema.v2021.t3Columns.map { values[.t3("result_total", $0.id)] } == [nil, nil, nil, 0, nil, nil, nil])
        for row in ["new_received", "result_total"] {
            #expect(result.missingCells.contains { $0.cell == .t3(row, "total") && $0.reason.contains("丢了一个数") })
        }
        #expect(result.repairs.map(\.kind) == [.digitsSplit, .digitsSplit])
        #expect(result.repairs[0].printed == "713000074")
        // `123` cannot be seven cells, `5 6` cannot be one: reported unreadable, never guessed
        for col in ReportSchema.v2021.t3Columns { #expect(values[.t3("unable_needs_creation", col.id)] == nil) }
        #expect(values[.t2("art20_6", "admin_penalty", "decisions_this_year")] == nil)
        #expect(result.missingCells.contains { $0.cell == .t2("art20_6", "admin_penalty", "decisions_this_year") && $0.reason.contains("多于 1 列") })
        #expect(!result.findings.contains { $0.rule.hasPrefix("R") }, "the rest adds up")
    }

    @Test func markersAreMissingNotZeroAndSeparatorsAreRead() throws {
        let result = try ReportFixtures.check("markers-2022.txt")
        let values = ReportFixtures.values(result)
        #expect(values[.t2("art20_5", "admin_licensing", "decisions_this_year")] == 1234)
        #expect(values[ReportSchema.feeAmountCell] == Decimal(string: "1380.31"))
        #expect(values[.t3("withheld_admin_inquiry", "total")] == nil)
        let reasons = Dictionary(uniqueKeysWithValues: result.missingCells.map { ($0.cell, $0.reason) })
        #expect(reasons[.t3("withheld_admin_inquiry", "natural_person")] == "填写为“/”")
        #expect(reasons[.t3("not_processed_confirm_or_reissue", "natural_person")] == "填写为“—”")
        #expect(reasons[.t3("not_processed_confirm_or_reissue", "commercial_enterprise")] == "填写为“-”")
        #expect(reasons[.t3("not_processed_confirm_or_reissue", "research_institution")] == "填写为“无”")
        #expect(reasons[.t4("litigation_after_review", "total")] == "填写为“无”")
        // R2 cannot be evaluated with leaves missing, and is not reported as failing
        #expect(!result.findings.contains { $0.rule == "R2" })
        #expect(result.passed.contains { $0.rule == "R1" })
    }

    @Test func the2019FormatIsRecognisedWithItsOwnTable() throws {
        let result = try ReportFixtures.check("report-2019-format.txt")
        #expect(result.formatVersion == .v2019)
        #expect(result.year == 2020)
        let values = ReportFixtures.values(result)
        #expect(values[.t2("art20_5", "admin_licensing", "change_this_year")] == 1)
        #expect(values[.t2("art20_5", "other_external_services", "change_this_year")] == -2)
        #expect(values[.t2("art20_5", "other_external_services", "decisions")] == 1205)
        #expect(values[.t2("art20_6", "admin_coercion", "change_this_year")] == -1)
        #expect(values[.t2("art20_9", "central_procurement", "procurement_total_amount")] == 251000)
        #expect(values[.t3("other_handling", "total")] == 0)
        #expect(values[.t3("not_processed_petition_complaint", "total")] == 1)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test func reportsFor2018AndOtherDocumentsAreNotGuessed() throws {
        let old = try ReportFixtures.check("report-2018.txt")
        #expect(old.formatVersion == nil)
        #expect(old.year == 2018)
        #expect(old.findings.map(\.rule) == ["U1"])
        #expect(old.findings[0].message.contains("2018 年及以前的报告"))
        #expect(old.cells.isEmpty)
        let notice = try ReportFixtures.check("not-a-report.txt")
        #expect(notice.formatVersion == nil)
        #expect(notice.findings.first?.message.contains("不是一份年度报告") == true)
    }

    @Test func unreadableInputsGetAClearMessage() {
        func message(_ data: Data, _ name: String) -> String? {
            do { _ = try ReportChecker.check(ReportFile(name: name, data: data)); return nil } catch { return error.localizedDescription }
        }
        #expect(message(Data(), "empty.txt") == "文件为空")
        #expect(message(Data([0x00, 0x01, 0x02, 0xFF, 0x00]), "image.txt")?.contains("不是文本") == true)
        #expect(message(Data(repeating: 0x41, count: ReportChecker.maxBytes + 1), "huge.txt")?.contains("文件过大") == true)
        #expect(message(Data("PK\u{3}\u{4}not really a zip".utf8), "broken.docx")?.contains("Word") == true)
    }

    @Test func yearOverYearChecksUseThePreviousReport() throws {
        // given last year's report: its carry-over out differs in one column, its text is the same
        let base = ReportFixtures.text("base-2022.txt")
        let previous = base.replacingOccurrences(of: "2022", with: "2021")
            .replacingOccurrences(of: "四、结转下年度继续办理\t1\t0\t0\t0\t1\t0\t2", with: "四、结转下年度继续办理\t1\t1\t0\t0\t0\t0\t2")
        let result = try ReportChecker.check(ReportFile(name: "2022.txt", data: Data(base.utf8)),
                                             previous: try ReportChecker.report(from: ReportFile(name: "2021.txt", data: Data(previous.utf8))))
        let a1 = result.findings.filter { $0.rule == "A1" }
        #expect(a1.map(\.cells) == [[.t3("carried_over_in", "commercial_enterprise")], [.t3("carried_over_in", "total")]])
        #expect(a1.first?.expected == "1")
        #expect(a1.first?.actual == "0")
        let y1 = result.findings.first { $0.rule == "Y1" }
        #expect(y1 != nil, "almost every sentence is last year's")
        #expect(y1?.message.contains("年年雷同") == true)
    }
}
