import Foundation
import GongkaiCore
import Vapor

/// `GET /api/v1/publications/search`: `{ "total", "items": [{ "title", "index_number", "agency",
/// "published_on", "snippet", "url" }] }`. `capped` says the total is a lower bound.
struct PublicationSearchDTO: Content {
    struct Item: Content {
        var title: String
        var indexNumber: String
        var documentNumber: String
        var agency: String
        var publishedOn: CivilDate
        var category: PublicationCategory
        /// The text around the first hit, plain.
        var snippet: String
        /// The same with the hits in `<mark>`, HTML-escaped.
        var snippetHtml: String
        /// The public page, absolute.
        var url: String
    }

    var total: Int
    var capped: Bool
    var page: Int
    var items: [Item]
    /// Why nothing was searched for (no term and no 文号), in Chinese; absent otherwise.
    var hint: String?

    init(_ result: PublicationSearch.Result, page: Int, baseURL: String) {
        total = result.total
        capped = result.capped
        self.page = page
        hint = result.hint
        items = result.hits.map { hit in
            Item(title: hit.title, indexNumber: hit.indexNumber, documentNumber: hit.documentNumber, agency: hit.agencyName,
                 publishedOn: hit.publishedOn, category: hit.category, snippet: hit.snippet.map(\.text).joined(),
                 snippetHtml: hit.snippet.map { $0.isHit ? "<mark>" + Node.escape($0.text) + "</mark>" : Node.escape($0.text) }.joined(),
                 url: baseURL + SiteURL.portalPublication(.value(hit.id)).path)
        }
    }
}
