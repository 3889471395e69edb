import Foundation

/// Checks of what the report says in words: numbers that restate a table cell, totals stated
/// with their parts, the information-processing-fee statement, length, repetition.
public enum NarrativeChecks {
    // MARK: F1 — information processing fees

    static func feeStatement(sections: [ReportSection: String], version: ReportFormatVersion) -> [Finding] {
        // 信息处理费 or 处理费: a text holding the first holds the second (one search, not two).
        func mentions(_ text: String?) -> Bool { text?.hasSubstring("处理费") == true }
        var findings: [Finding] = []
        let elsewhere = sections.filter { $0.key != .other && mentions($0.value) }.keys.sorted()
        if let six = sections[.other] {
            if !mentions(six), version == .v2021 {
                let also = elsewhere.isEmpty ? "" : "（信息处理费在\(elsewhere.map { "第\($0.numeral)部分" }.joined(separator: "、"))提及）"
                findings.append(Finding(rule: .feeStatement,
                                        message: "第六部分未报告信息处理费收取情况，2021 年版格式要求在此专门报告\(also)",
                                        location: .init(table: ReportSection.other.heading)))
            }
        } else if !elsewhere.isEmpty {
            findings.append(Finding(rule: .feeStatement,
                                    message: "报告提及信息处理费，但没有第六部分“其他需要报告的事项”来专门报告收费情况",
                                    location: .init(table: ReportSection.other.heading)))
        }
        return findings
    }

    // MARK: Y1 — repetition from last year

    /// Sentences of at least 10 characters, normalised for comparison.
    static func sentences(_ text: String) -> [String] {
        text.split(whereSeparator: { "。！？；!?;\n".contains($0) })
            .map { ReportText.key(String($0)) }
            .filter { $0.count >= 10 }
    }

    static func repetition(current: AnnualReport, previous: AnnualReport) -> (finding: Finding?, share: Double) {
        let now = ReportSection.allCases.flatMap { sentences(current.sections[$0] ?? "") }
        let before = Set(ReportSection.allCases.flatMap { sentences(previous.sections[$0] ?? "") })
        guard !now.isEmpty else { return (nil, 0) }
        let repeated = now.filter { before.contains($0) }.count
        let share = Double(repeated) / Double(now.count)
        guard share > 0.5 else { return (nil, share) }
        let percent = Int((share * 100).rounded())
        return (Finding(rule: .repetition, expected: "≤ 50%", actual: "\(percent)%",
                        message: "正文 \(now.count) 句中有 \(repeated) 句（\(percent)%）与上一年度报告完全相同，超过一半，可能被认定为“年年雷同”",
                        location: .init(table: "全文")), share)
    }
}

extension NarrativeChecks {
    /// A list of words tested at the start or the end of a short text (a clause, the words
    /// before a figure): `isPrefix(of:)` is `words.contains { text.hasPrefix($0) }`, on UTF-8
    /// bytes when the words and the text are plain (`YearScan.isPlain`: every scalar a character
    /// of its own, none with a canonical equivalent among the others, so characters match where
    /// bytes do), else the standard test. The standard tests compare characters (grapheme
    /// breaking, normalisation): N2's status and lead words, tried on every part of a list, were
    /// a twentieth of a report check.
    struct WordList: Sendable {
        let words: [String]
        private let bytes: [[UInt8]]
        private let plain: Bool

        init(_ words: [String]) {
            self.words = words
            bytes = words.map { Array($0.utf8) }
            plain = bytes.allSatisfy { $0.withUnsafeBufferPointer(YearScan.isPlain) }
        }

        func isPrefix(of text: String) -> Bool {
            matches(text, atEnd: false) ?? words.contains { text.hasPrefix($0) }
        }

        func isSuffix(of text: String) -> Bool {
            matches(text, atEnd: true) ?? words.contains { text.hasSuffix($0) }
        }

        /// The test on bytes; nil when the text is not plain.
        private func matches(_ text: String, atEnd: Bool) -> Bool? {
            guard plain else { return nil }
            var text = text
            return text.withUTF8 { t -> Bool? in
                guard YearScan.isPlain(t) else { return nil }
                return bytes.contains { w in
                    guard w.count <= t.count else { return false }
                    let offset = atEnd ? t.count - w.count : 0
                    for k in w.indices where t[offset + k] != w[k] { return false }
                    return true
                }
            }
        }
    }
}
