import Fluent
import SQLKit

/// "Review" is the glossary's word for 审核 (the publication review chain); the register of
/// reconsideration and litigation cases is the challenge register. Renames its table and index,
/// and the history entries that named it.
struct RenameReviewCasesToChallengeCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("ALTER TABLE review_cases RENAME TO challenge_cases").run()
        try await sql.raw("DROP INDEX review_cases_agency_id_filed_on_idx").run()
        try await database.sqlIndex(on: ChallengeCase.schema, "agency_id", "filed_on")
        try await sql.raw("UPDATE request_events SET kind = 'challenge_corrected' WHERE kind = 'review_corrected'").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.requireSQL()
        try await sql.raw("UPDATE request_events SET kind = 'review_corrected' WHERE kind = 'challenge_corrected'").run()
        try await sql.raw("DROP INDEX challenge_cases_agency_id_filed_on_idx").run()
        try await sql.raw("ALTER TABLE challenge_cases RENAME TO review_cases").run()
        try await database.sqlIndex(on: "review_cases", "agency_id", "filed_on")
    }
}
