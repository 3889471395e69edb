/// 重点领域: the domains whose information the State Council asks agencies to publish with
/// priority (国办发〔2019〕54号 lists 26 pilot fields for grass-roots catalogues); a publication
/// may carry several, and the annual report counts publications per domain.
public enum KeyDomain: String, Sendable, Codable, CaseIterable {
    case education, health, socialAssistance = "social_assistance", environment, housing,
         publicResources = "public_resources", budget, procurement, majorProjects = "major_projects",
         landExpropriation = "land_expropriation", workSafety = "work_safety", foodDrugSafety = "food_drug_safety",
         employment, elderlyCare = "elderly_care", ruralRevitalisation = "rural_revitalisation", emergency,
         licensing, penalty

    public var chineseLabel: String {
        switch self {
        case .education: return "教育"
        case .health: return "卫生健康"
        case .socialAssistance: return "社会救助"
        case .environment: return "生态环境"
        case .housing: return "住房保障"
        case .publicResources: return "公共资源交易"
        case .budget: return "财政预决算"
        case .procurement: return "政府采购"
        case .majorProjects: return "重大建设项目"
        case .landExpropriation: return "征地补偿和房屋征收"
        case .workSafety: return "安全生产"
        case .foodDrugSafety: return "食品药品安全"
        case .employment: return "就业创业"
        case .elderlyCare: return "养老服务"
        case .ruralRevitalisation: return "乡村振兴"
        case .emergency: return "应急管理"
        case .licensing: return "行政许可"
        case .penalty: return "行政处罚"
        }
    }

    /// Codes stored in one text column, comma-separated and sorted, so a LIKE finds a domain.
    public static func encode(_ domains: Set<KeyDomain>) -> String {
        domains.map(\.rawValue).sorted().joined(separator: ",")
    }

    public static func decode(_ text: String) -> Set<KeyDomain> {
        Set(text.split(separator: ",").compactMap { KeyDomain(rawValue: String($0)) })
    }
}
