import Fluent

/// Art. 30: why a correction received after its deadline was accepted; and the period a
/// corrective decision set in days (N 日 or N 个工作日 from its receipt), kept as the decision
/// says it on the case and on the reopened request, so the clock counts it — also when the
/// year it ends in has no holiday schedule yet. One column per statement: SQLite adds a single
/// column per ALTER TABLE.
struct AddCorrectionLateReasonAndOrderedDays: AsyncMigration {
    static let columns: [(table: String, column: String, type: DatabaseSchema.DataType)] = [
        (DisclosureRequest.schema, "correction_late_reason", .string),
        (DisclosureRequest.schema, "ordered_days", .int),
        (DisclosureRequest.schema, "ordered_days_kind", .string),
        (ChallengeCase.schema, "ordered_days", .int),
        (ChallengeCase.schema, "ordered_days_kind", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (table, column, type) in Self.columns {
            try await database.schema(table).field(.init(stringLiteral: column), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (table, column, _) in Self.columns.reversed() {
            try await database.schema(table).deleteField(.init(stringLiteral: column)).update()
        }
    }
}
