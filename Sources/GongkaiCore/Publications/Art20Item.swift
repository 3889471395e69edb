/// The fifteen items of Regulation Art. 20 every agency must publish proactively (ids from
/// statute §1.10, PROPOSED). A publication names the item it fulfils.
public enum Art20Item: String, Sendable, Codable, CaseIterable {
    case art20_01, art20_02, art20_03, art20_04, art20_05, art20_06, art20_07, art20_08, art20_09, art20_10,
         art20_11, art20_12, art20_13, art20_14, art20_15

    /// “第二十条第（一）项”.
    public var clause: String {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
        return "第二十条第（\(numerals[(Self.allCases.firstIndex(of: self) ?? 0)])）项"
    }

    public var chineseLabel: String {
        switch self {
        case .art20_01: return "行政法规、规章和规范性文件"
        case .art20_02: return "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
        case .art20_03: return "国民经济和社会发展规划、专项规划、区域规划及相关政策"
        case .art20_04: return "国民经济和社会发展统计信息"
        case .art20_05: return "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
        case .art20_06: return "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定"
        case .art20_07: return "财政预算、决算信息"
        case .art20_08: return "行政事业性收费项目及其依据、标准"
        case .art20_09: return "政府集中采购项目的目录、标准及实施情况"
        case .art20_10: return "重大建设项目的批准和实施情况"
        case .art20_11: return "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
        case .art20_12: return "突发公共事件的应急预案、预警信息及应对情况"
        case .art20_13: return "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
        case .art20_14: return "公务员招考的职位、名额、报考条件等事项以及录用结果"
        case .art20_15: return "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"
        }
    }
}
