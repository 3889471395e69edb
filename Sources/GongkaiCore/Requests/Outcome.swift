/// How a request was concluded (办理结果): exactly one of the result rows of report table 三
/// (2021 format), so that the reply, the record and the report can never disagree. The raw
/// values are the spec's row ids (statute §2.4, mapping §2.7).
public enum RequestOutcome: String, Sendable, Codable, CaseIterable {
    case disclosed = "result_disclosed"
    case partiallyDisclosed = "result_partially_disclosed"
    case withheldStateSecret = "withheld_state_secret"
    case withheldProhibitedByLaw = "withheld_prohibited_by_law"
    case withheldThreeSecurityOneStability = "withheld_three_security_one_stability"
    case withheldThirdPartyRights = "withheld_third_party_rights"
    case withheldInternalAffairs = "withheld_internal_affairs"
    case withheldProcessInfo = "withheld_process_info"
    case withheldEnforcementCaseFile = "withheld_enforcement_case_file"
    case withheldAdminInquiry = "withheld_admin_inquiry"
    case unableNotHeld = "unable_not_held"
    case unableNeedsCreation = "unable_needs_creation"
    case unableUnclearAfterCorrection = "unable_unclear_after_correction"
    case notProcessedPetitionComplaint = "not_processed_petition_complaint"
    case notProcessedDuplicate = "not_processed_duplicate"
    case notProcessedPublication = "not_processed_publication"
    case notProcessedMassRepetitive = "not_processed_mass_repetitive"
    case notProcessedConfirmOrReissue = "not_processed_confirm_or_reissue"
    case otherNoCorrection = "other_no_correction"
    case otherFeeUnpaid = "other_fee_unpaid"
    case otherMisc = "other_misc"

    /// The report-table row this outcome is counted in, for a format version.
    public func reportRow(_ version: ReportFormatVersion = .v2021) -> String {
        guard version == .v2019 else { return rawValue }
        switch self {
        case .otherNoCorrection, .otherFeeUnpaid, .otherMisc: return "other_handling"
        default: return rawValue
        }
    }

    /// The row label as printed in the 2021 template.
    public var reportLabel: String { ReportSchema.v2021.t3Rows.first { $0.id == rawValue }!.label }

    /// A short name for lists and forms: 不予公开·保护第三方合法权益.
    public var chineseLabel: String {
        let label = reportLabel.drop { "0123456789.（）一二三四五六七".contains($0) }
        switch group {
        case .disclosed: return self == .disclosed ? "予以公开" : "部分公开"
        default: return "\(group.chineseLabel)·\(label)"
        }
    }

    public enum Group: String, Sendable, Codable, CaseIterable {
        case disclosed, withheld, unable, notProcessed, other

        public var chineseLabel: String {
            switch self {
            case .disclosed: return "公开"
            case .withheld: return "不予公开"
            case .unable: return "无法提供"
            case .notProcessed: return "不予处理"
            case .other: return "其他处理"
            }
        }
    }

    public var group: Group {
        switch self {
        case .disclosed, .partiallyDisclosed: return .disclosed
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurityOneStability, .withheldThirdPartyRights,
             .withheldInternalAffairs, .withheldProcessInfo, .withheldEnforcementCaseFile, .withheldAdminInquiry: return .withheld
        case .unableNotHeld, .unableNeedsCreation, .unableUnclearAfterCorrection: return .unable
        case .notProcessedPetitionComplaint, .notProcessedDuplicate, .notProcessedPublication, .notProcessedMassRepetitive,
             .notProcessedConfirmOrReissue: return .notProcessed
        case .otherNoCorrection, .otherFeeUnpaid, .otherMisc: return .other
        }
    }

    /// The replies that fit this outcome, the usual one first (Regulation Arts. 30–39).
    public var replyTypes: [ReplyType] {
        switch self {
        case .disclosed: return [.disclose, .alreadyPublic]
        case .partiallyDisclosed: return [.partiallyDisclose]
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurityOneStability, .withheldThirdPartyRights,
             .withheldInternalAffairs, .withheldProcessInfo, .withheldEnforcementCaseFile, .withheldAdminInquiry: return [.withhold]
        case .unableNotHeld: return [.notExist, .notResponsible]
        case .unableNeedsCreation: return [.needsCreation]
        case .unableUnclearAfterCorrection: return [.unclearAfterCorrection]
        case .notProcessedPetitionComplaint: return [.petitionComplaint]
        case .notProcessedDuplicate: return [.repeatRequest]
        case .notProcessedPublication: return [.publication]
        case .notProcessedMassRepetitive: return [.massRepetitive]
        case .notProcessedConfirmOrReissue: return [.confirmOrReissue]
        case .otherNoCorrection: return [.noCorrection]
        case .otherFeeUnpaid: return [.feeUnpaid]
        case .otherMisc: return [.withdrawn, .specialLaw, .other]
        }
    }

    /// The legal ground cited by default for a reply (staff may refine it): a withholding cites
    /// the article of its ground; every other reply the article of its reply type.
    public func legalBasis(for reply: ReplyType) -> String {
        switch self {
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurityOneStability:
            return "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项"
        case .withheldThirdPartyRights: return "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项"
        case .withheldInternalAffairs: return "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项"
        case .withheldProcessInfo, .withheldEnforcementCaseFile: return "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项"
        case .withheldAdminInquiry: return "《中华人民共和国政府信息公开条例》第三十六条第（三）项"
        default: return reply.legalBasis
        }
    }
}

/// What the reply letter says (Regulation Art. 36 items and the related articles).
public enum ReplyType: String, Sendable, Codable, CaseIterable {
    case alreadyPublic = "already_public"
    case disclose
    case partiallyDisclose = "partially_disclose"
    case withhold
    case notExist = "not_exist"
    case notResponsible = "not_responsible"
    case repeatRequest = "repeat"
    case specialLaw = "special_law"
    case needsCreation = "needs_creation"
    case unclearAfterCorrection = "unclear_after_correction"
    case petitionComplaint = "petition_complaint"
    case publication
    case massRepetitive = "mass_repetitive"
    case confirmOrReissue = "confirm_or_reissue"
    case noCorrection = "no_correction"
    case feeUnpaid = "fee_unpaid"
    case withdrawn
    case other

    public var chineseLabel: String {
        switch self {
        case .alreadyPublic: return "已主动公开，告知获取方式"
        case .disclose: return "予以公开"
        case .partiallyDisclose: return "部分公开（区分处理）"
        case .withhold: return "不予公开并说明理由"
        case .notExist: return "经检索没有所申请的信息"
        case .notResponsible: return "不属于本机关负责公开，告知负责机关"
        case .repeatRequest: return "重复申请，不予重复处理"
        case .specialLaw: return "按特别规定办理，告知依照有关法律法规办理"
        case .needsCreation: return "需要另行制作，不予提供"
        case .unclearAfterCorrection: return "补正后仍不明确，无法提供"
        case .petitionComplaint: return "信访、投诉、举报，告知通过相应渠道提出"
        case .publication: return "要求提供公开出版物，告知获取途径"
        case .massRepetitive: return "无正当理由大量反复申请，不予处理"
        case .confirmOrReissue: return "要求确认或重新出具已获取信息，不予处理"
        case .noCorrection: return "逾期未补正，不再处理"
        case .feeUnpaid: return "逾期未缴纳信息处理费，不再处理"
        case .withdrawn: return "申请人撤回申请"
        case .other: return "其他处理"
        }
    }

    public var legalBasis: String {
        let r = "《中华人民共和国政府信息公开条例》"
        switch self {
        case .alreadyPublic: return r + "第三十六条第（一）项"
        case .disclose: return r + "第三十六条第（二）项"
        case .partiallyDisclose: return r + "第三十七条"
        case .withhold: return r + "第三十六条第（三）项"
        case .notExist: return r + "第三十六条第（四）项"
        case .notResponsible: return r + "第三十六条第（五）项"
        case .repeatRequest: return r + "第三十六条第（六）项"
        case .specialLaw: return r + "第三十六条第（七）项"
        case .needsCreation: return r + "第三十八条"
        case .unclearAfterCorrection, .noCorrection: return r + "第三十条"
        case .petitionComplaint: return r + "第三十九条第一款"
        case .publication: return r + "第三十九条第二款"
        case .massRepetitive: return r + "第三十五条"
        case .confirmOrReissue: return r + "第三十八条"
        case .feeUnpaid: return r + "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        case .withdrawn, .other: return ""
        }
    }
}
