import Fluent
import Foundation
import SQLKit

/// An imported message is the export's item of the agency that imports it: (import_agency_id,
/// source_id) is its identity, which a transfer does not change. The first key, (agency_id,
/// source_id), changed with a transfer, so the next export inserted the item again; and a
/// transfer into an agency holding the same source id broke it. That constraint is dropped
/// (PostgreSQL: ALTER TABLE; SQLite cannot drop a table constraint, so the table is rebuilt
/// without it, SQLite's documented procedure, foreign keys off on one connection).
///
/// Existing imports take the agency of their import job (else the one they were transferred
/// from, else their own). Rows the old key duplicated keep the key on the first only.
struct KeyImportedMessagesByImportingAgency: AsyncMigration {
    static let index = "public_messages_import_key_idx"

    func prepare(on database: any Database) async throws {
        try await database.schema(PublicMessage.schema).field("import_agency_id", .int).update()
        let sql = try database.requireSQL()
        try await sql.raw("""
            UPDATE public_messages SET import_agency_id = COALESCE(
              (SELECT j.agency_id FROM message_import_jobs j WHERE j.id = public_messages.import_job_id), transferred_from_id, agency_id)
            WHERE source_id IS NOT NULL
            """).run()
        try await sql.raw("""
            UPDATE public_messages SET import_agency_id = NULL
            WHERE import_agency_id IS NOT NULL AND EXISTS (SELECT 1 FROM public_messages o WHERE o.import_agency_id = public_messages.import_agency_id
              AND o.source_id = public_messages.source_id AND o.id < public_messages.id)
            """).run()
        switch sql.dialect.name {
        case "postgresql":
            let rows = try await sql.raw("""
                SELECT conname FROM pg_constraint WHERE conrelid = 'public_messages'::regclass AND contype = 'u'
                  AND pg_get_constraintdef(oid) = 'UNIQUE (agency_id, source_id)'
                """).all()
            for row in rows {
                let name = try row.decode(column: "conname", as: String.self)
                try await sql.raw("ALTER TABLE public_messages DROP CONSTRAINT \(ident: name)").run()
            }
        case "sqlite":
            try await rebuildSQLiteTableWithoutOldKey(database)
        default:
            throw UnsupportedDialect(name: sql.dialect.name)
        }
        try await sql.raw("CREATE UNIQUE INDEX \(unsafeRaw: Self.index) ON public_messages (import_agency_id, source_id)").run()
    }

    /// https://www.sqlite.org/lang_altertable.html#otheralter: a new table from the stored
    /// definition without the constraint, the rows copied, the old table dropped (foreign keys
    /// off: no cascade into the history), the new one renamed, its indexes and triggers remade.
    private func rebuildSQLiteTableWithoutOldKey(_ database: any Database) async throws {
        try await database.withConnection { conn in
            let sql = try conn.requireSQL()
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            let off = try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
            guard off == 0 else { throw MigrationProblem("SQLite: foreign keys could not be turned off to rebuild public_messages") }
            do {
                try await conn.transaction { tx in
                    let sql = try tx.requireSQL()
                    guard let create = try await sql.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'public_messages'").first()?
                        .decode(column: "sql", as: String.self) else { throw MigrationProblem("public_messages has no definition") }
                    let others = try await sql.raw("""
                        SELECT sql FROM sqlite_master WHERE tbl_name = 'public_messages' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                        """).all().map { try $0.decode(column: "sql", as: String.self) }
                    let constraint = try NSRegularExpression(pattern: #",\s*CONSTRAINT\s+"[^"]*"\s+UNIQUE\s*\(\s*"agency_id"\s*,\s*"source_id"\s*\)"#)
                    let range = NSRange(create.startIndex..., in: create)
                    guard constraint.numberOfMatches(in: create, range: range) == 1 else {
                        throw MigrationProblem("public_messages: the UNIQUE (agency_id, source_id) constraint was not found")
                    }
                    var rebuilt = constraint.stringByReplacingMatches(in: create, range: range, withTemplate: "")
                    guard let head = rebuilt.range(of: #"^CREATE TABLE\s+"?public_messages"?"#, options: .regularExpression) else {
                        throw MigrationProblem("public_messages: unexpected definition")
                    }
                    rebuilt.replaceSubrange(head, with: "CREATE TABLE \"public_messages_rebuilt\"")
                    try await sql.raw("\(unsafeRaw: rebuilt)").run()
                    try await sql.raw("INSERT INTO public_messages_rebuilt SELECT * FROM public_messages").run()
                    try await sql.raw("DROP TABLE public_messages").run()
                    try await sql.raw("ALTER TABLE public_messages_rebuilt RENAME TO public_messages").run()
                    for statement in others { try await sql.raw("\(unsafeRaw: statement)").run() }
                    let broken = try await sql.raw("PRAGMA foreign_key_check").all()
                    guard broken.isEmpty else { throw MigrationProblem("public_messages: \(broken.count) foreign keys broken by the rebuild") }
                }
            } catch {
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX \(unsafeRaw: Self.index)").run()
        try await database.sqlIndex(on: PublicMessage.schema, "agency_id", "source_id")
        try await database.schema(PublicMessage.schema).deleteField("import_agency_id").update()
    }
}

