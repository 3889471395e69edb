import Foundation
import GongkaiCore
import Vapor

/// The published annual reports: the latest version of each, with where to read and fetch it.
struct PublishedReportListDTO: Content {
    struct Item: Codable, Sendable {
        var agency: String
        var agencyCode: String
        var year: Int
        var version: Int
        var publishedOn: CivilDate
        var links: Links
    }

    /// Paths on this site: the page, the data (API) and each download.
    struct Links: Codable, Sendable {
        var page: String
        var api: String
        var docx: String
        var pdf: String
        var json: String
        var csv: String
        var html: String
    }

    var reports: [Item]
}

extension PublishedReportListDTO.Item {
    init(_ listing: PublishedReportQuery.Listing) {
        let code = listing.agencyCode, year = listing.year
        func download(_ format: ReportExport) -> String {
            SiteURL.publicReportDownload(.value(code), .value(year), .value(format.rawValue), version: nil).path
        }
        self.init(
            agency: listing.agencyName, agencyCode: code, year: year, version: listing.versionNo, publishedOn: listing.publishedOn,
            links: .init(
                page: SiteURL.publicReport(.value(code), .value(year), version: nil).path,
                api: APIURL.publishedReport(.value(code), .value(year)).path,
                docx: download(.docx), pdf: download(.pdf), json: download(.json), csv: download(.csv), html: download(.html)))
    }
}
