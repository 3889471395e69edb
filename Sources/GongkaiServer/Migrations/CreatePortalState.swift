import Foundation
import Fluent
import SQLKit

/// One row counting changes to what the portal shows: every publish, withdrawal and edit bumps
/// it in the same transaction, and every server instance compares it with its cache.
struct CreatePortalState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("""
            CREATE TABLE portal_state (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL, changed_at VARCHAR(40) NOT NULL)
            """).run()
        try await sql.raw("INSERT INTO portal_state (id, generation, changed_at) VALUES (1, 1, \(bind: PortalCache.httpDate(Date())))").run()
    }

    func revert(on database: any Database) async throws {
        try await database.requireSQL().raw("DROP TABLE IF EXISTS portal_state").run()
    }
}
