import Fluent
import Foundation
import GongkaiCore
import SQLKit

/// The portal's lists of what is published: the catalogue browsed by category, subject, topic
/// column, agency and year; the newest items of the home page; the register of regulations and
/// normative documents. Newest first, on the `(…, status, published_on)` indexes; the total is
/// counted up to `countCap` so that an unfiltered page of a million items stays fast.
struct PortalListQuery: Sendable {
    static let countCap = 10_000
    static let pageSize = 20

    var agencyIDs: [Int]?
    var category: PublicationCategory?
    var subject: PublicationSubject?
    var topicID: Int?
    var year: Int?
    var normativeOnly = false
    var interpretationsOnly = false
    var page = 1
    var pageSize = PortalListQuery.pageSize

    struct Item: Sendable {
        let id: Int
        let title: String
        let agencyName: String
        let agencyCode: String
        let indexNumber: String
        let documentNumber: String
        let writtenOn: CivilDate?
        let publishedOn: CivilDate
        let category: PublicationCategory
        let normativeKind: NormativeKind?
        let validity: NormativeDocumentStatus?
        let validUntil: CivilDate?
    }

    struct Result: Sendable {
        let items: [Item]
        let total: Int
        let capped: Bool
        /// The page answered: the one asked for, or the last page with items when it was past
        /// that (`?page=999` of 13 pages is page 13; cold review 11n, L1).
        var page = 1
    }

    func run(today: CivilDate, on db: any Database, counting: Bool = true) async throws -> Result {
        let sql = try db.requireSQL()
        var q = SQLQueryString("SELECT p.id AS id FROM publications p WHERE p.status = 'published'")
        if let agencyIDs { q = q + " AND p.agency_id IN (\(binds: agencyIDs.isEmpty ? [-1] : agencyIDs))" }
        if let category { q = q + " AND p.category = \(bind: category.rawValue)" }
        if let subject { q = q + " AND p.subject = \(bind: subject.rawValue)" }
        if let topicID { q = q + " AND p.id IN (SELECT publication_id FROM publication_topics WHERE topic_column_id = \(bind: topicID))" }
        if let year { q = q + " AND p.published_on >= \(bind: "\(year)-01-01") AND p.published_on <= \(bind: "\(year)-12-31")" }
        if normativeOnly { q = q + " AND p.normative_kind IS NOT NULL" }
        if interpretationsOnly { q = q + " AND p.interprets_id IS NOT NULL" }
        var total = 0
        if counting {
            let row = try await sql.raw("SELECT COUNT(*) AS n FROM (\(q) LIMIT \(unsafeRaw: String(Self.countCap + 1))) AS c").first()
            total = try row?.decode(column: "n", as: Int.self) ?? 0
        }
        let size = max(1, min(pageSize, 100))
        var page = min(max(self.page, 1), Self.countCap / size + 1)
        if counting { page = min(page, max(1, (min(total, Self.countCap) + size - 1) / size)) }
        let offset = (page - 1) * size
        let ids = try await sql.raw("\(q) ORDER BY p.published_on DESC, p.id DESC LIMIT \(unsafeRaw: String(size)) OFFSET \(unsafeRaw: String(offset))")
            .all().map { try $0.decode(column: "id", as: Int.self) }
        let items = try await Self.items(ids, today: today, on: db)
        return Result(items: items, total: min(total, Self.countCap), capped: total > Self.countCap, page: page)
    }

    /// Rows for ids, in the order given.
    static func items(_ ids: [Int], today: CivilDate, on db: any Database) async throws -> [Item] {
        guard !ids.isEmpty else { return [] }
        let rows = try await Publication.query(on: db).filter(\.$id ~~ ids).with(\.$agency)
            .field(\.$id).field(\.$title).field(\.$indexNumber).field(\.$documentNumber).field(\.$writtenOn).field(\.$publishedOn)
            .field(\.$category).field(\.$normativeKind).field(\.$effectiveOn).field(\.$validUntil).field(\.$repealedOn).field(\.$amendedOn)
            .field(\.$formedOn).field(\.$agency.$id).all()
        let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { p in p.id.map { ($0, p) } })
        return ids.compactMap { id in
            guard let p = byID[id], let publishedOn = p.publishedOn else { return nil }
            return Item(id: id, title: p.title, agencyName: p.agency.name, agencyCode: p.agency.code, indexNumber: p.indexNumber ?? "",
                        documentNumber: p.documentNumber, writtenOn: p.writtenOn, publishedOn: publishedOn, category: p.category,
                        normativeKind: p.normativeKind, validity: p.validity(on: today), validUntil: p.validUntil)
        }
    }
}
