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
            let withheld = try await Self.step(officer, id, [("action", "conclude"), ("outcome", "withheld_third_party_rights"),
                                                             ("reply_type", "withhold"), ("service_method", "direct"),
                                                             ("served_on", "2023-11-20")], today: "2023-11-20", app: app)
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
            let decided = try await officer.post("/console/challenges/\(try c.requireID())", form: [
                ("version", "1"), ("result", "corrected"), ("decided_on", "2024-03-01")])
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
}
