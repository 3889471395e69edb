import Fluent

/// Where an applicant may challenge the agency's replies: named in every reply letter.
/// One column per statement: SQLite adds a single column per ALTER TABLE.
struct AddRemediesToAgencies: AsyncMigration {
    static let columns = ["reconsideration_body", "litigation_court"]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(Agency.schema).field(.definition(name: .key(.init(stringLiteral: column)), dataType: .string,
                                                                         constraints: [.required, .sql(.default(""))])).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(Agency.schema).deleteField(.init(stringLiteral: column)).update()
        }
    }
}
