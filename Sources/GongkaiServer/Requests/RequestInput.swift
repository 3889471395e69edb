import Fluent
import Foundation
import GongkaiCore

/// What is known of a request when it is registered (Art. 29: who asks, what, in what form).
struct RequestInput: Sendable {
    var agencyID: Int
    var channel: RequestChannel
    var submittedOn: CivilDate?
    /// The confirmed receipt date; for channels that need confirmation it may come later.
    var receivedOn: CivilDate?
    var applicantKind: ApplicantKind
    var applicantName: String
    var idType: IdentityDocumentType
    var idNumber: String
    var contactPerson: String
    var phone: String
    var email: String
    var address: String
    var description: String
    var documentNumber: String
    var provisionForm: ProvisionForm
    var deliveryMethod: DeliveryMethod
    var caseOfficerID: Int?
    var relatedRequestID: Int?
    /// Why the receipt was confirmed later than the day the application arrived (Art. 31).
    var receiptDelayReason: String? = nil
    /// A reopened request's reply date set by the decision that reopened it.
    var orderedReply: RequestTimeline.OrderedReply? = nil
    /// A repeated request's identity number (sealed, with its hash) and phone (sealed), copied as
    /// the original stores them because they do not open here (no key for them, or damaged):
    /// the new request keeps the applicant's data, to be read once the key is set, instead of
    /// the placeholder "（无法解密）" sealed as data — hashed, it made every such request the
    /// same applicant's in the duplicate and fee-piece checks (#14 review 14e).
    var storedIDNumber: (sealed: String, hash: String)? = nil
    var storedPhone: String? = nil

    /// Field → Chinese message for what is wrong.
    func problems(today: CivilDate) -> [String: String] {
        var e: [String: String] = [:]
        if applicantName.isEmpty { e["applicant_name"] = "请填写申请人姓名或名称" } else if applicantName.count > 100 { e["applicant_name"] = "申请人姓名或名称不能超过 100 个字" }
        switch (applicantKind.isOrganisation, idType) {
        case (false, .residentID):
            do { _ = try ResidentIDNumber(idNumber) } catch let p as ResidentIDNumber.Problem { e["id_number"] = p.description } catch {}
        case (false, .passport), (false, .other):
            if idNumber == PersonalDataKeyRegistry.unreadable {
                e["id_number"] = "原证件号码无法解密（缺少加密它的密钥），请照证件重新填写"
            } else if let problem = IdentityNumberRule.problem(idNumber) {
                e["id_number"] = problem
            }
        case (true, .creditCode):
            do { _ = try UnifiedSocialCreditCode(idNumber) } catch { e["id_number"] = error.localizedDescription }
            if contactPerson.isEmpty { e["contact_person"] = "法人或其他组织请填写联系人" }
        default:
            e["id_type"] = applicantKind.isOrganisation ? "法人或其他组织请提供统一社会信用代码" : "请选择身份证件类型"
        }
        switch PhoneNumberRule.problem(phone) {
        case nil: break
        case _ where phone == PersonalDataKeyRegistry.unreadable: e["phone"] = "原联系电话无法解密（缺少加密它的密钥），请向申请人核实后填写"
        case .character(let c)?: e["phone"] = PhoneNumberRule.Problem.character(c).description
        case .tooFewDigits?, .tooLong?: e["phone"] = "请填写联系电话（7–20 位数字），查询办理进度时需要其后 4 位"
        }
        if !email.isEmpty, !(email.contains("@") && email.count <= 120) { e["email"] = "电子邮箱格式不正确" }
        if description.count < 4 { e["description"] = "请描述所需政府信息的名称、文号或者便于查询的其他特征（条例第二十九条）" }
        else if description.count > 2000 { e["description"] = "所需信息的描述不能超过 2000 个字" }
        if documentNumber.count > 100 { e["document_number"] = "文号不能超过 100 个字" }
        if address.count > 200 { e["address"] = "通信地址不能超过 200 个字" }
        if let submittedOn {
            if submittedOn > today { e["submitted_on"] = "提交日期不能晚于今天" }
            if let receivedOn, receivedOn < submittedOn { e["received_on"] = "收到申请之日不能早于提交日期" }
        } else {
            e["submitted_on"] = "请填写提交（送达）日期"
        }
        if let receivedOn, receivedOn > today { e["received_on"] = "收到申请之日不能晚于今天" }
        if let arrived = submittedOn {
            // Art. 31: in person and by signed post the receipt date is that day, fixed by law.
            if !channel.receiptNeedsConfirmation, let receivedOn, receivedOn != arrived {
                e["received_on"] = "\(channel.chineseLabel)的申请，\(channel.receiptRule)（\(arrived.iso)），不能另填"
            }
            // Otherwise it is the day of confirmation, due the day the letter or message arrives;
            // a later one is recorded with its reason.
            if channel.receiptNeedsConfirmation, let receivedOn, receivedOn > arrived,
               (receiptDelayReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                e["receipt_delay_reason"] = "确认之日晚于申请送达之日 \(arrived.iso)：请写明未能当日确认的原因（如无法联系申请人）"
            }
            // The Regulation in force is the one of the receipt date (Art. 31): a letter that
            // arrived 2019-05-14 and was confirmed 2019-05-15 is a 2019-Regulation application.
            // Unconfirmed, it is judged when the receipt is confirmed (RequestWorkflow).
            let receipt = receivedOn ?? (channel.receiptNeedsConfirmation ? nil : arrived)
            if let receipt, receipt < ClockRules.regulationInForce {
                e[receivedOn == nil ? "submitted_on" : "received_on"] =
                    "2019年5月15日以前收到的申请适用2007年《政府信息公开条例》（15个工作日，可延长15个工作日），本系统不按旧条例计时"
            }
        }
        if (receiptDelayReason ?? "").count > 200 { e["receipt_delay_reason"] = "未能当日确认的原因不能超过 200 个字" }
        return e
    }

}

extension RequestInput {
    /// The same applicant asking the same again, arriving on `date` (a request reopened by a
    /// review decision).
    init(repeating r: DisclosureRequest, on date: CivilDate) {
        self.init(agencyID: r.$agency.id, channel: r.channel, submittedOn: date, receivedOn: date, applicantKind: r.applicantKind,
                  applicantName: r.applicantName, idType: r.idType, idNumber: r.idNumber, contactPerson: r.contactPerson, phone: r.phone,
                  email: r.email, address: r.address, description: r.description, documentNumber: r.documentNumber,
                  provisionForm: r.provisionForm, deliveryMethod: r.deliveryMethod, caseOfficerID: r.$caseOfficer.id,
                  relatedRequestID: try? r.requireID())
        if let stored = r.unreadableIDNumber { (storedIDNumber, idNumber) = (stored, "") }
        if let stored = r.unreadablePhone { (storedPhone, phone) = (stored, "") }
    }

    /// From the registration form (staff), the public form or the API: the same field names.
    init(form f: FormFields, agencyID: Int, channel: RequestChannel? = nil, today: CivilDate) throws {
        var errors: [String: String] = [:]
        let ch = channel ?? RequestChannel(rawValue: f["channel"])
        if ch == nil { errors["channel"] = "请选择申请渠道" }
        let kind = ApplicantKind(rawValue: f["applicant_kind"])
        if kind == nil { errors["applicant_kind"] = "请选择申请人类型" }
        let provision = ProvisionForm(rawValue: f["provision_form"])
        if provision == nil { errors["provision_form"] = "请选择信息的提供形式（纸质、电子或当场查阅）" }
        let delivery = DeliveryMethod(rawValue: f["delivery_method"])
        if delivery == nil { errors["delivery_method"] = "请选择获取信息的方式" }
        let idType = IdentityDocumentType(rawValue: f["id_type"])
        if idType == nil { errors["id_type"] = kind?.isOrganisation == true ? "法人或其他组织请提供统一社会信用代码" : "请选择身份证件类型" }
        func date(_ name: String, _ label: String) -> CivilDate? {
            guard !f[name].isEmpty else { return nil }
            guard let d = CivilDate(iso: f[name]) else { errors[name] = "\(label)“\(f[name])”无效，应为 YYYY-MM-DD"; return nil }
            return d
        }
        let submitted = date("submitted_on", "提交日期") ?? (channel != nil ? today : nil)
        let received = date("received_on", "收到申请之日")
        if !errors.isEmpty { throw AppError.validation(errors) }
        self.init(agencyID: agencyID, channel: ch!, submittedOn: submitted, receivedOn: received, applicantKind: kind!,
                  applicantName: f["applicant_name"], idType: idType!, idNumber: f["id_number"], contactPerson: f["contact_person"],
                  phone: f["phone"], email: f["email"], address: f["address"], description: f["description"],
                  documentNumber: f["document_number"], provisionForm: provision!, deliveryMethod: delivery!,
                  caseOfficerID: f.int("case_officer_id"), relatedRequestID: f.int("related_request_id"),
                  receiptDelayReason: f["receipt_delay_reason"].isEmpty ? nil : f["receipt_delay_reason"])
    }
}

extension RequestInput {
    /// The public form: always internet, submitted today, receipt date set when staff confirm it.
    init(publicForm form: FormFields, agencyID: Int, today: CivilDate) throws {
        try self.init(form: form, agencyID: agencyID, channel: .internet, today: today)
        submittedOn = today
        receivedOn = nil
        caseOfficerID = nil
        relatedRequestID = nil
    }
}
