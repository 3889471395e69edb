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
    /// resident_id, passport, other (natural persons) or credit_code (organisations).
    var idType: String
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

    static let idTypes: [(String, String)] = [("resident_id", "居民身份证"), ("passport", "护照"), ("other", "其他身份证件"),
                                              ("credit_code", "统一社会信用代码")]

    /// Field → Chinese message for what is wrong.
    func problems(today: CivilDate) -> [String: String] {
        var e: [String: String] = [:]
        if applicantName.isEmpty { e["applicant_name"] = "请填写申请人姓名或名称" } else if applicantName.count > 100 { e["applicant_name"] = "申请人姓名或名称不能超过 100 个字" }
        switch (applicantKind.isOrganisation, idType) {
        case (false, "resident_id"):
            do { _ = try ResidentIDNumber(idNumber) } catch let p as ResidentIDNumber.Problem { e["id_number"] = p.description } catch {}
        case (false, "passport"), (false, "other"):
            if idNumber.isEmpty || idNumber.count > 40 { e["id_number"] = "请填写证件号码（40 个字符以内）" }
        case (true, "credit_code"):
            do { _ = try UnifiedSocialCreditCode(idNumber) } catch { e["id_number"] = error.localizedDescription }
            if contactPerson.isEmpty { e["contact_person"] = "法人或其他组织请填写联系人" }
        default:
            e["id_type"] = applicantKind.isOrganisation ? "法人或其他组织请提供统一社会信用代码" : "请选择身份证件类型"
        }
        let digits = phone.filter(\.isNumber)
        if digits.count < 7 || digits.count > 20 { e["phone"] = "请填写联系电话（7–20 位数字），查询办理进度时需要其后 4 位" }
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
        return e
    }

    /// Key for spotting the same request again: the description without spaces or punctuation.
    var descriptionKey: String { ReportText.key(description.lowercased()) }
}

/// Registering requests, from the public form or by staff on any channel.
enum RequestIntake {
    /// 查询号: date and five characters without look-alikes (not guessable from another's).
    static func trackingNumber(on date: CivilDate) -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<5).map { _ in alphabet.randomElement(using: &generator)! })
        return "GK" + date.iso.replacingOccurrences(of: "-", with: "").dropFirst(2) + "-" + suffix
    }

    struct Registered {
        let request: DisclosureRequest
        /// Earlier requests of the same applicant for (nearly) the same information.
        let possibleDuplicates: [DisclosureRequest]
    }

    static func register(
        _ input: RequestInput, source: String, context: RequestContext, by actor: AuditActor, on db: any Database
    ) async throws -> Registered {
        var errors = input.problems(today: context.today)
        if try await Agency.find(input.agencyID, on: db) == nil { errors["agency_id"] = "受理机关不存在" }
        if let officer = input.caseOfficerID, let problem = try await CaseOfficers.problem(userID: officer, agencyID: input.agencyID, on: db) {
            errors["case_officer_id"] = problem
        }
        if let related = input.relatedRequestID, try await DisclosureRequest.find(related, on: db)?.$agency.id != input.agencyID {
            errors["related_request_id"] = "关联的申请不存在或不属于该机关"
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        let duplicates = try await possibleDuplicates(of: input, on: db)
        var summary = "登记申请（\(input.channel.chineseLabel)，\(source == "public" ? "网上申请" : "工作人员登记")）"
        if !duplicates.isEmpty { summary += "；疑似重复申请：\(duplicates.map(\.trackingNumber).joined(separator: "、"))" }
        var linked = input
        linked.relatedRequestID = input.relatedRequestID ?? duplicates.first?.id
        let request = try await insert(linked, source: source, event: ("registered", summary), context: context, by: actor, on: db)
        return Registered(request: request, possibleDuplicates: duplicates)
    }

    /// Writes a request already checked, with its first history entry, in one transaction.
    static func insert(
        _ input: RequestInput, source: String, event: (kind: String, summary: String), context: RequestContext,
        by actor: AuditActor, on db: any Database
    ) async throws -> DisclosureRequest {
        try await db.transaction { tx in
            let r = DisclosureRequest()
            r.version = 1
            r.$agency.id = input.agencyID
            r.source = source
            r.channel = input.channel
            r.submittedOn = input.submittedOn!.iso
            // Art. 31: in person and signed post, the day it arrived; otherwise the confirmation date.
            r.receivedOn = (input.receivedOn ?? (input.channel.receiptNeedsConfirmation ? nil : input.submittedOn))?.iso
            r.applicantKind = input.applicantKind
            r.applicantName = input.applicantName
            r.idType = input.idType
            r.idNumber = input.idNumber.uppercased()
            r.contactPerson = input.contactPerson
            r.phone = input.phone
            r.email = input.email
            r.address = input.address
            r.description = input.description
            r.documentNumber = input.documentNumber
            r.provisionForm = input.provisionForm
            r.deliveryMethod = input.deliveryMethod
            r.$caseOfficer.id = input.caseOfficerID
            r.$relatedRequest.id = input.relatedRequestID
            r.trackingNumber = try await uniqueTrackingNumber(on: input.submittedOn!, db: tx)
            RequestClockCache.refresh(r, consultations: [], fees: [], context: context)
            try await r.create(on: tx)
            var summary = event.summary
            if event.kind == "registered" {
                summary += r.receivedOn.map { "，收到申请之日 \($0)" } ?? "，待与申请人确认收到之日（条例第三十一条）"
            }
            try await RequestEvent(requestID: try r.requireID(), occurredOn: input.submittedOn!, actor: actor, kind: event.kind,
                                   summary: summary).create(on: tx)
            try await AuditLog.record("create", r, summary: "登记依申请公开 \(r.trackingNumber)", before: nil, by: actor, on: tx)
            return r
        }
    }

    private static func uniqueTrackingNumber(on date: CivilDate, db: any Database) async throws -> String {
        for _ in 0..<10 {
            let candidate = trackingNumber(on: date)
            if try await DisclosureRequest.query(on: db).filter(\.$trackingNumber == candidate).count() == 0 { return candidate }
        }
        throw AppError(status: .internalServerError, code: "tracking_number", message: "无法生成查询号，请重试")
    }

    /// Art. 36(六): the same applicant asking again for the same information. Compared on the
    /// identity number and on the description's characters (most of the shorter one's character
    /// pairs found in the other).
    static func possibleDuplicates(of input: RequestInput, on db: any Database) async throws -> [DisclosureRequest] {
        guard !input.idNumber.isEmpty else { return [] }
        let earlier = try await DisclosureRequest.query(on: db)
            .filter(\.$agency.$id == input.agencyID).filter(\.$idNumber == input.idNumber.uppercased())
            .sort(\.$id, .descending).range(0..<200).all()
        let key = input.descriptionKey
        return earlier.filter { similar(ReportText.key($0.description.lowercased()), key) }
    }

    static func similar(_ a: String, _ b: String) -> Bool {
        if a == b || (a.count >= 6 && b.contains(a)) || (b.count >= 6 && a.contains(b)) { return true }
        func pairs(_ s: String) -> Set<String> {
            let c = Array(s)
            return c.count < 2 ? [s] : Set((0..<(c.count - 1)).map { String(c[$0...($0 + 1)]) })
        }
        let pa = pairs(a), pb = pairs(b)
        let shared = pa.intersection(pb).count
        return Double(shared) / Double(max(1, min(pa.count, pb.count))) >= 0.8
    }
}

/// What the clock needs from the installation: the calendar in force, the rules, today.
struct RequestContext: Sendable {
    var calendar: WorkingDayCalendar
    var rules: ClockRules
    var today: CivilDate
}

/// Keeps a request's cached `status` and `due_on` equal to what its clock says.
enum RequestClockCache {
    @discardableResult
    static func refresh(_ r: DisclosureRequest, consultations: [RequestConsultation], fees: [RequestFeeNotice], context: RequestContext) -> ClockState {
        let state = RequestClock.evaluate(r.timeline(consultations: consultations, fees: fees), calendar: context.calendar,
                                          rules: context.rules, today: context.today)
        r.status = state.phase
        r.dueOn = state.dueOn?.iso
        return state
    }
}

extension DisclosureRequest {
    /// The facts the statutory clock runs on.
    func timeline(consultations: [RequestConsultation], fees: [RequestFeeNotice]) -> RequestTimeline {
        func d(_ s: String?) -> CivilDate? { s.flatMap(CivilDate.init(iso:)) }
        var t = RequestTimeline(receivedOn: d(receivedOn))
        if let sent = d(correctionSentOn), let deadline = d(correctionDeadline) {
            t.correction = .init(sentOn: sent, deadline: deadline, receivedOn: d(correctionReceivedOn))
        }
        t.consultations = consultations.compactMap { c in
            d(c.sentOn).map { .init(id: String(c.id ?? 0), party: c.party, kind: c.kind, sentOn: $0,
                                   partyReceivedOn: d(c.partyReceivedOn), answeredOn: d(c.answeredOn)) }
        }
        if let granted = d(extensionGrantedOn), let days = extensionDays {
            t.timeExtension = .init(grantedOn: granted, days: days, approvedBy: extensionApprovedBy ?? "")
        }
        if let set = d(deferralSetOn), let due = d(deferralDueOn) {
            t.deferral = .init(setOn: set, dueOn: due, reason: deferralReason ?? "")
        }
        t.feeNotices = fees.compactMap { f in
            d(f.sentOn).map { .init(sentOn: $0, applicantReceivedOn: d(f.applicantReceivedOn), amount: f.amount,
                                   paidOn: d(f.paidOn), waivedOn: d(f.waivedOn)) }
        }
        t.concludedOn = d(concludedOn)
        return t
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
        func date(_ name: String, _ label: String) -> CivilDate? {
            guard !f[name].isEmpty else { return nil }
            guard let d = CivilDate(iso: f[name]) else { errors[name] = "\(label)“\(f[name])”无效，应为 YYYY-MM-DD"; return nil }
            return d
        }
        let submitted = date("submitted_on", "提交日期") ?? (channel != nil ? today : nil)
        let received = date("received_on", "收到申请之日")
        if !errors.isEmpty { throw AppError.validation(errors) }
        self.init(agencyID: agencyID, channel: ch!, submittedOn: submitted, receivedOn: received, applicantKind: kind!,
                  applicantName: f["applicant_name"], idType: f["id_type"], idNumber: f["id_number"], contactPerson: f["contact_person"],
                  phone: f["phone"], email: f["email"], address: f["address"], description: f["description"],
                  documentNumber: f["document_number"], provisionForm: provision!, deliveryMethod: delivery!,
                  caseOfficerID: f.int("case_officer_id"), relatedRequestID: f.int("related_request_id"))
    }
}
