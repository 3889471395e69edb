import Foundation

/// A row of an export of messages handled elsewhere (the 12345 hotline's, say), read and checked.
public struct ImportedMessage: Sendable, Equatable {
    public var line: Int
    public var sourceID: String
    public var channel: String
    public var kind: MessageKind
    /// The instant received (UTC) and its date in China Standard Time, which decides the year.
    public var receivedAt: Date
    public var receivedOn: CivilDate
    public var subject: String
    public var content: String
    public var handlingUnit: String
    public var completedAt: Date?
    public var completedOn: CivilDate?
    public var result: String
    public var satisfaction: Satisfaction?
}

/// One problem of one row, with the line it starts on.
public struct ImportRowError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "第 \(line) 行：\(message)" }
}

/// The columns of an import file, named in Chinese or English in the header row:
/// 工单编号/source_id, 渠道/channel, 受理时间/received_at, 标题/subject, 内容/content,
/// 承办单位/handling_unit, 办结时间/completed_at, 办理结果/result, 满意度/satisfaction, and
/// optionally 类型/kind (咨询, 投诉 …).
public struct MessageImportFormat: Sendable {
    public enum Column: String, Sendable, CaseIterable {
        case sourceID = "source_id", channel, receivedAt = "received_at", subject, content, handlingUnit = "handling_unit",
             completedAt = "completed_at", result, satisfaction, kind

        public var chineseName: String {
            switch self {
            case .sourceID: return "工单编号"
            case .channel: return "渠道"
            case .receivedAt: return "受理时间"
            case .subject: return "标题"
            case .content: return "内容"
            case .handlingUnit: return "承办单位"
            case .completedAt: return "办结时间"
            case .result: return "办理结果"
            case .satisfaction: return "满意度"
            case .kind: return "类型"
            }
        }

        static let required: [Column] = [.sourceID, .channel, .receivedAt]
    }

    public static let maxSubject = 200
    public static let maxContent = 10_000
    public static let maxResult = 10_000

    public let columns: [Column: Int]
    public let knownChannels: Set<String>
    public let today: CivilDate

    /// Reads the header; a missing required column is an error naming it.
    public init(header: CSVRecord, knownChannels: Set<String>, today: CivilDate) throws {
        var columns: [Column: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if let column = Column.allCases.first(where: { $0.rawValue == name.lowercased() || $0.chineseName == name }), columns[column] == nil {
                columns[column] = index
            }
        }
        let missing = Column.required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw CSVStreamError(message: "第 \(header.line) 行（表头）缺少列：" + missing.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、"))
        }
        self.columns = columns
        self.knownChannels = knownChannels
        self.today = today
    }

    public func parse(_ record: CSVRecord) -> Result<ImportedMessage, ImportRowError> {
        var problems: [String] = []
        func value(_ c: Column) -> String {
            guard let i = columns[c], i < record.fields.count else { return "" }
            return record.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let sourceID = value(.sourceID)
        if sourceID.isEmpty { problems.append("缺少工单编号") } else if sourceID.count > 100 { problems.append("工单编号超过 100 个字符") }
        let channel = value(.channel)
        if channel.isEmpty {
            problems.append("缺少渠道")
        } else if !knownChannels.contains(channel) {
            problems.append("渠道“\(channel)”不在本机关的渠道列表中（\(knownChannels.sorted().joined(separator: "、"))）")
        }
        let kindText = value(.kind)
        let kind = kindText.isEmpty ? MessageKind.other : MessageKind(text: kindText)
        if kind == nil { problems.append("类型“\(kindText)”无效，应为 " + MessageKind.allCases.map(\.chineseLabel).joined(separator: "、")) }
        let receivedText = value(.receivedAt)
        let received = Self.instant(receivedText)
        if receivedText.isEmpty { problems.append("缺少受理时间") } else if received == nil { problems.append("受理时间“\(receivedText)”无法识别，应为 2023-05-06 14:30 或 2023/5/6 14:30:00") }
        let completedText = value(.completedAt)
        let completed = completedText.isEmpty ? nil : Self.instant(completedText)
        if !completedText.isEmpty && completed == nil { problems.append("办结时间“\(completedText)”无法识别，应为 2023-05-06 14:30 或 2023/5/6 14:30:00") }
        if let r = received, r.date > today { problems.append("受理时间 \(r.date.iso) 晚于今天") }
        if let c = completed, c.date > today { problems.append("办结时间 \(c.date.iso) 晚于今天") }
        if let r = received, let c = completed, c.instant < r.instant { problems.append("办结时间早于受理时间") }
        let satisfactionText = value(.satisfaction)
        let satisfaction = satisfactionText.isEmpty ? nil : Satisfaction(text: satisfactionText)
        if !satisfactionText.isEmpty && satisfaction == nil { problems.append("满意度“\(satisfactionText)”无效，应为 满意、基本满意、不满意 或留空") }
        if satisfaction != nil && completedText.isEmpty { problems.append("未办结的工单不应有满意度") }
        let subject = value(.subject), content = value(.content), result = value(.result)
        if subject.isEmpty && content.isEmpty { problems.append("标题和内容不能都为空") }
        if subject.count > Self.maxSubject { problems.append("标题超过 \(Self.maxSubject) 个字") }
        if content.count > Self.maxContent { problems.append("内容超过 \(Self.maxContent) 个字") }
        if result.count > Self.maxResult { problems.append("办理结果超过 \(Self.maxResult) 个字") }
        let unit = value(.handlingUnit)
        if unit.count > 200 { problems.append("承办单位超过 200 个字") }
        guard problems.isEmpty, let received, let kind else {
            return .failure(ImportRowError(line: record.line, message: problems.joined(separator: "；")))
        }
        return .success(ImportedMessage(
            line: record.line, sourceID: sourceID, channel: channel, kind: kind, receivedAt: received.instant, receivedOn: received.date,
            subject: subject.isEmpty ? String(content.prefix(40)) : subject, content: content, handlingUnit: unit,
            completedAt: completed?.instant, completedOn: completed?.date, result: result, satisfaction: satisfaction))
    }

    /// A time as Excel and WPS write it, read in China Standard Time: `2023-05-06 14:30[:00]`,
    /// `2023/5/6 14:30`, `2023-05-06T14:30:00`, `2023年5月6日 14时30分`, or a date alone (midnight).
    public static func instant(_ text: String) -> (instant: Date, date: CivilDate)? {
        var t = text.replacingOccurrences(of: "T", with: " ")
        for (a, b) in [("年", "-"), ("月", "-"), ("日", " "), ("时", ":"), ("分", ":"), ("秒", ""), ("/", "-"), (".", "-")] {
            t = t.replacingOccurrences(of: a, with: b)
        }
        let parts = t.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count) else { return nil }
        let ymd = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]), ymd[0].count == 4,
              let date = CivilDate(year: y, month: m, day: d) else { return nil }
        var seconds = 0
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":", omittingEmptySubsequences: true)
            guard (2...3).contains(hms.count), let h = Int(hms[0]), let mi = Int(hms[1]), (0...23).contains(h), (0...59).contains(mi) else { return nil }
            let s = hms.count == 3 ? Int(hms[2]) : 0
            guard let s, (0...59).contains(s) else { return nil }
            seconds = h * 3600 + mi * 60 + s
        }
        // China Standard Time is UTC+8 all year.
        let instant = Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + seconds - 8 * 3600))
        return (instant, date)
    }
}
