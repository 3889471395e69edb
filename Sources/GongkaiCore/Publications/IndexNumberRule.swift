/// How an agency numbers its publications (索引号). Real portals compose the number from the
/// agency's code, the information's category, the year and a yearly sequence — e.g.
/// `PZ00101-0300-2021-00058` on the Pingtan portal. The rule is a template:
///
///     {agency}-{category}-{year}-{seq:5}   →   SFXJYJ-03-2024-00017
///
/// Placeholders: `{agency}` (the agency's index code), `{category}` (two digits, see
/// `PublicationCategory.code`), `{subject}` (two digits of 主题分类), `{year}` (four digits, the
/// year of publication), `{seq}` or `{seq:N}` (the sequence, zero-padded to N digits, at least
/// one). The sequence counts per *prefix*: everything the template renders except the sequence,
/// so `{year}` in the template makes it restart every year, `{category}` per category, and so on.
/// Two different prefixes can never render the same number as long as the template separates
/// the sequence from its neighbours (checked: the sequence must not touch another placeholder).
public struct IndexNumberRule: Sendable, Equatable {
    public let template: String
    private let parts: [Part]

    public static let defaultTemplate = "{agency}-{category}-{year}-{seq:5}"

    enum Part: Equatable, Sendable {
        case literal(String)
        case agency, category, subject, year
        case sequence(width: Int)
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public init(template: String) throws(Problem) {
        var parts: [Part] = []
        var rest = Substring(template.trimmingCharacters(in: .whitespaces))
        var literal = ""
        while let c = rest.first {
            if c == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw Problem(message: "索引号规则中的“{”没有对应的“}”") }
                let name = rest[rest.index(after: rest.startIndex)..<close]
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                switch name {
                case "agency": parts.append(.agency)
                case "category": parts.append(.category)
                case "subject": parts.append(.subject)
                case "year": parts.append(.year)
                case "seq": parts.append(.sequence(width: 1))
                default:
                    if name.hasPrefix("seq:"), let width = Int(name.dropFirst(4)), (1...9).contains(width) {
                        parts.append(.sequence(width: width))
                    } else {
                        throw Problem(message: "索引号规则中的“{\(name)}”无法识别（可用：{agency} {category} {subject} {year} {seq:N}）")
                    }
                }
                rest = rest[rest.index(after: close)...]
            } else {
                guard c.isASCII, c.isLetter || c.isNumber || "-_/.".contains(c) else {
                    throw Problem(message: "索引号规则中只能使用字母、数字和 - _ / . 作为固定部分，不能使用“\(c)”")
                }
                literal.append(c)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        let sequences = parts.enumerated().filter { if case .sequence = $0.element { return true } else { return false } }
        guard sequences.count == 1, let position = sequences.first?.offset else {
            throw Problem(message: "索引号规则必须包含且只包含一个流水号 {seq} 或 {seq:N}")
        }
        // The sequence is variable-length beyond its width: a placeholder right next to it could
        // make two prefixes render alike (`{year}{seq}`: 2024 + 11 = 2024 + 1 + 1…).
        for neighbour in [position - 1, position + 1] where parts.indices.contains(neighbour) {
            if case .literal = parts[neighbour] { continue }
            throw Problem(message: "流水号与其他部分之间须有分隔符（如 -）")
        }
        self.template = template.trimmingCharacters(in: .whitespaces)
        self.parts = parts
    }

    public struct Values: Sendable, Equatable {
        public var agencyCode: String
        public var category: PublicationCategory
        public var subject: PublicationSubject
        public var year: Int
        public init(agencyCode: String, category: PublicationCategory, subject: PublicationSubject, year: Int) {
            self.agencyCode = agencyCode
            self.category = category
            self.subject = subject
            self.year = year
        }
    }

    /// The text that owns a sequence: the template rendered with `#` for the sequence.
    public func counterKey(_ values: Values) -> String { render(values, sequence: nil) }

    /// The index number for the `sequence`-th publication of its prefix.
    public func number(_ values: Values, sequence: Int) -> String { render(values, sequence: sequence) }

    private func render(_ v: Values, sequence: Int?) -> String {
        parts.map { part in
            switch part {
            case .literal(let text): return text
            case .agency: return v.agencyCode
            case .category: return v.category.code
            case .subject: return v.subject.code
            case .year: return String(v.year)
            case .sequence(let width):
                guard let sequence else { return "#" }
                let digits = String(sequence)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }.joined()
    }

    /// What every number of an agency under this rule starts with: the fixed text and the
    /// agency's code up to the first part that varies (upper case). Two agencies whose heads are
    /// equal, or one the start of the other, may render numbers one could take for the other's
    /// (`SFX{agency}-…` with code `GOV` against `{agency}-…` with `SFXGOV`; cold review 11o M1).
    public func head(agencyCode: String) -> String {
        var head = ""
        for part in parts {
            switch part {
            case .literal(let text): head += text
            case .agency: head += agencyCode
            case .category, .subject, .year, .sequence: return head.uppercased()
            }
        }
        return head.uppercased()
    }

    /// Whether two heads (`head(agencyCode:)`) may render numbers alike.
    public static func headsClash(_ a: String, _ b: String) -> Bool {
        !a.isEmpty && !b.isEmpty && (a.hasPrefix(b) || b.hasPrefix(a))
    }

    /// An agency code fit for index numbers: ASCII letters and digits, upper case.
    public static func isValidAgencyCode(_ code: String) -> Bool {
        !code.isEmpty && code.count <= 20 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
