/// 主题分类: the subject classification of government information used by the State Council's
/// policy library and most portals (中国政府网 主题分类, 22 subjects).
public enum PublicationSubject: String, Sendable, Codable, CaseIterable {
    case generalAffairs, economy, finance, landEnergy, agriculture, industryTransport, commerce, marketSafety,
         construction, scienceEducation, culture, healthSports, population, labour, securityJustice, civilAffairs,
         ethnicReligion, foreignAffairs, hongKongMacaoTaiwan, defence, other

    public var chineseLabel: String {
        switch self {
        case .generalAffairs: return "综合政务"
        case .economy: return "国民经济管理、国有资产监管"
        case .finance: return "财政、金融、审计"
        case .landEnergy: return "国土资源、能源"
        case .agriculture: return "农业、林业、水利"
        case .industryTransport: return "工业、交通"
        case .commerce: return "商贸、海关、旅游"
        case .marketSafety: return "市场监管、安全生产监管"
        case .construction: return "城乡建设、环境保护"
        case .scienceEducation: return "科技、教育"
        case .culture: return "文化、广电、新闻出版"
        case .healthSports: return "卫生、体育"
        case .population: return "人口与计划生育、妇女儿童工作"
        case .labour: return "劳动、人事、监察"
        case .securityJustice: return "公安、安全、司法"
        case .civilAffairs: return "民政、扶贫、救灾"
        case .ethnicReligion: return "民族、宗教"
        case .foreignAffairs: return "对外事务"
        case .hongKongMacaoTaiwan: return "港澳台侨工作"
        case .defence: return "国防"
        case .other: return "其他"
        }
    }

    /// Two digits for index numbers whose rule asks for `{subject}`.
    public var code: String {
        let n = (Self.allCases.firstIndex(of: self) ?? 0) + 1
        return n < 10 ? "0\(n)" : "\(n)"
    }
}
