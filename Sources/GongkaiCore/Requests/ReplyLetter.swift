import Foundation

/// 政府信息公开申请答复书: written from the request's outcome, so the letter, the recorded
/// outcome and the annual-report row can never disagree. The input is stored with the request
/// when the reply is made, and the letter is rendered from it (HTML to print, Word to edit).
public struct ReplyLetter: Sendable, Equatable, Codable {
    public var agencyName: String
    public var letterNumber: String
    public var applicantName: String
    public var receivedOn: CivilDate
    /// What was asked, in the applicant's words (Art. 29(二)).
    public var description: String
    public var outcome: RequestOutcome
    public var replyType: ReplyType
    public var legalBasis: String
    /// What the decision needs said: where to obtain it, the reasons, the responsible agency.
    public var details: String
    public var correctionSentOn: CivilDate?
    public var correctionReceivedOn: CivilDate?
    public var extensionDays: Int?
    public var feeNoticeSentOn: CivilDate?
    /// For a repeated request: when the first one was answered.
    public var earlierReplyOn: CivilDate?
    public var reconsiderationBody: String
    public var litigationCourt: String
    public var contact: String
    public var letterDate: CivilDate

    public init(agencyName: String, letterNumber: String, applicantName: String, receivedOn: CivilDate, description: String,
                outcome: RequestOutcome, replyType: ReplyType, legalBasis: String? = nil, details: String = "",
                reconsiderationBody: String, litigationCourt: String, contact: String = "", letterDate: CivilDate) {
        self.agencyName = agencyName
        self.letterNumber = letterNumber
        self.applicantName = applicantName
        self.receivedOn = receivedOn
        self.description = description
        self.outcome = outcome
        self.replyType = replyType
        self.legalBasis = legalBasis ?? outcome.legalBasis(for: replyType)
        self.details = details
        self.reconsiderationBody = reconsiderationBody
        self.litigationCourt = litigationCourt
        self.contact = contact
        self.letterDate = letterDate
    }

    public var title: String { "政府信息公开申请答复书" }

    /// The body paragraphs after the addressee line.
    public var paragraphs: [String] {
        var out: [String] = []
        var intro = "本机关于\(receivedOn.chinese)收到您提交的政府信息公开申请，申请获取“\(description)”。"
        if let sent = correctionSentOn {
            intro += "本机关于\(sent.chinese)告知您补正申请内容"
            intro += correctionReceivedOn.map { "，并于\($0.chinese)收到补正后的申请。" } ?? "。"
        }
        if let days = extensionDays {
            intro += "经本机关政府信息公开工作机构负责人同意，答复期限延长\(days)个工作日。"
        }
        out.append(intro)
        out.append(decision)
        if replyType != .withdrawn {
            out.append("如对本答复不服，可以自收到本答复之日起六十日内向\(reconsiderationBody)申请行政复议，"
                       + "也可以自收到本答复之日起六个月内向\(litigationCourt)提起行政诉讼。")
        }
        if !contact.isEmpty { out.append("联系方式：\(contact)") }
        return out
    }

    private var basis: String { legalBasis.isEmpty ? "有关规定" : legalBasis }
    private var detail: String { details.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The decision, in the words the outcome calls for.
    public var decision: String {
        let more = detail.isEmpty ? "" : "\(detail)"
        switch replyType {
        case .disclose:
            return "经审查，您申请获取的政府信息属于公开范围。根据\(basis)的规定，现予以公开" + (more.isEmpty ? "，详见附件。" : "：\(more)。")
        case .alreadyPublic:
            return "经审查，您申请获取的政府信息已经主动公开。根据\(basis)的规定，现告知您获取该政府信息的方式和途径：\(more.isEmpty ? "（见本机关政府信息公开专栏）" : more)。"
        case .partiallyDisclose:
            return "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据\(basis)的规定，现向您提供可以公开的部分，不予公开的部分及理由如下：\(more.isEmpty ? "（见附件说明）" : more)。"
        case .withhold:
            return "经审查，您申请获取的政府信息\(withholdingReason)。根据\(basis)的规定，本机关决定不予公开" + (more.isEmpty ? "。" : "。具体理由：\(more)。")
        case .notExist:
            return "经检索，本机关未制作或者获取您申请的政府信息。根据\(basis)的规定，现告知您该政府信息不存在。"
        case .notResponsible:
            return "经审查，您申请获取的政府信息不属于本机关负责公开。根据\(basis)的规定，现告知您" + (more.isEmpty ? "。" : "：\(more)。")
        case .repeatRequest:
            return "您申请获取的政府信息，本机关已\(earlierReplyOn.map { "于\($0.chinese)" } ?? "")作出答复。根据\(basis)的规定，本机关不再重复处理。"
        case .specialLaw:
            return "您申请获取的信息，有关法律、行政法规对其获取有特别规定。根据\(basis)的规定，请您依照有关法律、行政法规的规定办理" + (more.isEmpty ? "。" : "：\(more)。")
        case .needsCreation:
            return "经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作。根据\(basis)的规定，本机关不予提供。"
        case .unclearAfterCorrection:
            return "本机关已告知您补正申请内容，您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。根据\(basis)的规定，本机关无法提供。"
        case .petitionComplaint:
            return "经审查，您以政府信息公开申请的形式进行信访、投诉、举报。根据\(basis)的规定，本机关不作为政府信息公开申请处理，您可以\(more.isEmpty ? "通过相应渠道提出" : more)。"
        case .publication:
            return "您申请获取的是公开出版物。根据\(basis)的规定，本机关不作为政府信息公开申请处理，您可以\(more.isEmpty ? "通过公开出版渠道获取" : more)。"
        case .massRepetitive:
            return "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，所说明的理由不合理。根据\(basis)的规定，本机关不予处理。"
        case .confirmOrReissue:
            return "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围。根据\(basis)的规定，本机关不予处理。"
        case .noCorrection:
            return "本机关已\(correctionSentOn.map { "于\($0.chinese)" } ?? "")告知您补正申请内容，您无正当理由逾期未补正，视为放弃申请。根据\(basis)的规定，本机关不再处理该政府信息公开申请。"
        case .feeUnpaid:
            return "本机关已\(feeNoticeSentOn.map { "于\($0.chinese)" } ?? "")向您发出收费通知，您逾期未缴纳信息处理费。根据\(basis)的规定，本机关不再处理该政府信息公开申请。"
        case .withdrawn:
            return "您已撤回该政府信息公开申请，本机关终止处理。"
        case .other:
            return more.isEmpty ? "本机关已对您的申请作出处理。" : "\(more)。"
        }
    }

    private var withholdingReason: String {
        switch outcome {
        case .withheldStateSecret: return "属于国家秘密"
        case .withheldProhibitedByLaw: return "属于法律、行政法规禁止公开的政府信息"
        case .withheldThreeSecurityOneStability: return "公开后可能危及国家安全、公共安全、经济安全、社会稳定"
        case .withheldThirdPartyRights: return "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害"
        case .withheldInternalAffairs: return "属于人事管理、后勤管理、内部工作流程等方面的内部事务信息"
        case .withheldProcessInfo: return "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
        case .withheldEnforcementCaseFile: return "属于行政执法案卷信息"
        case .withheldAdminInquiry: return "属于行政查询事项，应当通过相应的查询途径办理"
        default: return "依法不予公开"
        }
    }

    // MARK: rendering

    public var wordDocument: WordDocument {
        var doc = WordDocument(title: title)
        doc.add(title, .title)
        if !letterNumber.isEmpty { doc.add(letterNumber, .number) }
        doc.add("\(applicantName)：", .plain)
        for p in paragraphs { doc.add(p) }
        doc.add("", .plain)
        doc.add(agencyName, .right)
        doc.add(letterDate.chinese, .right)
        return doc
    }

    public func docx() throws -> Data { try DocxWriter.data(wordDocument) }

    /// A printable page (A4, official typography). A web page links `printStyles` served as the
    /// `stylesheet` (a site whose Content-Security-Policy forbids inline styles); a page saved
    /// as a file carries them inline.
    public func html(stylesheet: String? = nil) -> String {
        H.document {
            H.head {
                H.meta(Attribute("charset", "utf-8"))
                H.title { "\(title) \(letterNumber)" }
                if let stylesheet {
                    H.link(.rel("stylesheet"), .href(stylesheet))
                } else {
                    Node.raw("<style>" + Self.printStyles + "</style>")
                }
            }
            H.body {
                H.article(.class("letter")) {
                    H.h1 { title }
                    if !letterNumber.isEmpty { H.p(.class("number")) { letterNumber } }
                    H.p(.class("plain")) { "\(applicantName)：" }
                    for p in paragraphs { H.p { p } }
                    H.p(.class("right signature")) { agencyName }
                    H.p(.class("right")) { letterDate.chinese }
                }
            }
        }.render()
    }

    public static let printStyles = """
        @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
        body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; color: #000; }
        .letter { max-width: 156mm; margin: 0 auto; }
        h1 { font-family: "方正小标宋简体", "SimHei", "Noto Serif CJK SC", serif; font-size: 22pt; text-align: center; font-weight: bold; margin: 0 0 12pt; }
        .number { text-align: center; }
        p { text-indent: 2em; margin: 0; text-align: justify; }
        p.plain, p.number { text-indent: 0; }
        p.right { text-align: right; text-indent: 0; }
        p.signature { margin-top: 28pt; }
        """
}
