/// The kind of a document counted in report table 二, block art20_1 (statute §2.3).
public enum NormativeKind: String, Sendable, Codable, CaseIterable {
    /// 规章 (government rules).
    case regulation
    /// 行政规范性文件.
    case normativeDocument = "normative_document"

    public var chineseLabel: String {
        switch self {
        case .regulation: return "规章"
        case .normativeDocument: return "行政规范性文件"
        }
    }
}

/// The validity of a regulation or normative document (有效性), computed from its dates on a
/// given day, never typed by hand (statute §5.2: the register keeps a status history with dates).
public enum NormativeDocumentStatus: String, Sendable, Codable, CaseIterable {
    /// Published but its effective date has not come.
    case notYetEffective = "not_yet_effective"
    /// 有效.
    case inForce = "in_force"
    /// 已修改: amended by a later document, in force as amended.
    case amended
    /// 失效: its validity period (有效期) has run out.
    case expired
    /// 废止: repealed by a decision or a later document.
    case repealed

    public var chineseLabel: String {
        switch self {
        case .notYetEffective: return "尚未生效"
        case .inForce: return "有效"
        case .amended: return "已修改"
        case .expired: return "失效"
        case .repealed: return "废止"
        }
    }

    /// Whether the document counts as 现行有效 in table 二: in force, or in force as amended.
    public var countsAsInForce: Bool { self == .inForce || self == .amended }

    /// The dates of one document.
    public struct Dates: Sendable, Equatable {
        public var effectiveOn: CivilDate
        /// Last day of validity (有效期至), nil when open-ended.
        public var validUntil: CivilDate?
        public var repealedOn: CivilDate?
        public var amendedOn: CivilDate?
        public init(effectiveOn: CivilDate, validUntil: CivilDate? = nil, repealedOn: CivilDate? = nil, amendedOn: CivilDate? = nil) {
            self.effectiveOn = effectiveOn
            self.validUntil = validUntil
            self.repealedOn = repealedOn
            self.amendedOn = amendedOn
        }
    }

    /// The status on `date`. Repeal wins over expiry (a document repealed before its period
    /// ran out was repealed, not expired); a repeal takes effect on its date; the validity
    /// period includes its last day.
    public static func on(_ date: CivilDate, _ d: Dates) -> NormativeDocumentStatus {
        if let repealed = d.repealedOn, repealed <= date {
            if let until = d.validUntil, until < repealed { return .expired }
            return .repealed
        }
        if let until = d.validUntil, until < date { return .expired }
        if date < d.effectiveOn { return .notYetEffective }
        if let amended = d.amendedOn, amended <= date { return .amended }
        return .inForce
    }
}
