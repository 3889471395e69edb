import Fluent
import Foundation
import GongkaiCore
import Vapor

/// Search for anyone: `GET /api/v1/publications/search?q=…&limit=…` with the page's filters
/// (`agency`, `category`, `year`, `document_number`, `sort`, `page`).
enum PublicationSearchAPI {
    static func search(req: Request) async throws -> PublicationSearchDTO {
        let search = try await PublicationSearchInput.read(req, defaultLimit: 20)
        let result = try await search.run(on: req.db)
        return PublicationSearchDTO(result, page: search.page, baseURL: req.application.settings.baseURL)
    }
}
