import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing
import Vapor

/// The paths of issue #9 that put a wrong number in a statutory report or a wrong date on a
/// request, through the console and the API, on both databases.
@Suite("Statutory corrections through the platform")
struct StatutoryCorrectionsServerTests {
    /// Takes a step on a request through the console on `today`.
    @discardableResult
    static func step(_ client: TestClient, _ id: Int, _ fields: [(String, String)], today: String, door: String = "actions",
                     app: Application) async throws -> TestClient.Page {
        app.settings.fixedToday = CivilDate(iso: today)
        try await client.get("/console/requests/\(id)")
        let version = String(try #require(try await DisclosureRequest.find(id, on: app.db)).version)
        return try await client.post("/console/requests/\(id)/\(door)", form: fields + [("version", version)])
    }

    static func register(_ officer: TestClient, county: County, channel: String = "in_person", submittedOn: String,
                         description: String = "2023年城区道路改造工程的立项批复文件", app: Application) async throws -> Int {
        app.settings.fixedToday = CivilDate(iso: submittedOn)
        let page = try await RequestFixtures.register(officer, RequestFixtures.registration(channel: channel, submittedOn: submittedOn,
                                                                                            description: description), agency: county.bureau)
        #expect(page.status == .seeOther, "\(page.body.prefix(300))")
        return try #require(try await DisclosureRequest.query(on: app.db).sort(\.$id, .descending).first()).requireID()
    }

    // MARK: wrong numbers in a statutory report

    @Test func theTablesOf2019And2020AreBuiltInThe2019Format() async throws {
        try await withTestApp { app in
            // given the demo county as of 2021-03-01: 2020's requests, some ended for default or withdrawn
            app.settings.fixedToday = CivilDate(iso: "2021-03-01")
            _ = try await DemoCounty.load(hasher: PasswordHasher(cost: 4, threadPool: app.threadPool),
                                          context: try await app.requestContext(), on: app.db)
            let county = try #require(try await Agency.query(on: app.db).filter(\.$code == "sfx-gov").first())
            let subtree = try await AgencyTree.subtreeIDs(of: [try county.requireID()], on: app.db)
            // when the county's 2020 tables are made
            let report = try await RequestStatistics.report(agencyIDs: subtree, year: 2020, on: app.db)
            // then they are in the 2019 format, whose single row （六）其他处理 holds the other endings
            #expect(report.formatVersion == .v2019)
            #expect(report.cells[.t3("other_handling", "total")] != nil)
            #expect(report.cells[.t3("other_misc", "total")] == nil)
            // and they add up: R2 evaluated on every column and holding
            let checks = CrossChecks.run(report)
            #expect(checks.findings.isEmpty, "\(checks.findings.map(\.message))")
            #expect(checks.passed.first { $0.rule == "R2" }?.checked == 7)
            let leaves = report.schema.resultLeaves.map { report.cells[.t3($0.id, "total")] ?? 0 }.reduce(0, +)
            #expect(leaves == report.cells[.t3("result_total", "total")])
            #expect(leaves > 0)
        }
    }

    @Test func theAPIAnswers2020InThe2019FormatAndRefusesEarlierYears() async throws {
        try await withTestApp { app in
            let (county, _) = try await RequestFixtures.officer(app, today: "2021-03-01")
            let user = try await county.user("stats.head", [.officeHead], in: county.bureau, on: app)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            let dto = try await api.api(.GET, "/api/v1/statistics/2020").json(StatisticsDTO.self)
            #expect(dto.formatVersion == .v2019)
            #expect(dto.cells["t3.other_handling.total"] == 0)
            #expect(dto.cells["t3.other_fee_unpaid.total"] == nil)
            #expect(dto.passed.contains { $0.rule == "R2" })
            let old = try await api.api(.GET, "/api/v1/statistics/2018")
            #expect(old.status == .unprocessableEntity)
            #expect(try old.json(APIErrorBody.self).error.message.contains("2019 年以前"))
        }
    }

    @Test func aReplyReMadeAfterACorrectiveDecisionIsNotANewApplication() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2023-11-01")
            // received 2023-11-01, withheld 2023-11-20
            let id = try await Self.register(officer, county: county, submittedOn: "2023-11-01", app: app)
            let withholding = [
                ("action", "conclude"), ("outcome", "withheld_third_party_rights"), ("reply_type", "withhold"), ("service_method", "direct"),
                ("served_on", "2023-11-20"),
            ]
            let withheld = try await Self.step(officer, id, withholding, today: "2023-11-20", app: app)
            #expect(withheld.status == .seeOther, "\(withheld.body.prefix(300))")
            // 行政复议 registered and decided 结果纠正 on 2024-03-01
            app.settings.fixedToday = CivilDate(iso: "2024-03-01")
            let tracking = try #require(try await DisclosureRequest.find(id, on: app.db)).trackingNumber
            try await officer.get("/console/challenges")
            _ = try await officer.post("/console/challenges", form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2024-01-10"),
                ("body", "测试县人民政府"), ("case_number", "测政复〔2024〕3号"), ("request_tracking_number", tracking)])
            let c = try #require(try await ChallengeCase.query(on: app.db).first())
            try await officer.get("/console/challenges")
            let decision = [
                ("version", "1"), ("result", "corrected"), ("decided_on", "2024-03-01"), ("decision_received_on", "2024-03-01"),
            ]
            let decided = try await officer.post("/console/challenges/\(try c.requireID())", form: decision)
            #expect(decided.status == .seeOther, "\(decided.body.prefix(300))")
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first())
            // the new reply discloses on 2024-03-20
            let disclosed = try await Self.step(officer, try reopened.requireID(), [
                ("action", "conclude"), ("outcome", "result_disclosed"), ("reply_type", "disclose"), ("service_method", "direct"),
                ("served_on", "2024-03-20")], today: "2024-03-20", app: app)
            #expect(disclosed.status == .seeOther, "\(disclosed.body.prefix(300))")
            let agency = [try county.bureau.requireID()]
            // then 2023's table is what was published: one application, withheld
            let y2023 = try await RequestStatistics.report(agencyIDs: agency, year: 2023, on: app.db)
            #expect(y2023.t3("new_received", "total") == 1)
            #expect(y2023.t3("withheld_third_party_rights", "total") == 1)
            #expect(y2023.t3("carried_over_out", "total") == 0)
            // and 2024 has no new application and no result, only the case in table 四
            let y2024 = try await RequestStatistics.report(agencyIDs: agency, year: 2024, on: app.db)
            #expect(y2024.t3("new_received", "total") == 0)
            #expect(y2024.t3("result_disclosed", "total") == 0)
            #expect(y2024.t3("result_total", "total") == 0)
            #expect(y2024.t3("carried_over_in", "total") == 0)
            #expect(y2024.cells[.t4("admin_review", "corrected")] == 1)
            #expect(CrossChecks.run(y2023).findings.isEmpty && CrossChecks.run(y2024).findings.isEmpty)
            // the page says why
            let page = try await officer.get("/console/requests/\(try reopened.requireID())")
            #expect(page.body.contains("不计入年度报告表三"))
        }
    }

    @Test func aCaseTheReconsiderationBodyDefendsWithTheDepartmentIsCountedOnce() async throws {
        try await withTestApp { app in
            // given a bureau sued after the county government upheld its reply, the government
            // sued with it as co-defendant, each registering the case
            app.settings.fixedToday = CivilDate(iso: "2025-02-10")
            let county = try await County.make(on: app)
            let bureauOfficer = try await county.user("b.officer", [.caseOfficer], in: county.bureau, on: app)
            let govOfficer = try await county.user("g.officer", [.caseOfficer], in: county.government, on: app)
            for (user, agency, asCoDefendant) in [(bureauOfficer, county.bureau, false), (govOfficer, county.government, true)] {
                let staff = try await StaffPrincipal.load(user, on: app.db)
                var fields = FormFields(["agency_id": [String(try agency.requireID())], "kind": ["litigation_after_review"],
                                         "filed_on": ["2024-05-06"], "body": ["测试县人民法院"], "case_number": ["（2024）测行初 5 号"]])
                if asCoDefendant { fields.set("as_co_defendant", "1") }
                _ = try await ChallengeService.register(fields: fields, staff: staff, today: CivilDate(iso: "2025-02-10")!,
                                                        by: .system, on: app.db)
            }
            // then the bureau counts it, the government does not, and the county's subtree counts it once
            let bureau = try await RequestStatistics.challengeCounts(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            let government = try await RequestStatistics.challengeCounts(agencyIDs: [try county.government.requireID()], year: 2024, on: app.db)
            let subtree = try await RequestStatistics.challengeCounts(
                agencyIDs: try await AgencyTree.subtreeIDs(of: [try county.government.requireID()], on: app.db), year: 2024, on: app.db)
            #expect(bureau.t4Cells()[.t4("litigation_after_review", "total")] == 1)
            #expect(government.t4Cells()[.t4("litigation_after_review", "total")] == 0)
            #expect(subtree.t4Cells()[.t4("litigation_after_review", "total")] == 1)
            // a co-defendant is possible only after reconsideration
            let staff = try await StaffPrincipal.load(govOfficer, on: app.db)
            await #expect(throws: AppError.self) {
                _ = try await ChallengeService.register(
                    fields: FormFields(["agency_id": [String(try county.government.requireID())], "kind": ["admin_review"],
                                        "filed_on": ["2024-05-06"], "body": ["测试市人民政府"], "as_co_defendant": ["1"]]),
                    staff: staff, today: CivilDate(iso: "2025-02-10")!, by: .system, on: app.db)
            }
        }
    }

    // MARK: deadlines

    @Test func aDecisionsOrderedPeriodGovernsTheReopenedRequest() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            var reopenedDue: [String] = []
            for (n, order) in [[("ordered_days", "15"), ("ordered_days_kind", "calendar"), ("order_basis", "测政复〔2024〕9号决定书第二项")],
                               [] as [(String, String)]].enumerated() {
                let id = try await Self.register(officer, county: county, submittedOn: "2024-04-0\(n + 1)",
                                                 description: n == 0 ? "县城区供水管网改造工程资金使用情况" : "县第二中学教学楼工程竣工验收报告", app: app)
                try await Self.step(officer, id, [("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                                                  ("service_method", "direct"), ("served_on", "2024-04-20")], today: "2024-04-20", app: app)
                app.settings.fixedToday = CivilDate(iso: "2024-06-03")
                let tracking = try #require(try await DisclosureRequest.find(id, on: app.db)).trackingNumber
                try await officer.get("/console/challenges")
                _ = try await officer.post("/console/challenges", form: [
                    ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", "2024-05-06"),
                    ("body", "测试县人民政府"), ("case_number", "测政复〔2024〕\(n + 9)号"), ("request_tracking_number", tracking)])
                let c = try #require(try await ChallengeCase.query(on: app.db).sort(\.$id, .descending).first())
                try await officer.get("/console/challenges")
                let decided = try await officer.post("/console/challenges/\(try c.requireID())", form: [
                    ("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-03")] + order)
                #expect(decided.status == .seeOther, "\(decided.body.prefix(400))")
                let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$relatedRequest.$id == id).first())
                reopenedDue.append(reopened.dueOn?.iso ?? "")
                if n == 0 {
                    let page = try await officer.get("/console/requests/\(try reopened.requireID())")
                    #expect(page.body.contains("测政复〔2024〕9号决定书第二项"))
                    #expect(!page.body.contains("第三十五条"))
                }
            }
            // "15 日内" of a decision received 2024-06-03: 06-18; nothing ordered: 20 working days, 07-02
            #expect(reopenedDue == ["2024-06-18", "2024-07-02"])
        }
    }

    @Test func receiptDatesFollowArticle31() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-15")
            func register(_ channel: String, submitted: String, received: String, reason: String = "") async throws -> TestClient.Page {
                try await RequestFixtures.register(officer, RequestFixtures.registration(channel: channel, submittedOn: submitted, receivedOn: received)
                                                   + [("receipt_delay_reason", reason)], agency: county.bureau)
            }
            // in person on 2024-03-01: the receipt date is that day and cannot be typed otherwise
            let inPerson = try await register("in_person", submitted: "2024-03-01", received: "2024-03-05")
            #expect(inPerson.status == .unprocessableEntity)
            #expect(inPerson.body.contains("以提交之日为收到申请之日（2024-03-01），不能另填"))
            // an ordinary letter that arrived 2024-03-01 confirmed on 2024-03-15: only with the reason
            let unexplained = try await register("post_unsigned", submitted: "2024-03-01", received: "2024-03-15")
            #expect(unexplained.status == .unprocessableEntity)
            #expect(unexplained.body.contains("请写明未能当日确认的原因"))
            #expect(try await DisclosureRequest.query(on: app.db).count() == 0)
            let explained = try await register("post_unsigned", submitted: "2024-03-01", received: "2024-03-15", reason: "信封上无电话，申请人 3 月 15 日来电")
            #expect(explained.status == .seeOther)
            let r = try #require(try await DisclosureRequest.query(on: app.db).first())
            #expect(r.dueOn == "2024-04-15")
            let page = try await officer.get("/console/requests/\(try r.requireID())")
            #expect(page.body.contains("晚 14 天") && page.body.contains("信封上无电话"))
            // applications received before the 2019 Regulation took effect are refused with the reason
            let old = try await register("in_person", submitted: "2019-05-14", received: "")
            #expect(old.status == .unprocessableEntity)
            #expect(old.body.contains("2007年《政府信息公开条例》"))
        }
    }

    @Test func piecesBilledEarlierInTheMonthFollowFromTheApplicantsOtherRequests() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            let head = TestClient(app)
            try await county.user("head", [.officeHead], in: county.bureau, on: app)
            try await head.signIn("head", County.password)
            // given the applicant's first request of March, billed for 12 pieces
            let first = try await Self.register(officer, county: county, submittedOn: "2024-03-04", description: "县城区道路照明工程合同", app: app)
            let billed = try await Self.step(head, first, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "12"), ("sent_on", "2024-03-05")],
                                             today: "2024-03-05", door: "approvals", app: app)
            #expect(billed.status == .seeOther, "\(billed.body.prefix(300))")
            // when a second request of the same applicant that month is billed per piece
            let second = try await Self.register(officer, county: county, submittedOn: "2024-03-11", description: "县第三小学扩建工程环评报告", app: app)
            try await Self.step(head, second, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "5"), ("sent_on", "2024-03-12")],
                                today: "2024-03-12", door: "approvals", app: app)
            // then its pieces are the 13th to the 17th of the month: 5 × 100 元
            let fee = try #require(try await RequestFeeNotice.query(on: app.db).filter(\.$request.$id == second).first())
            #expect(fee.earlierThisMonth == 12)
            #expect(fee.amount == 500)
            // the first request's own count did not include the second
            #expect(try #require(try await RequestFeeNotice.query(on: app.db).filter(\.$request.$id == first).first()).earlierThisMonth == 0)
        }
    }

    @Test func theStartDaySettingReachesTheRequestsClock() async throws {
        // with the start day counted, a request received 2023-09-27 is due when `gongkai calendar due` says
        try await withTestApp(configureSettings: { $0.countingConvention = .startDayIncluded }) { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2023-09-27")
            let id = try await Self.register(officer, county: county, submittedOn: "2023-09-27", app: app)
            #expect(try await DisclosureRequest.find(id, on: app.db)?.dueOn == "2023-10-30")
            let calendar = try await app.requestContext().calendar
            #expect(try calendar.addingWorkingDays(20, to: "2023-09-27") == "2023-10-30")
        }
    }

    static func head(_ county: County, app: Application) async throws -> TestClient {
        let head = TestClient(app)
        try await county.user("head", [.officeHead], in: county.bureau, on: app)
        try await head.signIn("head", County.password)
        return head
    }

    /// Registers a 行政复议 case about request `id` (concluded) through the console; returns its id.
    static func challenge(
        _ officer: TestClient, county: County, about id: Int, filedOn: String, number: String,
        app: Application
    ) async throws -> Int {
        let tracking = try #require(try await DisclosureRequest.find(id, on: app.db)).trackingNumber
        try await officer.get("/console/challenges")
        let page = try await officer.post(
            "/console/challenges",
            form: [
                ("agency_id", String(try county.bureau.requireID())), ("kind", "admin_review"), ("filed_on", filedOn),
                ("body", "测试县人民政府"), ("case_number", number), ("request_tracking_number", tracking),
            ])
        #expect(page.status == .seeOther, "\(page.body.prefix(300))")
        try await officer.get("/console/challenges")
        return try #require(try await ChallengeCase.query(on: app.db).sort(\.$id, .descending).first()).requireID()
    }

    // MARK: a withdrawn application stays withdrawn

    /// Internet application submitted 2024-12-27, withdrawn 2024-12-30 before its receipt was
    /// confirmed (never received, in no row); a confirmation on 2025-01-02 is refused, so R1
    /// holds in both years.
    @Test func aWithdrawnApplicationCannotBeConfirmedAndR1Holds() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-12-27")
            let id = try await Self.register(officer, county: county, channel: "internet", submittedOn: "2024-12-27", app: app)
            let withdrawn = try await Self.step(officer, id, [("action", "withdraw"), ("on", "2024-12-30")], today: "2024-12-30", app: app)
            #expect(withdrawn.status == .seeOther, "\(withdrawn.body.prefix(300))")
            let confirmed = try await Self.step(
                officer, id,
                [
                    ("action", "confirm_receipt"), ("received_on", "2025-01-02"),
                    ("reason", "申请人节后才接电话"),
                ], today: "2025-01-02", app: app)
            #expect(confirmed.status == .unprocessableEntity)
            #expect(confirmed.body.contains("本申请已于 2024-12-30 办结，不能再办理此事项"))
            #expect(try #require(try await DisclosureRequest.find(id, on: app.db)).receivedOn == nil)
            let agency = [try county.bureau.requireID()]
            for year in [2024, 2025] {
                let report = try await RequestStatistics.report(agencyIDs: agency, year: year, on: app.db)
                #expect(CrossChecks.run(report).findings.isEmpty, "\(year): \(CrossChecks.run(report).findings.map(\.message))")
                #expect(report.t3("new_received", "total") == 0)
            }
        }
    }

    /// The database itself refuses a request concluded before it was received.
    @Test func theDatabaseRefusesAConclusionBeforeTheReceipt() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-04")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-03-04", app: app)
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            r.concludedOn = "2024-03-01"
            await #expect(throws: (any Error).self) { try await r.save(on: app.db) }
            r.concludedOn = "2024-03-04"
            try await r.save(on: app.db)
            #expect(try await DisclosureRequest.find(id, on: app.db)?.concludedOn == "2024-03-04")
        }
    }

    // MARK: receipts typed in with the letter

    /// A fee notice posted 2025-03-07 "received 2025-03-03", or received in the future, is refused.
    @Test func theFeeNoticeReceiptInTheSendingStepIsChecked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-24")
            let head = try await Self.head(county, app: app)
            let early = try await Self.register(officer, county: county, submittedOn: "2025-02-24", description: "县城区道路照明工程合同", app: app)
            let sent = try await Self.step(
                head, early,
                [
                    ("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"),
                    ("sent_on", "2025-03-07"), ("applicant_received_on", "2025-03-03"),
                ],
                today: "2025-03-07", door: "approvals", app: app)
            #expect(sent.status == .unprocessableEntity)
            #expect(sent.body.contains("申请人收到日期不能早于发出收费通知之日 2025-03-07"))
            let ended = try await Self.step(
                officer, early,
                [
                    ("action", "conclude"), ("outcome", "other_fee_unpaid"), ("reply_type", "fee_unpaid"),
                    ("service_method", "direct"), ("served_on", "2025-04-02"),
                ], today: "2025-04-02", app: app)
            #expect(ended.status == .unprocessableEntity)
            let late = try await Self.register(officer, county: county, submittedOn: "2025-02-25", description: "县第三小学扩建工程环评报告", app: app)
            let future = try await Self.step(
                head, late,
                [
                    ("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"),
                    ("sent_on", "2025-03-07"), ("applicant_received_on", "2025-12-31"),
                ],
                today: "2025-03-07", door: "approvals", app: app)
            #expect(future.status == .unprocessableEntity)
            #expect(try await RequestFeeNotice.query(on: app.db).count() == 0)
            let right = try await Self.step(
                head, late,
                [
                    ("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"),
                    ("sent_on", "2025-03-07"), ("applicant_received_on", "2025-03-07"),
                ],
                today: "2025-03-07", door: "approvals", app: app)
            #expect(right.status == .seeOther, "\(right.body.prefix(300))")
        }
    }

    /// A consultation letter posted 2024-04-08 "received by the party 2024-04-01", or in the
    /// future, is refused: its 15 working days cannot start before the letter exists.
    @Test func theConsultationReceiptInTheSendingStepIsChecked() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            let early = try await Self.step(
                officer, id,
                [
                    ("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                    ("sent_on", "2024-04-08"), ("party_received_on", "2024-04-01"),
                ], today: "2024-04-08", app: app)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.contains("对方收到日期不能早于发函日期 2024-04-08"))
            let future = try await Self.step(
                officer, id,
                [
                    ("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                    ("sent_on", "2024-04-08"), ("party_received_on", "2024-12-31"),
                ], today: "2024-04-08", app: app)
            #expect(future.status == .unprocessableEntity)
            #expect(try await RequestConsultation.query(on: app.db).count() == 0)
        }
    }

    /// The API's request detail says which dates are estimates: the receipt dates (null until
    /// recorded), `deadline_is_estimate` and `fee_payment_due_is_estimate`; the public tracking
    /// page calls the moving due date provisional.
    @Test func theAPISaysWhichDatesAreEstimates() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-24")
            let head = try await Self.head(county, app: app)
            let id = try await Self.register(officer, county: county, submittedOn: "2025-02-24", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                    ("sent_on", "2025-03-03"),
                ], today: "2025-03-03", app: app)
            try await Self.step(
                head, id, [("action", "send_fee_notice"), ("method", "pages"), ("quantity", "100"), ("sent_on", "2025-03-07")],
                today: "2025-03-07", door: "approvals", app: app)
            let user = try await county.user("api.officer", [.caseOfficer], in: county.bureau, on: app)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            let body = try await api.api(.GET, "/api/v1/requests/\(id)").body
            #expect(body.contains("\"party_received_on\":null") && body.contains("\"deadline_is_estimate\":true"))
            #expect(body.contains("\"applicant_received_on\":null") && body.contains("\"fee_payment_due_is_estimate\":true"))
            #expect(body.contains("\"is_provisional\":true"))
            // the applicant's tracking page
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            let status = try #require(
                try await PublicRequestStatus.find(
                    trackingNumber: r.trackingNumber,
                    phoneLast4: String(r.phone.suffix(4)), on: app.db))
            #expect(status.dueOnIsProvisional)
            let html = PortalTrackPage.render(.init(csrfToken: "t", trackingNumber: r.trackingNumber, status: status, error: nil))
            #expect(html.contains("暂定"))
        }
    }

    // MARK: deadlines

    /// On 2025-04-08 (two months after the due date 2025-02-08) a deferral "set on 2025-02-07"
    /// to 2025-05-30 is refused: the request stays overdue.
    @Test func aBackDatedDeferralCannotEraseTheOverdueStatus() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-01-06")
            let head = try await Self.head(county, app: app)
            let id = try await Self.register(officer, county: county, submittedOn: "2025-01-06", app: app)
            let page = try await Self.step(
                head, id, [("action", "set_deferral"), ("on", "2025-02-07"), ("due_on", "2025-05-30"), ("reason", "申请数量大")],
                today: "2025-04-08", door: "approvals", app: app)
            #expect(page.status == .unprocessableEntity)
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(r.dueOn == "2025-02-08" && r.isOverdue(today: "2025-04-08"))
        }
    }

    /// A correction received after its deadline is registered only with a reason (≤ 200 characters).
    @Test func aLateCorrectionIsRegisteredOnlyWithItsReason() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-09-02")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-09-02", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "request_correction"), ("sent_on", "2024-09-05"), ("deadline", "2024-09-20"),
                    ("items", "请写明所需文件的文号"),
                ], today: "2024-09-05", app: app)
            for reason in ["", String(repeating: "因", count: 201)] {
                let page = try await Self.step(
                    officer, id, [("action", "receive_correction"), ("received_on", "2024-09-27"), ("reason", reason)],
                    today: "2024-09-27", app: app)
                #expect(page.status == .unprocessableEntity)
            }
            #expect(try await DisclosureRequest.find(id, on: app.db)?.correctionReceivedOn == nil)
            let page = try await Self.step(
                officer, id,
                [
                    ("action", "receive_correction"), ("received_on", "2024-09-27"),
                    ("reason", "申请人住院，提交了医院证明"),
                ], today: "2024-09-27", app: app)
            #expect(page.status == .seeOther, "\(page.body.prefix(300))")
            let r = try #require(try await DisclosureRequest.find(id, on: app.db))
            #expect(r.correctionLateReason == "申请人住院，提交了医院证明")
            let shown = try await officer.get("/console/requests/\(id)")
            #expect(shown.body.contains("晚 7 天") && shown.body.contains("医院证明"))
        }
    }

    /// The hourly refresh moves an estimated due date with its own words, never "节假日安排变更":
    /// received 2024-04-01, letter posted 04-08 without a recorded receipt, refreshed 05-06 and 05-07.
    @Test func theHourlyRefreshDoesNotBlameHolidayChanges() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "send_consultation"), ("kind", "agency"), ("party", "县自然资源局"),
                    ("sent_on", "2024-04-08"),
                ], today: "2024-04-08", app: app)
            for today in ["2024-05-06", "2024-05-07"] {
                app.settings.fixedToday = CivilDate(iso: today)
                try await RequestService.refreshOpenRequests(
                    context: try await app.requestContext(), actor: .system,
                    phases: [.waitingOnThirdParty, .waitingOnFee], on: app.db)
            }
            let events = try await RequestEvent.query(on: app.db).filter(\.$request.$id == id).all()
            #expect(!events.contains { $0.summary.contains("节假日安排变更") || $0.kind == .deadlineRecomputed })
            #expect(events.contains { $0.kind == .deadlineUpdated && $0.summary.contains("尚未登记的收到日期的估算") })
        }
    }

    // MARK: a reply ordered by a corrective decision

    /// A case decided 结果纠正 twice (the first entry had the receipt of the decision wrong and
    /// missed its "15 日内"): the reopened request follows the second, with a history entry;
    /// once the new reply is made a further change is refused.
    @Test func aSecondCorrectiveDecisionReachesTheReopenedRequestWhileItIsOpen() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                    ("service_method", "direct"), ("served_on", "2024-04-20"),
                ], today: "2024-04-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-20")
            let caseID = try await Self.challenge(officer, county: county, about: id, filedOn: "2024-05-06", number: "测政复〔2024〕9号", app: app)
            let first = try await officer.post(
                "/console/challenges/\(caseID)",
                form: [
                    ("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-17"),
                ])
            #expect(first.status == .seeOther, "\(first.body.prefix(300))")
            try await officer.get("/console/challenges")
            let second = try await officer.post(
                "/console/challenges/\(caseID)",
                form: [
                    ("version", "2"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-03"),
                    ("ordered_days", "15"), ("ordered_days_kind", "calendar"), ("order_basis", "测政复〔2024〕9号决定书"),
                ])
            #expect(second.status == .seeOther, "\(second.body.prefix(300))")
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$relatedRequest.$id == id).first())
            #expect(reopened.receivedOn == "2024-06-03" && reopened.dueOn == "2024-06-18")
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).count() == 1)
            let amended = try await RequestEvent.query(on: app.db).filter(\.$request.$id == reopened.requireID()).filter(\.$kind == .orderAmended)
                .all()
            #expect(amended.count == 1 && amended[0].summary.contains("2024-06-17 → 2024-06-03"))
            // answered; then the decision's receipt cannot change any more
            try await Self.step(
                officer, try reopened.requireID(),
                [
                    ("action", "conclude"), ("outcome", "result_disclosed"), ("reply_type", "disclose"),
                    ("service_method", "direct"), ("served_on", "2024-06-20"),
                ], today: "2024-06-20", app: app)
            try await officer.get("/console/challenges")
            let third = try await officer.post(
                "/console/challenges/\(caseID)",
                form: [
                    ("version", "3"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-05"),
                ])
            #expect(third.status == .unprocessableEntity)
            #expect(third.body.contains("已于 2024-06-20 作出答复"))
            #expect(try #require(try await ChallengeCase.find(caseID, on: app.db)).decisionReceivedOn == "2024-06-03")
        }
    }

    /// A corrective decision received 2026-12-21, when no 2027 holiday notice is loaded, is
    /// recorded: the reopened request keeps the ordered period and says its date cannot be computed yet.
    @Test func aCorrectiveDecisionInLateDecemberIsRecordedWithoutNextYearsHolidays() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2026-11-02")
            let id = try await Self.register(officer, county: county, submittedOn: "2026-11-02", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                    ("service_method", "direct"), ("served_on", "2026-11-10"),
                ], today: "2026-11-10", app: app)
            app.settings.fixedToday = CivilDate(iso: "2026-12-21")
            let caseID = try await Self.challenge(officer, county: county, about: id, filedOn: "2026-11-20", number: "测政复〔2026〕9号", app: app)
            let page = try await officer.post(
                "/console/challenges/\(caseID)",
                form: [
                    ("version", "1"), ("result", "corrected"), ("decided_on", "2026-12-18"), ("decision_received_on", "2026-12-21"),
                    ("ordered_days", "15"), ("ordered_days_kind", "working"),
                ])
            #expect(page.status == .seeOther, "status \(page.status.code): \(page.body.prefix(200))")
            let c = try #require(try await ChallengeCase.find(caseID, on: app.db))
            #expect(c.orderedDays == 15 && c.orderedDaysKind == .working)
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first())
            #expect(reopened.receivedOn == "2026-12-21" && reopened.dueOn == nil)
            #expect(reopened.orderedDays == 15 && reopened.orderedDaysKind == .working)
            let shown = try await officer.get("/console/requests/\(try reopened.requireID())")
            #expect(shown.body.contains("2027 年没有国务院节假日安排"))
        }
    }

    /// An Art. 33 extension of a reply ordered by a decision is refused with the reason.
    @Test func anExtensionOfAnOrderedReplyIsRefused() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                    ("service_method", "direct"), ("served_on", "2024-04-20"),
                ], today: "2024-04-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-03")
            let caseID = try await Self.challenge(officer, county: county, about: id, filedOn: "2024-05-06", number: "测政复〔2024〕27号", app: app)
            _ = try await officer.post(
                "/console/challenges/\(caseID)",
                form: [
                    ("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-03"),
                    ("ordered_reply_on", "2024-06-18"), ("order_basis", "示政复〔2024〕27号"),
                ])
            let reopened = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).first()).requireID()
            let page = try await Self.step(
                officer, reopened, [("action", "request_extension"), ("days", "10"), ("reason", "材料多")],
                today: "2024-06-12", app: app)
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("不能依该条延长"))
        }
    }

    // MARK: validation

    /// A late confirmation's reason, typed at registration or in the confirmation step, is at
    /// most 200 characters; nothing is written otherwise.
    @Test func receiptDelayReasonsAreLimited() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-15")
            let long = String(repeating: "因", count: 201)
            let page = try await RequestFixtures.register(
                officer,
                RequestFixtures.registration(
                    channel: "post_unsigned", submittedOn: "2024-03-01",
                    receivedOn: "2024-03-15")
                    + [("receipt_delay_reason", long)], agency: county.bureau)
            #expect(page.status == .unprocessableEntity)
            #expect(try await DisclosureRequest.query(on: app.db).count() == 0)
            let id = try await Self.register(officer, county: county, channel: "post_unsigned", submittedOn: "2024-03-01", app: app)
            let confirmed = try await Self.step(
                officer, id, [("action", "confirm_receipt"), ("received_on", "2024-03-15"), ("reason", long)],
                today: "2024-03-15", app: app)
            #expect(confirmed.status == .unprocessableEntity)
            #expect(try await DisclosureRequest.find(id, on: app.db)?.receivedOn == nil)
        }
    }

    /// An ordinary letter that arrived 2019-05-14 and was confirmed 2019-05-15 was received on
    /// 2019-05-15 (Art. 31), under the 2019 Regulation.
    @Test func aLetterConfirmedOnTheFirstDayOfThe2019RegulationIsAccepted() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2019-05-15")
            let page = try await RequestFixtures.register(
                officer,
                RequestFixtures.registration(
                    channel: "post_unsigned", submittedOn: "2019-05-14",
                    receivedOn: "2019-05-15")
                    + [("receipt_delay_reason", "信件 14 日下班后送达，次日确认")], agency: county.bureau)
            #expect(page.status == .seeOther, "\(page.body.prefix(200))")
            let earlier = try await RequestFixtures.register(
                officer,
                RequestFixtures.registration(
                    channel: "post_unsigned", submittedOn: "2019-05-14",
                    receivedOn: "2019-05-14"), agency: county.bureau)
            #expect(earlier.status == .unprocessableEntity)
            #expect(earlier.body.contains("2007年《政府信息公开条例》"))
        }
    }

    /// Decision fields with a value the register does not know are refused (422), not read as a
    /// default: `ordered_days_kind` other than calendar/working, `as_co_defendant=yes`, and a
    /// corrective decision on a linked request without the day it was received.
    @Test(
        "unknown decision and registration values",
        arguments: [
            [("decision_received_on", "2024-06-03"), ("ordered_days", "15"), ("ordered_days_kind", "weeks")],
            [("decision_received_on", "2024-06-03"), ("ordered_days", "15")],
            [],
        ])
    func unknownDecisionValuesAreRefused(extra: [(String, String)]) async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                    ("service_method", "direct"), ("served_on", "2024-04-20"),
                ], today: "2024-04-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-20")
            let caseID = try await Self.challenge(officer, county: county, about: id, filedOn: "2024-05-06", number: "测政复〔2024〕9号", app: app)
            let page = try await officer.post(
                "/console/challenges/\(caseID)",
                form: [
                    ("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03"),
                ] + extra)
            #expect(page.status == .unprocessableEntity)
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).count() == 0)
            #expect(try #require(try await ChallengeCase.find(caseID, on: app.db)).result == .pending)
            let yes = try await officer.post(
                "/console/challenges",
                form: [
                    ("agency_id", String(try county.bureau.requireID())), ("kind", "litigation_after_review"), ("filed_on", "2024-05-06"),
                    ("body", "测试县人民法院"), ("as_co_defendant", "yes"),
                ])
            #expect(yes.status == .unprocessableEntity)
            #expect(try await ChallengeCase.query(on: app.db).count() == 1)
        }
    }

    /// The co-defendant flag is corrected on the register and through the API: version-checked,
    /// audited, sent back in the DTO; only a lawsuit after reconsideration may carry it.
    @Test func theCoDefendantFlagCanBeCorrected() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2025-02-10")
            try await officer.get("/console/challenges")
            _ = try await officer.post(
                "/console/challenges",
                form: [
                    ("agency_id", String(try county.bureau.requireID())), ("kind", "litigation_after_review"), ("filed_on", "2024-05-06"),
                    ("body", "测试县人民法院"), ("case_number", "（2024）测行初 5 号"),
                ])
            let id = try #require(try await ChallengeCase.query(on: app.db).first()).requireID()
            // the console: set it
            try await officer.get("/console/challenges")
            let set = try await officer.post("/console/challenges/\(id)/co-defendant", form: [("version", "1"), ("as_co_defendant", "true")])
            #expect(set.status == .seeOther, "\(set.body.prefix(300))")
            #expect(try await ChallengeCase.find(id, on: app.db)?.asCoDefendant == true)
            let t4 = try await RequestStatistics.challengeCounts(agencyIDs: [try county.bureau.requireID()], year: 2024, on: app.db)
            #expect(t4.t4Cells()[.t4("litigation_after_review", "total")] == 0)
            // a stale version is refused, an unknown value too
            try await officer.get("/console/challenges")
            #expect(
                try await officer.post("/console/challenges/\(id)/co-defendant", form: [("version", "1"), ("as_co_defendant", "false")]).status
                    == .conflict)
            #expect(
                try await officer.post("/console/challenges/\(id)/co-defendant", form: [("version", "2"), ("as_co_defendant", "yes")]).status
                    == .unprocessableEntity)
            // the API: clear it, and read it back
            let user = try await county.user("api.officer", [.caseOfficer], in: county.bureau, on: app)
            let (_, secret) = try await APITokenService.create(name: "t", userID: try user.requireID(), validDays: nil, by: .system, on: app.db)
            let api = TestClient(app)
            api.bearer = secret
            let cleared = try await api.api(
                .PUT, "/api/v1/challenges/\(id)/co-defendant", rawBody: #"{"version": 2, "as_co_defendant": false}"#,
                contentType: .json)
            #expect(cleared.status == .ok, "\(cleared.body.prefix(300))")
            #expect(cleared.body.contains("\"as_co_defendant\":false") && cleared.body.contains("\"version\":3"))
            let listed = try await api.api(.GET, "/api/v1/challenges").body
            #expect(listed.contains("\"as_co_defendant\":false"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entityType == AuditEntityType.challengeCase.rawValue).all()
            #expect(audit.filter { $0.summary.contains("更正为") }.count == 2)
        }
    }

    // MARK: worked examples through the platform

    /// Hostile decision fields are refused with a Chinese message (422) and nothing is written.
    @Test(
        "hostile decision fields",
        arguments: [
            [("ordered_days", "0")], [("ordered_days", "366")], [("ordered_days", "-5")], [("ordered_days", "99999999999999999999")],
            [("ordered_reply_on", "2024-02-30")], [("decision_received_on", "2024-06-02")], [("order_basis", String(repeating: "依", count: 10_000))],
            [("ordered_days", "15"), ("ordered_reply_on", "2024-06-18")], [("ordered_reply_on", "2024-06-01")],
            [("decision_received_on", "2099-01-01")],
        ])
    func hostileDecisionFieldsAreRefused(extra: [(String, String)]) async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-04-01")
            let id = try await Self.register(officer, county: county, submittedOn: "2024-04-01", app: app)
            try await Self.step(
                officer, id,
                [
                    ("action", "conclude"), ("outcome", "unable_not_held"), ("reply_type", "not_exist"),
                    ("service_method", "direct"), ("served_on", "2024-04-20"),
                ], today: "2024-04-20", app: app)
            app.settings.fixedToday = CivilDate(iso: "2024-06-20")
            let caseID = try await Self.challenge(officer, county: county, about: id, filedOn: "2024-05-06", number: "测政复〔2024〕9号", app: app)
            var form: [(String, String)] = [
                ("version", "1"), ("result", "corrected"), ("decided_on", "2024-06-03"), ("decision_received_on", "2024-06-03"),
            ]
            for (k, v) in extra { form.removeAll { $0.0 == k }; form.append((k, v)) }
            let page = try await officer.post("/console/challenges/\(caseID)", form: form)
            #expect(page.status == .unprocessableEntity)
            #expect(try await DisclosureRequest.query(on: app.db).filter(\.$source == .reopened).count() == 0)
            #expect(try #require(try await ChallengeCase.find(caseID, on: app.db)).result == .pending)
        }
    }

    /// Per-piece counts: a new month starts from zero. Same applicant: 2024-03-29 (12 pieces),
    /// 2024-04-01 (15 pieces → pieces 1–15 of April: 5 × 100 = 500 元, not 1,500).
    /// Hostile earlier_this_month values are refused (422) and write nothing.
    @Test func piecesStartFromZeroInANewMonthAndHostileCountsAreRefused() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2024-03-29")
            let head = try await Self.head(county, app: app)
            let march = try await Self.register(officer, county: county, submittedOn: "2024-03-29", description: "县城区道路照明工程合同", app: app)
            try await Self.step(
                head, march, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "12"), ("sent_on", "2024-03-29")],
                today: "2024-03-29", door: "approvals", app: app)
            let april = try await Self.register(officer, county: county, submittedOn: "2024-04-01", description: "县第三小学扩建工程环评报告", app: app)
            for (value, reason) in [("-1", ""), ("100001", ""), ("99999999999999999999", ""), ("3", "   ")] {
                let bad = try await Self.step(
                    head, april,
                    [
                        ("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "5"), ("sent_on", "2024-04-02"),
                        ("earlier_this_month", value), ("earlier_reason", reason),
                    ],
                    today: "2024-04-02", door: "approvals", app: app)
                #expect(bad.status == .unprocessableEntity, "earlier_this_month \(value)")
            }
            #expect(try await RequestFeeNotice.query(on: app.db).filter(\.$request.$id == april).count() == 0)
            let ok = try await Self.step(
                head, april, [("action", "send_fee_notice"), ("method", "pieces"), ("quantity", "15"), ("sent_on", "2024-04-02")],
                today: "2024-04-02", door: "approvals", app: app)
            #expect(ok.status == .seeOther, "\(ok.body.prefix(300))")
            let fee = try #require(try await RequestFeeNotice.query(on: app.db).filter(\.$request.$id == april).first())
            #expect(fee.earlierThisMonth == 0 && fee.amount == 500)  // pieces 11–15 of April; 1,500 if March counted
        }
    }

    /// A request open across two year-ends is carried over twice and counted once as a result:
    /// received 2023-12-20, concluded 2025-01-10.
    @Test func aRequestOpenAcrossTwoYearEndsIsCarriedOverTwiceAndCountedOnce() async throws {
        try await withTestApp { app in
            let (county, officer) = try await RequestFixtures.officer(app, today: "2023-12-20")
            let id = try await Self.register(officer, county: county, submittedOn: "2023-12-20", app: app)
            let agency = [try county.bureau.requireID()]
            // deferral (Art. 35) so that it is not simply overdue: set before the due date 2024-01-18
            let head = try await Self.head(county, app: app)
            let deferred = try await Self.step(
                head, id, [("action", "set_deferral"), ("on", "2024-01-10"), ("due_on", "2025-01-10"), ("reason", "数量巨大")],
                today: "2024-01-10", door: "approvals", app: app)
            #expect(deferred.status == .seeOther, "\(deferred.body.prefix(300))")
            try await Self.step(
                officer, id,
                [
                    ("action", "conclude"), ("outcome", "result_disclosed"), ("reply_type", "disclose"),
                    ("service_method", "direct"), ("served_on", "2025-01-10"),
                ], today: "2025-01-10", app: app)
            let expected: [Int: (Int, Int, Int, Int)] = [2023: (1, 0, 0, 1), 2024: (0, 1, 0, 1), 2025: (0, 1, 1, 0)]
            for (year, e) in expected {
                let r = try await RequestStatistics.report(agencyIDs: agency, year: year, on: app.db)
                let got = ["new_received", "carried_over_in", "result_total", "carried_over_out"].map { r.t3($0, "total") ?? -1 }
                #expect(got == [e.0, e.1, e.2, e.3].map { Decimal($0) }, "\(year)")
                #expect(CrossChecks.run(r).findings.isEmpty)
            }
        }
    }
}
