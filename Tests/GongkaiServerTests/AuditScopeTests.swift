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

    /// On PostgreSQL only: the test takes the column away (the migration's revert) to run the
    /// migration on entries written without it, and Fluent's SQLite driver does not drop a
    /// column on revert. The backfill's SQL is the same on both databases.
    @Test(.enabled(if: TestDatabase.isPostgres)) func theMigrationGivesExistingEntriesTheAgencyThatCanBeKnown() async throws {
        try await withTestApp(configureSettings: { $0.mailboxMinSeconds = 0 }) { app in
            // given entries written before the column existed: the transferred letter's, a user's
            // made in the bureau, and one about a record since gone
            let county = try await MessageFlowTests.county(app)
            let id = try await Self.transferredLetter(app, county: county)
            try await AuditLog.record(.update, entityType: .disclosureRequest, entityID: "987654", summary: "gone",
                                      before: nil, after: nil, by: .system, on: app.db)
            try await AddAgencyToAuditEntries().revert(on: app.db)
            // when the migration runs on them
            try await AddAgencyToAuditEntries().prepare(on: app.db)
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
}
