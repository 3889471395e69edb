import Fluent
import Foundation
import GongkaiCore
@testable import GongkaiServer
import SQLKit
import Testing
import Vapor

/// Third cold review of issue #8: an agency moved under another parent keeps its past entries in
/// the old parent's log (they were written in that subtree) and brings none into the new one's;
/// and no audit entry carries anything derived from a password hash.
@Suite("Audit history across agency moves, and no password hash in the log")
struct AuditHistoryTests {
    @Test func anAgencyMovedUnderAnotherParentLeavesItsPastEntriesWithTheOldParent() async throws {
        try await withTestApp { app in
            // given a township under the education bureau, and a second bureau beside it
            let county = try await County.make(on: app)
            let gov = try county.government.requireID(), edu = try county.bureau.requireID(), town = try county.township.requireID()
            let health = try await AgencyService.create(
                AgencyFields(code: "t-health", name: "测试县卫生健康局", shortName: "县卫健局", kind: .department, creditCode: nil),
                parentID: gov, by: .system, on: app.db)
            let healthID = try health.requireID()
            _ = try await AgencyService.update(town, county.township.fields, parentID: edu, expectedVersion: 1, by: .system, on: app.db)
            try await county.user("edu.auditor", [.auditor], in: county.bureau, on: app)
            try await county.user("health.auditor", [.auditor], in: health, on: app)
            try await county.user("county.auditor", [.auditor], in: county.government, on: app)
            // and an officer of the township created while it is under the education bureau
            let early = try await county.user("town.early", [.caseOfficer], in: county.township, on: app)
            // when the township moves to the health bureau, and another officer is created there
            let township = try #require(try await Agency.find(town, on: app.db))
            _ = try await AgencyService.update(
                town, township.fields, parentID: healthID, expectedVersion: township.version,
                by: .system, on: app.db)
            let late = try await county.user("town.late", [.caseOfficer], in: county.township, on: app)
            func sees(_ auditor: String, _ type: AuditEntityType, _ id: Int) async throws -> Int {
                try await AuditScopeTests.entries(of: type, String(id), seenBy: auditor, on: app).filter { $0.action == "create" }.count
            }
            // then the education bureau's auditor still reads what was written in its subtree
            #expect(try await sees("edu.auditor", .staffUser, try early.requireID()) == 1)
            // and not what the township wrote after it left
            #expect(try await sees("edu.auditor", .staffUser, try late.requireID()) == 0)
            // and the health bureau's auditor reads only what was written after the move
            #expect(try await sees("health.auditor", .staffUser, try early.requireID()) == 0)
            #expect(try await sees("health.auditor", .staffUser, try late.requireID()) == 1)
            // and the move itself is in both bureaus' logs (the first move, into the education
            // bureau, is the education bureau's alone)
            func moves(_ auditor: String) async throws -> Int {
                try await AuditScopeTests.entries(of: .agency, String(town), seenBy: auditor, on: app).filter { $0.action == "update" }.count
            }
            #expect(try await moves("edu.auditor") == 2)
            #expect(try await moves("health.auditor") == 1)
            // and the county's auditor reads everything once
            #expect(try await moves("county.auditor") == 2)
            #expect(try await sees("county.auditor", .staffUser, try early.requireID()) == 1)
            // and the entries keep their place in the tree as written, digits and slashes only
            let paths = try await AuditEntry.query(on: app.db).filter(\.$entityType == AuditEntityType.staffUser.rawValue)
                .filter(\.$action == "create").filter(\.$entityID ~~ [String(try early.requireID()), String(try late.requireID())])
                .sort(\.$id).all().map(\.agencyPath)
            #expect(paths == ["/\(gov)/\(edu)/\(town)/", "/\(gov)/\(healthID)/\(town)/"])
        }
    }

    @Test func noAuditEntryContainsAnyPartOfAPasswordHash() async throws {
        try await withTestApp { app in
            // given a user created, who changes their password, and whose password an administrator resets
            let county = try await County.make(on: app)
            let user = try await county.user("hash.owner", [.caseOfficer], on: app)
            let id = try user.requireID()
            var hashes = [user.passwordHash]
            try await UserService.changeOwnPassword(
                id, current: County.password, new: "Another horse 43", confirmation: "Another horse 43",
                hasher: app.passwordHasher, by: .system, on: app.db)
            hashes.append(try #require(try await StaffUser.find(id, on: app.db)).passwordHash)
            _ = try await UserService.resetPassword(id, hasher: app.passwordHasher, by: .system, on: app.db)
            hashes.append(try #require(try await StaffUser.find(id, on: app.db)).passwordHash)
            #expect(Set(hashes).count == 3)
            // when every entry about the user is read
            let entries = try await AuditEntry.query(on: app.db).filter(\.$entityType == AuditEntityType.staffUser.rawValue)
                .filter(\.$entityID == String(id)).all()
            #expect(entries.count >= 3)
            // then no entry's text holds 8 characters in a row of any hash, or of any hash's SHA-256
            let texts = entries.map { [$0.summary, $0.beforeJSON ?? "", $0.afterJSON ?? ""].joined(separator: "\n") }
            for hash in hashes {
                for source in [hash, hash.sha256Hex] {
                    // The salt and digest of the hash; bcrypt's `$2b$12$` prefix says nothing about it.
                    let chars = Array(source.hasPrefix("$2") ? String(source.dropFirst(7)) : source)
                    for start in 0...(chars.count - 8) {
                        let part = String(chars[start..<start + 8])
                        #expect(!texts.contains { $0.contains(part) }, "an audit entry contains “\(part)” of a password hash")
                    }
                }
            }
            // and the change and the reset are still there, said in words
            #expect(Set(entries.map(\.action)).isSuperset(of: ["change_password", "reset_password"]))
        }
    }

    /// The backfill gives existing entries today's tree, with the triggers lifted only inside it.
    @Test func theMigrationGivesExistingEntriesTheirAgencysPathToday() async throws {
        try await withTestApp { app in
            // given an officer of the township and the log without the path columns
            let county = try await County.make(on: app)
            let officer = try await county.user("town.officer", [.caseOfficer], in: county.township, on: app)
            let gov = try county.government.requireID(), town = try county.township.requireID()
            try await app.db.withConnection { db in
                let sql = try db.requireSQL()
                if sql.dialect.name == "postgresql" {
                    try await sql.raw("DROP INDEX audit_entries_agency_path_trgm").run()
                    try await sql.raw("DROP INDEX audit_entries_former_agency_path_trgm").run()
                }
                try await sql.raw("ALTER TABLE audit_entries DROP COLUMN agency_path").run()
                try await sql.raw("ALTER TABLE audit_entries DROP COLUMN former_agency_path").run()
                // when the migration runs
                try await AddAgencyPathsToAuditEntries().prepare(on: db)
            }
            // then the officer's entry has the township's path, and the log is append-only again
            let entry = try #require(
                try await AuditEntry.query(on: app.db).filter(\.$entityType == AuditEntityType.staffUser.rawValue)
                    .filter(\.$entityID == String(try officer.requireID())).first())
            #expect(entry.agencyPath == "/\(gov)/\(town)/")
            #expect(entry.formerAgencyPath == nil)
            await #expect(throws: (any Error).self) {
                try await app.db.requireSQL().raw("UPDATE audit_entries SET summary = 'x'").run()
            }
        }
    }

    /// Entries written before the fix carried `sha256:` and 12 hex digits of the hash: the
    /// migration takes the field out of them and leaves the rest as it was.
    @Test func theMigrationRemovesPasswordFingerprintsFromExistingEntries() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("old.user", [.caseOfficer], on: app)
            // given an entry as the old snapshot wrote it
            let old = #"{"display_name":"旧","password":"sha256:0123456789ab","username":"old.user","version":"1"}"#
            try await AuditLog.record(
                .resetPassword, entityType: .staffUser, entityID: String(try user.requireID()), summary: "重置用户 old.user 的密码",
                before: nil, after: nil, by: .system, on: app.db)
            try await app.db.requireSQL().raw(
                """
                INSERT INTO audit_entries (occurred_at, actor_name, action, entity_type, entity_id, summary, before_json, after_json, request_id, ip_address)
                SELECT occurred_at, actor_name, action, entity_type, entity_id, summary, \(bind: old), \(bind: old), request_id, ip_address
                FROM audit_entries WHERE action = 'reset_password'
                """
            ).run()
            // when the migration runs
            try await RemovePasswordFingerprintsFromAuditEntries().prepare(on: app.db)
            // then no entry holds the fingerprint, and the other fields are kept
            let entries = try await AuditEntry.query(on: app.db).all()
            #expect(!entries.contains { ($0.beforeJSON ?? "").contains("sha256:") || ($0.afterJSON ?? "").contains("sha256:") })
            let scrubbed = try #require(entries.first { $0.beforeJSON?.contains("旧") == true })
            #expect(scrubbed.beforeJSON == #"{"display_name":"旧","username":"old.user","version":"1"}"#)
            #expect(scrubbed.afterJSON == scrubbed.beforeJSON)
        }
    }

    /// Every entry an auditor reads through the API (all pages), optionally filtered.
    static func seen(by username: String, query: String = "", on app: Application) async throws -> [AuditEntryDTO] {
        let id = try #require(try await StaffUser.query(on: app.db).filter(\.$username == username).first()).requireID()
        let (_, secret) = try await APITokenService.create(name: "seen", userID: id, validDays: nil, by: .system, on: app.db)
        let client = TestClient(app)
        client.bearer = secret
        var all: [AuditEntryDTO] = []
        for page in 1...40 {
            let r = try await client.api(.GET, "/api/v1/audit?page=\(page)\(query.isEmpty ? "" : "&" + query)")
            #expect(r.status == .ok, "\(r.body.prefix(300))")
            let dto = try r.json(AuditPageDTO.self)
            all += dto.entries
            if all.count >= dto.total || dto.entries.isEmpty { break }
        }
        return all
    }

    /// Review 8d: an entry written with its agency but no path (as a server of the previous version
    /// still running beside the migrated database writes it) is read by that agency's auditors
    /// above it by today's tree, and not by another bureau's.
    @Test func anEntryWithAnAgencyButNoPathIsStillRead() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let gov = try county.government.requireID()
            let health = try await AgencyService.create(
                AgencyFields(code: "t-health", name: "测试县卫生健康局", shortName: "县卫健局", kind: .department, creditCode: nil),
                parentID: gov, by: .system, on: app.db)
            try await county.user("edu.aud", [.auditor], in: county.bureau, on: app)
            try await county.user("gov.aud", [.auditor], in: county.government, on: app)
            try await county.user("health.aud", [.auditor], in: health, on: app)
            let edu = try county.bureau.requireID()
            try await app.db.requireSQL().raw(
                """
                INSERT INTO audit_entries (occurred_at, actor_name, action, entity_type, entity_id, summary, request_id, ip_address, agency_id)
                SELECT occurred_at, actor_name, 'update', 'agency', \(bind: String(edu)), 'R8D-NOPATH', request_id, ip_address, \(bind: edu)
                FROM audit_entries ORDER BY id LIMIT 1
                """
            ).run()
            #expect(try await Self.seen(by: "edu.aud", on: app).contains { $0.summary == "R8D-NOPATH" })
            #expect(try await Self.seen(by: "gov.aud", on: app).contains { $0.summary == "R8D-NOPATH" })
            #expect(try await Self.seen(by: "health.aud", on: app).allSatisfy { $0.summary != "R8D-NOPATH" })
        }
    }

    /// Review 8d: escaped text, a display name that is the word "password", a locked account: the
    /// scrub takes only the `password` field, every other field decodes to what it was, and an
    /// entry with nothing to remove is left as it was.
    @Test func theScrubKeepsEveryOtherFieldOfOddSnapshots() async throws {
        try await withTestApp { app in
            let county = try await County.make(on: app)
            let user = try await county.user("odd.user", [.caseOfficer], on: app)
            let fields: [String: String] = [
                "display_name": "王\"小\\明/</script>\u{1}\u{202E}𠀀", "username": "odd.user", "version": "3",
                "locked_until": "2024-01-01T00:00:00Z", "roles": "case_officer@1", "password": "sha256:0123456789ab",
            ]
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let odd = String(decoding: try enc.encode(fields), as: UTF8.self)
            // an older writer's shape: escaped slashes, keys unsorted
            let legacy = #"{"username":"odd.user","password":"sha256:ba9876543210","display_name":"a\/b"}"#
            let word = #"{"display_name":"password","username":"odd.user"}"#
            for (before, after) in [(odd, odd), (legacy, word)] {
                try await app.db.requireSQL().raw(
                    """
                    INSERT INTO audit_entries (occurred_at, actor_name, action, entity_type, entity_id, summary, before_json, after_json, request_id, ip_address, agency_id, agency_path)
                    SELECT occurred_at, actor_name, 'update', entity_type, entity_id, 'R8D', \(bind: before), \(bind: after), request_id, ip_address, agency_id, agency_path
                    FROM audit_entries WHERE entity_type = 'staff_user' AND entity_id = \(bind: String(try user.requireID())) AND action = 'create'
                    """
                ).run()
            }
            try await RemovePasswordFingerprintsFromAuditEntries().prepare(on: app.db)
            let rows = try await AuditEntry.query(on: app.db).filter(\.$summary == "R8D").sort(\.$id).all()
            #expect(rows.count == 2)
            var expected = fields
            expected["password"] = nil
            #expect(AuditEntry.fields(rows[0].beforeJSON) == expected)
            #expect(AuditEntry.fields(rows[0].afterJSON) == expected)
            #expect(AuditEntry.fields(rows[1].beforeJSON) == ["username": "odd.user", "display_name": "a/b"])
            #expect(rows[1].afterJSON == word)  // nothing to remove: left as it was
            #expect(!(rows.compactMap(\.beforeJSON) + rows.compactMap(\.afterJSON)).contains { $0.contains("sha256:") })
        }
    }
}
