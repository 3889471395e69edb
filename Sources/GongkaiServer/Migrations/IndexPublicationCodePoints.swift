import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// SQLite: the table `publication_code_points`, each code point of a published title and body a
/// token of its own (`SearchText.codePointTokens`), for the search of a one-code-point term
/// (issue #11, “的”, “，”). In the gram table such a term is the prefix query `"x"*`, and FTS5
/// merges the doclists of every gram starting with it before the first row: “的” about 1 s and
/// “，” 2 s at 100,000 publications. Here it is one token: one doclist, walked newest first and
/// stopped at the page or the count's cap like any other term (docs/benchmarks.md).
///
/// The tokenizer is the gram table's (`RebuildPublicationGramsByCodePoint.tokenizer`), so a code
/// point is folded as there and a term finds the same rows. The published publications are
/// indexed in the same transaction: a failure leaves no table. PostgreSQL: nothing (its gram
/// index already holds every code point).
struct IndexPublicationCodePoints: AsyncMigration {
    static let table = "publication_code_points"
    func prepare(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.transaction { tx in
            let sql = try tx.requireSQL()
            try await sql.raw("DROP TABLE IF EXISTS publication_code_points").run()
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE publication_code_points USING fts5(title, body, content='', contentless_delete=1, \
                tokenize=\(unsafeRaw: "\"" + RebuildPublicationGramsByCodePoint.tokenizer + "\""))
                """
            ).run()
            try await Self.fill(sql)
        }
    }

    /// The published publications' code points (`PublicationSearchTableFill`).
    static func fill(_ sql: any SQLDatabase) async throws {
        try await PublicationSearchTableFill.fill(sql, table: table, tokens: SearchText.codePointTokens(of:))
    }

    func revert(on database: any Database) async throws {
        guard !database.isPostgres else { return }
        try await database.requireSQL().raw("DROP TABLE IF EXISTS publication_code_points").run()
    }
}
