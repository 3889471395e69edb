import Fluent
import Foundation
import GongkaiCore
import NIOCore
@testable import GongkaiServer
import Testing
import Vapor

/// What an outside review of issue #13 (the annual report) found, as it holds now: the defects
/// it reported, fixed, and the claims it checked and found to hold.
@Suite("Annual report: the review's findings")
struct ReportReviewFixesTests {
    static func fixedDay(_ s: inout Settings) { s.fixedToday = ReportFixture.today }

    /// One public message for the agency, received on `received` and completed two days later.
    static func message(agencyID: Int, received: CivilDate, number: Int, on app: Application) async throws {
        _ = try await MessageChannels.list(agencyID: agencyID, on: app.db)
        let m = PublicMessage()
        m.version = 1
        m.$agency.id = agencyID
        m.trackingNumber = "RF-\(number)"
        m.source = .staff
        m.channelName = "12345热线"
        m.channelKind = .hotline12345
        m.kind = .help
        m.senderName = "某"
        m.senderPhone = "13800000000"
        m.subject = "第 \(number) 件"
        m.content = "内容"
        m.publicationAllowed = false
        m.receivedOn = received
        m.receivedAt = AuditQuery.instant(startOf: received).addingTimeInterval(3600)
        m.timeLimitDays = 15
        m.timeLimitBasis = "测试"
        m.status = .completed
        m.assignedUnit = ""
        m.reply = ""
        m.completedOn = received.adding(days: 2)
        m.onTime = true
        m.handlingDays = 2
        m.publication = .notAllowed
        try await m.create(on: app.db)
    }

    static func edit(_ f: ReportFixture, _ report: AgencyReport, _ fields: [String: [String]], by username: String) async throws -> AgencyReport {
        let current = try await AgencyReport.find(try report.requireID(), on: f.app.db)!
        var all = fields
        all["version"] = [String(current.version)]
        return try await ReportService.edit(try report.requireID(), fields: FormFields(all), staff: try await f.staff(username),
                                            by: f.actor(username), on: f.app.db)
    }

    static let overview = "（一）主动公开\n本年度主动公开政府信息。\n（二）依申请公开\n全年共收到政府信息公开申请{{requests.new_received}}件。"
        + "\n（三）政府信息管理\n开展公开属性源头认定。\n（四）政府信息公开平台建设\n维护政府网站。\n（五）监督保障\n开展培训。"

    // MARK: - Fixed

    /// Review 12g: the draft decides whether to quote the messages' figures over the agency and
    /// the agencies under it (a county-wide report quotes the subtree's), not the agency alone:
    /// the county's messages are kept by its township here.
    @Test func aCountysDraftQuotesTheMessagesItsTownshipKeeps() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app, requests: 0)
            try await f.county.user("gov.writer", [.publisher], in: f.county.government, on: app)
            try await f.county.user("edu.writer", [.publisher], in: f.county.bureau, on: app)
            try await Self.message(agencyID: f.township, received: "2025-05-06", number: 1, on: app)
            let county = try await ReportService.start(
                agencyID: f.government, year: 2025, staff: try await f.staff("gov.writer"),
                today: ReportFixture.today, by: f.actor("gov.writer"), on: app.db)
            #expect(county.overview.contains("全年受理群众来信来电"), "\(county.overview)")
            let bureau = try await ReportService.start(
                agencyID: f.bureau, year: 2025, staff: try await f.staff("edu.writer"),
                today: ReportFixture.today, by: f.actor("edu.writer"), on: app.db)
            #expect(!bureau.overview.contains("全年受理群众来信来电"), "the bureau keeps no messages here: \(bureau.overview)")
        }
    }

    /// The county (no supervising agency) may draft its report on 2026 on 10 February 2026, but
    /// not publish it: Art. 49 reports the *previous* year; table 二's figures are "as of 31
    /// December" (statute §2.8). Submit, approve and publish wait until the year is over.
    @Test func aReportOnAYearThatHasNotEndedIsNotPublished() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            let today: CivilDate = "2026-02-10"
            do {
                try await f.enterFigures(agencyID: f.government, year: 2026, by: "gov.head")
                let report = try await f.writtenReport(agencyID: f.government, year: 2026, by: "gov.head")
                _ = try await f.step(report, .publish, by: "gov.head", today: today)
            } catch {}
            let published = try await PublishedReportQuery.latest(agencyID: f.government, year: 2026, on: app.db)
            #expect(published == nil, "a report on 2026 was published on \(today.iso), before the year ended")
        }
    }

    /// The snapshot taken at submission covers the text as published and the live figures, not
    /// only the cells: a message entered after approval changes "来信来电1件" to "2件", and
    /// publication is refused (records_changed). docs/annual-report.md: "What was approved is
    /// what is published".
    @Test func aLiveFigureChangedAfterApprovalStopsPublication() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await Self.message(agencyID: f.township, received: "2025-05-06", number: 1, on: app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await Self.edit(f, report, ["overview": [Self.overview.replacingOccurrences(
                of: "维护政府网站。", with: "维护政府网站，全年受理群众来信来电{{messages.received}}件。")]], by: "town.writer")
            let approvedText = try await f.composed(report).report.sections[.overview]!
            #expect(approvedText.contains("来信来电1件"))
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            // a message received in 2025 is entered after the approval
            try await Self.message(agencyID: f.township, received: "2025-06-07", number: 2, on: app)
            let error = await #expect(throws: AppError.self, "the text changed after approval, yet publication went ahead") {
                _ = try await f.step(report, .publish, by: "town.head")
            }
            #expect(error?.code == "records_changed")
            if let published = try await PublishedReportQuery.latest(agencyID: f.township, year: 2025, on: app.db) {
                let text = try published.document.sections["s1_overview"] ?? ""
                #expect(text == approvedText, "approved: …来信来电1件; published: \(text.contains("来信来电2件") ? "…来信来电2件" : text)")
            }
        }
    }

    /// Section 六 is written once, when the draft is generated; a fee paid later leaves it
    /// saying "本年度未收取政府信息公开信息处理费" while the fee records say 100 元: that is an
    /// error, and so is another amount; regenerating the statement from the records clears it.
    @Test func sectionSixDenyingFeesTheRecordsShowIsAnError() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            let report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            // a fee notice on one of the township's requests, paid in 2025
            let request = try #require(try await DisclosureRequest.query(on: app.db).filter(\.$agency.$id == f.township).first())
            let fee = RequestFeeNotice()
            fee.$request.id = try request.requireID()
            fee.method = .pages; fee.quantity = 120; fee.earlierThisMonth = 0; fee.amount = 100
            fee.breakdown = "按量计收 120 页"; fee.sentOn = "2025-06-02"; fee.applicantReceivedOn = "2025-06-02"; fee.paidOn = "2025-06-10"
            fee.receiptNumber = "PJ-1"; fee.approvedBy = "负责人"
            try await fee.create(on: app.db)
            let composed = try await f.composed(report)
            #expect(composed.liveValues[.feesCollected] == "100")
            #expect(composed.feeStatement.contains("100 元"))
            let six = composed.report.sections[.other] ?? ""
            let mayGoOn = composed.readiness.errors.isEmpty && composed.unacknowledged.isEmpty
            #expect(!(six.contains("未收取") && mayGoOn),
                    "section 六 says “\(six)” although 100 元 was collected, and the report may be submitted")
            #expect(composed.readiness.errors.contains { $0.rule == "F1" })
            // another amount is an error too
            var edited = try await Self.edit(f, report, ["other_matters": ["本年度收取信息处理费 1 件，共计 80 元。"]], by: "town.writer")
            #expect(try await f.composed(edited).readiness.errors.contains { $0.rule == "F1" })
            // the statement rewritten from the records: no fee finding remains
            edited = try await Self.edit(f, edited, ["regenerate_fee_statement": ["1"]], by: "town.writer")
            #expect(edited.otherMatters == composed.feeStatement)
            let regenerated = try await f.composed(edited).readiness
            #expect(!(regenerated.errors + regenerated.warnings).contains { $0.rule == "F1" })
            // a statement of the right amount in other words is a warning to acknowledge
            edited = try await Self.edit(f, edited, ["other_matters": ["本年度共收取信息处理费100元。"]], by: "town.writer")
            let worded = try await f.composed(edited).readiness
            #expect(!worded.errors.contains { $0.rule == "F1" })
            #expect(worded.warnings.contains { $0.rule == "F1" })
            // "未收费" without the word 处理费, and silence about fees, are errors too
            for text in ["本年度未收费。", "本年度无其他需要报告的事项。"] {
                edited = try await Self.edit(f, edited, ["other_matters": [text]], by: "town.writer")
                #expect(try await f.composed(edited).readiness.errors.contains { $0.rule == "F1" }, "\(text)")
            }
        }
    }

    /// A year that has not begun has no report: `gongkai report show` refuses it (exit 1).
    @Test func reportShowRefusesAYearThatHasNotBegun() async throws {
        var settings = Settings()
        settings.fixedToday = CivilDate(year: 2026, month: 2, day: 10)
        var refusal: String?
        do {
            _ = try await Operations.reportDocument(settings, agencyCode: "t-town", year: 2027)
        } catch let error as GongkaiServer.CommandError {
            refusal = error.description
        }
        #expect(refusal?.contains("尚未开始") == true)
    }

    /// A correction that changes nothing is refused: the new version must differ from the last.
    @Test func aCorrectionIdenticalToThePublishedVersionIsRefused() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            report = try await f.step(report, .publish, by: "town.head")
            report = try await f.step(report, .correct, comment: "核对", by: "town.head")
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            let error = await #expect(throws: AppError.self) { _ = try await f.step(report, .publish, comment: "无变化", by: "town.head") }
            #expect(error?.message.contains("完全相同") == true)
        }
    }

    /// docs/annual-report.md: "a warning that changes (another number) needs a new reason". The
    /// acknowledgement key holds expected and actual, so the reason given for a section 一 of
    /// 1,200 characters does not cover one of 4,000.
    @Test func anAcknowledgementDoesNotCoverAWarningWhoseNumberChanged() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let sentence = "本机关持续推进政务公开标准化规范化建设。"
            report = try await Self.edit(f, report, ["overview": [Self.overview + String(repeating: sentence, count: 60)]], by: "town.writer")
            var composed = try await f.composed(report)
            let c5 = try #require(composed.readiness.warnings.first { $0.rule == "C5" })
            let key = ReportReadiness.key(c5)
            report = try await Self.edit(f, report, ["ack.\(key)": ["政策解读内容较多，篇幅略长"]], by: "town.writer")
            composed = try await f.composed(report)
            #expect(composed.unacknowledged.isEmpty)
            // the text grows more than threefold
            report = try await Self.edit(f, report, ["overview": [Self.overview + String(repeating: sentence, count: 200)]], by: "town.writer")
            composed = try await f.composed(report)
            let now = try #require(composed.readiness.warnings.first { $0.rule == "C5" })
            #expect(now.actual != c5.actual)
            #expect(!composed.unacknowledged.isEmpty, "C5 went from \(c5.actual ?? "") to \(now.actual ?? "") and still counts as acknowledged")
        }
    }

    /// The CSV import decodes strictly: a GBK file (what Excel on a Chinese Windows saves) is read
    /// as GB18030, not lossily as UTF-8, and the source is stored as written.
    @Test func aGBKCSVIsImportedWithItsSourceIntact() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            let writer = TestClient(app)
            try await writer.signIn("town.writer", County.password)
            _ = try await writer.get("/console/reports?year=2025")
            let csrf = try #require(writer.csrfToken)
            let boundary = "r13-boundary"
            var body = ByteBuffer()
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2025\r\n")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t2.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            body.writeString("agency_code,year,cell,value,source\nt-town,2025,t2.art20_6.admin_penalty.decisions_this_year,5,")
            body.writeBytes([0xCF, 0xD8, 0xCB, 0xBE, 0xB7, 0xA8, 0xBE, 0xD6])  // 县司法局 in GBK
            body.writeString("\n\r\n--\(boundary)--\r\n")
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            _ = try await writer.sendRaw(.POST, "/console/reports/figures", headers: headers, body: body)
            let entry = try #require(try await ReportFigureEntry.query(on: app.db).filter(\.$agency.$id == f.township)
                .filter(\.$cell == "t2.art20_6.admin_penalty.decisions_this_year").first())
            #expect(entry.source == "县司法局", "stored source: \(entry.source)")
            // bytes that are neither UTF-8 nor GB18030 are refused, never stored garbled
            #expect(throws: CSVStreamError.self) { _ = try CSVText.decode(Array("a,b\n".utf8) + [0x81]) }
            #expect(try CSVText.decode([0xEF, 0xBB, 0xBF] + Array("县,1".utf8)) == "县,1")
        }
    }

    /// An unclosed live reference ("{{requests.new_received") is an error: the text is not
    /// published with the raw braces in section 一.
    @Test func anUnclosedLiveReferenceIsAnError() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await Self.edit(f, report, ["overview": [Self.overview.replacingOccurrences(
                of: "{{requests.new_received}}件", with: "{{requests.new_received件")]], by: "town.writer")
            let composed = try await f.composed(report)
            let text = composed.report.sections[.overview]!
            #expect(text.contains("{{requests.new_received件"))
            #expect(!composed.readiness.errors.isEmpty, "section 一 would be published as “…申请{{requests.new_received件…”")
        }
    }

    /// A number typed in Chinese numerals that contradicts table 三 is an N1 error, as the same
    /// number in digits is (N1 reads counts in Chinese numerals since the third round of #10).
    @Test func aTypedChineseNumeralContradictingTheTableIsCaught() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let received = try await f.composed(report).report.t3("new_received", "total")!
            #expect(received != 999)
            report = try await Self.edit(f, report, ["overview": [Self.overview.replacingOccurrences(
                of: "全年共收到政府信息公开申请{{requests.new_received}}件。", with: "全年新收政府信息公开申请999件。")]], by: "town.writer")
            #expect(try await f.composed(report).readiness.errors.contains { $0.rule == "N1" })
            report = try await Self.edit(f, report, ["overview": [Self.overview.replacingOccurrences(
                of: "全年共收到政府信息公开申请{{requests.new_received}}件。", with: "全年新收政府信息公开申请九百九十九件。")]], by: "town.writer")
            let composed = try await f.composed(report)
            let caught = composed.readiness.errors.contains { $0.rule == "N1" }
            #expect(caught, "“新收政府信息公开申请九百九十九件” against \(received.plain) in table 三")
        }
    }

    /// A blocking N1 finding carries severity `error` in readiness, the API's `document.findings`
    /// and the page: a client filtering `severity == "error"` sees it.
    @Test func aBlockingN1FindingIsLabelledAnError() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await Self.edit(f, report, ["overview": [Self.overview.replacingOccurrences(
                of: "全年共收到政府信息公开申请{{requests.new_received}}件。", with: "全年新收政府信息公开申请999件。")]], by: "town.writer")
            let composed = try await f.composed(report)
            let n1 = try #require(composed.readiness.errors.first { $0.rule == "N1" })
            await #expect(throws: AppError.self) { _ = try await f.step(report, .submit, by: "town.head") }
            #expect(n1.severity == .error, "a finding that blocks submission is published in the document as severity \(n1.severity.rawValue)")
            #expect(composed.document().findings.contains { $0.rule == "N1" && $0.severity == .error })
        }
    }


    /// The submitter-cannot-approve rule compares users (`ReportEvent.actorUserID`), not display
    /// names: the same user — head of the township and supervisor at the county — cannot approve
    /// the report they submitted under another audit name.
    @Test func theSubmitterIsRecognisedAsAUserWhateverTheName() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            let dual = try await f.county.user("dual", [.officeHead], in: f.county.township, on: app)
            let assignment = RoleAssignment()
            assignment.$user.id = try dual.requireID()
            assignment.$agency.id = f.government
            assignment.role = .supervisor
            try await assignment.create(on: app.db)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            let staff = try await f.staff("dual")
            func act(_ step: ReportStep, as name: String) async throws -> AgencyReport {
                let current = try await AgencyReport.find(try report.requireID(), on: app.db)!
                return try await ReportService.perform(try report.requireID(), fields: FormFields([
                    "step": [step.rawValue], "version": [String(current.version)], "comment": [""],
                ]), staff: staff, today: ReportFixture.today, deadlines: ReportDeadlineRules(),
                    by: AuditActor(userID: try dual.requireID(), name: name, requestID: "t", ipAddress: ""), on: app.db).0
            }
            report = try await act(.submit, as: "dual（测试dual）")
            // the same name is refused …
            await #expect(throws: AppError.self) { _ = try await act(.approve, as: "dual（测试dual）") }
            // … the same user under another display name is not
            await #expect(throws: AppError.self, "the user who submitted approved their own report") {
                _ = try await act(.approve, as: "dual（王二）")
            }
        }
    }

    /// The review found the form accepting a fee of 12 digits and 6 decimals (123456789012.123456
    /// 万元) that the report check could not read back (the cell blank, C3). The fee cell is now
    /// bounded to 9 integer digits and 4 decimals, and the largest fee accepted reads back from
    /// the HTML and the Word file. (The review's test asserted the 12-digit fee is accepted; it
    /// now asserts it is refused and checks the round trip at the new bound.)
    @Test func theLargestFeeTheFormAcceptsReadsBack() async throws {
        let schema = ReportSchema.of(.v2021)
        guard case .failure = ReportFigureService.parse("123456789012.123456", cell: ReportSchema.feeAmountCell, source: "县财政局", schema: schema) else {
            Issue.record("the form accepts a fee the report check cannot read back"); return
        }
        let fee = try #require(Decimal(string: "999999999.9999", locale: Locale(identifier: "en_US_POSIX")))
        guard case .success = ReportFigureService.parse("999,999,999.9999", cell: ReportSchema.feeAmountCell, source: "县财政局", schema: schema) else {
            Issue.record("the form refuses the largest fee"); return
        }
        var report = GeneratedReport.make(.v2021, seed: 3)
        report[ReportSchema.feeAmountCell] = fee
        for format in [ReportExport.html, .docx] {
            let result = try await ReportExportRoundTripTests.readBack(report, as: format)
            let read = result.cells[ReportSchema.feeAmountCell.rawValue] ?? nil
            #expect(read == fee, "\(format.rawValue): read \(read.map(\.plain) ?? "nothing")")
        }
    }

    /// Commas only as thousands grouping: "1,234" is 1234, "0,5" and "12,34" are refused.
    @Test func commasAreAcceptedOnlyAsThousandsGrouping() throws {
        let schema = ReportSchema.of(.v2021)
        let count = CellID("t2.art20_6.admin_penalty.decisions_this_year")
        guard case .success(let figure) = ReportFigureService.parse("1,234", cell: count, source: "县司法局", schema: schema) else {
            Issue.record("1,234 refused"); return
        }
        #expect(figure.value == 1234)
        for bad in ["0,5", "12,34", "1,2345", ",123"] {
            guard case .failure = ReportFigureService.parse(bad, cell: ReportSchema.feeAmountCell, source: "县财政局", schema: schema) else {
                Issue.record("\(bad) accepted"); continue
            }
        }
    }

    // MARK: - Verified

    /// A sibling's supervisor (the bureau's) is not above the township and cannot approve or return it.
    @Test func aSiblingsSupervisorCannotReview() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await f.step(report, .submit, by: "town.head")
            for step in [ReportStep.approve, .returnToAgency] {
                let error = await #expect(throws: AppError.self) { _ = try await f.step(report, step, comment: "x", by: "edu.supervisor") }
                #expect(error?.status == .forbidden)
            }
            // and the township head cannot publish before approval
            await #expect(throws: AppError.self) { _ = try await f.step(report, .publish, by: "town.head") }
        }
    }

    /// Unpublished (submitted, approved) reports are not reachable on the portal, its downloads
    /// or the public API; once published the snapshot stays the same when the records change.
    @Test func unpublishedReportsDoNotLeakAndPublishedOnesStayFrozen() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            try await f.enterFigures(agencyID: f.township, by: "town.writer")
            var report = try await f.writtenReport(agencyID: f.township, by: "town.writer")
            report = try await f.step(report, .submit, by: "town.head")
            report = try await f.step(report, .approve, by: "gov.supervisor")
            let web = TestClient(app)
            for path in ["/reports/t-town/2025", "/reports/t-town/2025?version=1", "/api/v1/reports/t-town/2025",
                         "/reports/t-town/2025/download/json", "/reports/t-town/2025/download/csv", "/reports/t-town/2025/download/docx"] {
                #expect(try await web.get(path).status == .notFound, "\(path)")
            }
            #expect(!(try await web.get("/api/v1/reports?year=2025").body.contains("t-town")))
            #expect(!(try await web.get("/reports?year=2025").body.contains("城关镇")))
            report = try await f.step(report, .publish, by: "town.head")
            let before = try await web.get("/api/v1/reports/t-town/2025")
            #expect(before.status == .ok)
            // a late request changes the records
            let calendar = try await app.calendarStore.calendar(on: app.db)
            let rows = SyntheticRequests.generate(count: 12, agencyIDs: [f.township], years: 2025...2025, today: ReportFixture.today,
                                                  calendar: calendar, seed: 913)
            try await SyntheticRequests.insert(rows, on: app.db)
            #expect(try await web.get("/api/v1/reports/t-town/2025").body == before.body)
            #expect(try await web.get("/reports/t-town/2025?version=2").status == .notFound)
        }
    }

    /// Due dates by agency kind and government level, the statute §2.8 defaults.
    @Test func dueDatesFollowTheAgencyKindAndLevel() {
        let rules = ReportDeadlineRules()
        #expect(rules.dueOn(reportYear: 2025, kind: .department, level: .county) == "2026-01-31")
        #expect(rules.dueOn(reportYear: 2025, kind: .township, level: .county) == "2026-01-31")
        #expect(rules.dueOn(reportYear: 2025, kind: .government, level: .county) == "2026-02-20")
        #expect(rules.dueOn(reportYear: 2025, kind: .government, level: .prefecture) == "2026-03-10")
        #expect(rules.dueOn(reportYear: 2025, kind: .government, level: .province) == "2026-03-31")
        #expect(ReportDeadlineRules.MonthDay(text: "02-29") == nil)
        #expect(ReportDeadlineRules.MonthDay(text: "2-20") == nil)
    }

    /// The CSV import is all or nothing: a negative count, a decimal count, a duplicate row or
    /// another agency's code stops the whole file; the fee cell takes decimals in 万元.
    @Test func theCSVImportIsAllOrNothing() async throws {
        try await withTestApp(configureSettings: Self.fixedDay) { app in
            let f = try await ReportFixture.make(app)
            let staff = try await f.staff("town.writer")
            let header = "agency_code,year,cell,value,source\n"
            let good = "t-town,2025,t2.art20_8.admin_fees.fee_amount_10k_cny,0.35,县财政局\n"
            for bad in ["t-town,2025,t2.art20_6.admin_penalty.decisions_this_year,-1,县司法局\n",
                        "t-town,2025,t2.art20_6.admin_penalty.decisions_this_year,1.5,县司法局\n",
                        "t-town,2025,t2.art20_8.admin_fees.fee_amount_10k_cny,0.4,县财政局\n",
                        "t-edu,2025,t2.art20_6.admin_penalty.decisions_this_year,1,县司法局\n",
                        "t-town,2020,t2.art20_6.admin_penalty.decisions_this_year,1,县司法局\n"] {
                await #expect(throws: AppError.self, "\(bad)") {
                    _ = try await ReportFigureService.importCSV(header + good + bad, staff: staff, by: f.actor("town.writer"), on: app.db)
                }
                #expect(try await ReportFigureEntry.query(on: app.db).count() == 0)
            }
            #expect(try await ReportFigureService.importCSV(header + good, staff: staff, by: f.actor("town.writer"), on: app.db) == 1)
            let entry = try #require(try await ReportFigureEntry.query(on: app.db).first())
            #expect(entry.value == "0.35")
        }
    }
}
