import Fluent

/// What a decision in a challenge case says beyond its result: when the agency received it (or
/// the judgment took effect), the date it orders a new reply by and on what basis; and whether
/// the registering agency is the reconsideration body sued as co-defendant (2021 format notice:
/// such a case is counted only by the original agency in table 四).
struct AddDecisionFactsToChallengeCases: AsyncMigration {
    static let textColumns = ["decision_received_on", "ordered_reply_on", "order_basis"]

    func prepare(on database: any Database) async throws {
        for column in Self.textColumns {
            try await database.schema(ChallengeCase.schema).field(.init(stringLiteral: column), .string).update()
        }
        try await database.schema(ChallengeCase.schema)
            .field(.definition(name: .key("as_co_defendant"), dataType: .bool, constraints: [.required, .sql(.default(false))]))
            .update()
    }

    func revert(on database: any Database) async throws {
        for column in Self.textColumns + ["as_co_defendant"] {
            try await database.schema(ChallengeCase.schema).deleteField(.init(stringLiteral: column)).update()
        }
    }
}
