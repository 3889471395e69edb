/// The three kinds of proactively published information the annual report counts in its
/// section 一 (“概况类信息 … 条，政务动态类信息 … 条，信息公开目录类信息 … 条”, seed report).
public enum PublicationCategory: String, Sendable, Codable, CaseIterable {
    /// 概况类: the agency itself — functions, structure, leaders, contacts, guide.
    case overview
    /// 政务动态类: news of the agency's work, announcements, notices.
    case affairs
    /// 信息公开目录类: the documents and records of the disclosure catalogue (Art. 20 items).
    case catalogue

    public var chineseLabel: String {
        switch self {
        case .overview: return "概况类"
        case .affairs: return "政务动态类"
        case .catalogue: return "信息公开目录类"
        }
    }

    /// The two digits the index number (索引号) gives the category when its rule asks for `{category}`.
    public var code: String {
        switch self {
        case .overview: return "01"
        case .affairs: return "02"
        case .catalogue: return "03"
        }
    }
}
