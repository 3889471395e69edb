import Foundation
import Testing
@testable import GongkaiCore

/// Cold review 10j of issue #10: what check10d broke or left open, as tests on base-2022 with one
/// change each (the review's inputs were shaped the same way).
@Suite("Report check, review 10j: the period sentence, 不足 after broad nouns, table 四 labels, separators")
struct ColdReviewTenJTests {
    typealias Stray = FifthReviewTests.Stray
    typealias I = ColdReviewTenITests

    static let title = "示范县教育局2022年政府信息公开工作年度报告\n"
    static let period = "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
    static let overview = "2022年，示范县教育局"

    static func v2(_ result: ReportCheckResult) -> [Finding] { result.findings.filter { $0.rule == "V2" } }

    // MARK: H1, M1, L1 — the statistical period only from a period sentence

    static let years: [(strays: [Stray], year: Int, v2: Bool)] = [
        // y01: a bare line 2022, the period copied from 2021, the overview 2022: the overview decides.
        (
            [
                Stray(name: "y01", from: title, to: "示范县教育局政府信息公开工作年度报告\n2022年\n"),
                Stray(name: "y01", from: period, to: "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"),
            ], 2022, true
        ),
        // y06: a bare line 2022, no period sentence, a deadline 2023年12月31日: no period at all.
        (
            [
                Stray(name: "y06", from: title, to: "示范县教育局政府信息公开工作年度报告\n2022年\n"),
                Stray(name: "y06", from: period, to: "计划于2023年12月31日前完成整改。"),
                Stray(name: "y06", from: overview, to: "本年度，示范县教育局"),
            ], 2022, false
        ),
        // y26: a stock date 截至2021年12月31日 is no period either.
        (
            [
                Stray(name: "y26", from: title, to: "示范县教育局政府信息公开工作年度报告\n2022年\n"),
                Stray(name: "y26", from: period, to: "截至2021年12月31日，本局现行有效规范性文件22件。"),
                Stray(name: "y26", from: overview, to: "本年度，示范县教育局"),
            ], 2022, false
        ),
        // y07 (M1): a title 2022, no period sentence, a deadline: no V2.
        ([Stray(name: "y07", from: period, to: "计划于2023年12月31日前完成整改。")], 2022, false),
        // y22 (held): a cover's 2023, the period 2022, an overview written at 2023's start: 2022.
        (
            [
                Stray(name: "y22", from: title, to: "示范县教育局政府信息公开工作年度报告\n2023年\n"),
                Stray(name: "y22", from: overview, to: "2023年初，示范县教育局总结上年工作，"),
            ], 2022, true
        ),
        // y27: a bare line 2021 under a report on 2022.
        ([Stray(name: "y27", from: title, to: "示范县教育局政府信息公开工作年度报告\n2021年\n")], 2022, true),
    ]

    @Test("the period comes only from a period sentence; the overview breaks a bare line's tie", arguments: years)
    func yearFromThePeriodSentence(_ item: (strays: [Stray], year: Int, v2: Bool)) {
        let result = I.check(item.strays)
        #expect(result.year == item.year, "\(item.strays[0].name): \(String(describing: result.year))")
        let v2 = Self.v2(result)
        #expect(v2.count == (item.v2 ? 1 : 0), "\(item.strays[0].name): \(v2.map(\.message))")
        // L1: a deadline is never called 统计期限; a line earlier than the period is no cover's year.
        if item.strays[0].name == "y27" { #expect(v2.allSatisfy { !$0.message.contains("发布年份") }, "\(v2.map(\.message))") }
        if item.strays[0].name == "y01" { #expect(v2.allSatisfy { $0.message.contains("单独一行") }, "\(v2.map(\.message))") }
    }

    // MARK: H2, M2 — N2

    static func n2(_ clause: String) -> [Finding] {
        I.n2(I.check(Stray(name: clause, from: I.management, to: I.management + clause)))
    }

    @Test func aBroadNounBeforeShortfallGivesAtMostAWarning() {
        // n23: 内容不足 20 件 read as "fewer than 20" fits 50; as a label it breaks it.
        let broad = Self.n2("全年收到申请 50 件，其中予以公开 35 件，其余申请内容不足 20 件。")
        #expect(!broad.contains { $0.severity == .error }, "\(broad.map(\.message))")
        // n04, n18: 材料不足 / 证据不足 true mismatches stay errors.
        for noun in ["材料不足", "证据不足"] {
            let label = Self.n2("全年收到申请 50 件，其中予以公开 35 件，\(noun) 20 件。")
            #expect(label.contains { $0.severity == .error }, "\(noun): \(label.map(\.message))")
        }
        // A broad noun whose both readings break the sum: still an error.
        let both = Self.n2("全年收到申请 50 件，其中予以公开 55 件，其余申请内容不足 20 件。")
        #expect(both.contains { $0.severity == .error }, "\(both.map(\.message))")
    }

    @Test func aComparisonWordInsideALabelIsAPart() {
        // n17: 多于上年 not right before the number: a part, and 21 + 30 > 50.
        let label = Self.n2("全年收到申请 50 件，其中办理时间多于上年平均的 21 件，其余 30 件。")
        #expect(label.contains { $0.severity == .error }, "\(label.map(\.message))")
        // n07, n08: right before the number, a comparison.
        for comparison in ["超过上年 5 件", "少于去年 3 件"] {
            let quiet = Self.n2("全年收到申请 50 件，其中予以公开 30 件、不予公开 20 件，\(comparison)。")
            #expect(quiet.isEmpty, "\(comparison): \(quiet.map(\.message))")
        }
    }

    // MARK: M3 — table 四 labelled lines

    static let tableFour: [Stray] = [
        // g09: 经行政复议后起诉 holds 行政复议.
        Stray(
            name: "g09", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "行政复议 1 0 0 1 2\n未经复议直接起诉 0 1 0 0 1\n经行政复议后起诉 0 0 0 0 0"),
        // g10: 未经行政复议直接起诉 holds it too.
        Stray(
            name: "g10", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "行政复议 1 0 0 1 2\n未经行政复议直接起诉 0 1 0 0 1\n复议后起诉 0 0 0 0 0"),
        // g11, g13: the litigation lines first.
        Stray(
            name: "g11", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "经行政复议后起诉 0 0 0 0 0\n行政复议 1 0 0 1 2\n未经复议直接起诉 0 1 0 0 1"),
        Stray(
            name: "g13", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "未经行政复议直接起诉 0 1 0 0 1\n行政复议 1 0 0 1 2\n复议后起诉 0 0 0 0 0"),
        // g12 (held): 复议后 in a remark of the 行政复议 label is no litigation label.
        Stray(
            name: "g12", from: "1\t0\t0\t1\t2\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0",
            to: "行政复议（复议后） 1 0 0 1 2\n未经复议直接起诉 0 1 0 0 1\n复议后起诉 0 0 0 0 0"),
    ]

    @Test("table 四 lines whose litigation labels hold 行政复议 are read by label", arguments: tableFour)
    func tableFourLabelsHoldingAdministrativeReview(_ stray: Stray) {
        let values = ReportFixtures.values(I.check(stray))
        for (cell, printed) in ReportFixtures.baseCells where cell.table == "t4" {
            #expect(values[cell] == printed, "\(stray.name) \(cell): \(String(describing: values[cell])) vs \(printed)")
        }
    }

    // MARK: M4, H5 — a colon, dash or slash between a label and its digits

    @Test("a colon, dash or slash before the digits is a separator: the run is not forced", arguments: ["：", ":", "—", "/", "-"])
    func separatorGluedBetweenLabelAndDigits(_ separator: String) {
        let run = I.check(Stray(name: separator, from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\(separator)256"))
        #expect(I.t2(run, "normative_docs") == [nil, nil, nil], "\(separator): \(I.t2(run, "normative_docs"))")
        // With the row's other separators kept, the values are read as printed.
        let whole = I.check(Stray(name: separator, from: "行政规范性文件\t3\t1\t25", to: "行政规范性文件\(separator)3\t1\t25"))
        #expect(I.t2(whole, "normative_docs") == [3, 1, 25], "\(separator): \(I.t2(whole, "normative_docs"))")
    }

    // MARK: H4 — a remark after a value glued to its label

    @Test func aRemarkAfterAValueGluedToItsLabelIsNoValue() {
        // r14: `予以公开6（2件为依申请）1001 0 8`: the 2 is the remark's, never a cell.
        let result = I.check(
            Stray(name: "r14", from: "（一）予以公开\t6\t1\t0\t0\t1\t0\t8", to: "（一）予以公开6（2件为依申请）1001 0 8"))
        let row = I.t3(result, "result_disclosed")
        #expect(row.allSatisfy { $0 == nil } || row == [6, 1, 0, 0, 1, 0, 8], "\(row)")
        #expect(!result.findings.contains { $0.severity == .error }, "\(result.findings.filter { $0.severity == .error }.map(\.message))")
    }
}
