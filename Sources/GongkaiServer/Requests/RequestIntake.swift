import Fluent
import Foundation
import GongkaiCore
import Vapor


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

    /// The staff door to registration, console and API alike: the user must handle requests
    /// for the agency named by `agency_id` (422 when missing, 403 when not his), then the
    /// fields are read (422) and the request registered.
    static func register(
        fields: FormFields, source: RequestSource, staff: StaffPrincipal, context: RequestContext, by actor: AuditActor,
        on db: any Database
    ) async throws -> Registered {
        guard let agencyID = fields.int("agency_id") else { throw AppError.validation(["agency_id": "请选择受理机关"]) }
        guard staff.can(.handleRequests, inAgency: agencyID) else { throw AppError.forbidden("您不能为该机关登记申请") }
        let input = try RequestInput(form: fields, agencyID: agencyID, today: context.today)
        return try await register(input, source: source, context: context, by: actor, on: db)
    }

    /// The public door (portal form and API): an internet application with its receipt to be
    /// confirmed (Art. 31), at most so many per client address an hour (a refused form is not
    /// counted, so correcting it costs nothing).
    static func registerOnline(fields: FormFields, agencyID: Int, client: String, app: Application, context: RequestContext,
                               by actor: AuditActor, on db: any Database) async throws -> Registered {
        // The slot is taken before registering, so applications sent at once cannot all pass a
        // check made before any was counted; a refused form gives it back.
        let key = "apply:addr:\(client)"
        if let wait = app.rateLimiter.hit(key, app.rateLimits.applicationsPerAddress) {
            throw AppError.tooManyRequests(retryAfter: wait, "提交申请过于频繁")
        }
        do {
            let input = try RequestInput(publicForm: fields, agencyID: agencyID, today: context.today)
            return try await register(input, source: .publicForm, context: context, by: actor, on: db)
        } catch {
            app.rateLimiter.refund(key)
            throw error
        }
    }

    static func register(
        _ input: RequestInput, source: RequestSource, context: RequestContext, by actor: AuditActor, on db: any Database
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
        var summary = "登记申请（\(input.channel.chineseLabel)，\(source.chineseLabel)）"
        if !duplicates.isEmpty { summary += "；疑似重复申请：\(duplicates.map(\.trackingNumber).joined(separator: "、"))" }
        var linked = input
        linked.relatedRequestID = input.relatedRequestID ?? duplicates.first?.id
        let request = try await insert(linked, source: source, event: (.registered, summary), context: context, by: actor, on: db)
        return Registered(request: request, possibleDuplicates: duplicates)
    }

    /// Writes a request already checked, with its first history entry, in one transaction.
    static func insert(
        _ input: RequestInput, source: RequestSource, event: (kind: RequestEventKind, summary: String), context: RequestContext,
        by actor: AuditActor, on db: any Database
    ) async throws -> DisclosureRequest {
        try await db.writeTransaction { tx in
            let r = DisclosureRequest()
            r.version = 1
            r.$agency.id = input.agencyID
            r.source = source
            r.channel = input.channel
            r.submittedOn = input.submittedOn!
            // Art. 31: in person and signed post, the day it arrived; otherwise the confirmation date.
            r.receivedOn = input.receivedOn ?? (input.channel.receiptNeedsConfirmation ? nil : input.submittedOn)
            r.applicantKind = input.applicantKind
            r.applicantName = input.applicantName
            r.idType = input.idType
            if let stored = input.storedIDNumber {
                (r.sealedIDNumber, r.idNumberHash) = stored
            } else {
                // A resident ID or credit code as its check reads it (full-width digits folded), so
                // that it is stored, masked and compared in one form.
                switch input.idType {
                case .residentID: r.idNumber = (try? ResidentIDNumber(input.idNumber).value) ?? input.idNumber.uppercased()
                case .creditCode: r.idNumber = (try? UnifiedSocialCreditCode(input.idNumber).value) ?? input.idNumber.uppercased()
                default: r.idNumber = input.idNumber.uppercased()
                }
            }
            r.contactPerson = input.contactPerson
            if let stored = input.storedPhone { r.sealedPhone = stored } else { r.phone = input.phone }
            r.email = input.email
            r.address = input.address
            r.description = input.description
            r.documentNumber = input.documentNumber
            r.provisionForm = input.provisionForm
            r.deliveryMethod = input.deliveryMethod
            r.$caseOfficer.id = input.caseOfficerID
            r.$relatedRequest.id = input.relatedRequestID
            r.receiptDelayReason = input.receiptDelayReason
            r.orderedReply = input.orderedReply
            r.trackingNumber = try await uniqueTrackingNumber(on: input.submittedOn!, db: tx)
            RequestClockCache.refresh(r, consultations: [], fees: [], context: context)
            try await r.create(on: tx)
            var summary = event.summary
            if event.kind == .registered {
                summary += r.receivedOn.map { "，收到申请之日 \($0.iso)" } ?? "，待与申请人确认收到之日（条例第三十一条）"
            }
            try await RequestEvent(requestID: try r.requireID(), occurredOn: input.submittedOn!, actor: actor, kind: event.kind,
                                   summary: summary).create(on: tx)
            try await AuditLog.record(.request(event.kind), r, summary: "登记依申请公开 \(r.trackingNumber)", before: nil, by: actor, on: tx)
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

    /// Art. 36(六): the same applicant asking again for the same information — compared on the
    /// identity number, then on the description (`RepeatedApplication`).
    static func possibleDuplicates(of input: RequestInput, on db: any Database) async throws -> [DisclosureRequest] {
        guard !input.idNumber.isEmpty else { return [] }
        let earlier = try await DisclosureRequest.query(on: db)
            .filter(\.$agency.$id == input.agencyID).filter(\.$idNumberHash ~~ (try db.personalDataKeys).idNumberHashes(input.idNumber))
            .sort(\.$id, .descending).range(0..<200).all()
        return earlier.filter { RepeatedApplication.asksForTheSame($0.description, input.description) }
    }
}
