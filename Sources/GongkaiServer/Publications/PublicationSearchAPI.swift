import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Search for anyone: `GET /api/v1/publications/search?q=…&limit=…` with the page's filters
/// (`agency`, `category`, `year`, `document_number`, `sort`, `page`; a 文号 alone is a search
/// too, and no term and no 文号 answers a `hint`). Answers go through the
/// portal's page cache, keyed by the search, as the search page's do.
enum PublicationSearchAPI {
    static func search(req: Request) async throws -> Response {
        let search = try await PublicationSearchInput.read(req, defaultLimit: 20)
        return try await req.portalPage(contentType: "application/json; charset=utf-8", keyedBy: search.cacheKey) { _ in
            let result = try await search.answer(on: req.db)
            let dto = PublicationSearchDTO(result, page: result.page, baseURL: req.application.settings.baseURL)
            return String(decoding: try JSONCoding.encoder().encode(dto), as: UTF8.self)
        }
    }
}
