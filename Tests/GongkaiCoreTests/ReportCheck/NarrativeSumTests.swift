import Foundation
import Testing
@testable import GongkaiCore

/// N2 on sentences shaped like those of real overviews (numbers our own): a consistent
/// enumeration is never an error; a true mismatch still is.
@Suite("Report check: stated sums (N2)")
struct NarrativeSumTests {
    enum Verdict: Equatable, Sendable {
        case consistent
        case finding(Finding.Severity)
        /// No total-with-parts was recognised at all.
        case none
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let verdict: Verdict
        var testDescription: String { name }
    }

    static func verdict(_ text: String) -> (Verdict, [Finding]) {
        let (findings, passed) = NarrativeChecks.sums(in: NarrativeChecks.arabicNumerals(ReportText.normalize(text)), section: .overview)
        if let f = findings.first { return (.finding(f.severity), findings) }
        return (passed > 0 ? .consistent : .none, findings)
    }

    @Test("the verdict on a stated sum", arguments: [
        Case(name: "results, then cases of another kind after a semicolon",
             text: "全年共受理申请 64 件，其中：予以公开 40 件，不予公开 6 件，无法提供 13 件，不予处理 3 件，其他处理 2 件；因政府信息公开引起的行政复议案件 2 件、行政诉讼案件 1 件。",
             verdict: .consistent),
        Case(name: "cases after a comma, no semicolon",
             text: "全年共受理申请 64 件，其中予以公开 40 件，不予公开 6 件，无法提供 13 件，不予处理 3 件，其他处理 2 件，行政复议案件 2 件。",
             verdict: .consistent),
        Case(name: "another channel after a semicolon",
             text: "发布信息 1200 条，其中门户网站 700 条、部门网站 500 条；政务新媒体发布 950 条。", verdict: .consistent),
        Case(name: "a true mismatch in parentheses is an error",
             text: "合计 1500 条（其中政策文件 120 条，工作动态 640 条，通知公告 287 条，其他 454 条）。", verdict: .finding(.error)),
        Case(name: "at least 9570 for 9000 is an error",
             text: "共受理诉求 9000 件，其中热线 2300 件、网站 5470 件、信箱 1800 余件。", verdict: .finding(.error)),
        Case(name: "approximate parts within what they allow",
             text: "共受理诉求 3000 件，其中热线 1200 余件、网站 1700 件。", verdict: .consistent),
        Case(name: "approximate parts short of the total: a note",
             text: "共受理诉求 3000 件，其中热线约 1000 件、网站 1000 件。", verdict: .finding(.info)),
        Case(name: "exact parts short of the total: a partial list",
             text: "共受理诉求 100 件，其中热线 30 件、网站 20 件。", verdict: .finding(.warning)),
        Case(name: "a run of the parts adds up but the list goes on",
             text: "共受理问题 1250 件（热线受理 1000 件，已办结 990 件；信箱受理 150 件、网站受理 100 件、公众号受理 30 件）。",
             verdict: .finding(.warning)),
        Case(name: "every reading of the list exceeds the total",
             text: "共受理诉求 50 件，其中热线 30 件、网站 25 件；信箱 10 件。", verdict: .finding(.error)),
        Case(name: "其中 refers to the figures before it",
             text: "全年共收到申请 15 件，上年结转 1 件，其中予以公开 9 件、无法提供 7 件。", verdict: .consistent),
        Case(name: "another unit ends the list",
             text: "发布信息 300 条，其中政策文件 100 条、图解 12 个、工作动态 200 条。", verdict: .none),
        Case(name: "status words are details of a part, not parts",
             text: "共受理 520 件（热线 500 件，已办结 498 件，未办结 2 件；网站 20 件）。", verdict: .consistent),
        // A label that merely contains a word of change is a part like any other.
        Case(name: "a label containing 增长 is a part (consistent)",
             text: "共发布信息 1000 条，其中经济增长类 400 条、民生保障类 600 条。", verdict: .consistent),
        Case(name: "a label containing 增长 is a part (mismatch)",
             text: "共发布信息 1000 条，其中经济增长类 401 条、民生保障类 600 条。", verdict: .finding(.error)),
        Case(name: "a label containing 减少 is a part",
             text: "共办理事项 90 件，其中减少证明材料类 40 件、优化流程类 50 件。", verdict: .consistent),
        Case(name: "增长 right before its number is a comparison",
             text: "共发布信息 1000 条，增长 200 条，其中门户网站 600 条、部门网站 400 条。", verdict: .consistent),
        Case(name: "增加了近 before its number is a comparison",
             text: "共受理申请 50 件，其中予以公开 30 件，增加了近 10 件，不予公开 20 件。", verdict: .consistent),
        Case(name: "a figure joined to a comparison is one too",
             text: "共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，分别增长 5 件和 3 件。", verdict: .consistent),
        // Counts in Chinese numerals are read where they are counts beyond doubt.
        Case(name: "parts in Chinese numerals that add up",
             text: "共受理申请五十件，其中予以公开三十件、不予公开二十件。", verdict: .consistent),
        Case(name: "parts in Chinese numerals that do not",
             text: "共受理申请五十件，其中予以公开三十一件、不予公开二十件。", verdict: .finding(.error)),
    ])
    func judge(_ c: Case) {
        let (verdict, findings) = Self.verdict(c.text)
        #expect(verdict == c.verdict, "\(findings.map(\.message))")
    }

    @Test func theMessageSaysWhatTheApproximationsAllow() {
        let (_, findings) = Self.verdict("共受理诉求 9000 件，其中热线 2300 件、网站 5470 件、信箱 1800 余件。")
        #expect(findings.first?.message.contains("至少为 9570") == true)
        #expect(findings.first?.message.contains("“1800余”按最小值计") == true)
        #expect(findings.first?.expected == "9570")
    }

    @Test func aMismatchStatesTheSumAndTheTotal() {
        let (_, findings) = Self.verdict("合计 1500 条（其中政策文件 120 条，工作动态 640 条，通知公告 287 条，其他 454 条）。")
        #expect(findings.first?.message.contains("120 + 640 + 287 + 454 = 1501 条") == true)
        #expect(findings.first?.actual == "1500")
    }

    struct Comparison: Sendable, CustomTestStringConvertible {
        let clause: String
        let isComparison: Bool
        var testDescription: String { clause }
    }

    @Test("comparisons with another period, and labels that are none", arguments: [
        Comparison(clause: "同比增长", isComparison: true), Comparison(clause: "比上年增加", isComparison: true),
        Comparison(clause: "较去年", isComparison: true), Comparison(clause: "与上年相比减少", isComparison: true),
        Comparison(clause: "下降", isComparison: true), Comparison(clause: "减少了 ", isComparison: true),
        Comparison(clause: "增加约", isComparison: true), Comparison(clause: "增幅为", isComparison: true),
        Comparison(clause: "经济增长类 ", isComparison: false), Comparison(clause: "减少证明材料类", isComparison: false),
        Comparison(clause: "增加值统计 ", isComparison: false), Comparison(clause: "其中门户网站", isComparison: false),
    ])
    func comparisonWords(_ c: Comparison) {
        #expect(NarrativeChecks.isComparison(clause: c.clause) == c.isComparison)
    }

    @Test func quantitiesKnowTheirQualifiers() {
        let q = NarrativeChecks.quantities(in: Array("约 600 条、1600余件、近 80 个、30 件左右、超过 5 万件、12 项".unicodeScalars))
        #expect(q.map(\.approximation) == [.about, .atLeast, .atMost, .about, .atLeast, .exact])
        #expect(q.map(\.unit) == ["条", "件", "个", "件", "万件", "项"])
    }
}

/// Review 10d probes (issue #10, check7b): rounded figures in 万/亿, parts that include another
/// figure, and the total restated after its parts.
extension NarrativeSumTests {
    @Test("N2: rounded figures in 万 are no error", arguments: [
        "总办件数 30.84 万件，其中自然人办件量 23.99 万件，法人办件量 6.86 万件。",
        "全年共受理诉求 1.2 万件，其中 12345 热线 9000 件、网站 3300 件。",
        "全年共发布信息 1.5 万条，其中门户网站 0.8 万条、政务新媒体 0.8 万条。",
        "全年办件 1.25 亿件，其中网上办件 0.87 亿件、窗口办件 0.39 亿件。",
        "全年办件 1.2 亿件，其中网上办件 8000 万件、窗口办件 4050 万件。",
    ])
    func n2Rounded(_ text: String) {
        let (verdict, findings) = Self.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    @Test("N2: rounding is no licence: parts beyond the rounding of every term are still an error", arguments: [
        "总办件数 30.84 万件，其中自然人办件量 24.99 万件，法人办件量 6.86 万件。",
        "全年办件 1.2 亿件，其中网上办件 0.9 亿件、窗口办件 0.5 亿件。",
    ])
    func n2RoundedStillAnError(_ text: String) {
        let (verdict, findings) = Self.verdict(text)
        #expect(verdict == .finding(.error), "\(findings.map(\.message))")
    }

    @Test("N2: parts said to include another figure (含上年结转) may exceed the total", arguments: [
        "全年新收申请 45 件，其中予以公开 30 件、不予公开 20 件（含上年结转 5 件）。",
        "全年新收申请 45 件，其中予以公开 30 件（含上年结转 3 件）、不予公开 20 件（包括上年结转 2 件）。",
        "全年新收申请 45 件，其中予以公开 30 件、不予公开 20 件，含上年结转 5 件。",
        "全年新收申请 40 件，其中予以公开 30 件、不予公开 20 件（含上年结转 5 件）。",
    ])
    func n2PartsIncludingCarriedOver(_ text: String) {
        let (verdict, findings) = Self.verdict(text)
        #expect(verdict != .finding(.error), "\(findings.map(\.message))")
    }

    @Test("N2: the total restated after the parts is no part", arguments: [
        "全年共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，合计 50 件。",
        "全年共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，以上 50 件均按期答复。",
        "全年共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，共计 50 件。",
    ])
    func n2TotalRestated(_ text: String) {
        let (verdict, findings) = Self.verdict(text)
        #expect(verdict == .consistent, "\(findings.map(\.message))")
    }
}

/// Review 10e probes (issue #10, check8b): labels starting with 共 or 含 are parts, a restated
/// total that differs, an inclusion inside a part or in the total's bracket.
extension NarrativeSumTests {
    @Test(
        "N2: a true mismatch hidden in rounding or units stays an error",
        arguments: [
            "全年共受理诉求 1.2 万件，其中热线 9000 件、网站 4000 件。",
            // (1 亿 + 5000 万 of 1.2 亿 is a note since review 10f: "1 亿" may be rounded — see n2WholeWanRounded)
            "全年办件 1.2 亿件，其中网上办件 1.0 亿件、窗口办件 5000 万件。",
            "总办件数 30.84 万件，其中自然人办件量 23.99 万件，法人办件量 6.87 万件。",
            "全年共受理申请 50 件（含上年结转 5 件），其中予以公开 30 件、不予公开 25 件。",
        ])
    func n2TrueMismatch(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict == .finding(.error), "\(findings.map(\.message))")
    }

    @Test("N2: a part whose label starts with 共/以上/含 is a part, not a restated total or an inclusion", arguments: [
        "发布信息 1200 条，其中门户网站 700 条、政务微博 200 条、共享平台 300 条。",
        "全年共受理诉求 60 件，其中省级交办 20 件、市级交办 30 件、共性问题 10 件。",
        "全年共受理申请 50 件，其中和县 30 件、含山县 20 件。",
    ])
    func n2LabelStartingWithALeadWordConsistent(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict == .consistent, "\(findings.map(\.message))")
    }

    @Test("N2: a mismatch whose last part starts with 共/含 is still an error", arguments: [
        "发布信息 1200 条，其中门户网站 700 条、政务微博 300 条、共享平台 300 条。",
                "全年共受理申请 40 件，其中和县 30 件、含山县 20 件。",
    ])
    func n2LabelStartingWithALeadWordMismatch(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict == .finding(.error), "\(findings.map(\.message))")
    }

    @Test("N2: a restated total that differs from the total is not silently accepted", arguments: [
        "全年共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，合计 55 件。",
        "全年共受理申请 50 件，其中予以公开 30 件、不予公开 20 件，共计 45 件。",
    ])
    func n2RestatedTotalDiffers(_ text: String) {
        let (verdict, findings) = NarrativeSumTests.verdict(text)
        #expect(verdict != .consistent, "\(findings.map(\.message))")
    }

    @Test("N2: a figure the part already includes (含部分公开) does not excuse parts exceeding the total")
    func n2InclusionInsideAPartDoesNotExcuse() {
        let (verdict, findings) = NarrativeSumTests.verdict("全年共受理申请 50 件，其中予以公开 30 件（含部分公开 5 件）、不予公开 25 件。")
        #expect(verdict != .consistent, "\(findings.map(\.message))")
    }
}

/// Review 10f probes (issue #10, check9b): a plan or a cumulative figure after the parts, whole
/// figures in 万 that may be rounded, inclusions naming another year by number, the results of a
/// part, and many totals in one sentence read in linear time.
extension NarrativeSumTests {
    /// base-2022.txt with a sentence added to its overview (a 2022 report).
    static func overview(_ sentence: String) -> ReportCheckResult {
        let base = ReportFixtures.text("base-2022.txt")
        return ReportChecker.check(text: base.replacingOccurrences(of: "（三）政府信息管理。", with: sentence + "（三）政府信息管理。"), source: sentence)
    }

    static func errors(_ r: ReportCheckResult) -> [String] {
        r.findings.filter { $0.severity == .error }.map { "\($0.rule) \($0.message)" }
    }

    static func nonInfo(_ r: ReportCheckResult, _ rule: String) -> [String] {
        r.findings.filter { $0.rule == rule && $0.severity != .info }.map { "\($0.severity) \($0.message)" }
    }

    @Test(
        "N2: a figure of another year's plan after the parts is no part",
        arguments: [
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，2023年计划公开 400 条。",
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，预计明年发布 400 条。",
        ])
    func n2NextYearPlanAfterParts(_ sentence: String) {
        let r = Self.overview(sentence)
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(Self.nonInfo(r, "N2"))")
        #expect(r.passed.contains { $0.rule == "N2" }, "the list before the plan is still compared")
    }

    @Test("N2: a label with 计划 (计划生育类) is still a part")
    func n2PlanWordInALabel() {
        let (verdict, findings) = Self.verdict("全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、计划生育类 17 条。")
        #expect(verdict == .finding(.error), "\(findings.map(\.message))")
    }

    @Test(
        "N2: a cumulative figure since a column was opened is no part",
        arguments: [
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，专栏自开通以来共发布 2000 条。",
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，近三年累计发布 1000 条。",
        ])
    func n2SinceLaunchFigure(_ sentence: String) {
        let r = Self.overview(sentence)
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(Self.nonInfo(r, "N2"))")
    }

    @Test("N2: a whole figure in 万 is as rounded as a decimal one (2万 beside 15000 + 6000)")
    func n2WholeWanRounded() {
        let r = Self.overview("全年受理群众诉求 2万件，其中热线 15000件、网站 6000件。")
        #expect(Self.errors(r).filter { $0.hasPrefix("N2") }.isEmpty, "\(Self.errors(r))")
        let (verdict, findings) = Self.verdict("全年受理群众诉求 2万件，其中热线 15000件、网站 6000件。")
        #expect(verdict == .finding(.info), "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("“2万件”可能是四舍五入") == true, "\(findings.map(\.message))")
    }

    @Test(
        "N2: beyond the rounding of whole figures in 万 it is still an error",
        arguments: [
            "全年受理群众诉求 2万件，其中热线 15000件、网站 10001件。",
            "共受理诉求 50 万件，其中热线三十万件、网站二十二万件。",
        ])
    func n2WholeWanBeyondRounding(_ text: String) {
        let (verdict, findings) = Self.verdict(text)
        #expect(verdict == .finding(.error), "\(findings.map(\.message))")
    }

    @Test(
        "N2: rounding in 万 and 亿 and thousands with a full-width comma are consistent",
        arguments: [
            "全年办件 30.84万件，其中自然人 23.99万件、法人 6.86万件。", "全年访问 1.2亿次，其中网站 8000万次、移动端 4000万次。",
            "受理诉求 1.5万件，其中热线 9876件、网站 5124件。", "主动公开信息 1，356 条，其中政策文件 1，040 条、工作动态 300 条、人事信息 16 条。",
            "主动公开信息３５６条，其中政策文件４０条、工作动态３００条、人事信息１６条。",
        ])
    func n2Rounding(_ sentence: String) {
        let r = Self.overview(sentence)
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(sentence): \(Self.nonInfo(r, "N2"))")
    }

    @Test(
        "N2: a restated total differing after a comparison clause is not the total restated",
        arguments: [
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，较上年共增加 50 条。",
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，比上年共计多 50 条。",
        ])
    func n2RestatedAfterComparison(_ sentence: String) {
        let r = Self.overview(sentence)
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(Self.nonInfo(r, "N2"))")
    }

    @Test(
        "N2: a part's inclusion naming another year by its number (含2021年发布的 1 条) is no error",
        arguments: [
            "含2021年发布的 1 条", "含2021年度 1 条", "包括2021年12月发布的 1 条",
        ])
    func n2InclusionOfAnotherYearByNumber(_ inclusion: String) {
        let r = Self.overview("全年主动公开信息 356 条，其中政策文件 41 条（\(inclusion)）、工作动态 300 条、人事信息 16 条。")
        #expect(Self.errors(r).isEmpty, "\(inclusion): \(Self.errors(r))")
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(inclusion): \(Self.nonInfo(r, "N2"))")
    }

    @Test("N2: an inclusion naming the report's own year excuses nothing")
    func n2InclusionOfTheOwnYear() {
        let r = Self.overview("全年主动公开信息 356 条，其中政策文件 41 条（含2022年发布的 1 条）、工作动态 300 条、人事信息 16 条。")
        #expect(!Self.errors(r).filter { $0.hasPrefix("N2") }.isEmpty, "\(r.findings.map(\.message))")
    }

    @Test("N2: the results of a part (其中涉及…的申请 5 件，予以公开 3 件) are no parts")
    func n2ResultsOfAPart() {
        let r = Self.overview("全年收到政府信息公开申请 18 件，其中涉及招生入学的申请 5 件，予以公开 3 件。")
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(Self.nonInfo(r, "N2"))")
        let (verdict, findings) = Self.verdict("共受理申请 50 件，其中网上申请 30 件、当面申请 20 件，予以公开 45 件、不予公开 5 件。")
        #expect(verdict == .consistent, "\(findings.map(\.message))")
    }

    @Test("N2: many totals with 其中 in one sentence (semicolons) are read in linear time")
    func n2ManyTotalsInOneSentence() {
        let clauses = (2..<802).map { "共\($0)件，其中\($0 - 1)件、1件；" }.joined()
        let clock = ContinuousClock()
        var r: ReportCheckResult?
        let took = clock.measure { r = Self.overview(clauses) }
        #expect(took < .seconds(5), "800 clauses (\(clauses.utf8.count) bytes) took \(took)")
        #expect(Self.errors(r!).isEmpty, "\(Self.errors(r!).prefix(3))")
        #expect(Self.nonInfo(r!, "N2").isEmpty, "\(Self.nonInfo(r!, "N2").prefix(3))")
        #expect(r!.passed.first { $0.rule == "N2" }.map { $0.checked >= 800 } == true, "\(r!.passed)")
    }

    /// Texts built to make N2 look far: every figure a total whose list runs to the end of one
    /// long sentence, unclosed brackets, a sentence without a stop.
    static func adversarial(_ n: Int) -> [String] {
        [
            (2..<(n + 2)).map { "共\($0)件，其中\($0 - 1)件、1件；" }.joined(),
            (0..<n).map { _ in "1件，其中1件、" }.joined() + "。",
            (0..<n).map { _ in "共1件(其中1件、" }.joined() + "。",
            (0..<n).map { _ in "1件" }.joined(),
            (0..<n).map { "全年受理 \($0 + 2) 件，其中予以公开 \($0 + 1) 件、不予公开 1 件。" }.joined(),
        ]
    }

    @Test("N2: the work grows linearly with the text, whatever its shape (counted, not timed)")
    func n2WorkIsLinear() {
        for (small, large) in zip(Self.adversarial(500), Self.adversarial(2000)) {
            let s = NarrativeChecks.countedSums(in: small, section: .overview)
            let l = NarrativeChecks.countedSums(in: large, section: .overview)
            let figures = NarrativeChecks.quantities(in: Array(large.unicodeScalars)).count
            // Four times the text, at most about four times the work (and a bounded amount per figure).
            #expect(
                l.work <= 5 * max(s.work, 1) && l.work <= 20_000 + 5 * figures,
                "\(large.prefix(20))…: \(s.work) → \(l.work) for \(figures) figures")
        }
    }

    @Test("N2: 200 KB of figures each starting a list is checked in bounded time")
    func n2LargeUploadDoesNotRunAway() {
        let text = (0..<25_000).map { _ in "1件，其中1件、" }.joined() + "。"
        let clock = ContinuousClock()
        var work = 0
        let took = clock.measure { work = NarrativeChecks.countedSums(in: text, section: .overview).work }
        // A debug build on a loaded machine: generous; quadratic work would take hours.
        #expect(took < .seconds(60), "200 KB took \(took), work \(work)")
    }

    @Test(
        "N2: a figure after the parts that is no part gives no warning",
        arguments: [
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，下一步拟公开 400 条。",
            "全年收到政府信息公开申请 18 件，其中当面申请 2 件、网上申请 12 件、信函申请 4 件，上年结转 1 件。",
            "全年主动公开信息 356 条，其中政策文件 40 条、工作动态 300 条、人事信息 16 条，其中2022年12月发布 30 条。",
        ])
    func n2NoWarningAfterParts(_ s: String) {
        let r = Self.overview(s)
        #expect(Self.nonInfo(r, "N2").isEmpty, "\(s): \(Self.nonInfo(r, "N2"))")
    }

    @Test(
        "N2: a true mismatch before a carry-over or a month is still found",
        arguments: [
            "全年收到政府信息公开申请 18 件，其中当面申请 2 件、网上申请 20 件、信函申请 4 件，上年结转 1 件。",
            "全年主动公开信息 356 条，其中1月 100 条、2月 200 条、3月 70 条。",
        ])
    func n2MismatchBeforeCarryOver(_ s: String) {
        let r = Self.overview(s)
        #expect(!Self.nonInfo(r, "N2").isEmpty, "\(s): no N2 finding")
    }
}
