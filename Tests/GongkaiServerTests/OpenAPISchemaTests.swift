import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// Every response schema of Resources/openapi.json against what the API really sends: a sample
/// of the DTO each operation returns, encoded with the app's JSON encoder (snake_case keys,
/// ISO dates), is validated against the documented schema (Support/JSONSchemaValidator.swift).
/// A documented response with no sample in `samples` fails, so a new endpoint gets one.
@Suite("OpenAPI response schemas")
struct OpenAPISchemaTests {
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/GongkaiServer/Resources/openapi.json")

    static func document() throws -> JSONValue {
        try JSONValue(data: try Data(contentsOf: documentURL))
    }

    /// One documented JSON response: `GET /api/v1/agencies 200` and its schema.
    struct Response {
        let key: String
        let status: Int
        let schema: JSONValue
    }

    /// Every response of every operation that has an `application/json` schema (responses given
    /// by `$ref` resolved).
    static func responses(in document: JSONValue, validator: JSONSchemaValidator) -> [Response] {
        var found: [Response] = []
        for (path, item) in document["paths"]?.object ?? [:] {
            for (method, operation) in item.object ?? [:] where ["get", "put", "post", "patch", "delete"].contains(method) {
                for (status, response) in operation["responses"]?.object ?? [:] {
                    let resolved = response["$ref"]?.string.flatMap(validator.resolve) ?? response
                    guard let schema = resolved["content"]?["application/json"]?["schema"] else { continue }
                    found.append(Response(key: "\(method.uppercased()) \(path) \(status)", status: Int(status) ?? 0, schema: schema))
                }
            }
        }
        return found.sorted { $0.key < $1.key }
    }

    // MARK: the samples

    static let today: CivilDate = "2024-04-15"
    static let instant = Date(timeIntervalSince1970: 1_713_170_000)  // 2024-04-15T08:33:20Z

    static func agency(parent: Int?) -> Agency {
        let a = Agency()
        a.id = parent == nil ? 1 : 2; a.version = 3; a.code = parent == nil ? "t-gov" : "t-edu"
        a.name = parent == nil ? "测试县人民政府" : "测试县教育局"; a.shortName = parent == nil ? "县政府" : "县教育局"
        a.kind = parent == nil ? .government : .department; a.governmentLevel = parent == nil ? .county : .prefecture; a.$parent.id = parent
        a.creditCode = parent == nil ? "11653125010183690X" : nil
        a.address = "测试县城关镇人民路 1 号"; a.phone = "0991-1234567"; a.officeHours = "工作日 9:00–17:30"
        a.contactName = "张老师"; a.contactPhone = "0991-7654321"; a.contactEmail = "gongkai@example.gov.cn"
        a.guideText = "一、公开的主体和范围"; a.reconsiderationBody = "测试县人民政府"; a.litigationCourt = "测试县人民法院"
        return a
    }

    static func user(locked: Bool) throws -> UserDTO {
        let u = StaffUser()
        u.id = 7; u.version = 2; u.username = "li.chengban"; u.displayName = "李承办"; u.passwordHash = "x"; u.isActive = true
        u.mustChangePassword = locked; u.failedLoginCount = 0; u.$agency.id = 2
        u.lockedUntil = locked ? Date.distantFuture : nil
        u.lastLoginAt = locked ? nil : instant
        return try UserDTO(u, roles: [.caseOfficer, .officeHead])
    }

    /// A request in two states: just registered online (no receipt, nothing decided) and concluded
    /// (every optional field filled).
    static func request(concluded: Bool) -> DisclosureRequest {
        let r = DisclosureRequest()
        r.id = concluded ? 42 : 43; r.version = 5; r.$agency.id = 2; r.trackingNumber = concluded ? "YS2024030100042" : "YS2024041500043"
        r.source = concluded ? .staff : .publicForm; r.channel = concluded ? .inPerson : .internet
        r.submittedOn = "2024-03-01"; r.receivedOn = concluded ? "2024-03-01" : nil
        r.applicantKind = .naturalPerson; r.applicantName = "王小明"; r.idType = .residentID; r.idNumber = RequestFixtures.idNumber
        r.contactPerson = ""; r.phone = "13812345678"; r.email = "wxm@example.com"; r.address = "测试县城关镇人民路 1 号"
        r.description = "2023年城区道路改造工程的立项批复文件"; r.documentNumber = ""; r.provisionForm = .electronic; r.deliveryMethod = .email
        r.status = concluded ? .concluded : .awaitingReceipt
        if concluded {
            r.dueOn = "2024-03-29"; r.concludedOn = "2024-03-20"; r.outcome = .disclosed; r.replyType = .disclose; r.serviceMethod = .post
            r.letterNumber = "测教公开〔2024〕3号"; r.$caseOfficer.id = 7; r.$relatedRequest.id = 40
        }
        return r
    }

    /// `receivedOn` makes the registered request a running one (remaining days, or a clock problem
    /// when the period runs into a year without a holiday schedule).
    /// `estimates`: a running request whose consultation letter and fee notice have gone out
    /// with the other side's receipt not recorded (estimated deadlines, null receipt dates).
    static func detail(concluded: Bool, receivedOn: CivilDate? = nil, estimates: Bool = false) throws -> RequestDetailDTO {
        let r = request(concluded: concluded)
        if let receivedOn { r.receivedOn = receivedOn; r.status = .running }
        var timeline = RequestTimeline(receivedOn: r.receivedOn)
        var consultations: [RequestConsultation] = [], fees: [RequestFeeNotice] = []
        if concluded {
            let c = RequestConsultation()
            c.id = 5; c.$request.id = 42; c.party = "县财政局"; c.kind = .agency; c.sentOn = "2024-03-05"; c.answeredOn = "2024-03-08"
            c.partyReceivedOn = "2024-03-06"; c.answerSummary = "同意公开"
            consultations = [c]
            let f = RequestFeeNotice()
            f.id = 3; f.$request.id = 42; f.method = .pages; f.quantity = 120; f.earlierThisMonth = 0; f.amount = 100
            f.breakdown = "按量计收 120 页"; f.sentOn = "2024-03-06"; f.applicantReceivedOn = "2024-03-06"; f.paidOn = "2024-03-07"
            f.receiptNumber = "PJ-0001"
            f.waivedOn = "2024-03-07"; f.approvedBy = "赵负责"
            fees = [f]
            timeline.consultations = [.init(id: "5", party: c.party, kind: c.kind, sentOn: c.sentOn, answeredOn: c.answeredOn)]
            timeline.feeNotices = [.init(sentOn: f.sentOn, amount: f.amount, paidOn: f.paidOn)]
            timeline.correction = .init(sentOn: "2024-03-02", deadline: "2024-03-10", receivedOn: "2024-03-04")
            timeline.concludedOn = r.concludedOn
        }
        if estimates {
            let c = RequestConsultation()
            c.id = 6; c.$request.id = r.id!; c.party = "县自然资源局"; c.kind = .agency; c.sentOn = "2024-04-08"; c.answerSummary = ""
            consultations = [c]
            let f = RequestFeeNotice()
            f.id = 4; f.$request.id = r.id!; f.method = .pages; f.quantity = 260; f.earlierThisMonth = 0; f.amount = 100
            f.breakdown = "按量计收 260 页"; f.sentOn = "2024-04-09"; f.approvedBy = "赵负责"
            fees = [f]
            timeline.consultations = [.init(id: "6", party: c.party, kind: c.kind, sentOn: c.sentOn)]
            timeline.feeNotices = [.init(sentOn: f.sentOn, amount: f.amount)]
        }
        let clock = RequestClock.evaluate(timeline, calendar: WorkingDayCalendar(), rules: ClockRules(), today: today)
        let event = RequestEvent()
        event.id = 1; event.$request.id = r.id!; event.occurredOn = "2024-03-01"; event.recordedAt = instant; event.actorName = "李承办"
        event.kind = .registered; event.summary = "登记申请"
        let d = RequestDetail(
            request: r, agency: agency(parent: 1), officer: nil, caseOfficers: [], consultations: consultations,
            fees: fees, events: [event], attachments: [], related: [], clock: clock)
        return try RequestDetailDTO(d, today: today)
    }

    /// A case decided 结果纠正 with a date or with days ordered (`orderedDays`), or pending (a
    /// lawsuit after reconsideration the agency defends as co-defendant).
    static func challenge(decided: Bool, orderedDays: Int? = nil) throws -> ChallengeCaseDTO {
        let c = ChallengeCase()
        c.id = decided ? 1 : 2; c.version = 1; c.$agency.id = 2; c.kind = decided ? .reconsideration : .litigationAfterReconsideration; c.filedOn = "2024-05-06"
        c.body = "测试县人民政府"; c.caseNumber = "测府复〔2024〕8号"; c.result = decided ? .corrected : .pending; c.summary = "答复理由不充分"
        c.asCoDefendant = !decided
        if decided {
            c.$request.id = 41; c.decidedOn = "2024-07-01"; c.decisionReceivedOn = "2024-07-03"; c.$reopenedRequest.id = 55
            c.orderBasis = "测府复〔2024〕8号决定书"
            if let orderedDays { c.orderedDays = orderedDays; c.orderedDaysKind = .working } else { c.orderedReplyOn = "2024-07-31" }
        }
        return try ChallengeCaseDTO(c)
    }

    static func auditEntry(withChanges: Bool) -> AuditEntryDTO {
        let e = AuditEntry()
        e.id = withChanges ? 901 : 902; e.occurredAt = instant; e.actorUserID = withChanges ? 7 : nil; e.actorName = withChanges ? "李承办" : "系统"
        e.action = AuditAction.allCases.first!.code; e.entityType = AuditEntityType.allCases.first!.rawValue; e.entityID = "42"
        e.summary = "修改承办人"; e.requestID = "req-0001"; e.ipAddress = "127.0.0.1"
        if withChanges { e.beforeJSON = #"{"case_officer_id":"7"}"#; e.afterJSON = #"{"case_officer_id":"8"}"# }
        return AuditEntryDTO(e)
    }

    /// A report read from the core tests' fixtures (a real check result: findings with locations, repairs).
    static func reportCheck(_ fixture: String) throws -> ReportCheckResult {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GongkaiCoreTests/Fixtures/reports/\(fixture)")
        return try ReportChecker.check(ReportFile(name: fixture, data: try Data(contentsOf: url)))
    }

    static func statistics() -> StatisticsDTO {
        var counts = RequestYearCounts()
        counts.newReceived = [.naturalPerson: 10]
        counts.results = [.disclosed: [.naturalPerson: 6]]
        counts.carriedOverOut = [.naturalPerson: 3]  // one short: R1 fails, so there is a finding
        let report = AnnualReport(
            formatVersion: .v2021, year: 2024, cells: counts.t3Cells(.v2021).merging(ChallengeYearCounts().t4Cells()) { a, _ in a })
        let checks = CrossChecks.run(report)
        return StatisticsDTO(
            year: 2024, formatVersion: .v2021, agencyIds: [1, 2],
            cells: Dictionary(uniqueKeysWithValues: report.cells.map { ($0.key.rawValue, NSDecimalNumber(decimal: $0.value).intValue) }),
            findings: checks.findings, passed: checks.passed)
    }

    /// A report in each of its shapes: a draft with findings, and a corrected published version
    /// with its history.
    static func agencyReports() throws -> [AgencyReportDTO] {
        let agency = agency(parent: 1)
        var report = AnnualReport(formatVersion: .v2021, year: 2024, issuer: agency.name,
                                  sections: [.overview: "全年共收到政府信息公开申请16件。", .problems: "无。", .other: "本年度未收取政府信息公开信息处理费。"])
        for cell in report.schema.allCells { report.cells[cell] = 0 }
        report.cells[ReportSchema.feeAmountCell] = Decimal(string: "12.5")!
        let findings = [
            Finding(rule: .overviewTooLong, severity: .warning, expected: "1000", actual: "1200", message: "总体情况约 1200 字",
                    location: .init(table: "一、总体情况", row: "全文", column: "字数")),
            Finding(rule: .r1, cells: [.t3("new_received", "total")], message: "R1 不成立"),
        ]
        func record(_ status: ReportStatus, id: Int) -> AgencyReport {
            let r = AgencyReport(agencyID: 2, year: 2024, sections: [.overview: "全年共收到政府信息公开申请{{requests.new_received}}件。"])
            r.id = id; r.status = status; r.acknowledgements = ["C5|||一、总体情况|全文": "总体情况需完整说明五个方面"]
            r.publishedVersion = status == .published ? 2 : nil
            return r
        }
        func composed(_ r: AgencyReport) -> ComposedReport {
            ComposedReport(agency: agency, year: 2024, record: r, scope: .agency, agencyIDs: [2], report: report,
                           liveValues: [.requestsNewReceived: "16"], unresolved: [],
                           readiness: ReportReadiness(errors: [findings[1]], warnings: [findings[0]]), figureSources: [:],
                           feeStatement: "本年度未收取政府信息公开信息处理费。", dueOn: "2025-01-31")
        }
        let draft = record(.draft, id: 5)
        let published = record(.published, id: 6)
        let event = ReportEvent(reportID: 6, step: .returnToAgency, comment: "请补充五、存在的主要问题", by: .system)
        event.occurredAt = instant
        let version = try PublishedReport(agencyID: 2, year: 2024, versionNo: 2, publishedOn: "2025-02-10", by: .system,
                                          correctionNote: "更正表二行政处罚数量", document: composed(published).document(status: .published, version: 2,
                                                                                                              publishedOn: "2025-02-10", correctionNote: "更正表二行政处罚数量"))
        return [try AgencyReportDTO(composed(draft), record: draft, events: [], versions: []),
                try AgencyReportDTO(composed(published), record: published, events: [event], versions: [version])]
    }

    static func reportProgress() -> [ReportProgressDTO] {
        let open = ReportProgress(agencyID: 2, agencyName: "测试县教育局", agencyKind: .department, depth: 1, reportID: nil, status: .notStarted,
                                  dueOn: "2025-01-31", publishedOn: nil, publishedVersion: nil, returnComment: "")
        let done = ReportProgress(agencyID: 1, agencyName: "测试县人民政府", agencyKind: .government, depth: 0, reportID: 6, status: .published,
                                  dueOn: "2025-02-20", publishedOn: "2025-02-21", publishedVersion: 1, returnComment: "")
        return [ReportProgressDTO(open, year: 2024, today: today), ReportProgressDTO(done, year: 2024, today: today)]
    }

    /// A corrected, county-wide published report and a draft with findings (one with a location).
    static func reportDocuments() -> [ReportDocument] {
        var counts = RequestYearCounts()
        counts.newReceived = [.naturalPerson: 12, .legalServiceOrg: 2]
        counts.results = [.disclosed: [.naturalPerson: 9], .withheldThirdPartyRights: [.legalServiceOrg: 1]]
        counts.carriedOverOut = [.naturalPerson: 3, .legalServiceOrg: 1]
        var report = AnnualReport(
            formatVersion: .v2021, year: 2024, issuer: "测试县人民政府",
            sections: [.overview: "本年度新收政府信息公开申请14件。", .other: "本机关本年度未收取信息处理费。"],
            cells: counts.t3Cells(.v2021).merging(ChallengeYearCounts().t4Cells()) { a, _ in a })
        report[.t2("art20_8", "admin_fees", "fee_amount_10k_cny")] = Decimal(string: "12.35")!
        let published = ReportDocument(
            report: report, agency: "测试县人民政府", agencyCode: "t-gov", status: .published, scope: .subtree,
            version: 2, publishedOn: "2025-02-18", correctionNote: "表三数字录入有误，已更正。", findings: [])
        let findings = [
            Finding(
                rule: .missingCell, cells: [.t2("art20_5", "admin_licensing", "decisions_this_year")], message: "表二缺少数据",
                location: .init(table: "表二", row: "行政许可", column: "本年处理决定数量")),
            Finding(rule: .r1, cells: [.t3("new_received", "total")], expected: "14", actual: "13", message: "勾稽关系不成立"),
        ]
        let draft = ReportDocument(
            report: report, agency: "测试县教育局", agencyCode: "t-edu", status: .draft, scope: .agency, findings: findings)
        return [published, draft]
    }

    /// What each operation's success response sends: samples of the DTO the route returns.
    /// Errors (4xx) all send `APIErrorBody` and are checked without an entry here.
    /// A mailbox letter being handled, and a hotline item imported, completed on time and rated.
    static func messageDetails() throws -> [MessageDetailDTO] {
        func message(open: Bool) -> PublicMessage {
            let m = PublicMessage()
            m.id = open ? 41 : 42
            m.version = 3
            m.$agency.id = 1
            m.trackingNumber = open ? "XJ2024041500007" : nil
            m.sourceID = open ? nil : "GD20240408001"
            m.source = open ? .mailbox : .imported
            m.channelName = open ? "县长信箱" : "12345热线"
            m.channelKind = open ? .headMailbox : .hotline12345
            m.kind = open ? .consultation : .complaint
            m.senderName = "张三"
            m.senderPhone = "13812345678"
            m.subject = open ? "关于小区停车位的咨询" : "道路积水"
            m.content = "来信内容"
            m.publicationAllowed = open
            m.receivedAt = instant
            m.receivedOn = open ? today : "2024-04-08"
            m.timeLimitDays = 15
            m.timeLimitBasis = "默认时限"
            m.dueOn = open ? "2024-05-09" : "2024-04-29"
            m.status = open ? .accepted : .completed
            m.assignedUnit = open ? "" : "县住建局"
            m.reply = open ? "" : "已安排疏通排水管道。"
            m.completedOn = open ? nil : "2024-04-12"
            m.handlingDays = open ? nil : 4
            m.onTime = open ? nil : true
            m.publication = open ? .pending : .notAllowed
            m.satisfaction = open ? nil : .satisfied
            m.ratingSource = open ? nil : .imported
            m.$transferredFrom.id = open ? nil : 2
            m.$fromRequest.id = open ? nil : 7
            m.$toRequest.id = open ? 9 : nil
            return m
        }
        let agency = agency(parent: nil)
        let calendar = WorkingDayCalendar()
        return try [true, false].map { open in
            let m = message(open: open)
            let timeline = MessageTimeline(receivedOn: m.receivedOn, limitDays: 15, limitBasis: "默认时限", completedOn: m.completedOn)
            let clock = MessageClock.evaluate(timeline, calendar: calendar, today: today)
            let event = MessageEvent(
                messageID: 41, agencyID: 1, occurredOn: m.receivedOn, actor: .system, kind: .received, summary: "收到来信")
            let detail = MessageDetail(
                message: m, agency: agency, transferredFrom: nil, officer: nil, events: [(event, agency.name)], clock: clock,
                handlers: [], agencies: [], fromRequest: nil, toRequest: nil)
            return try MessageDetailDTO(detail)
        }
    }

    static func messageFigures() throws -> MessageFiguresDTO {
        var hotline = MessageTally()
        hotline.received = 7_518
        hotline.completed = 7_508
        hotline.rated = 7_400
        hotline.satisfied = 7_390
        hotline.onTime = 7_500
        hotline.onTimeKnown = 7_508
        hotline.timed = 7_508
        hotline.handlingDaysTotal = 30_032
        var mailbox = MessageTally()
        mailbox.received = 98
        let period = try #require(MessagePeriod(from: "2023-01-01", through: "2023-12-31"))
        let figures = MessageFigures(
            agencyIDs: [1], period: period,
            channels: [.init(name: "12345热线", tally: hotline), .init(name: "县长信箱", tally: mailbox)],
            total: hotline + mailbox, months: [.init(month: "2023-01", received: 640, completed: 640)])
        return MessageFiguresDTO(figures)
    }

    /// Proactive disclosure (issue #11): a published normative document (its chain passed, later
    /// repealed) and a draft waiting at 保密审查, as the staff API shows them.
    static func publicationDetails() throws -> [PublicationDTO] {
        func publication(published: Bool) -> Publication {
            let p = Publication()
            p.id = published ? 7 : 8; p.version = 4; p.$agency.id = 2; p.$author.id = 5
            p.title = published ? "测试县教育局关于规范校外培训机构管理的通知" : "测试县2024年义务教育招生工作方案"
            p.documentNumber = published ? "测教规〔2024〕1号" : ""
            p.bodyHTML = "<p>各乡镇中心学校：</p>"; p.bodyText = "各乡镇中心学校："
            p.writtenOn = published ? "2024-03-28" : nil; p.formedOn = "2024-03-28"
            p.publishedOn = published ? "2024-04-02" : nil; p.publishedAt = published ? instant : nil
            p.indexNumber = published ? "TEDU/2024-00007" : nil
            p.category = .catalogue; p.genre = published ? .notice : .plan; p.subject = .scienceEducation
            p.art20Item = published ? .art20_01 : nil; p.keyDomains = KeyDomain.encode([.education])
            p.disclosure = .proactive; p.disclosureNote = ""
            p.status = published ? .published : .inReview; p.reviewSteps = ReviewChain.standard.codes; p.reviewRound = 1
            p.revisionState = .none; p.versionNumber = published ? 1 : 0
            p.normativeKind = published ? .normativeDocument : nil; p.effectiveOn = published ? "2024-05-01" : nil
            p.repealedOn = published ? "2024-11-01" : nil; p.repealedBy = published ? "测教规〔2024〕3号" : ""; p.amendedBy = ""
            p.requiresInterpretation = published; p.videoURL = ""
            if published {
                p.amendedOn = "2024-08-01"; p.amendedBy = "测教规〔2024〕2号"; p.validUntil = "2026-04-30"
            } else {
                p.$interprets.id = 7  // an interpretation of the notice
            }
            return p
        }
        func pass(_ step: ReviewStepKind, index: Int) -> PublicationReview {
            let r = PublicationReview()
            r.id = index + 1; r.$publication.id = 7; r.round = 1; r.stepIndex = index; r.step = step; r.passed = true; r.comment = ""
            r.reviewerID = 10 + index; r.reviewerName = ["钱建军", "吴晓红", "杨秀英"][index]; r.decidedAt = instant; r.revision = false
            return r
        }
        let profile = PublishingProfile()
        profile.$agency.id = 2; profile.indexCode = "TEDU"; profile.indexTemplate = "{agency}/{year}-{seq:5}"
        profile.reviewSteps = ReviewChain.standard.codes; profile.allowSamePerson = false
        let passes = ReviewChain.standardSteps.enumerated().map { pass($0.element, index: $0.offset) }
        // The published one has a file marked to go with its revision.
        let file = PublicationAttachment()
        file.id = 3; file.$publication.id = 7; file.filename = "附件1.pdf"; file.contentType = "application/pdf"; file.size = 20_480
        file.data = Data(); file.uploadedAt = instant; file.uploadedBy = "张伟"; file.pending = false; file.removalPending = true
        let detail = { (p: Publication, passes: [PublicationReview], waiting: ReviewStepKind?, due: CivilDate?) in
            PublicationDetail(
                publication: p, agency: agency(parent: 1), authorName: "张伟", profile: profile, reviews: passes, events: [], versions: [],
                attachments: p.status == .published ? [file] : [], topics: [], catalogueItem: nil, interprets: nil, interpretations: [], waiting: waiting, passes: passes, writers: [],
                due: due, standing: due.map { _ in .dueSoon })
        }
        // 不予公开, reviewed and filed (Art. 14: a state secret).
        let filed = publication(published: false)
        filed.id = 9; filed.$interprets.id = nil; filed.title = "关于涉密考务工作的安排"; filed.disclosure = .notDisclosed
        filed.nonDisclosureReason = .stateSecret; filed.status = .filed
        // a policy marked as needing an interpretation, none published in time
        var policy = detail(publication(published: true), passes, nil, nil)
        policy.interpretationStanding = .missing
        // in review, to go out at a chosen time
        let timed = publication(published: false)
        timed.scheduledAt = instant
        // withdrawn after a revision: its two versions and the withdrawal
        let withdrawn = publication(published: true)
        withdrawn.status = .withdrawn; withdrawn.withdrawnOn = "2024-06-03"; withdrawn.withdrawnReason = "内容已过时"; withdrawn.versionNumber = 2
        let versions = [(1, "2024-04-02", "首次发布"), (2, "2024-05-06", "更正第二段的数字")].map { number, day, note in
            let v = PublicationVersion()
            v.id = number; v.$publication.id = 7; v.number = number; v.publishedAt = instant; v.publishedOn = CivilDate(iso: day)!
            v.title = withdrawn.title; v.bodyHTML = withdrawn.bodyHTML; v.changeNote = note
            return v
        }
        let gone = PublicationDetail(
            publication: withdrawn, agency: agency(parent: 1), authorName: "张伟", profile: profile, reviews: passes, events: [], versions: versions,
            attachments: [], topics: [], catalogueItem: nil, interprets: nil, interpretations: [], waiting: nil, passes: passes, writers: [],
            due: nil, standing: nil)
        return [
            try PublicationDTO(gone, today: today, baseURL: "https://gk.example.gov.cn"),
            try PublicationDTO(
                detail(timed, Array(passes.prefix(1)), .confidentiality, "2024-04-26"), today: today, baseURL: "https://gk.example.gov.cn"),
            try PublicationDTO(policy, today: today, baseURL: "https://gk.example.gov.cn"),
            try PublicationDTO(detail(filed, passes, nil, nil), today: today, baseURL: "https://gk.example.gov.cn"),
            try PublicationDTO(detail(publication(published: false), Array(passes.prefix(1)), .confidentiality, "2024-04-26"),
                               today: today, baseURL: "https://gk.example.gov.cn"),
        ]
    }

    /// What `GET /api/v1/publication-figures/{year}` sends for one agency.
    static func publicationFigures() -> PublicationFigures {
        PublicationFigures(
            year: 2024, agencyIds: [2], published: 128,
            byCategory: Dictionary(uniqueKeysWithValues: PublicationCategory.allCases.enumerated().map { ($0.element.rawValue, 10 * ($0.offset + 1)) }),
            byKeyDomain: Dictionary(uniqueKeysWithValues: KeyDomain.allCases.map { ($0.rawValue, $0 == .education ? 41 : 0) }),
            topicColumnsOpened: 2, interpretationsPublished: 6, interpretationsLate: 1, interpretationsLatenessUnknown: 1,
            calendarYearsMissing: [2014], interpretationsLatenessNote: PublicationFigures.latenessNote(1, missingYears: [2014]),
            rules: .init(issuedThisYear: 0, repealedThisYear: 0, inForce: 0),
            normativeDocuments: .init(issuedThisYear: 3, repealedThisYear: 1, inForce: 12), catalogueItems: 40, catalogueFulfilled: 37)
    }

    static func samples() throws -> [String: [any Encodable]] {
        let calendar = WorkingDayCalendar()
        let messages = try messageDetails()
        let publications = try publicationDetails()
        let publicationList = PublicationListDTO(
            total: publications.count, page: 1, pageSize: 50,
            publications: publications.map {
                .init(id: $0.id, title: $0.title, agency: $0.agency, status: $0.status, revisionState: $0.revisionState,
                      waitingStep: $0.waitingStep, indexNumber: $0.indexNumber, formedOn: $0.formedOn, dueOn: $0.dueOn,
                      standing: $0.standing, publishedOn: $0.publishedOn)
            })
        let publicationSearch = PublicationSearchDTO(
            .init(total: 1000, capped: true, hits: [
                .init(id: 7, title: "关于做好城乡低保提标工作的通知", indexNumber: "TEDU/2024-00007", documentNumber: "测民〔2024〕2号",
                      agencyName: "测试县民政局", agencyCode: "t-mz", category: .catalogue, publishedOn: "2024-04-02",
                      snippet: [.init("城乡最低生活保障标准提高后，", isHit: false), .init("低保", isHit: true)], titleHit: true)
            ], terms: ["低保"]), page: 1, baseURL: "https://gk.example.gov.cn")
        let agencies = [try AgencyDTO(agency(parent: nil)), try AgencyDTO(agency(parent: 1))]
        let users = [try user(locked: false), try user(locked: true)]
        let details = [
            try detail(concluded: false), try detail(concluded: true), try detail(concluded: false, receivedOn: "2024-04-01"),
            try detail(concluded: false, receivedOn: "2026-12-10"), try detail(concluded: false, receivedOn: "2024-04-01", estimates: true),
        ]
        let challenges = [try challenge(decided: true), try challenge(decided: true, orderedDays: 15), try challenge(decided: false)]
        let letter = ReplyLetter(
            agencyName: "测试县教育局", letterNumber: "测教公开〔2024〕3号", applicantName: "王小明", receivedOn: "2024-03-01",
            description: "2023年城区道路改造工程的立项批复文件", outcome: .disclosed, replyType: .disclose,
            reconsiderationBody: "测试县人民政府", litigationCourt: "测试县人民法院", letterDate: "2024-03-20")
        let status = PublicRequestStatus(
            trackingNumber: "YS2024030100042", agencyName: "测试县教育局", submittedOn: "2024-03-01", receivedOn: "2024-03-01",
            status: "concluded", statusLabel: "已办结", dueOn: "2024-03-29", concludedOn: "2024-03-20", reply: "予以公开",
            steps: [.init(date: "2024-03-01", label: "提交申请")])
        let waiting = PublicRequestStatus(
            trackingNumber: "YS2024040100043", agencyName: "测试县教育局", submittedOn: "2024-04-01", receivedOn: "2024-04-01",
            status: "waiting_on_third_party", statusLabel: "征求意见中", dueOn: "2024-05-28", dueOnIsProvisional: true, concludedOn: nil,
            reply: nil, steps: [.init(date: "2024-04-08", label: "书面征求意见（所需时间不计入答复期限）")])
        return [
            "GET /api/v1/openapi.json 200": [try document()],
            "GET /api/v1/me 200": [
                MeDTO(
                    id: 7, username: "li.chengban", displayName: "李承办", agencyId: 2,
                    roles: [.init(role: .caseOfficer, agencyId: 2)], permissions: Permission.allCases)
            ],
            "GET /api/v1/agencies 200": [agencies],
            "POST /api/v1/agencies 201": agencies,
            "GET /api/v1/agencies/{id} 200": agencies,
            "PUT /api/v1/agencies/{id} 200": agencies,
            "GET /api/v1/users 200": [users],
            "POST /api/v1/users 201": [CreatedUserDTO(user: users[0], temporaryPassword: "Tmp-2024-abcd"), CreatedUserDTO(user: users[1])],
            "GET /api/v1/users/{id} 200": users,
            "GET /api/v1/audit 200": [
                AuditPageDTO(total: 2, page: 1, pageSize: 50, entries: [auditEntry(withChanges: true), auditEntry(withChanges: false)])
            ],
            "GET /api/v1/calendar/due 200": [try calendar.explainAddingWorkingDays(20, to: "2024-09-27")],
            "GET /api/v1/calendar/workday 200": [
                try calendar.status(of: "2024-10-01"), try calendar.status(of: "2024-09-29"), try calendar.status(of: "2024-10-08"),
            ],
            "GET /api/v1/calendar/years 200": [
                CalendarYearsDTO(knownYears: calendar.knownYears, importedYears: [2025], convention: .startDayExcluded)
            ],
            "PUT /api/v1/calendar/years/{year} 200": [CalendarYearDTO(year: 2024, entries: calendar.schedule.entries(inYear: 2024))],
            "POST /api/v1/report-checks 200": [
                try reportCheck("base-2022.txt"), try reportCheck("glued-2023.txt"), try reportCheck("not-a-report.txt"),
                try reportCheck("seed-xinyuan-2023.txt"),
            ],
            "GET /api/v1/requests 200": [RequestListDTO(total: 4, page: 1, pageSize: 50, requests: details.map(\.request))],
            "POST /api/v1/requests 201": details,
            "GET /api/v1/requests/{id} 200": details,
            "POST /api/v1/requests/{id}/actions 200": details,
            "POST /api/v1/requests/{id}/approvals 200": details,
            "GET /api/v1/requests/{id}/reply-letter 200": [letter],
            "GET /api/v1/statistics/{year} 200": [statistics()],
            "GET /api/v1/challenges 200": [challenges],
            "POST /api/v1/challenges 201": challenges,
            "PUT /api/v1/challenges/{id} 200": challenges,
            "PUT /api/v1/challenges/{id}/co-defendant 200": challenges,
            "GET /api/v1/fees/quote 200": [
                FeeCalculator.quote(.pages, quantity: 2219), FeeCalculator.quote(.pieces, quantity: 5, earlierThisMonth: 27),
            ],
            "POST /api/v1/public/requests 201": [
                PublicRequestAPI.Applied(trackingNumber: "YS2024041500043", status: .awaitingReceipt, message: "申请已提交。")
            ],
            "POST /api/v1/public/requests/status 200": [status, waiting],
            "GET /api/v1/agency-reports 200": [reportProgress()],
            "POST /api/v1/agency-reports 200": try agencyReports(),
            "POST /api/v1/agency-reports 201": try agencyReports(),
            "GET /api/v1/agency-reports/{id} 200": try agencyReports(),
            "PUT /api/v1/agency-reports/{id} 200": try agencyReports(),
            "POST /api/v1/agency-reports/{id}/steps 200": try agencyReports(),
            "PUT /api/v1/agency-reports/{id}/figures 200": try agencyReports(),
            // proactive disclosure (issue #11)
            "GET /api/v1/publications 200": [publicationList],
            "POST /api/v1/publications 201": publications,
            "GET /api/v1/publications/{id} 200": publications,
            "PUT /api/v1/publications/{id} 200": publications,
            "POST /api/v1/publications/{id}/actions 200": publications,
            "POST /api/v1/publications/{id}/review 200": publications,
            "POST /api/v1/publications/{id}/confidentiality-review 200": publications,
            "DELETE /api/v1/publications/{id}/attachments/{file} 200": publications,
            "POST /api/v1/publications/{id}/attachments/{file}/keep 200": publications,
            "GET /api/v1/publication-figures/{year} 200": [publicationFigures()],
            "GET /api/v1/publications/search 200": [
                publicationSearch, PublicationSearchDTO(.init(total: 0, capped: false, hits: [], terms: []), page: 1, baseURL: ""),
                PublicationSearchDTO(
                    .init(total: 0, capped: false, hits: [], terms: [], hint: PublicationSearch.termHint(query: "")), page: 1, baseURL: ""),
            ],
            "GET /api/v1/reports 200": [
                PublishedReportListDTO(reports: [
                    .init(
                        PublishedReportQuery.Listing(
                            agencyCode: "t-gov", agencyName: "测试县人民政府", agencyKind: .government, year: 2024, versionNo: 2,
                            publishedOn: "2025-02-18"))
                ]),
                PublishedReportListDTO(reports: []),
            ],
            "GET /api/v1/reports/{agency_code}/{year} 200": reportDocuments(),
            "GET /api/v1/messages 200": [MessageListDTO(total: 2, page: 1, pageSize: 50, messages: messages.map(\.message))],
            "POST /api/v1/messages 201": messages,
            "GET /api/v1/messages/{id} 200": messages,
            "POST /api/v1/messages/{id}/actions 200": messages,
            "POST /api/v1/messages/{id}/approvals 200": messages,
            "POST /api/v1/messages/{id}/to-request 201": details,
            "POST /api/v1/requests/{id}/to-message 201": messages,
            "GET /api/v1/messages/figures 200": [try messageFigures()],
        ]
    }

    static let errorSamples: [APIErrorBody] = [
        APIErrorBody(error: .init(code: "validation_failed", message: "输入未通过校验", fields: ["name": "请填写名称"])),
        APIErrorBody(error: .init(code: "forbidden", message: "无权限", fields: nil)),
    ]

    static func encoded(_ value: any Encodable) throws -> JSONValue {
        if let json = value as? JSONValue { return json }
        return try JSONValue(data: try JSONCoding.encoder().encode(value))
    }

    // MARK: the tests

    @Test func everyDocumentedResponseHasASampleAndEverySampleIsDocumented() throws {
        // given the document's JSON responses and the samples
        let document = try Self.document()
        let validator = JSONSchemaValidator(document: document)
        let successes = Set(Self.responses(in: document, validator: validator).filter { (200..<300).contains($0.status) }.map(\.key))
        let samples = Set(try Self.samples().keys)
        // then each success response has samples, and no sample names a response that is not documented
        #expect(successes.subtracting(samples).sorted() == [], "documented responses without a DTO sample: add them to OpenAPISchemaTests.samples")
        #expect(samples.subtracting(successes).sorted() == [], "samples for responses the document does not have")
    }

    @Test func theEncodedDTOsMatchTheDocumentedSchemas() throws {
        // given the document and a sample of each response's DTO
        let document = try Self.document()
        let validator = JSONSchemaValidator(document: document)
        let samples = try Self.samples()
        let coverage = JSONSchemaValidator.Coverage()
        var checked = 0
        // when each sample is encoded as the app encodes it and validated against its schema
        for response in Self.responses(in: document, validator: validator) {
            let values: [any Encodable] = (200..<300).contains(response.status) ? samples[response.key] ?? [] : Self.errorSamples
            for (index, value) in values.enumerated() {
                let problems = validator.problems(try Self.encoded(value), against: response.schema, coverage: coverage)
                checked += 1
                // then it has no problem
                #expect(problems == [], "\(response.key), sample \(index + 1) (\(type(of: value)))")
            }
        }
        #expect(checked > 100)
        // and every documented property of a component schema appears in some sample, so that a
        // renamed or removed DTO field is noticed too
        let unseen = coverage.neverSeen.filter { $0.hasPrefix("#/components/") }
        #expect(unseen == [], "documented properties no DTO sends")
    }

    @Test func eachDoorNamesItsStepsAndTheInputsNameTheirFields() throws {
        // given the document
        let document = try Self.document()
        let paths = try #require(document["paths"]), schemas = try #require(document["components"]?["schemas"])
        // then each door's summary names exactly the steps taken through it, and the input lists every step
        for (path, door) in [
            ("/api/v1/requests/{id}/actions", Permission.handleRequests), ("/api/v1/requests/{id}/approvals", .approveExtensionsAndFees),
        ] {
            let summary = try #require(paths[path]?["post"]?["summary"]?.string)
            let named = Set(summary.split(separator: "：").last!.split(separator: "、").map(String.init))
            #expect(named == Set(RequestStep.allCases.filter { $0.requiredPermission == door }.map(\.rawValue)), "\(path)")
        }
        let actions = try #require(schemas["StaffActionInput"]?["properties"]?["action"]?["enum"]?.array).compactMap(\.string)
        #expect(Set(actions) == Set(RequestStep.allCases.map(\.rawValue)))
        // and the inputs document the fields the services read
        for (schema, fields) in [
            ("RequestInput", ["receipt_delay_reason"]), ("ChallengeInput", ["as_co_defendant"]),
            ("ChallengeDecision", ["decision_received_on", "ordered_reply_on", "ordered_days", "ordered_days_kind", "order_basis"]),
            ("StaffActionInput", ["party_received_on", "applicant_received_on", "reason"]),
        ] {
            let properties = try #require(schemas[schema]?["properties"]?.object)
            #expect(Set(fields).subtracting(properties.keys).isEmpty, "\(schema)")
        }
        #expect(paths["/api/v1/challenges/{id}/co-defendant"]?["put"] != nil)
    }

    // MARK: the validator itself, by worked examples

    static let miniDocument = try! JSONValue(
        data: Data(
            """
            {"components": {"schemas": {
              "Kind": {"type": "string", "enum": ["a", "b"]},
              "Thing": {"type": "object", "required": ["id", "kind"], "properties": {
                "id": {"type": "integer"}, "kind": {"$ref": "#/components/schemas/Kind"},
                "due_on": {"type": ["string", "null"], "format": "date"}, "tags": {"type": "array", "items": {"type": "string"}},
                "cells": {"type": "object", "additionalProperties": {"type": ["number", "null"]}}}}
            }}}
            """.utf8))

    static func problems(_ json: String, strict: Bool = true) -> [String] {
        var validator = JSONSchemaValidator(document: miniDocument)
        if !strict { validator.undocumentedProperties = .allow }
        return validator.problems(try! JSONValue(data: Data(json.utf8)), against: .object(["$ref": .string("#/components/schemas/Thing")]))
    }

    @Test func aValidValuePasses() {
        #expect(Self.problems(#"{"id": 1, "kind": "a", "due_on": null, "tags": ["x"], "cells": {"t3.x": 1.5, "t3.y": null}}"#) == [])
        #expect(Self.problems(#"{"id": 1, "kind": "b", "due_on": "2024-03-01"}"#) == [])
    }

    @Test func eachKindOfMismatchIsReportedWithItsPath() {
        #expect(Self.problems(#"{"kind": "a"}"#) == [#"$: required property "id" is missing"#])
        #expect(Self.problems(#"{"id": 1.5, "kind": "a"}"#) == ["$.id: expected integer, got 1.5"])
        #expect(Self.problems(#"{"id": true, "kind": "a"}"#) == ["$.id: expected integer, got true"])
        #expect(Self.problems(#"{"id": 1, "kind": "c"}"#) == [#"$.kind: "c" is not one of "a", "b""#])
        #expect(Self.problems(#"{"id": 1, "kind": "a", "due_on": "01/03/2024"}"#) == [#"$.due_on: "01/03/2024" is not a date"#])
        #expect(Self.problems(#"{"id": 1, "kind": "a", "tags": ["x", 2]}"#) == ["$.tags[1]: expected string, got 2"])
        #expect(Self.problems(#"{"id": 1, "kind": "a", "cells": {"t3.x": "1"}}"#) == [#"$.cells.t3.x: expected number or null, got "1""#])
    }

    @Test func anUndocumentedPropertyIsAProblemUnlessAllowed() {
        let json = #"{"id": 1, "kind": "a", "extra": 1}"#
        #expect(Self.problems(json).count == 1)
        #expect(Self.problems(json).first?.contains(#"property "extra" is not documented"#) == true)
        #expect(Self.problems(json, strict: false) == [])
    }

    @Test func aKeywordOutsideTheSubsetIsReported() {
        let validator = JSONSchemaValidator(document: .object([:]))
        let schema = try! JSONValue(data: Data(#"{"type": "string", "pattern": "^a"}"#.utf8))
        #expect(validator.problems(.string("b"), against: schema) == [#"$: keyword "pattern" (at #) is outside the subset this validator checks"#])
    }

    @Test func coverageNamesDocumentedPropertiesNoValueHad() {
        let validator = JSONSchemaValidator(document: Self.miniDocument)
        let coverage = JSONSchemaValidator.Coverage()
        _ = validator.problems(
            try! JSONValue(data: Data(#"{"id": 1, "kind": "a", "tags": []}"#.utf8)),
            against: .object(["$ref": .string("#/components/schemas/Thing")]), coverage: coverage)
        #expect(coverage.neverSeen == ["#/components/schemas/Thing/properties/cells", "#/components/schemas/Thing/properties/due_on"])
    }
}
