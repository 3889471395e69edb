import Fluent
import SQLKit

/// A request cannot end before it was received: `concluded_on >= received_on` whenever both are
/// set (the dates are `YYYY-MM-DD` text, so they compare as dates). The workflow refuses such a
/// step; this keeps a bug or a hand-made change from putting it in table 三 (R1 would fail).
/// PostgreSQL takes a CHECK constraint; SQLite cannot add one to an existing table, so triggers
/// refuse the INSERT or UPDATE there, as for the audit log (`ProtectAuditEntries`).
struct CheckConclusionNotBeforeReceipt: AsyncMigration {
    static let name = "disclosure_requests_concluded_after_received"
    static let message = "concluded_on is before received_on"

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        switch sql.dialect.name {
        case "sqlite":
            for operation in ["INSERT", "UPDATE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: Self.name)_\(unsafeRaw: operation.lowercased())
                    BEFORE \(unsafeRaw: operation) ON disclosure_requests
                    WHEN NEW.concluded_on IS NOT NULL AND NEW.received_on IS NOT NULL AND NEW.concluded_on < NEW.received_on
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: Self.message)'); END
                    """
                ).run()
            }
        case "postgresql":
            try await sql.raw(
                """
                ALTER TABLE disclosure_requests ADD CONSTRAINT \(unsafeRaw: Self.name)
                CHECK (concluded_on IS NULL OR received_on IS NULL OR concluded_on >= received_on)
                """
            ).run()
        default:
            throw UnsupportedDialect(name: sql.dialect.name)
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        switch sql.dialect.name {
        case "sqlite":
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: Self.name)_insert").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: Self.name)_update").run()
        default:
            try await sql.raw("ALTER TABLE disclosure_requests DROP CONSTRAINT IF EXISTS \(unsafeRaw: Self.name)").run()
        }
    }
}
