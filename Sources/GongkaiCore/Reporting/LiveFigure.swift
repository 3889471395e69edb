import Foundation

/// A figure the report's text quotes by reference: written `{{requests.new_received}}` in the
/// stored text, shown as the number. Text that quotes the records this way cannot disagree with
/// the tables; numbers typed by hand are checked by the report check's narrative rules instead.
public enum LiveFigure: String, Sendable, Codable, CaseIterable {
    case requestsNewReceived = "requests.new_received"
    case requestsCarriedOverIn = "requests.carried_over_in"
    case requestsConcluded = "requests.concluded"
    case requestsDisclosed = "requests.disclosed"
    case requestsPartiallyDisclosed = "requests.partially_disclosed"
    case requestsWithheld = "requests.withheld"
    case requestsUnable = "requests.unable"
    case requestsNotProcessed = "requests.not_processed"
    case requestsOther = "requests.other"
    case requestsCarriedOverOut = "requests.carried_over_out"
    case reconsiderations = "challenges.reconsideration"
    case lawsuits = "challenges.litigation"
    case challengesCorrected = "challenges.corrected"
    case feesCollected = "fees.collected"
    case normativeIssued = "normative.issued"
    case normativeRepealed = "normative.repealed"
    case normativeInForce = "normative.in_force"
    case publications = "publications.total"
    case interpretations = "publications.interpretations"
    case messagesReceived = "messages.received"
    case messagesCompleted = "messages.completed"
    case messagesCompletionRate = "messages.completion_rate"
    case messagesSatisfactionRate = "messages.satisfaction_rate"

    public var chineseLabel: String {
        switch self {
        case .requestsNewReceived: return "本年新收政府信息公开申请（件）"
        case .requestsCarriedOverIn: return "上年结转申请（件）"
        case .requestsConcluded: return "本年办结申请（件）"
        case .requestsDisclosed: return "予以公开（件）"
        case .requestsPartiallyDisclosed: return "部分公开（件）"
        case .requestsWithheld: return "不予公开（件）"
        case .requestsUnable: return "无法提供（件）"
        case .requestsNotProcessed: return "不予处理（件）"
        case .requestsOther: return "其他处理（件）"
        case .requestsCarriedOverOut: return "结转下年度继续办理（件）"
        case .reconsiderations: return "行政复议案件（件）"
        case .lawsuits: return "行政诉讼案件（件）"
        case .challengesCorrected: return "复议诉讼结果纠正（件）"
        case .feesCollected: return "收取信息处理费（元）"
        case .normativeIssued: return "本年制发行政规范性文件（件）"
        case .normativeRepealed: return "本年废止行政规范性文件（件）"
        case .normativeInForce: return "现行有效行政规范性文件（件）"
        case .publications: return "主动公开政府信息（条）"
        case .interpretations: return "发布政策解读（篇）"
        case .messagesReceived: return "受理群众来信来电（件）"
        case .messagesCompleted: return "办结群众来信来电（件）"
        case .messagesCompletionRate: return "群众来信来电办结率"
        case .messagesSatisfactionRate: return "群众来信来电满意率"
        }
    }

    public var token: String { "{{\(rawValue)}}" }

    /// The figures that follow from the report's own tables (三, 四 and 二).
    public static func fromTables(_ report: AnnualReport) -> [LiveFigure: String] {
        let schema = report.schema
        func t3(_ rows: [String]) -> String? {
            let values = rows.map { report.t3($0, "total") }
            guard !values.contains(where: { $0 == nil }) else { return nil }
            return values.compactMap { $0 }.reduce(0, +).plain
        }
        func rows(_ prefix: String) -> [String] { schema.t3Rows.map(\.id).filter { $0.hasPrefix(prefix) } }
        func t4(_ groups: [String], _ column: String) -> String? {
            let values = groups.map { report.t4($0, column) }
            guard !values.contains(where: { $0 == nil }) else { return nil }
            return values.compactMap { $0 }.reduce(0, +).plain
        }
        let normative = report.formatVersion == .v2021
            ? ["issued_this_year", "repealed_this_year", "in_force"] : ["newly_made_this_year", "", "total_published"]
        func t2(_ column: String) -> String? {
            column.isEmpty ? nil : report.cells[.t2("art20_1", "normative_docs", column)]?.plain
        }
        let other = report.formatVersion == .v2021 ? rows("other_") : ["other_handling"]
        let pairs: [(LiveFigure, String?)] = [
            (.requestsNewReceived, t3(["new_received"])), (.requestsCarriedOverIn, t3(["carried_over_in"])),
            (.requestsConcluded, t3(["result_total"])), (.requestsDisclosed, t3(["result_disclosed"])),
            (.requestsPartiallyDisclosed, t3(["result_partially_disclosed"])), (.requestsWithheld, t3(rows("withheld_"))),
            (.requestsUnable, t3(rows("unable_"))), (.requestsNotProcessed, t3(rows("not_processed_"))), (.requestsOther, t3(other)),
            (.requestsCarriedOverOut, t3(["carried_over_out"])),
            (.reconsiderations, t4(["admin_review"], "total")), (.lawsuits, t4(["litigation_direct", "litigation_after_review"], "total")),
            (.challengesCorrected, t4(["admin_review", "litigation_direct", "litigation_after_review"], "corrected")),
            (.normativeIssued, t2(normative[0])), (.normativeRepealed, t2(normative[1])), (.normativeInForce, t2(normative[2])),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key, $0) } })
    }
}

extension LiveFigure {
    /// The figures of 政民互动 from the year's tally: counts, and rates as the messages pages print
    /// them (a rate over nothing has no value, so a text quoting it cannot be published).
    public static func fromMessages(_ tally: MessageTally) -> [LiveFigure: String] {
        var values: [LiveFigure: String] = [.messagesReceived: String(tally.received), .messagesCompleted: String(tally.completed)]
        if tally.completionRate != nil { values[.messagesCompletionRate] = MessageTally.percent(tally.completionRate) }
        if tally.satisfactionRate != nil { values[.messagesSatisfactionRate] = MessageTally.percent(tally.satisfactionRate) }
        return values
    }
}

/// Text with live figures in it.
public enum LiveText {
    /// Starts the unresolved entry of a reference opened with "{{" and never closed.
    public static let unclosedMark = "{{"

    /// The references the text makes, in order (unknown names included, as written).
    public static func references(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            found.append(String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// The text with every reference replaced by its value; references with no value (an unknown
    /// name, or a figure whose source has no number yet) are returned so the text is not published
    /// with a hole in it.
    public static func render(_ text: String, values: [LiveFigure: String]) -> (text: String, unresolved: [String]) {
        var out = ""
        var unresolved: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            if let figure = LiveFigure(rawValue: name), let value = values[figure] {
                out += value
            } else {
                unresolved.append(name)
                out += "【\(name)】"
            }
            rest = rest[close.upperBound...]
        }
        // An opening "{{" with no "}}" after it would be published as typed: it is reported.
        if let open = rest.range(of: "{{") {
            unresolved.append(unclosedMark + String(rest[open.upperBound...].prefix(20)))
        }
        out += rest
        return (out, unresolved)
    }
}
