import Foundation

/// The parts of a report found in its text: the preamble (title), the six sections, the
/// issuer, the year and the format version.
struct ReportStructure: Sendable {
    var preamble: String
    /// Text of each section found, from after its heading to the next heading.
    var sections: [ReportSection: String]
    /// The headings as printed.
    var headings: [ReportSection: String]
    var issuer: String?
    var year: Int?
    var formatVersion: ReportFormatVersion?
    /// Markers of the format seen (for the "unsupported" explanation).
    var formatEvidence: [String]

    static let titleKeys: [ReportSection: [String]] = [
        .overview: ["总体情况", "概述"],
        .proactive: ["主动公开"],
        .requests: ["收到和处理", "依申请公开", "处理政府信息公开申请", "收到处理"],
        .reviewLitigation: ["复议", "诉讼"],
        .problems: ["存在的主要问题", "主要问题", "问题及改进", "存在问题", "改进情况"],
        .other: ["其他需要报告", "其他事项", "其他需报告"],
    ]

    private static let numerals: [Character: ReportSection] = [
        "一": .overview, "二": .proactive, "三": .requests, "四": .reviewLitigation, "五": .problems, "六": .other,
    ]
    private static let separators: Set<Character> = ["、", ".", ",", " ", ":", "．", "，", "：", "\t"]

    static func split(_ text: String) -> ReportStructure {
        var sections: [ReportSection: String] = [:]
        var headings: [ReportSection: String] = [:]
        var preamble: [Substring] = []
        var current: ReportSection?
        var body: [Substring] = []
        func close() {
            if let current { sections[current] = body.joined(separator: "\n") }
            body = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let (section, rest) = heading(line), current.map({ section > $0 }) ?? true {
                close()
                current = section
                headings[section] = String(line.trimmingCharacters(in: .whitespaces).prefix(40))
                if !rest.isEmpty { body.append(rest) }
                continue
            }
            if current == nil { preamble.append(line) } else { body.append(line) }
        }
        close()
        let preambleText = preamble.joined(separator: "\n")
        var structure = ReportStructure(preamble: preambleText, sections: sections, headings: headings, issuer: nil, year: nil,
                                        formatVersion: nil, formatEvidence: [])
        structure.identify(fullText: text)
        return structure
    }

    /// A section heading: a numeral, a separator and the section's title words near the start.
    private static func heading(_ line: Substring) -> (ReportSection, Substring)? {
        let trimmed = line.drop(while: { $0.isWhitespace })
        guard let first = trimmed.first, let section = numerals[first] else { return nil }
        let afterNumeral = trimmed.dropFirst()
        guard let next = afterNumeral.first, separators.contains(next) else { return nil }
        let head = ReportText.key(String(afterNumeral.prefix(24)))
        guard titleKeys[section]!.contains(where: { head.contains($0) }) else { return nil }
        // Text after the title on the same line (some reports run the first paragraph on).
        let title = section.heading.dropFirst(2)
        if let range = afterNumeral.range(of: title) {
            return (section, afterNumeral[range.upperBound...].drop(while: { $0.isWhitespace }))
        }
        return (section, afterNumeral.count > 30 ? afterNumeral : "")
    }

    // MARK: issuer, year, format

    private mutating func identify(fullText: String) {
        let titleLines = preamble.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let titleRegion = titleLines.prefix(6).joined(separator: "\n")
        // The title names the issuer: 示范县教育局2022年政府信息公开工作年度报告. Breadcrumbs
        // (首页 > 政府信息公开 > 年度报告) also mention reports, so prefer the full title words.
        let candidates = titleLines.filter { $0.contains("信息公开") && ($0.contains("年度报告") || $0.contains("工作报告")) }
            + titleLines.filter { $0.contains("年度报告") }
        issuer = candidates.lazy.compactMap(Self.issuer(fromTitle:)).first
        year = Self.year(in: titleRegion) ?? Self.statisticalYear(in: fullText) ?? Self.year(in: String(fullText.prefix(400)))
        let key = ReportText.key(fullText)
        let v2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "不补正", "收费通知", "本年处理决定数量", "本年收费金额"].filter { key.contains($0) }
        let v2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第九项", "政府集中采购", "采购总金额", "上一年项目数量"].filter { key.contains($0) }
        formatEvidence = v2021.count >= v2019.count ? v2021 : v2019
        if v2021.count > v2019.count {
            formatVersion = .v2021
        } else if v2019.count > v2021.count {
            formatVersion = .v2019
        } else if let year, key.contains("政府信息公开"), key.contains("年度报告") || key.contains("工作报告") {
            // No table markers (tables missing or unreadable): the format in force that year.
            formatVersion = ReportFormatVersion.inForce(forYear: year)
        }
    }

    static func issuer(fromTitle title: String) -> String? {
        var t = title
        for crumb in [">", "›", "»", "＞"] where t.contains(crumb) {
            t = String(t.split(separator: Character(crumb)).last ?? "")
        }
        for marker in ["政府信息公开工作年度报告", "政府信息公开年度报告", "政府信息公开工作报告", "信息公开工作年度报告", "年度报告"] {
            if let range = t.range(of: marker) { t = String(t[..<range.lowerBound]); break }
        }
        t = t.replacingOccurrences(of: #"[(（]?\d{4}\s*年度?[)）]?"#, with: "", options: .regularExpression)
        t = t.replacingOccurrences(of: "关于", with: "").trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return t.isEmpty ? nil : t
    }

    static func year(in text: String) -> Int? {
        guard let match = text.range(of: #"(19|20)\d{2}\s*年"#, options: .regularExpression) else { return nil }
        return Int(text[match].prefix(4))
    }

    /// 统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止.
    static func statisticalYear(in text: String) -> Int? {
        guard let match = text.range(of: #"(19|20)\d{2}\s*年\s*12\s*月\s*31\s*日"#, options: .regularExpression) else { return nil }
        return Int(text[match].prefix(4))
    }
}
