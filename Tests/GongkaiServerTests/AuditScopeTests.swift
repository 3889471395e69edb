import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// An auditor reads the log of the agencies below them as it was written: each entry keeps the
/// agency its record belonged to then (issue #8). Scoping by where records are now let a
/// transferred message carry the sender's entries into the receiver's log.
@Suite("Audit log scoped by the agency at the time")
struct AuditScopeTests {
    /// The actions of the message's entries each auditor reads, through the API.
    static func actions(of messageID: Int, seenBy username: String, on app: Application) async throws -> Set<String> {
        let id = try #require(try await StaffUser.query(on: app.db).filter(\.$username == username).first()).requireID()
        let (_, secret) = try await APITokenService.create(name: "a", userID: id, validDays: nil, by: .system, on: app.db)
        let client = TestClient(app)
        client.bearer = secret
        let page = try await client.api(.GET, "/api/v1/audit?entity_type=public_message&entity_id=\(messageID)")
        #expect(page.status == .ok, "\(page.body.prefix(300))")
        return Set(try page.json(AuditPageDTO.self).entries.map(\.action))
    }

    /// A letter to the township, transferred to the bureau, which accepts it.
    static func transferredLetter(_ app: Application, county: County) async throws -> Int {
        try await county.user("town.officer", [.caseOfficer], in: county.township, on: app)
        try await county.user("edu.officer", [.caseOfficer], in: county.bureau, on: app)
        try await county.user("town.auditor", [.auditor], in: county.township, on: app)
        try await county.user("edu.auditor", [.auditor], in: county.bureau, on: app)
        try await county.user("county.auditor", [.auditor], in: county.government, on: app)
        let (_, written) = try await MessageFlowTests.writeLetter(app, agency: "t-town")
        #expect(written.status == .ok, "\(written.body.prefix(300))")
        let id = try #require(try await PublicMessage.query(on: app.db).first()?.requireID())
        let town = TestClient(app)
        try await town.signIn("town.officer", County.password)
        let moved = try await MessageFlowTests.step(town, id, [("action", "transfer"), ("agency_id", String(try county.bureau.requireID())),
                                                              ("reason", "属于教育局职责")], on: app)
        #expect(moved.status == .seeOther, "\(moved.body.prefix(300))")
        let edu = TestClient(app)
        try await edu.signIn("edu.officer", County.password)
        #expect(try await MessageFlowTests.step(edu, id, [("action", "accept")], on: app).status == .seeOther)
        return id
    }

    @Test func aTransferredMessageKeepsItsEntriesInTheLogOfTheAgencyThatWroteThem() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given a letter received by the township, transferred to the bureau and accepted there
            let county = try await MessageFlowTests.county(app)
            let id = try await Self.transferredLetter(app, county: county)
            // when each auditor reads the letter's entries
            let bureau = try await Self.actions(of: id, seenBy: "edu.auditor", on: app)
            let township = try await Self.actions(of: id, seenBy: "town.auditor", on: app)
            let whole = try await Self.actions(of: id, seenBy: "county.auditor", on: app)
            // then the bureau's auditor reads only what happened in the bureau, not the township's
            // intake of the letter, although the message is the bureau's now
            #expect(bureau == ["message_accepted"])
            // and the township's auditor still reads its own entries, transfer included
            #expect(township == ["message_received", "message_transferred_out"])
            // and the county's auditor all of them
            #expect(whole == ["message_received", "message_transferred_out", "message_accepted"])
        }
    }

    /// The entries of one record an auditor reads, through the API.
    static func entries(of type: AuditEntityType, _ entityID: String, seenBy username: String, on app: Application) async throws -> [AuditEntryDTO] {
        let id = try #require(try await StaffUser.query(on: app.db).filter(\.$username == username).first()).requireID()
        let (_, secret) = try await APITokenService.create(name: "a", userID: id, validDays: nil, by: .system, on: app.db)
        let client = TestClient(app)
        client.bearer = secret
        let page = try await client.api(.GET, "/api/v1/audit?entity_type=\(type.rawValue)&entity_id=\(entityID)")
        #expect(page.status == .ok, "\(page.body.prefix(300))")
        return try page.json(AuditPageDTO.self).entries
    }

    /// Puts the log back as it was before `AddAgencyToAuditEntries`: no agency column, and then
    /// runs that migration on the entries. By hand rather than by the migration's revert, which
    /// Fluent's SQLite driver runs without dropping the column; on one connection, so SQLite's
    /// pooled connections cannot disagree about the table's columns meanwhile.
    static func rerunAgencyBackfill(on app: Application) async throws {
        try await app.db.withConnection { db in
            let sql = try db.requireSQL()
            try await sql.raw("DROP INDEX audit_entries_agency_id_id_idx").run()
            try await sql.raw("ALTER TABLE audit_entries DROP COLUMN agency_id").run()
            try await AddAgencyToAuditEntries().prepare(on: db)
        }
    }

    /// The migration's SQL is the same on both databases; the column is taken away by hand
    /// (`rerunAgencyBackfill`), so this runs on SQLite too.
    @Test func theMigrationGivesExistingEntriesTheAgencyThatCanBeKnown() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given entries written before the column existed: the transferred letter's, a user's
            // made in the bureau, and one about a record since gone
            let county = try await MessageFlowTests.county(app)
            let id = try await Self.transferredLetter(app, county: county)
            try await AuditLog.record(.update, entityType: .disclosureRequest, entityID: "987654", summary: "gone",
                                      before: nil, after: nil, by: .system, on: app.db)
            // when the migration runs on them
            try await Self.rerunAgencyBackfill(on: app)
            // then the letter's entries up to its transfer are the township's, later ones the bureau's
            #expect(try await Self.actions(of: id, seenBy: "edu.auditor", on: app) == ["message_accepted"])
            #expect(try await Self.actions(of: id, seenBy: "town.auditor", on: app) == ["message_received", "message_transferred_out"])
            // and a user's entries are their agency's
            let created = try await AuditEntry.query(on: app.db).filter(\.$entityType == "staff_user").filter(\.$action == "create").all()
            let bureauID = try county.bureau.requireID()
            let edu = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "edu.officer").first())
            let eduID = String(try edu.requireID())
            #expect(created.first { $0.entityID == eduID }?.agencyID == bureauID)
            // and the entry about a record that is gone has none: only an auditor of every agency reads it
            let gone = try #require(try await AuditEntry.query(on: app.db).filter(\.$entityID == "987654").first())
            #expect(gone.agencyID == nil)
            // and the log is append-only again
            let sql = try app.db.requireSQL()
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_entries SET summary = 'x'").run() }
        }
    }

    /// A letter received by the township, transferred to the bureau, which transfers it on to the
    /// county government (the reviewer's probe of #8): `AddAgencyToAuditEntries` gave every entry
    /// up to the last transfer to the last sender, the bureau. The correction places each entry
    /// at the agency that held the letter when it was written.
    @Test func theCorrectionPlacesATwiceTransferredLettersEntriesWhereTheyWereWritten() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given a letter received by the township, transferred to the bureau and then to the county government
            let county = try await MessageFlowTests.county(app)
            let (_, written) = try await MessageFlowTests.writeLetter(app, agency: "t-town")
            #expect(written.status == .ok, "\(written.body.prefix(300))")
            let id = try #require(try await PublicMessage.query(on: app.db).first()?.requireID())
            let town = try county.township.requireID(), bureau = try county.bureau.requireID(), gov = try county.government.requireID()
            try await MessageReviewFixesTests.act(app, id, .accept(on: "2024-03-04"))
            try await MessageReviewFixesTests.act(app, id, .transfer(agencyID: bureau, reason: "属于教育局职责"))
            try await MessageReviewFixesTests.act(app, id, .accept(on: "2024-03-04"))
            try await MessageReviewFixesTests.act(app, id, .transfer(agencyID: gov, reason: "需县政府协调"))
            try await MessageReviewFixesTests.act(app, id, .accept(on: "2024-03-04"))
            func agencies() async throws -> [String] {
                try await AuditEntry.query(on: app.db).filter(\.$entityType == "public_message").filter(\.$entityID == String(id))
                    .sort(\.$id).all().map { "\($0.action)@\($0.agencyID.map(String.init) ?? "-")" }
            }
            let asWritten = ["message_received@\(town)", "message_accepted@\(town)", "message_transferred_out@\(town)",
                             "message_accepted@\(bureau)", "message_transferred_out@\(bureau)", "message_accepted@\(gov)"]
            #expect(try await agencies() == asWritten)
            // and the backfill of AddAgencyToAuditEntries run on them, as on an installation upgraded with this letter
            try await Self.rerunAgencyBackfill(on: app)
            #expect(try await agencies() != asWritten, "the backfill no longer misplaces the entries: the test proves nothing")
            // when the correction runs
            try await CorrectTransferredMessageAuditAgencies().prepare(on: app.db)
            // then each entry is at the agency that held the letter when it was written, as the log writes it today
            #expect(try await agencies() == asWritten)
            // and the township's auditor reads the township's intake again
            try await county.user("town.auditor", [.auditor], in: county.township, on: app)
            let seen = try await Self.entries(of: .publicMessage, String(id), seenBy: "town.auditor", on: app).map(\.action)
            #expect(Set(seen) == ["message_received", "message_accepted", "message_transferred_out"] && seen.count == 3)
            // and the log is append-only again
            let sql = try app.db.requireSQL()
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_entries SET summary = 'x'").run() }
        }
    }

    /// An officer of the township moved to the bureau: the entry recording it is in both logs —
    /// the township's auditor must read that one of its officers left with their roles.
    @Test func aUserMovedToAnotherAgencyIsInTheLogsOfBoth() async throws {
        try await withTestApp { app in
            // given a township officer, the auditors of the township, the bureau and the county
            let county = try await County.make(on: app)
            let admin = try await county.user("admin.c", [.systemAdministrator], on: app)
            let principal = try await StaffPrincipal.load(admin, on: app.db)
            let officer = try await county.user("town.officer", [.caseOfficer], in: county.township, on: app)
            try await county.user("town.auditor", [.auditor], in: county.township, on: app)
            try await county.user("edu.auditor", [.auditor], in: county.bureau, on: app)
            try await county.user("county.auditor", [.auditor], in: county.government, on: app)
            let officerID = try officer.requireID()
            // when the administrator moves the officer to the bureau
            let input = UserInput(username: "town.officer", displayName: "调走", agencyID: try county.bureau.requireID(),
                                  roles: [.caseOfficer], isActive: true)
            _ = try await UserService.update(officerID, input, expectedVersion: officer.version, staff: principal, by: .system, on: app.db)
            // then the township's auditor reads the move (not only the officer's creation)
            func updates(_ auditor: String) async throws -> Int {
                try await Self.entries(of: .staffUser, String(officerID), seenBy: auditor, on: app).filter { $0.action == "update" }.count
            }
            #expect(try await updates("town.auditor") == 1)
            // and so does the bureau's, where the officer is now
            #expect(try await updates("edu.auditor") == 1)
            // and an auditor of both reads it once: one change, one entry
            #expect(try await updates("county.auditor") == 1)
            // and a change that moves no one names no former agency
            let renamed = UserInput(username: "town.officer", displayName: "改名", agencyID: try county.bureau.requireID(),
                                    roles: [.caseOfficer], isActive: true)
            let moved = try #require(try await StaffUser.find(officerID, on: app.db))
            _ = try await UserService.update(officerID, renamed, expectedVersion: moved.version, staff: principal, by: .system, on: app.db)
            #expect(try await updates("town.auditor") == 1)
            #expect(try await updates("edu.auditor") == 2)
        }
    }

    /// Deadlines recomputed after a holiday change: each agency's entry is its own, read by its
    /// auditor (an entry of no agency reached only an auditor of every agency).
    @Test func aRecomputationAfterAHolidayChangeIsInEachAgencysLog() async throws {
        try await withTestApp { app in
            // given calls received on 2026-12-28 by the county government and the township, due in 2027 (no holiday data yet)
            let county = try await MessageFlowTests.county(app, today: "2026-12-28")
            try await county.user("town.auditor", [.auditor], in: county.township, on: app)
            try await county.user("edu.auditor", [.auditor], in: county.bureau, on: app)
            for (name, agency) in [("gov.officer", county.government), ("town.officer", county.township)] {
                let officer = try await county.user(name, [.caseOfficer], in: agency, on: app)
                let (_, secret) = try await APITokenService.create(name: "t", userID: try officer.requireID(), validDays: nil, by: .system, on: app.db)
                let api = TestClient(app)
                api.bearer = secret
                let created = try await api.api(.POST, "/api/v1/messages", json: [
                    "agency_id": String(try agency.requireID()), "channel": "电话", "kind": "complaint", "sender_phone": "13900001111",
                    "subject": "供暖", "content": "小区供暖温度不达标。"])
                #expect(created.status == .created || created.status == .ok, "\(created.body.prefix(300))")
            }
            // when the 2027 schedule is added
            try await HolidayService.importYear(yearText: "2027", content: "2027-01-01\tholiday\t元旦\t通知\n", settings: app.settings,
                                                by: .system, on: app.db)
            // then each agency has its own entry, with its own count
            let entries = try await AuditEntry.query(on: app.db).filter(\.$action == "recompute_deadline")
                .filter(\.$entityType == "public_message").all()
            #expect(Set(entries.compactMap(\.agencyID)) == [try county.government.requireID(), try county.township.requireID()])
            #expect(entries.count == 2 && entries.allSatisfy { $0.summary.contains("重新计算 1 件") })
            // and the township's auditor reads the township's, the bureau's (which had no open call) none
            #expect(try await Self.entries(of: .publicMessage, "*", seenBy: "town.auditor", on: app).count == 1)
            #expect(try await Self.entries(of: .publicMessage, "*", seenBy: "edu.auditor", on: app).isEmpty)
        }
    }
}
