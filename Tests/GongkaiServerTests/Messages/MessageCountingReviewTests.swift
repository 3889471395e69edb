import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// The cold review of issue #12's second round, its probes kept as tests: holiday recomputation of
/// closed messages, a hotline item imported by two agencies counted once, the merge migration.
/// Each asserts the correct figures.
@Suite("Public messages: the review's cases of counting once and recomputing")
struct MessageCountingReviewTests {
    static let header = MessageReviewFixesTests.header
    typealias F = MessageReviewFixesTests

    static func figures(_ app: Application, _ ids: [Int], _ from: CivilDate = "2024-01-01", _ through: CivilDate = "2024-12-31") async throws -> MessageTally {
        try await MessageFigures.query(agencyIDs: ids, from: from, through: through, on: app.db).total
    }

    static func add(_ a: MessageTally, _ b: MessageTally) -> MessageTally {
        var t = a
        t.received += b.received; t.completed += b.completed; t.notAccepted += b.notAccepted; t.rated += b.rated
        t.satisfied += b.satisfied; t.basicallySatisfied += b.basicallySatisfied; t.dissatisfied += b.dissatisfied
        t.onTime += b.onTime; t.onTimeKnown += b.onTimeKnown; t.handlingDaysTotal += b.handlingDaysTotal; t.timed += b.timed
        return t
    }

    static func one(_ app: Application, _ sourceID: String, agency: Int) async throws -> PublicMessage {
        try #require(try await F.message(app, sourceID: sourceID).first { $0.importAgencyID == agency })
    }

    // MARK: - counting an item once

    /// HIGH. Only the 12345 hotline numbers its items once for all agencies. An agency's own
    /// letter register, its own head's mailbox (县长信箱 vs 局长信箱: two mailboxes, one kind),
    /// phone and visit logs number their items themselves: the same number in two agencies'
    /// imports is two letters from two people. The rule (same channel kind + source id) merges
    /// them: the county loses one letter in four here.
    @Test func twoAgenciesOwnRegistersWithTheSameNumbersAreDifferentItems() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header
                + "1,来信,2024-05-06 10:00,村道损坏,某村村道损坏严重,,,,\r\n"
                + "2,县长信箱,2024-05-07 10:00,路灯,路灯不亮,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header
                + "1,来信,2024-05-08 10:00,学校食堂,食堂卫生差,,,,\r\n"
                + "2,局长信箱,2024-05-09 10:00,校车,校车超载,,,,\r\n")
            let g = try await Self.figures(app, [gov]), b = try await Self.figures(app, [bureau]), all = try await Self.figures(app, [gov, bureau])
            #expect(g.received == 2, "the government's own letter and mailbox item: \(g)")
            #expect(b.received == 2, "the bureau's own letter and mailbox item: \(b)")
            #expect(all.received == 4, "four letters from four people: \(all)")
        }
    }

    /// MEDIUM. docs/messages.md: "the figures of a past period never change when asked again".
    /// The government's 2023 figures (and the county's, quoted in the 2023 annual report due by
    /// 31 January) count an item received and answered in December 2023. The hotline sends it
    /// on to the bureau, which closes it on 10 January 2024; the bureau's export is imported:
    /// the county's 2023 figures now say that item was still open at the year's end, and the
    /// government's 2023 figures lose it. A past year's figures change after the fact.
    @Test func aClosedYearsFiguresStayWhenTheItemIsHandledAgainNextYear() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-01-20"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header
                + "RX-Y1,12345热线,2023-12-20 10:00,供暖,暖气不热,热线,2023-12-28 10:00,已维修,满意\r\n")
            let govBefore = try await ReportComposer.messageTally(agencyIDs: [gov], year: 2023, on: app.db)
            let countyBefore = try await ReportComposer.messageTally(agencyIDs: [gov, bureau], year: 2023, on: app.db)
            #expect(countyBefore.received == 1 && countyBefore.completed == 1 && countyBefore.satisfied == 1, "\(countyBefore)")
            try await F.importFile(app, agencyID: bureau, Self.header
                + "RX-Y1,12345热线,2023-12-20 10:00,供暖,暖气不热,供热办,2024-01-10 10:00,已复查,\r\n")
            let countyAfter = try await ReportComposer.messageTally(agencyIDs: [gov, bureau], year: 2023, on: app.db)
            #expect(countyAfter == countyBefore, "the county's 2023 figures changed in 2024: \(countyBefore) → \(countyAfter)")
            let govAfter = try await ReportComposer.messageTally(agencyIDs: [gov], year: 2023, on: app.db)
            #expect(govAfter == govBefore, "the government's 2023 figures changed in 2024: \(govBefore) → \(govAfter)")
            // the figures add up either way
            #expect(countyAfter.received == countyAfter.completed + countyAfter.open)
        }
    }

    /// MEDIUM (the same rule, the year): the hotline took the call at 23:50 on New Year's Eve
    /// 2023 (China Standard Time), the government's export says so; the bureau's export dates
    /// it when the bureau got it, 2 January 2024. One item from the public, received in 2023:
    /// the county's 2023 figures must keep it. They lose it to 2024 once the bureau's later
    /// row is the one counted.
    @Test func anItemTheHotlineTookOnNewYearsEveStaysIn2023() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-01-20"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-Y2,12345热线,2023-12-31 23:50,燃气,燃气泄漏,,,,\r\n")
            #expect(try await Self.figures(app, [gov], "2023-01-01", "2023-12-31").received == 1, "23:50 CST on 31 December is 2023")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-Y2,12345热线,2024-01-02 09:00,燃气,燃气泄漏,燃气办,2024-01-03 10:00,已处置,满意\r\n")
            let y2023 = try await Self.figures(app, [gov, bureau], "2023-01-01", "2023-12-31")
            let y2024 = try await Self.figures(app, [gov, bureau])
            #expect(y2023.received == 1, "received by the hotline in 2023: \(y2023)")
            #expect(y2024.received == 0, "not a 2024 item: \(y2024)")
        }
    }

    /// Held? The merge migration with two copies of one item: both copies answered by the
    /// hotline (two replies kept in the history), one rated by phone on the platform; the keeper
    /// answered by the bureau after a transfer. One row, the bureau's handling, the phone
    /// rating, both replies in the history, counted once.
    @Test func theMergeOfTwoCopiesKeepsBothRepliesAndThePhoneRating() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-M9,12345热线,2024-05-06 10:00,积水,学校门口积水,,,,\r\n")
            let keeperID = try #require(try await F.message(app, sourceID: "RX-M9").first?.requireID())
            try await F.act(app, keeperID, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            try await F.act(app, keeperID, .accept(on: "2024-06-01"))
            try await F.act(app, keeperID, .reply(text: "教育局已清理积水。", on: "2024-06-01"))
            var copyIDs: [Int] = []
            for (i, reply) in ["热线第一次答复。", "热线第二次答复。"].enumerated() {
                let copy = PublicMessage()
                copy.version = 1
                copy.$agency.id = gov
                copy.source = .imported
                copy.channelName = "12345热线"
                copy.channelKind = .hotline12345
                copy.kind = .help
                copy.senderName = ""
                copy.senderPhone = ""
                copy.subject = "积水（第\(i + 2)次导出）"
                copy.content = "学校门口积水"
                copy.publicationAllowed = false
                copy.receivedOn = "2024-05-06"
                copy.receivedAt = AuditQuery.instant(startOf: "2024-05-06").addingTimeInterval(36_000)
                copy.sourceID = "RX-M9"
                copy.importAgencyID = nil
                copy.timeLimitDays = 15
                copy.timeLimitBasis = "默认"
                copy.status = .completed
                copy.assignedUnit = "热线"
                copy.reply = reply
                copy.completedOn = "2024-05-08"
                copy.completedAt = AuditQuery.instant(startOf: "2024-05-08")
                copy.handlingDays = 2
                copy.onTime = true
                copy.publication = .notAllowed
                if i == 1 { copy.satisfaction = .dissatisfied; copy.ratingSource = .phone; copy.ratedOn = "2024-05-09" }
                try await copy.create(on: app.db)
                copyIDs.append(try copy.requireID())
            }
            try await MergeDuplicateImportedMessages().prepare(on: app.db)
            try await MessageDuplicates.settleAll(on: app.db)
            let rows = try await F.message(app, sourceID: "RX-M9")
            #expect(rows.count == 1)
            let merged = try #require(rows.first)
            #expect(merged.id == keeperID && merged.$agency.id == bureau && merged.reply == "教育局已清理积水。")
            #expect(merged.satisfaction == .dissatisfied && merged.ratingSource == .phone, "the rating given on the platform")
            let line = try #require(try await MessageEvent.query(on: app.db).filter(\.$message.$id == keeperID).all().first { $0.kind == .merged })
            #expect(line.summary.contains("热线第一次答复。") && line.summary.contains("热线第二次答复。"), "\(line.summary)")
            let f = try await Self.figures(app, [gov, bureau])
            #expect(f.received == 1 && f.completed == 1 && f.dissatisfied == 1, "\(f)")
            let audited = try await AuditEntry.query(on: app.db).filter(\.$action == "message_merged").all()
            #expect(Set(audited.map(\.entityID)) == Set(([keeperID] + copyIDs).map(String.init)))
        }
    }

    /// HIGH/MEDIUM. docs/messages.md tells staff the copy left in their list "stays in its due
    /// and overdue lists until its staff close it". The government's staff close their leftover
    /// copy of an item the bureau answered (rated 满意) as 不予受理 · 重复 a few weeks later:
    /// that close is now the latest handling, so the counted row becomes the duplicate
    /// dismissal — the bureau's answer and the citizen's rating leave the figures, the item
    /// moves to the government as "not accepted". Closing a duplicate must not displace the
    /// real handling.
    @Test func closingTheLeftoverCopyAsADuplicateDoesNotReplaceTheAnswer() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-D9,12345热线,2024-05-06 10:00,积水,学校门口积水,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-D9,12345热线,2024-05-06 10:00,积水,学校门口积水,后勤股,2024-05-09 10:00,已清理,满意\r\n")
            let before = try await Self.figures(app, [gov, bureau])
            #expect(before.received == 1 && before.completed == 1 && before.satisfied == 1 && before.notAccepted == 0, "\(before)")
            let leftover = try await Self.one(app, "RX-D9", agency: gov)
            try await F.act(app, try leftover.requireID(), .notAccept(reason: .duplicate, note: "与教育局已办结的工单重复。", on: "2024-06-01"))
            let after = try await Self.figures(app, [gov, bureau])
            #expect(after == before, "closing the duplicate changed the county's figures: \(before) → \(after)")
            #expect(try await Self.figures(app, [bureau]).satisfied == 1, "the bureau's answer and rating stay counted")
        }
    }

    /// docs/messages.md's worked example, as written there: RX-1 taken on New Year's Eve 2023 and
    /// answered by the government on 5 January, the bureau's copy received 2 January and open;
    /// RX-2 answered by the government on 28 December (满意) and again by the bureau on 10 January.
    @Test func theWorkedExampleOfTheDocs() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-02-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header
                + "RX-1,12345热线,2023-12-31 23:50,燃气,燃气泄漏,燃气办,2024-01-05 10:00,已处置,\r\n"
                + "RX-2,12345热线,2023-12-20 10:00,供暖,暖气不热,供热办,2023-12-28 10:00,已维修,满意\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header
                + "RX-1,12345热线,2024-01-02 09:00,燃气,燃气泄漏,,,,\r\n"
                + "RX-2,12345热线,2023-12-20 10:00,供暖,暖气不热,后勤股,2024-01-10 10:00,已复查,\r\n")
            // 2023: the government's copies; RX-1 open at the year's end, RX-2 answered and rated
            let y2023 = try await Self.figures(app, [gov, bureau], "2023-01-01", "2023-12-31")
            #expect(y2023.received == 2 && y2023.completed == 1 && y2023.open == 1 && y2023.satisfied == 1, "\(y2023)")
            #expect(try await Self.figures(app, [gov], "2023-01-01", "2023-12-31") == y2023, "all in the government's figures")
            #expect(try await Self.figures(app, [bureau], "2023-01-01", "2023-12-31").received == 0)
            // 2024: neither (both first received in 2023)
            #expect(try await Self.figures(app, [gov, bureau]).received == 0)
            // December to January: RX-1 the government's (answered), RX-2 the bureau's (answered later, not rated), both in December
            let span = try await MessageFigures.query(agencyIDs: [gov, bureau], from: "2023-12-01", through: "2024-01-31", on: app.db)
            #expect(span.total.received == 2 && span.total.completed == 2 && span.total.rated == 0, "\(span.total)")
            #expect(span.months.map { "\($0.month) \($0.received) \($0.completed)" } == ["2023-12 2 2", "2024-01 0 0"])
            let g = try await Self.figures(app, [gov], "2023-12-01", "2024-01-31"), b = try await Self.figures(app, [bureau], "2023-12-01", "2024-01-31")
            #expect(g.received == 1 && b.received == 1 && b.completed == 1 && b.rated == 0, "gov \(g), bureau \(b)")
        }
    }

    /// M3. Converting a copy to a disclosure request never takes the item out of the message
    /// figures while another copy stands: the bureau's answered and rated copy counts when the
    /// government turns its leftover copy into a request; of two open copies, the one not
    /// converted counts (open). Only an item whose every copy was converted leaves them (it is
    /// a request, counted in table 三).
    @Test func convertingACopyToARequestLeavesTheOtherCopyCounted() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            try await county.user("officer", [.caseOfficer], on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await F.importFile(app, agencyID: gov, Self.header
                + "RX-V1,12345热线,2024-05-06 10:00,申请公开校舍检测报告,申请公开某小学校舍安全检测报告,,,,\r\n"
                + "RX-V2,12345热线,2024-05-07 10:00,申请公开道路批复,申请公开城区道路改造立项批复,,,,\r\n"
                + "RX-V3,12345热线,2024-05-08 10:00,申请公开预算,申请公开本年度部门预算表,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header
                + "RX-V1,12345热线,2024-05-06 10:00,申请公开校舍检测报告,申请公开某小学校舍安全检测报告,教育股,2024-05-09 10:00,已答复,满意\r\n"
                + "RX-V2,12345热线,2024-05-07 10:00,申请公开道路批复,申请公开城区道路改造立项批复,,,,\r\n")
            let before = try await Self.figures(app, [gov, bureau])
            #expect(before.received == 3 && before.completed == 1 && before.satisfied == 1, "\(before)")
            let officer = TestClient(app)
            try await officer.signIn("officer", County.password)
            for sourceID in ["RX-V1", "RX-V2", "RX-V3"] {
                let copy = try await Self.one(app, sourceID, agency: gov)
                let fields = RequestFixtures.registration(description: copy.content).filter { !["agency_id", "channel", "submitted_on", "received_on"].contains($0.0) }
                let converted = try await officer.post("/console/messages/\(try copy.requireID())/to-request", form: fields + [("version", String(copy.version))])
                #expect(converted.status == .seeOther, "\(sourceID): \(converted.body.prefix(300))")
                #expect(try await Self.one(app, sourceID, agency: gov).status == .convertedToRequest)
            }
            let after = try await Self.figures(app, [gov, bureau])
            #expect(after.received == 2, "RX-V1 (answered) and RX-V2 (open) stay, RX-V3 is a request now: \(after)")
            #expect(after.completed == 1 && after.open == 1 && after.rated == 1 && after.satisfied == 1, "the bureau's answer and rating count: \(after)")
            let b = try await Self.figures(app, [bureau]), g = try await Self.figures(app, [gov])
            #expect(b.received == 2 && b.satisfied == 1, "\(b)")
            #expect(g.received == 0, "the government's copies are requests now: \(g)")
            #expect(Self.add(b, g) == after, "the subtree is the sum of its agencies")
            // a period that ended before the conversion and before the answer: open, counted once
            let may7 = try await Self.figures(app, [gov, bureau], "2024-05-01", "2024-05-07")
            #expect(may7.received == 2 && may7.completed == 0, "\(may7)")
        }
    }

    /// Held? Three agencies, the county government (the parent) among them; A imports, B imports,
    /// A re-imports with newer data: counted once, in one agency, the subtree the sum of its
    /// agencies, by_channel summing to received, rates in [0, 1].
    @Test func threeAgenciesParentAndReimportCountOnceAndAddUp() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-20"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID(), town = try county.township.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-T1,12345热线,2024-05-06 10:00,积水,积水,,,,\r\n"
                + "RX-T2,12345热线,2024-05-06 11:00,噪音,工地噪音,,2024-05-08 10:00,已处理,不满意\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-T1,12345热线,2024-05-06 10:00,积水,积水,教育股,2024-05-10 10:00,已清理,满意\r\n"
                + "RX-T2,12345热线,2024-05-06 11:00,噪音,工地噪音,,,,\r\n")
            try await F.importFile(app, agencyID: town, Self.header + "RX-T1,12345热线,2024-05-06 10:00,积水,积水,,,,\r\n")
            func check(_ label: String) async throws {
                let parts = [try await Self.figures(app, [gov]), try await Self.figures(app, [bureau]), try await Self.figures(app, [town])]
                let all = try await MessageFigures.query(agencyIDs: [gov, bureau, town], from: "2024-01-01", through: "2024-12-31", on: app.db)
                #expect(all.total.received == 2, "\(label): two items: \(all.total)")
                #expect(parts.reduce(MessageTally(), Self.add) == all.total, "\(label): subtree = sum of agencies: \(parts) vs \(all.total)")
                #expect(all.channels.map(\.tally.received).reduce(0, +) == all.total.received, "\(label)")
                #expect(all.total.received == all.total.completed + all.total.open, "\(label)")
                for rate in [all.total.completionRate, all.total.satisfactionRate, all.total.onTimeRate].compactMap({ $0 }) {
                    #expect(rate >= 0 && rate <= 1, "\(label): \(rate)")
                }
            }
            try await check("after three imports")
            #expect(try await Self.figures(app, [bureau]).received == 1, "RX-T1 counted where closed last (bureau), RX-T2 at gov")
            // the government re-imports: RX-T1 closed there later than the bureau did
            try await F.importFile(app, agencyID: gov, Self.header + "RX-T1,12345热线,2024-05-06 10:00,积水,积水,城建股,2024-06-15 10:00,复查已完成,基本满意\r\n"
                + "RX-T2,12345热线,2024-05-06 11:00,噪音,工地噪音,,2024-05-08 10:00,已处理,不满意\r\n")
            try await check("after the re-import")
            #expect(try await Self.figures(app, [gov]).received == 2)
            // the town answers its copy on the platform even later
            let townRow = try await Self.one(app, "RX-T1", agency: town)
            try await F.act(app, try townRow.requireID(), .reply(text: "镇里已疏通。", on: "2024-06-20"))
            try await check("after the town's reply")
            #expect(try await Self.figures(app, [town]).received == 1)
        }
    }

    /// Held? Same handling dates everywhere: the later row wins, and settling again (any
    /// import) never flips it.
    @Test func tiesAreBrokenTheSameWayEveryTime() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            let row = "RX-E1,12345热线,2024-05-06 10:00,积水,积水,,2024-05-09 10:00,已办,满意\r\n"
            try await F.importFile(app, agencyID: gov, Self.header + row)
            try await F.importFile(app, agencyID: bureau, Self.header + row)
            let first = try await Self.figures(app, [bureau]).received
            try await F.importFile(app, agencyID: gov, Self.header + row)
            try await MessageDuplicates.settleAll(on: app.db)
            try await F.importFile(app, agencyID: bureau, Self.header + row)
            #expect(try await Self.figures(app, [bureau]).received == first)
            #expect(try await Self.figures(app, [gov, bureau]).received == 1)
            let rows = try await F.message(app, sourceID: "RX-E1")
            // every copy marked with the copy counted today, that one pointing to itself
            let counted = try #require(rows.first { $0.supersededByID == $0.id })
            #expect(rows.allSatisfy { $0.supersededByID == counted.id }, "\(rows.map { ($0.id, $0.supersededByID) })")
        }
    }

    /// Held? The same source id under two channel names of one kind (the government calls it
    /// 12345便民热线) is one hotline item.
    @Test func twoChannelNamesOfTheHotlineKindAreOneItem() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            _ = try await MessageChannels.list(agencyID: gov, on: app.db)
            try await MessageChannel(agencyID: gov, name: "12345便民热线", kind: .hotline12345, position: 20).create(on: app.db)
            try await F.importFile(app, agencyID: gov, Self.header + "RX-C1,12345便民热线,2024-05-06 10:00,积水,积水,,,,\r\n")
            try await F.importFile(app, agencyID: bureau, Self.header + "RX-C1,12345热线,2024-05-06 10:00,积水,积水,,2024-05-08 10:00,已办,\r\n")
            let all = try await MessageFigures.query(agencyIDs: [gov, bureau], from: "2024-01-01", through: "2024-12-31", on: app.db)
            #expect(all.total.received == 1 && all.total.completed == 1, "\(all.total)")
            #expect(all.channels.map(\.tally.received).reduce(0, +) == 1)
        }
    }

    // MARK: - holiday recomputation

    /// MEDIUM. A year's notice may reach into the previous December (the parser allows a month;
    /// the 2023 notice declared 2022-12-31, the 2019 notice 2018-12-30/31 holidays and
    /// 2018-12-29 a workday). Importing such a 2027 notice, making Thursday 2026-12-31 a
    /// holiday, must move a call due that day (open) and shorten the handling of one answered
    /// that day; `refreshMessages(year: 2027)` skips every message due and closed before
    /// 2027-01-01.
    @Test func aNoticeReachingBackIntoDecemberRecomputesThatMonth() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2026-12-31"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await F.importFile(app, agencyID: gov, Self.header
                + "RX-H1,12345热线,2026-12-10 10:00,停水,小区停水,,,,\r\n"
                + "RX-H2,12345热线,2026-12-10 11:00,停电,小区停电,供电所,2026-12-31 10:00,已恢复,满意\r\n")
            let open0 = try await Self.one(app, "RX-H1", agency: gov), closed0 = try await Self.one(app, "RX-H2", agency: gov)
            try await HolidayService.importYear(yearText: "2027", content: "2026-12-31\tholiday\t元旦\t通知\n2027-01-01\tholiday\t元旦\t通知\n",
                                                settings: app.settings, by: .system, on: app.db)
            let calendar = try await app.messageContext().calendar
            #expect(try calendar.isWorkingDay("2026-12-31") == false, "the notice applies to 2026-12-31")
            let open1 = try await Self.one(app, "RX-H1", agency: gov), closed1 = try await Self.one(app, "RX-H2", agency: gov)
            let expectedOpen = MessageClock.summary(open1.timeline, calendar: calendar)
            let expectedClosed = MessageClock.summary(closed1.timeline, calendar: calendar)
            #expect(expectedOpen.dueOn != open0.dueOn, "sanity: the new calendar moves the due date")
            #expect(open1.dueOn == expectedOpen.dueOn, "open call due \(open0.dueOn?.iso ?? "-"), should be \(expectedOpen.dueOn?.iso ?? "-"), is \(open1.dueOn?.iso ?? "-")")
            #expect(expectedClosed.handlingDays != closed0.handlingDays, "sanity")
            #expect(closed1.handlingDays == expectedClosed.handlingDays,
                    "answered on the new holiday: \(closed0.handlingDays ?? -1) days, should be \(expectedClosed.handlingDays ?? -1), is \(closed1.handlingDays ?? -1)")
        }
    }

    /// Held? The real 2019 correction (国办发明电〔2019〕3号: 2–4 May became holidays, 28 April
    /// and 5 May workdays). A call of 2019-04-22 answered on 2019-05-05 (a workday only under
    /// the correction) and a call of 2019-04-29 answered 2019-05-06, both imported under the
    /// first notice, are recomputed when the corrected notice is imported; the year's figures
    /// read the new values.
    @Test func the2019MayDayCorrectionRecomputesClosedCalls() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2019-06-10"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let corrected = HolidaySchedule.bundled.entries(inYear: 2019)
            let original = corrected.filter { !["2019-04-28", "2019-05-02", "2019-05-03", "2019-05-04", "2019-05-05"].contains($0.date.iso) }
            try await HolidayService.importYear(yearText: "2019", content: HolidayScheduleParser.tsv(original), settings: app.settings, by: .system, on: app.db)
            try await F.importFile(app, agencyID: gov, Self.header
                + "RX-M1,12345热线,2019-04-22 10:00,路灯,路灯不亮,城管,2019-05-05 10:00,已修复,满意\r\n"
                + "RX-M2,12345热线,2019-04-29 10:00,噪音,工地噪音,城管,2019-05-06 10:00,已处理,满意\r\n")
            let before = try await F.message(app, sourceID: "RX-M1") + F.message(app, sourceID: "RX-M2")
            try await HolidayService.importYear(yearText: "2019", content: HolidayScheduleParser.tsv(corrected), settings: app.settings, by: .system, on: app.db)
            let calendar = try await app.messageContext().calendar
            let ids = try before.map { try $0.requireID() }
            let after = try await PublicMessage.query(on: app.db).filter(\.$id ~~ ids).sort(\.$id).all()
            let old = before.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
            let clocks = after.map { MessageClock.summary($0.timeline, calendar: calendar) }
            for (m, s) in zip(after, clocks) {
                #expect(m.dueOn == s.dueOn && m.handlingDays == s.handlingDays && m.onTime == s.onTime,
                        "\(m.sourceID ?? ""): stored \(m.dueOn?.iso ?? "-") \(m.handlingDays ?? -1) \(String(describing: m.onTime)), clock \(s.dueOn?.iso ?? "-") \(s.handlingDays ?? -1) \(String(describing: s.onTime))")
            }
            let changed = zip(after, old).filter { $0.handlingDays != $1.handlingDays || $0.onTime != $1.onTime || $0.dueOn != $1.dueOn }.count
            #expect(changed > 0, "sanity: the correction changes something")
            let f = try await Self.figures(app, [gov], "2019-01-01", "2019-12-31")
            let days = clocks.compactMap(\.handlingDays).reduce(0, +), onTime = clocks.filter { $0.onTime == true }.count
            #expect(f.handlingDaysTotal == days && f.timed == clocks.count && f.onTime == onTime, "\(f)")
        }
    }

    /// Held? A call received in December 2023 and answered in January 2024 is recomputed when
    /// the 2024 notice changes (2 January made a holiday) — and counted in 2023's figures.
    @Test func aCallAcrossNewYearFollowsTheNextYearsNotice() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-02-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            try await F.importFile(app, agencyID: gov, Self.header + "RX-N1,12345热线,2023-12-25 10:00,供暖,暖气不热,供热办,2024-01-10 10:00,已维修,满意\r\n")
            let before = try await Self.one(app, "RX-N1", agency: gov)
            let bundled = HolidayScheduleParser.tsv(HolidaySchedule.bundled.entries(inYear: 2024))
            try await HolidayService.importYear(yearText: "2024", content: bundled + "2024-01-02\tholiday\t测试\t通知\n", settings: app.settings, by: .system, on: app.db)
            let after = try await Self.one(app, "RX-N1", agency: gov)
            #expect(after.handlingDays == (before.handlingDays ?? 0) - 1, "\(String(describing: before.handlingDays)) → \(String(describing: after.handlingDays))")
            let f2023 = try await Self.figures(app, [gov], "2023-01-01", "2023-12-31")
            #expect(f2023.received == 1 && f2023.completed == 0 && f2023.timed == 0, "received in 2023, answered in 2024: \(f2023)")
            let f2024 = try await Self.figures(app, [gov])
            #expect(f2024.received == 0)
            let both = try await Self.figures(app, [gov], "2023-12-01", "2024-01-31")
            #expect(both.received == 1 && both.completed == 1 && both.handlingDaysTotal == after.handlingDays, "\(both)")
        }
    }
}
