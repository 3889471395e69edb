import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// One hotline item in two agencies' exports is one item from the public: counted once, by the
/// agency that handled it last (`MessageDuplicates`); and the copies the first import key made
/// are merged into one row (`MergeDuplicateImportedMessages`).
@Suite("政民互动: an item imported twice is counted once")
struct MessageDuplicatesTests {
    static let header = MessageReviewFixesTests.header
    static let year: (CivilDate, CivilDate) = ("2024-01-01", "2024-12-31")

    static func figures(_ app: Application, _ ids: [Int]) async throws -> MessageFigures {
        try await MessageFigures.query(agencyIDs: ids, from: year.0, through: year.1, on: app.db)
    }

    /// The government imports a hotline item and transfers it to the bureau; the hotline also
    /// sends it to the bureau, whose own export holds it: two rows, both the bureau's now. The
    /// bureau, the county's subtree and the annual report's figures count it once.
    @Test func anItemTransferredAndImportedByTheReceiverIsCountedOnce() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            let row = "RX-D1,12345热线,2024-05-06 10:00,学校门口积水,学校门口积水严重,,,,\r\n"
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, Self.header + row)
            let first = try #require(try await MessageReviewFixesTests.message(app, sourceID: "RX-D1").first?.requireID())
            try await MessageReviewFixesTests.act(app, first, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            try await MessageReviewFixesTests.importFile(app, agencyID: bureau, Self.header + row)
            #expect(try await MessageReviewFixesTests.message(app, sourceID: "RX-D1").count == 2, "each agency's export keeps its row")
            #expect(try await Self.figures(app, [gov, bureau]).total.received == 1)
            #expect(try await Self.figures(app, [bureau]).total.received == 1)
            #expect(try await Self.figures(app, [gov]).total.received == 0)
            #expect(try await ReportComposer.messageTally(agencyIDs: [gov, bureau], year: 2024, on: app.db).received == 1)
            // the bureau answers on its copy: still one item, now completed
            try await MessageReviewFixesTests.act(app, first, .accept(on: "2024-06-01"))
            try await MessageReviewFixesTests.act(app, first, .reply(text: "已安排清理。", on: "2024-06-01"))
            let after = try await Self.figures(app, [gov, bureau])
            #expect(after.total.received == 1 && after.total.completed == 1, "\(after.total)")
            #expect(after.total.received == after.channels.map(\.tally.received).reduce(0, +))
        }
    }

    /// Transferred in the hotline, not here: the government's export still lists the item open,
    /// the bureau's has it answered. Counted once, by the bureau, which handled it last — in the
    /// subtree, and so in each agency's own figures (the subtree is their sum).
    @Test func anItemInTwoAgenciesExportsIsCountedWhereItWasLastHandled() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, Self.header + "RX-D2,12345热线,2024-05-06 10:00,路灯,路灯不亮,,,,\r\n")
            try await MessageReviewFixesTests.importFile(
                app, agencyID: bureau, Self.header + "RX-D2,12345热线,2024-05-06 10:00,路灯,路灯不亮,城管股,2024-05-09 16:00,已修复,满意\r\n")
            let subtree = try await Self.figures(app, [gov, bureau])
            #expect(subtree.total.received == 1 && subtree.total.completed == 1 && subtree.total.satisfied == 1, "\(subtree.total)")
            #expect(try await Self.figures(app, [bureau]).total.completed == 1)
            #expect(try await Self.figures(app, [gov]).total.received == 0)
            // a source id of another channel kind is another system's item: counted apart
            let town = try county.township.requireID()
            try await MessageReviewFixesTests.importFile(app, agencyID: town, Self.header + "RX-D2,政务服务网,2024-05-07 10:00,办证,咨询办证,,,,\r\n")
            #expect(try await Self.figures(app, [gov, bureau, town]).total.received == 2)
        }
    }

    /// The state the first import key left, made by hand: the government's row of RX-M1 was
    /// transferred to the bureau and answered there; the government's next export then inserted
    /// a copy (newer subject, the hotline's own reply, rated by the sender, with its history),
    /// left without the key. The migration merges them into the keeper: the newest export's
    /// subject, the bureau's reply with the copy's reply kept in the history, the sender's
    /// rating, both histories, audit entries on both rows; counted once.
    @Test func theMigrationMergesTheCopiesTheFirstKeyMade() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, Self.header + "RX-M1,12345热线,2024-05-06 10:00,积水,学校门口积水,,,,\r\n")
            let keeper = try #require(try await MessageReviewFixesTests.message(app, sourceID: "RX-M1").first)
            let keeperID = try keeper.requireID()
            try await MessageReviewFixesTests.act(app, keeperID, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            try await MessageReviewFixesTests.act(app, keeperID, .accept(on: "2024-06-01"))
            try await MessageReviewFixesTests.act(app, keeperID, .reply(text: "教育局已清理积水。", on: "2024-06-01"))
            // the copy, as the old key let the next export insert it
            let copy = PublicMessage()
            copy.version = 1
            copy.$agency.id = gov
            copy.source = .imported
            copy.channelName = "12345热线"
            copy.channelKind = .hotline12345
            copy.kind = .help
            copy.senderName = ""
            copy.senderPhone = ""
            copy.subject = "学校门口积水（更新）"
            copy.content = "学校门口积水，已持续三天"
            copy.publicationAllowed = false
            copy.receivedOn = "2024-05-06"
            copy.receivedAt = AuditQuery.instant(startOf: "2024-05-06").addingTimeInterval(36_000)
            copy.sourceID = "RX-M1"
            copy.importAgencyID = nil
            copy.timeLimitDays = 15
            copy.timeLimitBasis = "默认"
            copy.status = .completed
            copy.assignedUnit = "热线"
            copy.reply = "热线已转教育局。"
            copy.completedOn = "2024-05-08"
            copy.completedAt = AuditQuery.instant(startOf: "2024-05-08")
            copy.handlingDays = 2
            copy.onTime = true
            copy.publication = .notAllowed
            copy.satisfaction = .basicallySatisfied
            copy.ratingSource = .sender
            copy.ratedOn = "2024-05-09"
            try await copy.create(on: app.db)
            let copyID = try copy.requireID()
            try await MessageEvent(messageID: copyID, agencyID: gov, occurredOn: "2024-05-06", actor: .system, kind: .received, summary: "导入").create(on: app.db)
            try await app.db.requireSQL().raw("UPDATE public_messages SET updated_at = \(bind: Date().addingTimeInterval(3600)) WHERE id = \(bind: copyID)").run()
            let keeperEvents = try await MessageEvent.query(on: app.db).filter(\.$message.$id == keeperID).count()
            #expect(try await Self.figures(app, [gov, bureau]).total.received == 2, "the state to repair")

            try await MergeDuplicateImportedMessages().prepare(on: app.db)
            try await MessageDuplicates.settleAll(on: app.db)

            let rows = try await MessageReviewFixesTests.message(app, sourceID: "RX-M1")
            #expect(rows.count == 1)
            let merged = try #require(rows.first)
            #expect(try merged.requireID() == keeperID)
            #expect(merged.importAgencyID == gov)
            #expect(merged.subject == "学校门口积水（更新）" && merged.content == "学校门口积水，已持续三天", "the latest export's data")
            #expect(merged.reply == "教育局已清理积水。" && merged.status == .completed && merged.$agency.id == bureau, "what staff did stays")
            #expect(merged.completedOn == "2024-06-01")
            #expect(merged.satisfaction == .basicallySatisfied && merged.ratingSource == .sender, "the sender's rating")
            let events = try await MessageEvent.query(on: app.db).filter(\.$message.$id == keeperID).all()
            #expect(events.count == keeperEvents + 2, "the copy's history and the merge line")
            let line = try #require(events.first { $0.kind == .merged })
            #expect(line.summary.contains("热线已转教育局。"), "the copy's reply is kept in the history: \(line.summary)")
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "message_merged").all()
            #expect(Set(audit.map(\.entityID)) == [String(keeperID), String(copyID)])
            let after = try await Self.figures(app, [gov, bureau])
            #expect(after.total.received == 1 && after.total.completed == 1 && after.total.basicallySatisfied == 1, "\(after.total)")
            // and the next export updates the merged row by its key, adding none
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, Self.header + "RX-M1,12345热线,2024-05-06 10:00,积水,学校门口积水,,,,\r\n")
            #expect(try await MessageReviewFixesTests.message(app, sourceID: "RX-M1").count == 1)
        }
    }

    /// A database marked the earlier way (only the copies not counted carry `superseded_by_id`;
    /// the counted copy none) is brought to the new marks by CountCopiesAsOfPeriodEnd: every copy
    /// points to the copy counted today, the counted one to itself, a row without copies stays
    /// unmarked; its revert goes back to the earlier marks. The figures count each item once.
    @Test func theMigrationMarksEveryCopyOfRowsMarkedTheEarlierWay() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, Self.header
                + "RX-U1,12345热线,2024-05-06 10:00,路灯,路灯不亮,,,,\r\n" + "RX-U2,12345热线,2024-05-07 10:00,噪音,工地噪音,,,,\r\n")
            try await MessageReviewFixesTests.importFile(app, agencyID: bureau, Self.header + "RX-U1,12345热线,2024-05-06 10:00,路灯,路灯不亮,城管,2024-05-09 10:00,已修复,满意\r\n")
            func marks() async throws -> [String: Int?] {
                let rows = try await PublicMessage.query(on: app.db).all()
                return Dictionary(uniqueKeysWithValues: rows.map { ("\($0.sourceID ?? "")@\($0.$agency.id)", $0.supersededByID) })
            }
            let answered = try #require(try await MessageReviewFixesTests.message(app, sourceID: "RX-U1").first { $0.$agency.id == bureau }?.requireID())
            let expected: [String: Int?] = ["RX-U1@\(gov)": answered, "RX-U1@\(bureau)": answered, "RX-U2@\(gov)": nil]
            #expect(try await marks() == expected)
            try await CountCopiesAsOfPeriodEnd().revert(on: app.db)
            #expect(try await marks() == ["RX-U1@\(gov)": answered, "RX-U1@\(bureau)": nil, "RX-U2@\(gov)": nil], "the earlier marks")
            try await CountCopiesAsOfPeriodEnd().prepare(on: app.db)
            #expect(try await marks() == expected)
            let f = try await Self.figures(app, [gov, bureau]).total
            #expect(f.received == 2 && f.completed == 1 && f.satisfied == 1, "\(f)")
        }
    }

    /// The figures leave the copies of shared items out of the main scan and rank them apart,
    /// without reading the table: the statement reads only the two partial covering indexes, on
    /// SQLite and on PostgreSQL (their predicates are the query's).
    @Test func theFiguresReadOnlyThePartialCoveringIndex() async throws {
        try await withTestApp { app in
            app.settings.fixedToday = "2024-06-01"
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), bureau = try county.bureau.requireID()
            try await MessageReviewFixesTests.importFile(app, agencyID: gov, Self.header + "RX-P1,12345热线,2024-05-06 10:00,路灯,路灯不亮,,,,\r\n")
            try await MessageReviewFixesTests.importFile(app, agencyID: bureau, Self.header + "RX-P1,12345热线,2024-05-06 10:00,路灯,路灯不亮,,,,\r\n")
            // the index made again with the dismissal's reason, after a round trip of its migration
            try await CoverDismissalReasonInCopiesIndex().revert(on: app.db)
            try await CoverDismissalReasonInCopiesIndex().prepare(on: app.db)
            if TestDatabase.isPostgres { try await app.db.requireSQL().raw("VACUUM ANALYZE public_messages").run() }
            try await app.db.withConnection { connection in
                let sql = try connection.requireSQL()
                if TestDatabase.isPostgres { try await sql.raw("SET enable_seqscan = off").run() }
                let recorder = try RecordingDatabase(connection)
                _ = try await MessageFigures.query(agencyIDs: [gov, bureau], from: Self.year.0, through: Self.year.1, on: recorder)
                let statements = recorder.log.statements.filter { QueryPlan.reads("public_messages", $0, on: sql) }
                try #require(statements.count == 1)
                let plan = try await QueryPlan.of(statements[0], on: sql)
                #expect(plan.coveringIndexes == [CreatePublicMessages.figuresIndex, CountCopiesAsOfPeriodEnd.copiesIndex], "\(plan)")
                #expect(plan.tableAccesses(of: "public_messages").isEmpty, "\(plan)")
                if TestDatabase.isPostgres { try await sql.raw("RESET enable_seqscan").run() }
            }
        }
    }
}
