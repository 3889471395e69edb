import Foundation
import GongkaiCore
@testable import GongkaiServer
import Testing

/// Key pages rendered from fixed models (no database, no clock) and compared with the stored
/// HTML in Snapshots/. A change to a view, a layout or a label shows as a failing test with the
/// first differing line; an intended change is recorded again with GONGKAI_RECORD_SNAPSHOTS=1
/// (see docs/testing.md) and reviewed in the diff.
@Suite("Page snapshots")
struct ViewSnapshotTests {
    // MARK: fixed values

    static let calendar = WorkingDayCalendar()

    /// A case officer who is also the office head: sees every action and approval.
    static func officer(_ section: ConsoleSection, flash: String? = nil) -> ConsoleContext {
        ConsoleContext(
            displayName: "李承办", username: "li.chengban", permissions: Role.caseOfficer.permissions.union(Role.officeHead.permissions),
            csrfToken: "csrf-fixed-token", flash: flash, section: section)
    }

    /// A supervisor: may look at requests, may not handle them.
    static func supervisor(_ section: ConsoleSection) -> ConsoleContext {
        ConsoleContext(
            displayName: "周监督", username: "zhou.jiandu", permissions: Role.supervisor.permissions,
            csrfToken: "csrf-fixed-token", section: section)
    }

    static let portalAgency = PortalLayout.Agency(
        name: "测试县教育局", code: "t-edu", address: "测试县城关镇人民路 1 号", phone: "0991-1234567",
        officeHours: "工作日 9:00–12:00，13:30–17:30", contactEmail: "gongkai@edu.example.gov.cn")

    /// The request page's model for a timeline on `today`: a request of the county's education
    /// bureau, with the defaults of a staff registration.
    static func request(
        _ timeline: RequestTimeline, today: String, channel: RequestChannel = .inPerson,
        context: ConsoleContext = officer(.requests), canHandle: Bool = true, canApprove: Bool = true,
        configure: (inout RequestShowPage.Model) -> Void = { _ in }
    ) -> RequestShowPage.Model {
        let day = CivilDate(iso: today)!
        let clock = RequestClock.evaluate(timeline, calendar: calendar, rules: ClockRules(), today: day)
        var model = RequestShowPage.Model(
            context: context, id: 42, version: 3, trackingNumber: "YS2024030100042", agencyName: "测试县教育局",
            channel: channel, source: .staff, submittedOn: "2024-03-01", receivedOn: timeline.receivedOn?.iso,
            applicantKind: .naturalPerson, applicantName: "王小明", idTypeLabel: IdentityDocumentType.residentID.chineseLabel,
            idNumber: Masking.idNumber(RequestFixtures.idNumber), contactPerson: "", phone: Masking.phone("13812345678"),
            email: "wxm@example.com", address: "测试县城关镇人民路 1 号", revealed: false,
            description: "2023年城区道路改造工程的立项批复文件", documentNumber: "测发改〔2023〕12号", provision: "电子，电子邮件",
            officerName: "李承办", officers: [(7, "李承办（测试县教育局）"), (8, "赵承办（测试县教育局）")], clock: clock,
            consultations: [], fees: [], extensionRequested: nil, extensionGranted: false, outcome: nil, replyType: nil,
            letterNumber: nil, events: [("2024-03-01", "李承办", "登记申请（当面提交）")], attachments: [], related: [],
            canHandle: canHandle, canApprove: canApprove, today: day, rules: ClockRules(), uploadLimit: "10 MB")
        configure(&model)
        return model
    }

    // MARK: the request page in each state

    @Test func requestAwaitingReceipt() {
        // given an internet application whose receipt is not yet confirmed
        let model = Self.request(RequestTimeline(receivedOn: nil), today: "2024-03-04", channel: .internet) { m in
            m.source = .publicForm
        }
        // when it is rendered
        let html = RequestShowPage.View(model: model).render()
        // then the only step offered is to confirm receipt (or record a withdrawal)
        #expect(html.contains("待确认（"))
        #expect(html.contains("value=\"confirm_receipt\""))
        #expect(!html.contains("value=\"conclude\""))
        Snapshot.assertMatches(html, named: "request-awaiting-receipt")
    }

    @Test func requestRunningWithAnOpenConsultationAndAnExtensionRequest() {
        // given a request received Mon 2024-04-01, an agency consulted on 04-08 and not yet answered,
        // and an extension asked for; seen on 04-15 by an officer who is also the office head
        var timeline = RequestTimeline(receivedOn: CivilDate(iso: "2024-04-01"))
        timeline.consultations = [.init(id: "5", party: "县财政局", kind: .agency, sentOn: CivilDate(iso: "2024-04-08")!)]
        let model = Self.request(timeline, today: "2024-04-15") { m in
            m.consultations = [
                (
                    5, "县财政局", RequestTimeline.ConsultationKind.agency.chineseLabel, "2024-04-08", nil,
                    m.clock.consultationDeadlines["5"]?.iso ?? "—", nil, ""
                )
            ]
            m.extensionRequested = (15, "需向多个部门调取档案")
            m.events += [("2024-04-08", "李承办", "征求县财政局意见"), ("2024-04-12", "李承办", "申请延长答复期限 15 个工作日")]
        }
        // when it is rendered
        let html = RequestShowPage.View(model: model).render()
        // then the due date is provisional, the consultation can be answered and the head can approve
        #expect(model.clock.phase == .waitingOnThirdParty)
        #expect(html.contains("（按最迟答复日计）"))
        #expect(html.contains("登记县财政局的答复"))
        #expect(html.contains("批准延长 15 个工作日"))
        Snapshot.assertMatches(html, named: "request-running-consultation")
    }

    @Test func requestWaitingForACorrection() {
        // given a correction notice sent on 2023-09-25 with a deadline of 10-20, seen on 10-08
        var timeline = RequestTimeline(receivedOn: CivilDate(iso: "2023-09-20"))
        timeline.correction = .init(sentOn: CivilDate(iso: "2023-09-25")!, deadline: CivilDate(iso: "2023-10-20")!)
        let model = Self.request(timeline, today: "2023-10-08")
        // when it is rendered
        let html = RequestShowPage.View(model: model).render()
        // then the clock waits for the applicant and the correction's receipt is the open form
        #expect(model.clock.phase == .waitingOnApplicant)
        #expect(html.contains("value=\"receive_correction\""))
        Snapshot.assertMatches(html, named: "request-waiting-on-applicant")
    }

    @Test func requestOverdueWithAnOutstandingFee() {
        // given a request received 2024-01-02 with an unpaid fee notice, seen on 2024-03-01
        var timeline = RequestTimeline(receivedOn: CivilDate(iso: "2024-01-02"))
        timeline.feeNotices = [
            .init(
                sentOn: CivilDate(iso: "2024-01-10")!, applicantReceivedOn: CivilDate(iso: "2024-01-12"), amount: 100,
                paidOn: CivilDate(iso: "2024-01-20"))
        ]
        let model = Self.request(timeline, today: "2024-03-01") { m in
            m.fees = [(3, "按量计收：共 120 页，100 元", "2024-01-10", "2024-01-12", "已缴（2024-01-20，票据 PJ-0001）", false, true)]
        }
        // when it is rendered
        let html = RequestShowPage.View(model: model).render()
        // then it is marked overdue with the days counted
        #expect(model.clock.isOverdue)
        #expect(html.contains("phase overdue"))
        Snapshot.assertMatches(html, named: "request-overdue-fee")
    }

    @Test func requestConcludedSeenByASupervisor() {
        // given a request answered on 2024-03-20 with a letter, an attachment and a related request,
        // seen by a supervisor who may not handle it
        var timeline = RequestTimeline(receivedOn: CivilDate(iso: "2024-03-01"))
        timeline.concludedOn = CivilDate(iso: "2024-03-20")
        let model = Self.request(timeline, today: "2024-04-01", context: Self.supervisor(.requests), canHandle: false, canApprove: false) { m in
            m.outcome = .disclosed
            m.replyType = .disclose
            m.letterNumber = "测教公开〔2024〕3号"
            m.attachments = [(9, "申请书扫描件.pdf", 204_800)]
            m.related = [(40, "YS2024020100040")]
            m.events += [("2024-03-20", "李承办", "作出答复：予以公开（邮寄）")]
        }
        // when it is rendered
        let html = RequestShowPage.View(model: model).render()
        // then there is no step to take, the letter can be printed and the identity number stays masked
        #expect(model.clock.concludedOnTime == true)
        #expect(!html.contains("actions-panel"))
        #expect(html.contains("答复书（打印）"))
        #expect(!html.contains(RequestFixtures.idNumber))
        Snapshot.assertMatches(html, named: "request-concluded")
    }

    @Test func requestWhoseDueDateFallsInAYearWithoutASchedule() {
        // given a request received 2026-12-10: its 20 working days run into 2027, whose holidays are not known
        let model = Self.request(RequestTimeline(receivedOn: CivilDate(iso: "2026-12-10")), today: "2026-12-15")
        // when it is rendered
        let html = RequestShowPage.View(model: model).render()
        // then the page says why there is no due date
        let problem = try? #require(model.clock.problem)
        #expect(problem.map { html.contains(Node.escape($0)) } == true)
        Snapshot.assertMatches(html, named: "request-clock-problem")
    }

    // MARK: lists

    @Test func requestWorkList() {
        // given the open list of two requests, one overdue, on page 1 of 3
        let rows: [RequestIndexPage.Row] = [
            .init(
                id: 41, trackingNumber: "YS2024010200041", applicant: "王小明", description: "2023年城区道路改造工程的立项批复文件",
                channel: RequestChannel.inPerson.chineseLabel, receivedOn: "2024-01-02", phase: .running, overdue: true,
                dueOn: "2024-01-31", remaining: "—", officer: "李承办"),
            .init(
                id: 42, trackingNumber: "YS2024030100042", applicant: "某某律师事务所", description: "2024年义务教育阶段招生计划",
                channel: RequestChannel.internet.chineseLabel, receivedOn: "待确认", phase: .awaitingReceipt, overdue: false,
                dueOn: "—", remaining: "—", officer: "—"),
        ]
        let model = RequestIndexPage.Model(
            context: Self.officer(.requests), filter: .open, search: "道路", rows: rows, total: 120, page: 1, canRegister: true,
            counts: [.open: 120, .dueSoon: 4, .overdue: 1, .waitingOnApplicant: 2, .waitingOnThirdParty: 0, .awaitingReceipt: 9])
        // when it is rendered
        let html = RequestIndexPage.View(model: model).render()
        // then the overdue row and the overdue tab stand out and the pages link on with the search kept
        #expect(html.contains("<tr class=\"overdue\">"))
        #expect(html.contains("count alert"))
        #expect(html.contains("page=2"))
        Snapshot.assertMatches(html, named: "request-index")
    }

    @Test func challengeRegister() {
        // given a decided reconsideration that reopened a request, and a pending lawsuit
        let rows: [ChallengeIndexPage.Row] = [
            .init(
                id: 1, version: 2, agency: "测试县教育局", kind: .reconsideration, filedOn: "2024-05-06", body: "测试县人民政府",
                caseNumber: "测府复〔2024〕8号", result: .corrected, decidedOn: "2024-07-01", summary: "答复理由不充分",
                request: (41, "YS2024010200041"), reopened: (55, "YS2024070100055"),
                orderedPeriod: "在收到决定（判决生效）之日（2024-07-03）后 15 日内", asCoDefendant: false, canDecide: true),
            .init(
                id: 2, version: 1, agency: "测试县教育局", kind: .litigationDirect, filedOn: "2024-08-12", body: "测试县人民法院",
                caseNumber: "", result: .pending, decidedOn: nil, summary: "", request: nil, reopened: nil, asCoDefendant: false,
                canDecide: false),
            .init(
                id: 3, version: 1, agency: "测试县人民政府", kind: .litigationAfterReconsideration, filedOn: "2024-09-02", body: "测试县人民法院",
                caseNumber: "（2024）测行初 5 号", result: .pending, decidedOn: nil, summary: "", request: nil, reopened: nil,
                asCoDefendant: true, canDecide: true),
        ]
        let model = ChallengeIndexPage.Model(
            context: Self.officer(.challenges), year: 2024, rows: rows, agencies: [("2", "测试县教育局"), ("3", "城关镇")],
            values: FormFields(["kind": ["admin_review"]]), errors: ["filed_on": "请填写立案日期"], error: nil,
            today: CivilDate(iso: "2024-09-02")!)
        // when it is rendered
        let html = ChallengeIndexPage.View(model: model).render()
        // then the reopened request is linked and the registration form shows its error
        #expect(html.contains("重新办理："))
        #expect(html.contains("请填写立案日期"))
        Snapshot.assertMatches(html, named: "challenge-index")
    }

    @Test func yearStatistics() {
        // given a year's counts that add up (R1–R5 hold)
        var counts = RequestYearCounts()
        counts.newReceived = [.naturalPerson: 10, .legalServiceOrg: 2]
        counts.carriedOverIn = [.naturalPerson: 1]
        counts.results = [.disclosed: [.naturalPerson: 6, .legalServiceOrg: 1], .unableNotHeld: [.naturalPerson: 3]]
        counts.carriedOverOut = [.naturalPerson: 2, .legalServiceOrg: 1]
        var challenges = ChallengeYearCounts()
        challenges.counts = [.reconsideration: [.upheld: 1, .pending: 1]]
        var cells = counts.t3Cells(.v2021)
        cells.merge(challenges.t4Cells()) { a, _ in a }
        let report = AnnualReport(formatVersion: .v2021, year: 2024, cells: cells)
        let checks = CrossChecks.run(report)
        let model = StatisticsPage.Model(
            context: Self.officer(.statistics), year: 2024, agencyID: 2, includeSubtree: true,
            agencies: [(1, "测试县人民政府"), (2, "测试县教育局")], report: report, checks: checks)
        // when it is rendered
        let html = StatisticsPage.View(model: model).render()
        // then the cross-checks pass and both tables are shown
        #expect(checks.findings.isEmpty)
        #expect(html.contains("class=\"checks\""))
        Snapshot.assertMatches(html, named: "statistics")
    }

    @Test func auditLog() {
        // given one entry with changes and a filter by entity type, on page 2 of 2
        let rows: [AuditPage.Row] = [
            .init(
                id: 901, at: "2024-04-15 09:30:12", actor: "李承办", action: AuditAction.allCases.first?.chineseLabel ?? "",
                entity: "\(AuditEntityType.allCases.first?.chineseLabel ?? "") #42", summary: "修改承办人",
                changes: [("case_officer_id", "7", "8")], requestID: "req-0001", ipAddress: "127.0.0.1")
        ]
        let auditor = ConsoleContext(
            displayName: "钱审计", username: "qian.shenji", permissions: Role.auditor.permissions,
            csrfToken: "csrf-fixed-token", section: .audit)
        let model = AuditPage.Model(
            context: auditor,
            filters: [
                "entity_type": AuditEntityType.allCases.first?.rawValue ?? "", "entity_id": "",
                "action": "", "actor": "", "from": "", "through": "",
            ],
            rows: rows, total: 51, page: 2, pageCount: 2,
            entityTypes: AuditEntityType.allCases.map { ($0.rawValue, $0.chineseLabel) },
            actions: AuditAction.allCases.map { ($0.code, $0.chineseLabel) })
        // when it is rendered
        let html = AuditPage.View(model: model).render()
        // then the change is shown before and after, and the previous page keeps the filter
        #expect(html.contains("<del>7</del>"))
        #expect(html.contains("上一页"))
        Snapshot.assertMatches(html, named: "audit")
    }

    // MARK: the portal

    @Test func portalHome() {
        // given an agency with a parent, two children of different kinds and one publication
        let item = PortalListQuery.Item(
            id: 7, title: "测试县教育局2024年义务教育招生工作方案", agencyName: "测试县教育局", agencyCode: "t-edu",
            indexNumber: "TEDU-03-2024-0007", documentNumber: "测教〔2024〕5号", writtenOn: CivilDate(iso: "2024-03-01"),
            publishedOn: CivilDate(iso: "2024-03-04")!, category: .catalogue, normativeKind: nil, validity: nil, validUntil: nil)
        let model = PortalHomePage.Model(
            agency: Self.portalAgency, display: .standard, kind: .department, officeHours: Self.portalAgency.officeHours,
            contactName: "张老师", contactPhone: "0991-7654321", parent: (name: "测试县人民政府", code: "t-gov"),
            children: [(kind: .township, name: "城关镇人民政府", code: "t-town"), (kind: .other, name: "测试县第一中学", code: "t-school")],
            latest: [item], byCategory: PublicationCategory.allCases.map { ($0, $0 == .catalogue ? [item] : []) },
            interpretations: [], topics: [], coversSubtree: false)
        // when it is rendered
        let html = PortalHomePage.View(model: model).render()
        // then the latest publication, the apply link, the guide and the children by kind are shown
        #expect(html.contains("href=\"/publications/7\""))
        #expect(html.contains("href=\"/agencies/t-edu/apply\""))
        #expect(html.contains("href=\"/agencies/t-edu/guide\""))
        #expect(html.contains("乡镇（街道）政府信息公开"))
        Snapshot.assertMatches(html, named: "portal-home")
    }

    @Test func portalGuide() {
        // given an agency's guide and its contacts
        let model = PortalGuidePage.Model(
            agency: Self.portalAgency, display: .standard, paragraphs: ["一、公开的主体和范围", "二、依申请公开的程序"],
            officeHours: Self.portalAgency.officeHours, contactName: "张老师", contactPhone: "0991-7654321")
        // when it is rendered
        let html = PortalGuidePage.View(model: model).render()
        // then the paragraphs and the contact are shown
        #expect(html.contains("二、依申请公开的程序"))
        #expect(html.contains("张老师"))
        Snapshot.assertMatches(html, named: "portal-guide")
    }

    @Test func portalApplyFormWithErrors() {
        // given a submitted form with a name and an invalid identity number
        let values = RequestFormViews.Values(
            fields: FormFields(["applicant_name": ["王小明"], "id_number": ["110105194912310021"], "description": ["2023年财政预算"]]),
            errors: ["id_number": "居民身份证号码校验位不正确"])
        let model = PortalApplyPage.Model(agency: Self.portalAgency, csrfToken: "csrf-fixed-token", values: values, replyDays: ClockRules().replyDays)
        // when it is rendered
        let html = PortalApplyPage.render(model)
        // then the values are kept and the error is next to its field
        #expect(html.contains("value=\"王小明\""))
        #expect(html.contains("居民身份证号码校验位不正确"))
        Snapshot.assertMatches(html, named: "portal-apply")
    }

    @Test func portalTrackingResult() {
        // given a request's public status with its steps
        let status = PublicRequestStatus(
            trackingNumber: "YS2024030100042", agencyName: "测试县教育局", submittedOn: CivilDate(iso: "2024-03-01")!,
            receivedOn: CivilDate(iso: "2024-03-04"), status: "running", statusLabel: ClockState.Phase.running.chineseLabel,
            dueOn: CivilDate(iso: "2024-04-01"), concludedOn: nil, reply: nil,
            steps: [.init(date: CivilDate(iso: "2024-03-01")!, label: "提交申请"), .init(date: CivilDate(iso: "2024-03-04")!, label: "确认收到申请")])
        let model = PortalTrackPage.Model(csrfToken: "csrf-fixed-token", trackingNumber: "YS2024030100042", status: status, error: nil)
        // when it is rendered
        let html = PortalTrackPage.render(model)
        // then the due date and the steps are shown, never the phone number field's value
        #expect(html.contains("2024-04-01"))
        #expect(html.contains("name=\"phone_last4\" id=\"f-phone_last4\" value=\"\""))
        Snapshot.assertMatches(html, named: "portal-track")
    }

    @Test func loginWithAnError() {
        // given a failed sign-in that came from a console page
        let model = LoginPage.Model(username: "li.chengban", next: "/console/requests", error: "用户名或密码不正确", csrfToken: "csrf-fixed-token")
        // when it is rendered
        let html = LoginPage.View(model: model).render()
        // then the user name is kept, the password is not, and the target is carried on
        #expect(html.contains("value=\"li.chengban\""))
        #expect(html.contains("name=\"next\" value=\"/console/requests\""))
        Snapshot.assertMatches(html, named: "login")
    }

    @Test func dashboard() {
        // given a case officer's dashboard on a working day, with a flash message
        let model = DashboardPage.Model(
            context: Self.officer(.dashboard, flash: "密码已修改"), agencyName: "测试县教育局", roles: ["承办人", "负责人"],
            today: CivilDate(iso: "2024-04-15")!, todayIsWorkingDay: true,
            areas: [
                .init(title: "主动公开", description: "信息发布、审核与保密审查。", href: nil, status: "建设中"),
                .init(
                    title: "依申请公开", description: "各渠道登记申请，按法定工作日计时。", href: SiteURL.requests.path, status: nil,
                    summary: "办理中 12 · 5 个工作日内到期 3 · 已逾期 1"),
                .init(title: "工作日历", description: "法定节假日与调休安排。", href: SiteURL.calendar(year: nil).path, status: nil),
            ])
        // when it is rendered
        let html = DashboardPage.View(model: model).render()
        // then today is named with its weekday and the navigation highlights the dashboard
        #expect(html.contains("今天是 2024年4月15日（星期一），工作日"))
        #expect(html.contains("aria-current=\"page\""))
        Snapshot.assertMatches(html, named: "dashboard")
    }

    // MARK: the snapshot helper itself

    @Test func theFirstDifferenceIsReportedByLine() {
        // given a stored page and a rendered one that differ in the second tag
        let stored = Snapshot.layout("<p>a</p><p>b</p>"), rendered = Snapshot.layout("<p>a</p><p>c</p>")
        // when they are compared
        let difference = Snapshot.firstDifference(expected: stored, actual: rendered)
        // then line 2 is named with both versions, and equal pages have no difference
        #expect(difference == Snapshot.Difference(line: 2, expected: "<p>b</p>", actual: "<p>c</p>"))
        #expect(Snapshot.firstDifference(expected: stored, actual: stored) == nil)
        #expect(Snapshot.firstDifference(expected: stored, actual: Snapshot.layout("<p>a</p>"))?.expected == "<p>b</p>")
    }

    @Test func theFileLayoutPutsEachTagOnALine() {
        // given a page on one line, with a line break inside a text
        let page = "<!DOCTYPE html><html><body><pre>a\nb</pre><p>x</p></body></html>"
        // when it is laid out for the file
        let file = Snapshot.layout(page)
        // then the tags are on lines of their own, the text keeps its line break, and nothing else changed
        #expect(file == "<!DOCTYPE html>\n<html>\n<body>\n<pre>a\nb</pre>\n<p>x</p>\n</body>\n</html>\n")
        #expect(file.replacingOccurrences(of: "\n", with: "") == page.replacingOccurrences(of: "\n", with: ""))
    }
}
