import Fluent
import Foundation
import GongkaiCore

/// The demo county's disclosure requests: last year and this year's records (so the statistics
/// and the lists have something to show), a handful of live requests at every stage for the
/// education bureau's officer, and reconsideration and litigation cases.
enum DemoRequests {
    static let seed: UInt64 = 20_231_231
    static let recordCount = 480

    struct Live {
        let description: String
        let applicant: (kind: ApplicantKind, name: String, idType: IdentityDocumentType, id: String, phone: String)
        let channel: RequestChannel
        /// Calendar days before today the request arrived.
        let daysAgo: Int
        let steps: [(daysAgo: Int, action: (CivilDate) -> StaffAction, byHead: Bool)]
    }

    static func load(agencyIDs: [String: Int], users: [String: Int], context: RequestContext, on db: any Database) async throws {
        let ids = agencyIDs.values.sorted()
        let rows = SyntheticRequests.generate(count: recordCount, agencyIDs: ids, years: (context.today.year - 1)...context.today.year,
                                                  today: context.today, calendar: context.calendar, seed: seed)
        try await SyntheticRequests.insert(rows, on: db)
        guard let bureau = agencyIDs["sfx-jyj"], let officer = users["jyj.officer"] else { return }
        let officerActor = AuditActor(userID: officer, name: "jyj.officer（张伟）", requestID: "demo", ipAddress: "")
        let headActor = AuditActor(userID: users["jyj.head"], name: "jyj.head（杨秀英）", requestID: "demo", ipAddress: "")
        for live in liveRequests {
            try await register(live, agencyID: bureau, officerID: officer, context: context,
                               officer: (officerActor, "张伟"), head: (headActor, "杨秀英"), on: db)
        }
        try await challengeCases(agencyID: bureau, context: context, on: db)
    }

    static var liveRequests: [Live] {
        [
            Live(description: "示范县2025年义务教育学校招生划片范围及依据", applicant: (.naturalPerson, "陈晓燕", .residentID, "11010519491231002X", "13912340001"),
                 channel: .internet, daysAgo: 1, steps: []),
            Live(description: "县第二中学新建教学楼工程招标文件及中标通知书", applicant: (.commercialEnterprise, "示范县宏远建筑工程有限公司", .creditCode, "91350100M000100Y43", "0999-5031234"),
                 channel: .postSigned, daysAgo: 12, steps: [
                    (8, { .sendConsultation(kind: .thirdParty, party: "示范县第二中学新建教学楼中标单位", sentOn: $0, partyReceivedOn: nil) }, false),
                 ]),
            Live(description: "2024年度县级教育经费投入及使用情况统计表", applicant: (.naturalPerson, "刘建国", .residentID, "11010519491231002X", "13700000002"),
                 channel: .inPerson, daysAgo: 24, steps: [
                    (2, { _ in .requestExtension(days: 15, reason: "所需信息涉及多个科室和学校，需汇总核实") }, false),
                 ]),
            Live(description: "近三年全县中小学校舍安全鉴定报告", applicant: (.legalServiceOrg, "示范律师事务所", .creditCode, "91350100M000100Y43", "0999-5040000"),
                 channel: .inPerson, daysAgo: 9, steps: [
                    (7, { .sendFeeNotice(method: .pages, quantity: 260, earlierThisMonth: nil, earlierReason: "", sentOn: $0, applicantReceivedOn: nil) }, true),
                 ]),
            Live(description: "城关第一小学食堂承包合同", applicant: (.naturalPerson, "王芳", .residentID, "11010519491231002X", "13600000003"),
                 channel: .inPerson, daysAgo: 3, steps: []),
            // Answered, with reply letters to print and download.
            Live(description: "2024年县级教育系统“双减”工作专项资金分配方案", applicant: (.naturalPerson, "赵敏", .residentID, "11010519491231002X", "13500000004"),
                 channel: .inPerson, daysAgo: 35, steps: [
                    (21, { .conclude(.init(servedOn: $0, outcome: .disclosed, replyType: .disclose, legalBasis: nil,
                                           details: "您申请的分配方案已通过电子邮件发送至您提供的邮箱。", serviceMethod: .email,
                                           letterNumber: "", earlierReplyOn: nil)) }, false),
                 ]),
            Live(description: "县实验幼儿园保育员招聘考试成绩及录用人员名单", applicant: (.naturalPerson, "孙强", .residentID, "11010519491231002X", "13400000005"),
                 channel: .postSigned, daysAgo: 28, steps: [
                    (12, { .conclude(.init(servedOn: $0, outcome: .partiallyDisclosed, replyType: .partiallyDisclose, legalBasis: nil,
                                           details: "录用人员名单予以公开；其他考生的个人成绩涉及个人隐私，不予公开。", serviceMethod: .post,
                                           letterNumber: "", earlierReplyOn: nil)) }, false),
                 ]),
        ]
    }

    private static func register(_ live: Live, agencyID: Int, officerID: Int, context: RequestContext,
                                 officer: (AuditActor, String), head: (AuditActor, String), on db: any Database) async throws {
        let submitted = context.today.adding(days: -live.daysAgo)
        let input = RequestInput(
            agencyID: agencyID, channel: live.channel, submittedOn: submitted, receivedOn: nil, applicantKind: live.applicant.kind,
            applicantName: live.applicant.name, idType: live.applicant.idType, idNumber: live.applicant.id,
            contactPerson: live.applicant.kind.isOrganisation ? "李经理" : "", phone: live.applicant.phone, email: "",
            address: "示范县城关镇", description: live.description, documentNumber: "", provisionForm: .electronic, deliveryMethod: .email,
            caseOfficerID: live.channel == .internet ? nil : officerID, relatedRequestID: nil)
        let registered = try await RequestIntake.register(input, source: live.channel == .internet ? .publicForm : .staff,
                                                          context: context, by: officer.0, on: db)
        let id = try registered.request.requireID()
        for step in live.steps {
            let version = try await DisclosureRequest.find(id, on: db)!.version
            let actor = step.byHead ? head : officer
            try await RequestService.perform(step.action(context.today.adding(days: -step.daysAgo)), on: id, expectedVersion: version,
                                             context: context, actor: actor.0, actorName: actor.1, on: db)
        }
    }

    /// Three cases about last year's replies: upheld, corrected (the request is reopened), pending.
    private static func challengeCases(agencyID: Int, context: RequestContext, on db: any Database) async throws {
        let lastYear = context.today.year - 1
        let replies = try await DisclosureRequest.query(on: db).filter(\.$agency.$id == agencyID).filter(\.$status == .concluded)
            .filter(\.$concludedOn >= CivilDate(year: lastYear, month: 1, day: 1)!).filter(\.$concludedOn <= CivilDate(year: lastYear, month: 9, day: 30)!).sort(\.$concludedOn).range(0..<3).all()
        let actor = AuditActor.commandLine("demo")
        let plans: [(ChallengeKind, String, String, ChallengeResult?)] = [
            (.reconsideration, "示范县人民政府", "示政复〔\(lastYear)〕12号", .upheld),
            (.reconsideration, "示范县人民政府", "示政复〔\(lastYear)〕27号", .corrected),
            (.litigationDirect, "示范县人民法院", "（\(lastYear)）示行初 8 号", nil),
        ]
        for (reply, plan) in zip(replies, plans) {
            let concluded = reply.concludedOn!
            var form = FormFields()
            form.set("agency_id", String(agencyID))
            form.set("request_id", String(try reply.requireID()))
            form.set("kind", plan.0.rawValue)
            form.set("filed_on", concluded.adding(days: 30).iso)
            form.set("body", plan.1)
            form.set("case_number", plan.2)
            form.set("summary", "申请人对答复不服")
            let c = try await ChallengeService.register(try ChallengeInput(form: form, today: context.today), by: actor, on: db)
            guard let result = plan.3 else { continue }
            var decision = FormFields()
            decision.set("result", result.rawValue)
            // The corrected case was decided lately, so its fresh reply is still being worked on.
            let decided = result == .corrected ? context.today.adding(days: -6) : concluded.adding(days: 80)
            decision.set("decided_on", decided.iso)
            decision.set("decision_received_on", decided.adding(days: 2).iso)
            _ = try await ChallengeService.decide(try c.requireID(), try ChallengeDecision(form: decision, today: context.today), expectedVersion: 1,
                                                   context: context, by: actor, on: db)
        }
    }
}
