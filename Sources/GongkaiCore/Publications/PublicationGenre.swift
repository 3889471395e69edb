/// 体裁: the form of a publication. The fifteen kinds of official document of the
/// 《党政机关公文处理工作条例》 (2012) Art. 8, then the forms portals add for what is not a 公文.
public enum PublicationGenre: String, Sendable, Codable, CaseIterable {
    case resolution, decision, order, communique, announcement, publicNotice, opinion, notice, circular, report, request,
         reply, motion, letter, minutes
    case measures, plan, programme, publicity, interpretation, statistics, news, other

    public var chineseLabel: String {
        switch self {
        case .resolution: return "决议"
        case .decision: return "决定"
        case .order: return "命令（令）"
        case .communique: return "公报"
        case .announcement: return "公告"
        case .publicNotice: return "通告"
        case .opinion: return "意见"
        case .notice: return "通知"
        case .circular: return "通报"
        case .report: return "报告"
        case .request: return "请示"
        case .reply: return "批复"
        case .motion: return "议案"
        case .letter: return "函"
        case .minutes: return "纪要"
        case .measures: return "办法、规定、细则"
        case .plan: return "规划、计划"
        case .programme: return "方案"
        case .publicity: return "公示"
        case .interpretation: return "解读"
        case .statistics: return "统计信息"
        case .news: return "工作动态"
        case .other: return "其他"
        }
    }

    /// The genre a title suggests (“…的通知” → 通知), for imported documents without metadata.
    public static func guess(fromTitle title: String) -> PublicationGenre {
        let t = title.trimmingCharacters(in: .whitespaces)
        let endings: [(String, PublicationGenre)] = [
            ("解读", .interpretation), ("批复", .reply), ("通知", .notice), ("通告", .publicNotice), ("公告", .announcement),
            ("公示", .publicity), ("决定", .decision), ("意见", .opinion), ("通报", .circular), ("报告", .report),
            ("方案", .programme), ("规划", .plan), ("计划", .plan), ("办法", .measures), ("规定", .measures), ("细则", .measures),
            ("纪要", .minutes), ("函", .letter), ("公报", .communique),
        ]
        for (ending, genre) in endings where t.hasSuffix(ending) || t.hasSuffix(ending + "）") { return genre }
        for (word, genre) in endings where t.contains(word) { return genre }
        return .news
    }
}
