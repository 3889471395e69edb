import Fluent
import SQLKit

/// A reply re-made after a corrective decision is not a new application (docs/requests.md): the
/// year statistics leave reopened requests out, by their `source`. The covering indexes they
/// read gain that column, so the condition is still answered from the index alone (SQLite does
/// not treat a partial index as covering when the query names a column outside it).
struct IndexStatisticsWithoutReopenedRequests: AsyncMigration {
    static let received = "disclosure_requests_statistics_received_idx"
    static let concluded = "disclosure_requests_statistics_concluded_idx"

    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX disclosure_requests_agency_id_received_on_applicant_kind_idx").run()
        try await sql.raw("DROP INDEX disclosure_requests_agency_id_concluded_on_received_on_outcome_applicant_kind_idx").run()
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: Self.received) ON disclosure_requests (agency_id, received_on, applicant_kind, source)
            """).run()
        try await sql.raw("""
            CREATE INDEX \(unsafeRaw: Self.concluded) ON disclosure_requests (agency_id, concluded_on, received_on, outcome, applicant_kind, source)
            """).run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("DROP INDEX \(unsafeRaw: Self.received)").run()
        try await sql.raw("DROP INDEX \(unsafeRaw: Self.concluded)").run()
        try await database.sqlIndex(on: DisclosureRequest.schema, "agency_id", "received_on", "applicant_kind")
        try await database.sqlIndex(on: DisclosureRequest.schema, "agency_id", "concluded_on", "received_on", "outcome", "applicant_kind")
    }
}
