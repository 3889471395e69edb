import Foundation
import GongkaiCore

/// sitemap.xml (sitemaps.org 0.9): the portal's pages and its newest publications, at most
/// `limit` URLs in all (the protocol's limit per file is 50,000).
enum Sitemap {
    static let limit = 50_000

    static func render(baseURL: String, pages: [String], publications: [(id: Int, day: CivilDate)]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in pages { out += "  <url><loc>\(Node.escape(baseURL + path))</loc></url>\n" }
        for p in publications.prefix(max(0, limit - pages.count)) {
            out += "  <url><loc>\(Node.escape(baseURL + SiteURL.portalPublication(.value(p.id)).path))</loc><lastmod>\(p.day.iso)</lastmod></url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
