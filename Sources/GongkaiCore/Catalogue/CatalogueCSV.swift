import Foundation

/// Standard catalogue items (公开事项标准目录) read from a CSV file as Excel or WPS export it:
/// UTF-8 (with or without BOM) or GBK/GB18030; the header row names the columns in the words of
/// published catalogues (statute §5.3). Either every row is good and all are imported, or the
/// errors are listed with their line numbers and nothing is.
public enum CatalogueCSV {
    /// One item as read (statute §5.3 ids).
    public struct Item: Equatable, Sendable {
        public var domain: String
        public var sequence: Int
        public var itemL1: String
        public var itemL2: String
        public var contentElements: String
        public var legalBasis: String
        public var timeLimit: String
        public var subject: String
        public var channels: String
        public var audience: String
        public var mode: String
        public var level: String
        /// The line of the file the row starts on.
        public var line: Int
    }

    public struct RowError: Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { line > 0 ? "第 \(line) 行：\(message)" : message }
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    public struct Result: Equatable, Sendable {
        public let items: [Item]
        public let errors: [RowError]
        public let encoding: String
    }

    enum Column: CaseIterable {
        case sequence, domain, itemL1, itemL2, contentElements, legalBasis, timeLimit, subject, channels, audience, mode, level
        case audiencePublic, audienceGroup, modeProactive, modeOnRequest, levelCounty, levelTownship

        /// Header words that name the column (spaces and brackets removed before comparing).
        var names: [String] {
            switch self {
            case .sequence: return ["序号"]
            case .domain: return ["领域", "所属领域", "公开领域", "目录领域"]
            case .itemL1: return ["一级事项", "公开事项", "事项名称", "事项"]
            case .itemL2: return ["二级事项", "子事项"]
            case .contentElements: return ["公开内容要素", "公开内容", "要素"]
            case .legalBasis: return ["公开依据", "依据"]
            case .timeLimit: return ["公开时限", "时限"]
            case .subject: return ["公开主体", "主体"]
            case .channels: return ["公开渠道和载体", "公开渠道", "渠道和载体", "公开载体"]
            case .audience: return ["公开对象", "对象"]
            case .mode: return ["公开方式", "方式"]
            case .level: return ["公开层级", "层级"]
            case .audiencePublic: return ["全社会"]
            case .audienceGroup: return ["特定群体", "特定群众"]
            case .modeProactive: return ["主动", "主动公开"]
            case .modeOnRequest: return ["依申请", "依申请公开"]
            case .levelCounty: return ["县级"]
            case .levelTownship: return ["乡级", "乡镇级", "镇级", "乡村级"]
            }
        }
    }

    static func normalise(_ header: String) -> String {
        header.filter { !" 　\t()（）[]【】".contains($0) }
    }

    /// Reads the file; `defaultDomain` names the domain when the file has no domain column.
    public static func read(_ data: Data, defaultDomain: String) -> Result {
        let text: String, encoding: String
        switch TextDecoding.decode(data) {
        case .text(let t, let e): (text, encoding) = (t, e)
        case .binary:
            return Result(items: [], errors: [RowError(line: 0, message: "文件不是文本格式的 CSV（请在 Excel 或 WPS 中“另存为 CSV”）")], encoding: "")
        }
        let rows = CSV.parseWithLines(text)
        guard let header = rows.first(where: { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            return Result(items: [], errors: [RowError(line: 0, message: "文件是空的")], encoding: encoding)
        }
        var index: [Column: Int] = [:]
        for (i, raw) in header.fields.enumerated() {
            let name = normalise(raw)
            if let column = Column.allCases.first(where: { c in index[c] == nil && c.names.contains(name) }) {
                index[column] = i
            }
        }
        // The standard catalogues' two-row header (公开对象 over 全社会 / 特定群体, 公开事项 over
        // 一级事项 / 二级事项 …): a next row made only of header words names the sub-columns.
        var headerEnd = header.line
        if let second = rows.first(where: { $0.line > header.line && !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) {
            let names = second.fields.map(normalise)
            let known = names.filter { !$0.isEmpty }.allSatisfy { name in Column.allCases.contains { $0.names.contains(name) } }
            if known {
                headerEnd = second.line
                for (i, name) in names.enumerated() where !name.isEmpty {
                    guard let column = Column.allCases.first(where: { $0.names.contains(name) }) else { continue }
                    // A sub-column takes the place of the merged cell above it (公开事项 → 一级事项).
                    for (other, at) in index where at == i && other != column { index[other] = nil }
                    index[column] = i
                }
            }
        }
        var errors: [RowError] = []
        if index[.itemL1] == nil && index[.itemL2] == nil {
            errors.append(RowError(line: header.line, message: "表头缺少“公开事项”（一级事项/二级事项或事项名称）列"))
        }
        for (column, label) in [(Column.timeLimit, "公开时限"), (.subject, "公开主体")] where index[column] == nil {
            errors.append(RowError(line: header.line, message: "表头缺少“\(label)”列"))
        }
        guard errors.isEmpty else { return Result(items: [], errors: errors, encoding: encoding) }
        var items: [Item] = []
        var lastL1 = ""
        let domain = defaultDomain.trimmingCharacters(in: .whitespaces)
        for row in rows where row.line > headerEnd {
            func field(_ c: Column) -> String {
                guard let i = index[c], i < row.fields.count else { return "" }
                return row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func ticked(_ c: Column) -> Bool { ["√", "✓", "✔", "是", "Y", "y", "1"].contains(field(c)) }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var problems: [String] = []
            // Merged cells exported from Excel leave the 一级事项 of following rows empty.
            let l1 = field(.itemL1).isEmpty ? lastL1 : field(.itemL1)
            lastL1 = l1
            let l2 = field(.itemL2)
            if l1.isEmpty && l2.isEmpty { problems.append("缺少公开事项名称") }
            if field(.timeLimit).isEmpty { problems.append("缺少公开时限") }
            if field(.subject).isEmpty { problems.append("缺少公开主体") }
            let rowDomain = field(.domain).isEmpty ? domain : field(.domain)
            if rowDomain.isEmpty { problems.append("缺少所属领域（文件没有“领域”列时须在导入时选择领域）") }
            var sequence = items.count + 1
            if !field(.sequence).isEmpty {
                if let n = Int(field(.sequence)), n > 0 { sequence = n } else { problems.append("序号“\(field(.sequence))”不是正整数") }
            }
            var audience = field(.audience)
            if audience.isEmpty {
                audience = [ticked(.audiencePublic) ? "全社会" : nil, ticked(.audienceGroup) ? "特定群体" : nil].compactMap { $0 }.joined(separator: "、")
            }
            var mode = field(.mode)
            if mode.isEmpty {
                mode = [ticked(.modeProactive) ? "主动" : nil, ticked(.modeOnRequest) ? "依申请" : nil].compactMap { $0 }.joined(separator: "、")
            }
            var level = field(.level)
            if level.isEmpty {
                level = [ticked(.levelCounty) ? "县级" : nil, ticked(.levelTownship) ? "乡级" : nil].compactMap { $0 }.joined(separator: "、")
            }
            for (label, value) in [("公开事项", l1 + l2), ("公开内容", field(.contentElements)), ("公开依据", field(.legalBasis))] where value.count > 4000 {
                problems.append("“\(label)”超过 4000 字")
            }
            if !problems.isEmpty {
                errors.append(RowError(line: row.line, message: problems.joined(separator: "；")))
                continue
            }
            items.append(Item(domain: rowDomain, sequence: sequence, itemL1: l1, itemL2: l2, contentElements: field(.contentElements),
                              legalBasis: field(.legalBasis), timeLimit: field(.timeLimit), subject: field(.subject),
                              channels: field(.channels), audience: audience, mode: mode, level: level, line: row.line))
        }
        if items.isEmpty && errors.isEmpty { errors.append(RowError(line: 0, message: "文件中没有事项（只有表头）")) }
        return Result(items: errors.isEmpty ? items : [], errors: errors, encoding: encoding)
    }
}
