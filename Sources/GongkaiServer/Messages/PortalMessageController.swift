import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The mailbox on the portal, for the public: writing without an account, reading the reply
/// with the tracking number and the phone's last four digits, rating it, and the published replies.
enum PortalMessageController {
    static let honeypot = "website"

    static func form(req: Request) async throws -> Response {
        let agency = try await agency(req)
        return try await mailboxPage(req, agency: agency, fields: FormFields(), errors: [:])
    }

    private static func mailboxPage(_ req: Request, agency: Agency, fields: FormFields, errors: [String: String], refusal: String? = nil,
                                    status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]) async throws -> Response {
        let mailbox = try await MessageChannels.mailbox(agencyID: try agency.requireID(), on: req.db)
        let limits = try await MessageChannels.limits(agencyID: try agency.requireID(), context: try await req.messageContext(), on: req.db)
        let model = PortalMailboxPage.Model(
            agency: agency.portalSummary, mailboxName: mailbox.name, csrfToken: req.csrfToken,
            formToken: req.application.mailboxFormToken.issue(form: "mailbox:\(agency.code)"), fields: fields, errors: errors, refusal: refusal,
            days: limits.limit(channel: .headMailbox, kind: .complaint).days, consultationDays: limits.limit(channel: .headMailbox, kind: .consultation).days)
        let response = Response.html(PortalMailboxPage.View(model: model).render(), status: status)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// Checked in this order, each refusal in plain Chinese with the letter kept on the page: the
    /// honeypot is empty and the form token genuine, neither too fresh nor too old (422); the
    /// fields (422); the token not used before (422, then it is used); the address's and the
    /// phone's limits (429 with Retry-After).
    static func submit(req: Request) async throws -> Response {
        let agency = try await agency(req)
        let form = try req.formFields()
        func refuse(_ message: String, status: HTTPResponseStatus = .unprocessableEntity, retryAfter: Int? = nil) async throws -> Response {
            try await mailboxPage(req, agency: agency, fields: form, errors: [:], refusal: message, status: status,
                                  headers: retryAfter.map { ["Retry-After": String($0)] } ?? [:])
        }
        if !form.raw(honeypot).isEmpty { return try await refuse("提交未成功：表单校验未通过，请刷新页面后重新填写。") }
        switch req.application.mailboxFormToken.check(form["form_token"], form: "mailbox:\(agency.code)") {
        case .valid: break
        case .invalid: return try await refuse("提交未成功：表单已失效，请刷新页面后重新填写（您填写的内容保留在下方）。")
        case .tooFast: return try await refuse("提交未成功：提交过快，请核对内容后再次提交。")
        case .expired: return try await refuse("提交未成功：表单打开已超过 2 小时，请再次提交（您填写的内容保留在下方）。")
        }
        let letter: MessageIntake.Letter
        do {
            letter = try MessageIntake.Letter(fields: form, nameRequired: true)
        } catch let error as AppError {
            return try await mailboxPage(req, agency: agency, fields: form, errors: error.fields, status: .unprocessableEntity)
        }
        let settings = req.application.settings
        // The token posts one letter: a replay is refused like a stale form.
        guard let expiry = req.application.mailboxFormToken.expiry(of: form["form_token"]),
              try await UsedFormTokens.claim(form["form_token"], expiresAt: expiry, on: req.db) else {
            return try await refuse("提交未成功：该表单已提交过，请刷新页面后重新填写（您填写的内容保留在下方）。")
        }
        if let wait = req.application.rateLimiter.hit("mailbox:addr:\(req.clientAddress)", req.application.rateLimits.mailboxPerAddress) {
            return try await refuse("提交未成功：同一网络地址每小时最多提交 \(settings.mailboxPerAddressPerHour) 封来信，请 \(minutes(wait)) 分钟后再试。",
                                    status: .tooManyRequests, retryAfter: wait)
        }
        let phone = PersonalDataRetention.normalisedPhone(letter.senderPhone)
        if let wait = req.application.rateLimiter.hit("mailbox:phone:\(phone)", req.application.rateLimits.mailboxPerPhone) {
            return try await refuse("提交未成功：同一电话号码每天最多提交 \(settings.mailboxPerPhonePerDay) 封来信，请 \(minutes(wait)) 分钟后再试，或拨打本机关电话反映。",
                                    status: .tooManyRequests, retryAfter: wait)
        }
        let m = try await MessageIntake.submitMailbox(letter, agency: agency, receivedAt: Date(), context: try await req.messageContext(),
                                                      actor: req.auditActor, on: req.db)
        return .html(PortalMailboxDonePage.View(model: .init(agency: agency.portalSummary, trackingNumber: m.trackingNumber ?? "",
                                                              dueOn: m.dueOn, days: m.timeLimitDays)).render())
    }

    private static func minutes(_ seconds: Int) -> Int { max(1, (seconds + 59) / 60) }

    static func trackForm(req: Request) -> Response {
        .html(PortalMessageTrackPage.View(model: .init(csrfToken: req.csrfToken)).render())
    }

    /// A POST, so neither the number nor the digits end up in addresses or access logs; limited
    /// per address so the four digits cannot be guessed by trying.
    static func track(req: Request) async throws -> Response {
        let form = try req.formFields()
        if let wait = req.application.rateLimiter.hit("mailbox:lookup:\(req.clientAddress)", req.application.rateLimits.messageLookupsPerAddress) {
            let response = Response.html(PortalMessageTrackPage.View(model: .init(
                csrfToken: req.csrfToken, trackingNumber: form["tracking_number"],
                error: "查询过于频繁，请 \(minutes(wait)) 分钟后再试。")).render(), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(wait))
            return response
        }
        if let refused = reserveFailure(req, tracking: form["tracking_number"]) { return refused }
        return try await statusPage(req, tracking: form["tracking_number"], last4: form["phone_last4"], flash: nil)
    }

    /// Failed look-ups are also counted per tracking number, so the four digits of one letter
    /// cannot be tried from many addresses (the requests' rule, `trackingFailuresPerNumber`).
    /// Every look-up takes its slot before the lookup, as a failure (`reserveFailure`), and gives
    /// it back when it finds the letter (`statusPage`), so guesses sent at once are counted like
    /// guesses sent one by one (as `PublicRequestStatus.lookup` does for /track).
    private static func failuresKey(_ tracking: String) -> String {
        "mailbox:fail:" + tracking.trimmingCharacters(in: .whitespaces).uppercased()
    }

    private static func reserveFailure(_ req: Request, tracking: String) -> Response? {
        guard let wait = req.application.rateLimiter.hit(failuresKey(tracking), req.application.rateLimits.trackingFailuresPerNumber) else { return nil }
        let response = Response.html(PortalMessageTrackPage.View(model: .init(
            csrfToken: req.csrfToken, trackingNumber: tracking,
            error: "该查询号查询失败次数过多，请 \(minutes(wait)) 分钟后再试。")).render(), status: .tooManyRequests)
        response.headers.replaceOrAdd(name: "Retry-After", value: String(wait))
        return response
    }

    private static func statusPage(_ req: Request, tracking: String, last4: String, flash: String?, error: String? = nil,
                                   status: HTTPResponseStatus? = nil) async throws -> Response {
        let found = try await PublicMessageStatus.find(trackingNumber: tracking, phoneLast4: last4, on: req.db)
        if found != nil { req.application.rateLimiter.refund(failuresKey(tracking)) }  // reserved by reserveFailure
        return .html(PortalMessageTrackPage.View(model: .init(
            csrfToken: req.csrfToken, trackingNumber: tracking, phoneLast4: found == nil ? "" : last4, status: found, flash: flash,
            error: error ?? (found == nil ? "没有找到该来信：请核对查询号和联系电话后 4 位" : nil))).render(),
            status: status ?? (found == nil ? .notFound : .ok))
    }

    static func rate(req: Request) async throws -> Response {
        let form = try req.formFields()
        if let wait = req.application.rateLimiter.hit("mailbox:lookup:\(req.clientAddress)", req.application.rateLimits.messageLookupsPerAddress) {
            return .html(PortalMessageTrackPage.View(model: .init(csrfToken: req.csrfToken, error: "操作过于频繁，请 \(minutes(wait)) 分钟后再试。")).render(),
                         status: .tooManyRequests)
        }
        if let refused = reserveFailure(req, tracking: form["tracking_number"]) { return refused }
        // A rating here is the sender's own. Staff record what a sender told them through their
        // door (记录评价, rating source phone), never as the sender.
        if req.staff != nil {
            req.application.rateLimiter.refund(failuresKey(form["tracking_number"]))  // nothing was looked up
            return .html(PortalMessageTrackPage.View(model: .init(
                csrfToken: req.csrfToken, trackingNumber: form["tracking_number"],
                error: "工作人员不能代来信人评价：请退出登录；来信人电话告知的评价，请在后台来信页面“记录评价”中登记。")).render(), status: .forbidden)
        }
        guard let satisfaction = Satisfaction(rawValue: form["satisfaction"]) else {
            return try await statusPage(req, tracking: form["tracking_number"], last4: form["phone_last4"], flash: nil,
                                        error: "请选择 满意、基本满意 或 不满意", status: .unprocessableEntity)
        }
        do {
            try await MessageService.rate(trackingNumber: form["tracking_number"], phoneLast4: form["phone_last4"], satisfaction: satisfaction,
                                          today: req.application.settings.today, actor: req.auditActor, on: req.db)
            return try await statusPage(req, tracking: form["tracking_number"], last4: form["phone_last4"], flash: "感谢您的评价。")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .notFound {
            return try await statusPage(req, tracking: form["tracking_number"], last4: form["phone_last4"], flash: nil, error: error.message,
                                        status: error.status)
        }
    }

    static func replies(req: Request) async throws -> Response {
        let agency = try await agency(req)
        let page = PageNumber.parse(req.query[String.self, at: "page"])
        let agencyID = try agency.requireID()
        let query = PublicMessage.query(on: req.db).filter(\.$agency.$id == agencyID).filter(\.$publication == .published)
        let total = try await query.count()
        let items = try await query.sort(\.$publishedAt, .descending).sort(\.$id, .descending).range(PageNumber.range(page: page, size: 20)).all()
        let model = PortalRepliesPage.Model(
            agency: agency.portalSummary, total: total, page: page,
            items: try items.map { (try $0.requireID(), $0.redactedForPublication($0.subject), $0.kind.chineseLabel, $0.receivedOn.iso, $0.completedOn?.iso ?? "") })
        return .html(PortalRepliesPage.View(model: model).render())
    }

    /// A published reply: what the head approved, without the sender's name and phone.
    static func reply(req: Request) async throws -> Response {
        let agency = try await agency(req)
        let id = try req.parameters.require("id", as: Int.self)
        guard let m = try await PublicMessage.find(id, on: req.db), m.$agency.id == agency.id, m.publication == .published else {
            throw AppError.notFound("答复")
        }
        let model = PortalReplyPage.Model(agency: agency.portalSummary, subject: m.redactedForPublication(m.subject), kind: m.kind.chineseLabel, channel: m.channelName,
                                          receivedOn: m.receivedOn.iso, completedOn: m.completedOn?.iso ?? "",
                                          content: m.publicContent, reply: m.publicReply)
        return .html(PortalReplyPage.View(model: model).render())
    }

    private static func agency(_ req: Request) async throws -> Agency {
        let code = try req.parameters.require("code")
        guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else { throw AppError.notFound("机构") }
        return agency
    }
}
