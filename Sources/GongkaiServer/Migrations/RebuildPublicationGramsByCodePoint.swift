import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// SQLite: the short-gram table `publication_grams` made again, with grams of code points and
/// FTS5's Unicode case fold (issue #11, cold review 11h H2 and M1). The table of
/// `CreatePublicationSearch` used the `ascii` tokenizer over grams cut by Characters: it folded
/// ASCII letters only, so `ＰＭ` or `É` found only rows of the same case where the trigram table
/// (three code points or more) found both, and `fe` missed a decomposed `café`.
///
/// The new tokenizer is `unicode61` with `remove_diacritics 0` (folding with the same function,
/// and the same parameter, as the trigram tokenizer's default case-insensitivity), every Unicode
/// category a token character and the space the only separator, over
/// `SearchText.shortGramTokens`, which keeps every code point. The published publications are
/// indexed again in the same transaction: a failure leaves the old table. PostgreSQL: nothing
/// (`gongkai_grams` already keeps every code point and folds with `lower()`).
struct RebuildPublicationGramsByCodePoint: AsyncMigration {
    /// The gram table's tokenizer (the benchmark and the tests create the same table).
    static let tokenizer = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S* Z* C*' separators ' '"
    func prepare(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.transaction { tx in
            let sql = try tx.requireSQL()
            try await sql.raw("DROP TABLE IF EXISTS publication_grams").run()
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE publication_grams USING fts5(title, body, content='', contentless_delete=1, \
                tokenize=\(unsafeRaw: "\"" + Self.tokenizer + "\""))
                """
            ).run()
            try await Self.refill(sql)
        }
    }

    /// The published publications' grams (`PublicationSearchTableFill`).
    static func refill(_ sql: any SQLDatabase) async throws {
        try await PublicationSearchTableFill.fill(sql, table: "publication_grams", tokens: SearchText.shortGramTokens(of:))
    }

    /// The table stays as it is: the character grams of before were the defect, and the code
    /// cannot make them any more. Reverting `CreatePublicationSearch` drops it.
    func revert(on database: any Database) async throws {}
}
