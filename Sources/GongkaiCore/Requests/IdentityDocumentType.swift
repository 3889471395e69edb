/// The proof of identity an applicant gives (Regulation Art. 29(一): 身份证明). Natural persons
/// give an identity document; legal persons and other organisations their 统一社会信用代码.
public enum IdentityDocumentType: String, Sendable, Codable, CaseIterable {
    case residentID = "resident_id"
    case passport
    case other
    case creditCode = "credit_code"

    public var chineseLabel: String {
        switch self {
        case .residentID: return "居民身份证"
        case .passport: return "护照"
        case .other: return "其他身份证件"
        case .creditCode: return "统一社会信用代码"
        }
    }

    /// Whether an applicant of this kind may prove identity with this document.
    public func fits(_ kind: ApplicantKind) -> Bool {
        kind.isOrganisation == (self == .creditCode)
    }
}
