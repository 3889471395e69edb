import Fluent
import Foundation
import GongkaiCore
import Vapor

/// The search page's and the API's query string, read the same way.
enum PublicationSearchInput {
    static func read(_ req: Request, defaultLimit: Int) async throws -> PublicationSearch {
        var s = PublicationSearch(query: req.query[String.self, at: "q"] ?? "")
        s.timeLimitMilliseconds = req.application.settings.searchTimeLimitMilliseconds
        // Counted in code points: one Character may carry any number of combining marks (review 11k, L4).
        if s.query.unicodeScalars.count > 200 { throw AppError.validation(["q": "检索词不能超过 200 字"]) }
        if hasControlCharacter(s.query) { throw AppError.validation(["q": controlCharacterMessage]) }
        if let code = req.query[String.self, at: "agency"], !code.isEmpty {
            guard let agency = try await Agency.query(on: req.db).filter(\.$code == code).first() else {
                throw AppError.validation(["agency": "机构“\(code)”不存在"])
            }
            s.agencyID = agency.id
        }
        if let text = req.query[String.self, at: "category"], !text.isEmpty {
            guard let category = PublicationCategory(rawValue: text) else { throw AppError.validation(["category": "category 应为 overview、affairs 或 catalogue"]) }
            s.category = category
        }
        if let text = req.query[String.self, at: "year"], !text.isEmpty {
            guard let year = Int(text), (2000...2100).contains(year) else { throw AppError.validation(["year": "year 应为四位年份"]) }
            s.year = year
        }
        let documentNumber = (req.query[String.self, at: "document_number"] ?? "").trimmingCharacters(in: .whitespaces)
        if hasControlCharacter(documentNumber) { throw AppError.validation(["document_number": controlCharacterMessage]) }
        s.documentNumber = String(String.UnicodeScalarView(documentNumber.unicodeScalars.prefix(50)))
        if let text = req.query[String.self, at: "sort"], !text.isEmpty {
            guard let sort = PublicationSearch.Sort(rawValue: text) else { throw AppError.validation(["sort": "sort 应为 relevance 或 date"]) }
            s.sort = sort
        }
        if let text = req.query[String.self, at: "limit"], !text.isEmpty {
            guard let limit = Int(text), (1...PublicationSearch.maxPageSize).contains(limit) else {
                throw AppError.validation(["limit": "limit 应为 1–\(PublicationSearch.maxPageSize) 之间的整数"])
            }
            s.pageSize = limit
        } else {
            s.pageSize = defaultLimit
        }
        // A page past the last one the pager offers (the capped total's: 50 of 20) is that last
        // page, as the catalogue's pages are: hits 1,001–1,020 were listed for `page=51` (review 11k).
        s.page = min(PageNumber.parse(req.query[String.self, at: "page"]), PublicationSearch.lastPage(pageSize: s.pageSize))
        return s
    }

    /// A control character other than a tab or line break (NUL above all) is never in published
    /// text: PostgreSQL refuses a NUL in a string and FTS5 a query with one, which answered 500
    /// (review 11k, M1).
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && !["\t", "\n", "\r"].contains($0) }
    }

    static let controlCharacterMessage = "检索词含有不可见的控制字符（如 U+0000），请删除后再试"
}
