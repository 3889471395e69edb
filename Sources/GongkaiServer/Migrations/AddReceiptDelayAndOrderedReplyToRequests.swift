import Fluent

/// Art. 31: why a receipt was confirmed later than the day the application arrived; and, for a
/// request reopened by a reconsideration decision or judgment, the date and basis of the reply it
/// ordered. One column per statement: SQLite adds a single column per ALTER TABLE.
struct AddReceiptDelayAndOrderedReplyToRequests: AsyncMigration {
    static let columns = ["receipt_delay_reason", "ordered_due_on", "ordered_basis"]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(DisclosureRequest.schema).field(.init(stringLiteral: column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(DisclosureRequest.schema).deleteField(.init(stringLiteral: column)).update()
        }
    }
}
