import Fluent

// Shipped: creates the table under its first name; RenameReviewCasesToChallengeCases renames it.

struct CreateReviewCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("review_cases")
            .field(.id, .int, .identifier(auto: true))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("agency_id", .int, .required, .references(Agency.schema, .id, onDelete: .restrict))
            .field("request_id", .int, .references(DisclosureRequest.schema, .id, onDelete: .setNull))
            .field("kind", .string, .required)
            .field("filed_on", .string, .required)
            .field("body", .string, .required)
            .field("case_number", .string, .required)
            .field("result", .string, .required)
            .field("decided_on", .string)
            .field("summary", .string, .required)
            .field("reopened_request_id", .int, .references(DisclosureRequest.schema, .id, onDelete: .setNull))
            .create()
        try await database.sqlIndex(on: "review_cases", "agency_id", "filed_on")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("review_cases").delete()
    }
}
