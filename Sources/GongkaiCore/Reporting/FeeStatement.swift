import Foundation

/// Section 六's statement of information processing fees (the 2021 format notice: fees collected
/// under 国办函〔2020〕109号 are reported here), from the year's fee records.
public enum FeeStatement {
    /// `paid`: the fee notices paid in the year, with their amounts in yuan.
    public static func text(paidAmounts: [Int]) -> String {
        let total = paidAmounts.reduce(0, +)
        guard total > 0 else { return "本年度未收取政府信息公开信息处理费。" }
        return "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费 \(paidAmounts.filter { $0 > 0 }.count) 件，共计 \(total) 元，已全额缴入国库。"
    }
}

extension FeeStatement {
    /// What section 六 says about the fees against the fee records: an error when fees were paid
    /// and 六 says none were collected, or when it states an amount (元, 万元) other than the
    /// records' total; a warning when it speaks of the fees otherwise than the statement the
    /// records give (the draft's statement is written once, so a fee paid later changes it).
    /// A 六 silent on fees is the report check's own F1 warning when the records show none; when
    /// they show fees, silence is an error here (the format asks for them in 六).
    public static func findings(sectionSix six: String, paidAmounts: [Int]) -> [Finding] {
        let total = paidAmounts.reduce(0, +)
        let statement = text(paidAmounts: paidAmounts)
        let sentences = six.split(whereSeparator: { "。；;\n".contains($0) }).map(String.init).filter(speaksOfTheFees)
        let location = Finding.Location(table: ReportSection.other.heading)
        let fromRecords = total > 0 ? "收费记录显示本年度已收取信息处理费共计 \(total) 元" : "收费记录显示本年度未收取信息处理费"
        guard !sentences.isEmpty else {
            guard total > 0 else { return [] }
            return [Finding(rule: .feeStatement, severity: .error, expected: String(total), actual: "未说明",
                            message: "第六部分没有说明信息处理费，但\(fromRecords)：请按收费记录写明（可用“按收费记录重写”）", location: location)]
        }
        if total > 0, sentences.contains(where: denies) {
            return [Finding(rule: .feeStatement, severity: .error, expected: String(total), actual: "未收取",
                            message: "第六部分称未收取信息处理费，但\(fromRecords)：请按收费记录改写（可用“按收费记录重写”）", location: location)]
        }
        let stated = sentences.flatMap(amounts(in:))
        if !stated.isEmpty, !stated.contains(Decimal(total)) {
            let said = stated.map { "\($0.plain) 元" }.joined(separator: "、")
            return [Finding(rule: .feeStatement, severity: .error, expected: String(total), actual: said,
                            message: "第六部分所写的信息处理费金额（\(said)）与收费记录不符：\(fromRecords)", location: location)]
        }
        if !six.contains(statement) {
            return [Finding(rule: .feeStatement, severity: .warning, expected: String(total), actual: sentences.joined(separator: "。"),
                            message: "第六部分的收费说明与按收费记录生成的说明不同（\(statement)）：请核对，或写明理由", location: location)]
        }
        return []
    }

    /// Sayings that no fee was collected.
    static let denials = ["未收取", "没有收取", "未收费", "没有收费", "不收费", "未曾收取"]

    /// A sentence of 六 about the information processing fees: it names them (处理费), or it is a
    /// short "本年度未收费" on its own (other 收费 — 涉企收费目录, 行政事业性收费 — is another subject).
    static func speaksOfTheFees(_ sentence: String) -> Bool {
        sentence.contains("处理费") || (sentence.count <= 12 && ["未收费", "没有收费", "不收费"].contains { sentence.contains($0) })
    }

    /// Whether a sentence says no fee was collected: a clause with a denial, no amount, and not
    /// about exemptions or the absence of uncollected fees ("无未收取情况", "对 3 件申请减免未收取").
    static func denies(_ sentence: String) -> Bool {
        sentence.split(whereSeparator: { "，,".contains($0) }).map(String.init).contains { clause in
            denials.contains { clause.contains($0) } && amounts(in: clause).isEmpty
                && !["无未", "减免", "免收", "符合"].contains { clause.contains($0) }
        }
    }

    /// The amounts in yuan a sentence states ("共计 100 元", "0.01万元").
    static func amounts(in sentence: String) -> [Decimal] {
        guard let regex = try? NSRegularExpression(pattern: #"([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万?)元"#) else { return [] }
        let ns = sentence as NSString
        return regex.matches(in: sentence, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            let digits = ns.substring(with: match.range(at: 1)).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
            guard let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            return ns.substring(with: match.range(at: 2)).isEmpty ? value : value * 10_000
        }
    }
}

extension FeeStatement {
    /// Section 六 with its fee lines (those that speak of 处理费) replaced by `statement`, which is
    /// added as the first line when 六 has none.
    public static func replace(in six: String, with statement: String) -> String {
        var lines = six.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A line is about the fees when one of its sentences is (the same test as `findings`).
        func aboutFees(_ line: String) -> Bool {
            line.split(whereSeparator: { "。；;".contains($0) }).map(String.init).contains(where: speaksOfTheFees)
        }
        if let first = lines.firstIndex(where: aboutFees) {
            lines[first] = statement
            lines = lines.enumerated().filter { $0.offset == first || !aboutFees($0.element) }.map(\.element)
        } else {
            lines.insert(statement, at: 0)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
