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
            return Self.trimmed(record.fields[i])
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
        let kind = kindText.isEmpty ? MessageKind.other : Self.kinds[kindText] ?? Self.kinds[kindText.lowercased()]
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
        let satisfaction = satisfactionText.isEmpty ? nil : Self.satisfactions[satisfactionText] ?? Self.satisfactions[satisfactionText.lowercased()]
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

    /// Codes and Chinese labels, looked up without Foundation's string functions.
    static let kinds: [String: MessageKind] = Dictionary(
        MessageKind.allCases.flatMap { [($0.rawValue, $0), ($0.chineseLabel, $0)] }, uniquingKeysWith: { a, _ in a })
    static let satisfactions: [String: Satisfaction] = Dictionary(
        Satisfaction.allCases.flatMap { [($0.rawValue, $0), ($0.chineseLabel, $0)] }, uniquingKeysWith: { a, _ in a })

    /// Surrounding white space removed, without Foundation (a hundred thousand rows are read).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        var view = Substring(text).unicodeScalars
        while let s = view.first, s.properties.isWhitespace { view.removeFirst() }
        while let s = view.last, s.properties.isWhitespace { view.removeLast() }
        return String(view)
    }

    /// A time as Excel and WPS write it, read in China Standard Time: `2023-05-06 14:30[:00]`,
    /// `2023/5/6 14:30`, `2023.5.6`, `2023-05-06T14:30:00`, `2023年5月6日 14时30分`, or a date
    /// alone (midnight). Read scalar by scalar: numbers and the separators between them.
    public static func instant(_ text: String) -> (instant: Date, date: CivilDate)? {
        var numbers: [Int] = []
        var lengths: [Int] = []
        var separators: [Unicode.Scalar] = []
        var current = -1, length = 0
        for s in text.unicodeScalars {
            if s.value >= 48 && s.value <= 57 {
                let digit = Int(s.value) - 48
                current = (current < 0 ? 0 : current) * 10 + digit
                length += 1
                guard length <= 4 else { return nil }
            } else {
                if current >= 0 { numbers.append(current); lengths.append(length); current = -1; length = 0 }
                guard "-/. T:年月日时分秒".unicodeScalars.contains(s) else { return nil }
                separators.append(s)
            }
        }
        if current >= 0 { numbers.append(current); lengths.append(length) }
        guard [3, 5, 6].contains(numbers.count), lengths[0] == 4,
              let date = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2]) else { return nil }
        var seconds = 0
        if numbers.count >= 5 {
            let (h, mi, sec) = (numbers[3], numbers[4], numbers.count == 6 ? numbers[5] : 0)
            guard (0...23).contains(h), (0...59).contains(mi), (0...59).contains(sec) else { return nil }
            // a space, `T` or 日 between the date and the time
            guard separators.contains(where: { $0 == " " || $0 == "T" || $0 == "日" }) else { return nil }
            seconds = h * 3600 + mi * 60 + sec
        } else if numbers.count == 6 {
            return nil
        }
        // China Standard Time is UTC+8 all year.
        let instant = Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + seconds - 8 * 3600))
        return (instant, date)
    }
}
